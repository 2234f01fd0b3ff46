//! Pairing codes and paired devices.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::users::DeviceKind;
use super::{parse_uuid, row, ts, Conflict, StoreError, StoreResult};

pub fn insert_code(
    conn: &Connection,
    code_hash: &str,
    name: &str,
    kind: DeviceKind,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO pairing_codes (code_hash, name, device_kind, created_by, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        code_hash,
        name,
        kind.as_str(),
        created_by.map(|u| u.to_string()),
        ts(now),
        ts(expires_at)
    ])
    .map_err(|e| StoreError::from_unique(e, |_| Conflict::PairingCode))?;
    Ok(())
}

/// Marks an unused, unexpired code with fewer than `max_failures` wrong
/// tries used, and returns the device name and kind it was made for; `None`
/// when there is no such live code.
pub fn redeem_code(
    conn: &Connection,
    code_hash: &str,
    now: DateTime<Utc>,
    max_failures: u32,
) -> StoreResult<Option<Redeemed>> {
    let found: Option<(String, String, Option<String>)> = conn
        .prepare_cached(
            "UPDATE pairing_codes SET used_at = ?2
             WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2 AND failures < ?3
             RETURNING name, device_kind, created_by",
        )?
        .query_row(params![code_hash, ts(now), max_failures], |r| {
            Ok((r.get("name")?, r.get("device_kind")?, r.get("created_by")?))
        })
        .optional()?;
    found
        .map(|(name, kind, by)| {
            Ok(Redeemed {
                name,
                kind: DeviceKind::parse(&kind)?,
                created_by: by.as_deref().map(parse_uuid).transpose()?,
            })
        })
        .transpose()
}

/// A pairing code just used: the device's name and kind, and the admin who made the code.
pub struct Redeemed {
    pub name: String,
    pub kind: DeviceKind,
    pub created_by: Option<Uuid>,
}

/// Counts a wrong code against every live code.
pub fn count_failure(conn: &Connection, now: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE pairing_codes SET failures = failures + 1 WHERE used_at IS NULL AND expires_at > ?1",
    )?
    .execute([ts(now)])?;
    Ok(())
}

pub struct DeviceRow {
    pub id: Uuid,
    pub name: String,
    pub kind: DeviceKind,
    pub created_at: DateTime<Utc>,
    pub revoked: bool,
}

pub fn list(conn: &Connection) -> StoreResult<Vec<DeviceRow>> {
    row::all(
        conn,
        "SELECT id, display_name, device_kind, created_at, disabled FROM users
         WHERE role = 'kiosk' ORDER BY created_at",
        [],
        |r| {
            Ok(DeviceRow {
                id: row::uuid(r, "id")?,
                name: r.get("display_name")?,
                kind: DeviceKind::parse(
                    r.get::<_, Option<String>>("device_kind")?
                        .as_deref()
                        .unwrap_or("kiosk"),
                )?,
                created_at: row::time(r, "created_at")?,
                revoked: r.get("disabled")?,
            })
        },
    )
}

/// Disables a device and revokes every token family of it. Returns its name
/// and the revoked family ids, or `None` when there is no such device.
pub fn revoke(
    conn: &Connection,
    id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<Option<(String, Vec<Uuid>)>> {
    let name: Option<String> = conn
        .prepare_cached(
            "UPDATE users SET disabled = 1 WHERE id = ?1 AND role = 'kiosk' RETURNING display_name",
        )?
        .query_row([id.to_string()], |r| r.get("display_name"))
        .optional()?;
    let Some(name) = name else {
        return Ok(None);
    };
    let families = super::users::revoke_all(conn, id, now)?;
    Ok(Some((name, families)))
}
