//! Accounts, refresh-token families and refresh tokens.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::{row, ts, Conflict, StoreError, StoreResult};
use crate::domain::user::Role;

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub pin_hash: Option<String>,
    pub disabled: bool,
    /// For paired devices: a customer kiosk or a staff terminal.
    pub device_kind: Option<DeviceKind>,
}

/// What a paired device is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DeviceKind {
    /// A customer kiosk: orders for customers.
    Kiosk,
    /// A staff terminal: a till where cashiers may sign in with their PIN.
    Terminal,
}

impl DeviceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Kiosk => "kiosk",
            DeviceKind::Terminal => "terminal",
        }
    }

    pub fn parse(s: &str) -> StoreResult<DeviceKind> {
        match s {
            "kiosk" => Ok(DeviceKind::Kiosk),
            "terminal" => Ok(DeviceKind::Terminal),
            other => Err(StoreError::Corrupt(format!(
                "unknown device kind {other:?}"
            ))),
        }
    }
}

const USER_COLS: &str =
    "id, username, role, display_name, password_hash, pin_hash, disabled, device_kind";

fn user_from_row(r: &Row<'_>) -> StoreResult<UserRow> {
    let role = r
        .get::<_, String>("role")?
        .parse::<Role>()
        .map_err(|e| StoreError::Corrupt(e.message))?;
    Ok(UserRow {
        id: row::uuid(r, "id")?,
        username: r.get("username")?,
        role,
        display_name: r.get("display_name")?,
        password_hash: r.get("password_hash")?,
        pin_hash: r.get("pin_hash")?,
        disabled: r.get("disabled")?,
        device_kind: r
            .get::<_, Option<String>>("device_kind")?
            .as_deref()
            .map(DeviceKind::parse)
            .transpose()?,
    })
}

/// The user `column` = `value` names, if any.
fn user_where(conn: &Connection, column: &str, value: &str) -> StoreResult<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE {column} = ?1");
    row::first(conn, &sql, [value], user_from_row)
}

pub struct NewUser<'a> {
    pub id: Uuid,
    pub username: &'a str,
    pub role: Role,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub pin_hash: Option<&'a str>,
    pub pin_lookup: Option<&'a str>,
    pub device_kind: Option<DeviceKind>,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &Connection, u: &NewUser<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO users (id, username, role, display_name, password_hash, pin_hash, pin_lookup, device_kind, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        u.id.to_string(),
        u.username,
        u.role.as_str(),
        u.display_name,
        u.password_hash,
        u.pin_hash,
        u.pin_lookup,
        u.device_kind.map(DeviceKind::as_str),
        ts(u.created_at)
    ])
    .map_err(|e| StoreError::from_unique(e, |column| {
        if column.contains("pin_lookup") {
            Conflict::Pin
        } else {
            Conflict::Username
        }
    }))?;
    Ok(())
}

pub fn by_username(conn: &Connection, username: &str) -> StoreResult<Option<UserRow>> {
    user_where(conn, "username", username)
}

pub fn by_pin_lookup(conn: &Connection, lookup: &str) -> StoreResult<Option<UserRow>> {
    user_where(conn, "pin_lookup", lookup)
}

pub fn by_id(conn: &Connection, id: Uuid) -> StoreResult<Option<UserRow>> {
    user_where(conn, "id", &id.to_string())
}

/// Enabled admin accounts.
pub fn count_admins(conn: &Connection) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0")?
        .query_row([], |r| r.get(0))?)
}

pub fn count(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
}

// ---- token families and refresh tokens -------------------------------------

pub fn insert_family(
    conn: &Connection,
    id: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO token_families (id, user_id, created_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id.to_string(), user_id.to_string(), ts(now)])?;
    Ok(())
}

pub fn revoke_family(conn: &Connection, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE token_families SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
    )?
    .execute(params![id.to_string(), ts(now)])?;
    Ok(())
}

