//! The admins' inbox: notifications with a kind, the values a client words
//! them with, and whether they were read. A notification with a `dedupe_key`
//! is written once while another with that key holds it (see [`release`]).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use uuid::Uuid;

use super::{row, ts, StoreResult};

pub struct NewNotification<'a> {
    pub id: Uuid,
    pub kind: &'a str,
    /// A JSON object.
    pub params: &'a str,
    pub message: &'a str,
    pub dedupe_key: Option<&'a str>,
    pub at: DateTime<Utc>,
}

pub struct NotificationRow {
    pub id: Uuid,
    pub kind: String,
    pub params: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

fn from_row(r: &Row<'_>) -> StoreResult<NotificationRow> {
    Ok(NotificationRow {
        id: row::uuid(r, "id")?,
        kind: r.get("kind")?,
        params: r.get("params")?,
        message: r.get("message")?,
        created_at: row::time(r, "created_at")?,
        read_at: row::opt_time(r, "read_at")?,
    })
}

/// Writes the notification; false (nothing written) when one with its
/// `dedupe_key` holds the key.
pub fn insert(conn: &Connection, n: &NewNotification<'_>) -> StoreResult<bool> {
    let written = conn
        .prepare_cached(
            "INSERT INTO notifications (id, kind, params, message, dedupe_key, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (dedupe_key) DO NOTHING",
        )?
        .execute(params![
            n.id.to_string(),
            n.kind,
            n.params,
            n.message,
            n.dedupe_key,
            ts(n.at)
        ])?;
    Ok(written > 0)
}

/// Frees `key`: the next notification with it is written again (the
/// printer is back, so its next fault is news).
pub fn release(conn: &Connection, key: &str) -> StoreResult<()> {
    conn.prepare_cached("UPDATE notifications SET dedupe_key = NULL WHERE dedupe_key = ?1")?
        .execute([key])?;
    Ok(())
}

pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<NotificationRow>> {
    row::first(
        conn,
        "SELECT id, kind, params, message, created_at, read_at FROM notifications WHERE id = ?1",
        [id.to_string()],
        from_row,
    )
}

/// The newest `limit` notifications (only the unread ones when
/// `unread_only`), newest first; with `before`, those older than that one
/// (the next page).
pub fn list(
    conn: &Connection,
    before: Option<Uuid>,
    unread_only: bool,
    limit: u32,
) -> StoreResult<Vec<NotificationRow>> {
    row::all(
        conn,
        "SELECT id, kind, params, message, created_at, read_at FROM notifications
         WHERE (?1 IS NULL OR (created_at, id) <
                (SELECT created_at, id FROM notifications WHERE id = ?1))
           AND (?2 = 0 OR read_at IS NULL)
         ORDER BY created_at DESC, id DESC LIMIT ?3",
        params![before.map(|u| u.to_string()), unread_only, limit],
        from_row,
    )
}

pub fn unread(conn: &Connection) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM notifications WHERE read_at IS NULL")?
        .query_row([], |r| r.get(0))?)
}

/// Marks one read (kept as it is when read already); false when there is
/// no such notification.
pub fn mark_read(conn: &Connection, id: Uuid, at: DateTime<Utc>) -> StoreResult<bool> {
    conn.prepare_cached("UPDATE notifications SET read_at = coalesce(read_at, ?2) WHERE id = ?1")?
        .execute(params![id.to_string(), ts(at)])
        .map(|n| n > 0)
        .map_err(Into::into)
}

/// Marks every unread one read; how many that was.
pub fn mark_all_read(conn: &Connection, at: DateTime<Utc>) -> StoreResult<usize> {
    Ok(conn
        .prepare_cached("UPDATE notifications SET read_at = ?1 WHERE read_at IS NULL")?
        .execute([ts(at)])?)
}

/// Whether a notification holds `key`.
pub fn held(conn: &Connection, key: &str) -> StoreResult<bool> {
    Ok(row::first(
        conn,
        "SELECT 1 FROM notifications WHERE dedupe_key = ?1",
        [key],
        |_| Ok(()),
    )?
    .is_some())
}
