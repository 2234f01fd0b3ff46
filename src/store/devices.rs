//! Pairing codes and paired devices.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{row, ts, Conflict, StoreError, StoreResult};

pub fn insert_code(
    conn: &Connection,
    code_hash: &str,
    name: &str,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO pairing_codes (code_hash, name, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![code_hash, name, created_by.map(|u| u.to_string()), ts(now), ts(expires_at)])
    .map_err(|e| StoreError::from_unique(e, |_| Conflict::PairingCode))?;
    Ok(())
}

/// Marks an unused, unexpired code used and returns the device name it was
/// made for; `None` when there is no such live code.
pub fn redeem_code(
    conn: &Connection,
    code_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<String>> {
    let name: Option<String> = conn
        .prepare_cached(
            "UPDATE pairing_codes SET used_at = ?2
             WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2
             RETURNING name",
        )?
        .query_row(params![code_hash, ts(now)], |r| r.get("name"))
        .optional()?;
    Ok(name)
}

pub struct DeviceRow {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked: bool,
}

pub fn list(conn: &Connection) -> StoreResult<Vec<DeviceRow>> {
    row::all(
        conn,
        "SELECT id, display_name, created_at, disabled FROM users WHERE role = 'kiosk' ORDER BY created_at", [], |r| {
        Ok(DeviceRow {
            id: row::uuid(r, "id")?,
            name: r.get("display_name")?,
            created_at: row::time(r, "created_at")?,
            revoked: r.get("disabled")?,
        })
    })
}

/// Disables a device and revokes every token family of it. Returns the
/// revoked family ids, or `None` when there is no such device.
pub fn revoke(conn: &Connection, id: Uuid, now: DateTime<Utc>) -> StoreResult<Option<Vec<Uuid>>> {
    let n = conn
        .prepare_cached("UPDATE users SET disabled = 1 WHERE id = ?1 AND role = 'kiosk'")?
        .execute([id.to_string()])?;
    if n == 0 {
        return Ok(None);
    }
    let families = super::users::revoke_all(conn, id, now)?;
    Ok(Some(families))
}