/// `Some(true)` if revoked, `Some(false)` if live, `None` if unknown.
pub fn family_revoked(conn: &Connection, id: Uuid) -> StoreResult<Option<bool>> {
    Ok(conn
        .prepare_cached(
            "SELECT revoked_at IS NOT NULL AS revoked FROM token_families WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| r.get("revoked"))
        .optional()?)
}

pub fn insert_refresh(
    conn: &Connection,
    token_hash: &str,
    family_id: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![token_hash, family_id.to_string(), ts(now), ts(expires_at)])?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct RefreshRow {
    pub family_id: Uuid,
    pub user: UserRow,
    pub expires_at: DateTime<Utc>,
    pub spent_at: Option<DateTime<Utc>>,
    /// The token issued when this one was spent.
    pub replaced_by: Option<String>,
    /// Digest of the Idempotency-Key of the refresh that spent it.
    pub spent_key: Option<String>,
    /// Whether this token was already answered a second time.
    pub grace_used: bool,
    pub family_revoked: bool,
}

pub fn find_refresh(conn: &Connection, token_hash: &str) -> StoreResult<Option<RefreshRow>> {
    let token = row::first(
        conn,
        "SELECT t.family_id AS family_id, t.expires_at AS expires_at, t.spent_at AS spent_at,
                t.replaced_by AS replaced_by, t.spent_key AS spent_key,
                t.grace_used_at IS NOT NULL AS grace_used,
                f.revoked_at IS NOT NULL AS family_revoked, f.user_id AS user_id
         FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id
         WHERE t.token_hash = ?1",
        [token_hash],
        |r| {
            let user_id = row::uuid(r, "user_id")?;
            let family_id = row::uuid(r, "family_id")?;
            let expires_at = row::time(r, "expires_at")?;
            let spent_at = row::opt_time(r, "spent_at")?;
            let replaced_by: Option<String> = r.get("replaced_by")?;
            let spent_key: Option<String> = r.get("spent_key")?;
            let grace_used: bool = r.get("grace_used")?;
            let family_revoked: bool = r.get("family_revoked")?;
            // The user is read next, by id.
            let with_user = move |user| RefreshRow {
                family_id,
                user,
                expires_at,
                spent_at,
                replaced_by,
                spent_key,
                grace_used,
                family_revoked,
            };
            Ok((user_id, with_user))
        },
    )?;
    let Some((user_id, with_user)) = token else {
        return Ok(None);
    };
    let user = by_id(conn, user_id)?
        .ok_or_else(|| StoreError::Corrupt("token family without user".into()))?;
    Ok(Some(with_user(user)))
}

/// Marks the token spent, replaced by `next`, by a refresh sent with the
/// Idempotency-Key digest `key`; false if it already was spent (a
/// concurrent refresh won).
pub fn spend_refresh(
    conn: &Connection,
    token_hash: &str,
    next: &str,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE refresh_tokens SET spent_at = ?2, replaced_by = ?3, spent_key = ?4
             WHERE token_hash = ?1 AND spent_at IS NULL",
        )?
        .execute(params![token_hash, ts(now), next, key])?;
    Ok(n == 1)
}

/// Answers a spent token once more (its answer was lost): the token it was
/// replaced by, never used, is spent in favour of `next`. False when the
/// grace was used already or the replacement has been used meanwhile.
pub fn regrant_refresh(
    conn: &Connection,
    token_hash: &str,
    replaced_by: &str,
    next: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let lost = conn
        .prepare_cached(
            "UPDATE refresh_tokens SET spent_at = ?2 WHERE token_hash = ?1 AND spent_at IS NULL",
        )?
        .execute(params![replaced_by, ts(now)])?;
    if lost != 1 {
        return Ok(false);
    }
    let n = conn
        .prepare_cached(
            "UPDATE refresh_tokens SET grace_used_at = ?2, replaced_by = ?3
             WHERE token_hash = ?1 AND grace_used_at IS NULL",
        )?
        .execute(params![token_hash, ts(now), next])?;
    Ok(n == 1)
}

/// Staff accounts (not customers or devices), by username.
pub fn staff(conn: &Connection) -> StoreResult<Vec<UserRow>> {
    let sql = format!(
        "SELECT {USER_COLS} FROM users WHERE role IN ('admin','cashier','kitchen') ORDER BY username"
    );
    row::all(conn, &sql, [], user_from_row)
}

/// Changes a staff account: disabled flag and/or credentials.
pub fn update_staff(
    conn: &Connection,
    id: Uuid,
    disabled: Option<bool>,
    password_hash: Option<&str>,
    pin: Option<(&str, &str)>,
) -> StoreResult<()> {
    if let Some(d) = disabled {
        conn.prepare_cached("UPDATE users SET disabled = ?2 WHERE id = ?1")?
            .execute(params![id.to_string(), d])?;
    }
    if let Some(h) = password_hash {
        conn.prepare_cached("UPDATE users SET password_hash = ?2 WHERE id = ?1")?
            .execute(params![id.to_string(), h])?;
    }
    if let Some((hash, lookup)) = pin {
        conn.prepare_cached("UPDATE users SET pin_hash = ?2, pin_lookup = ?3 WHERE id = ?1")?
            .execute(params![id.to_string(), hash, lookup])
            .map_err(|e| StoreError::from_unique(e, |_| Conflict::Pin))?;
    }
    Ok(())
}

/// Revokes every live token family of a user; returns their ids.
pub fn revoke_all(conn: &Connection, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<Vec<Uuid>> {
    let ids = row::all(
        conn,
        "SELECT id FROM token_families WHERE user_id = ?1 AND revoked_at IS NULL",
        [user_id.to_string()],
        |r| row::uuid(r, "id"),
    )?;
    conn.prepare_cached(
        "UPDATE token_families SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL",
    )?
    .execute(params![user_id.to_string(), ts(now)])?;
    Ok(ids)
}
