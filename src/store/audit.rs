//! The audit log: who did what, when. Rows are only ever added (triggers
//! refuse updates and deletes).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, StoreResult};

/// One thing worth recording, written in the transaction of the change.
pub struct NewEntry<'a> {
    pub at: DateTime<Utc>,
    /// The user or device that did it; `None` for the operator at the
    /// machine (command line, first-run setup) or the system itself.
    pub actor: Option<Uuid>,
    pub action: &'a str,
    /// What it was done to: an order number, a username, a device name.
    pub subject: &'a str,
    /// Anything else worth keeping, as a JSON object.
    pub detail: &'a serde_json::Value,
}

pub fn insert(conn: &Connection, e: &NewEntry<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, subject, detail)
         VALUES (?1, ?2, COALESCE((SELECT CASE WHEN device_kind IS NULL THEN username ELSE display_name END
                     FROM users WHERE id = ?2), 'system'), ?3, ?4, ?5)",
    )?
    .execute(params![
        ts(e.at),
        e.actor.map(|u| u.to_string()),
        e.action,
        e.subject,
        e.detail.to_string()
    ])?;
    Ok(())
}

pub struct EntryRow {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub action: String,
    pub subject: String,
    pub detail: serde_json::Value,
}

/// The newest `limit` entries before `before` (a `seq`), newest first.
pub fn page(conn: &Connection, before: Option<i64>, limit: u32) -> StoreResult<Vec<EntryRow>> {
    row::all(
        conn,
        "SELECT seq, at, actor_id, actor_name, action, subject, detail FROM audit_log
         WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2",
        params![before.unwrap_or(i64::MAX), limit],
        |r| {
            Ok(EntryRow {
                seq: r.get("seq")?,
                at: row::time(r, "at")?,
                actor_id: row::opt_uuid(r, "actor_id")?,
                actor_name: r.get("actor_name")?,
                action: r.get("action")?,
                subject: r.get("subject")?,
                detail: serde_json::from_str(&r.get::<_, String>("detail")?)
                    .unwrap_or(serde_json::Value::Null),
            })
        },
    )
}
