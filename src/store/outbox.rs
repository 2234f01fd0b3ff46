//! The outbox: each sale's events for head office, written in the sale's
//! own transaction (by the store functions that record orders, payments,
//! refunds, status changes and shift closes), read oldest first by the
//! pusher and marked sent once head office has acknowledged them.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{parse_ts, row, ts, StoreError, StoreResult};
use crate::sync::wire::{Event, Payload};

/// Adds `payload`, which happened at `at`, in the caller's transaction.
pub fn push(conn: &Connection, at: DateTime<Utc>, payload: &Payload) -> StoreResult<()> {
    let body = serde_json::to_string(payload)
        .map_err(|e| StoreError::Corrupt(format!("an outbox event does not serialise: {e}")))?;
    conn.prepare_cached("INSERT INTO outbox (id, kind, at, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![
            Uuid::now_v7().to_string(),
            payload.kind(),
            ts(at),
            body
        ])?;
    Ok(())
}

/// Up to `limit` events not yet acknowledged, oldest first.
pub fn pending(conn: &Connection, limit: u32) -> StoreResult<Vec<Event>> {
    events(
        conn,
        "SELECT seq, id, at, body FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?1",
        limit,
    )
}

/// Every event, sent or not, oldest first (to send everything again: head
/// office keeps each once).
pub fn all(conn: &Connection) -> StoreResult<Vec<Event>> {
    events(
        conn,
        "SELECT seq, id, at, body FROM outbox ORDER BY seq LIMIT ?1",
        u32::MAX,
    )
}

fn events(conn: &Connection, sql: &str, limit: u32) -> StoreResult<Vec<Event>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let body: String = r.get("body")?;
        let payload: Payload = serde_json::from_str(&body)
            .map_err(|e| StoreError::Corrupt(format!("an outbox event does not read back: {e}")))?;
        out.push(Event {
            id: row::uuid(r, "id")?,
            seq: r.get("seq")?,
            at: row::time(r, "at")?,
            payload,
        });
    }
    Ok(out)
}

/// Marks the events head office acknowledged (by id) as sent; ids it does
/// not know are ignored. Returns how many were newly marked.
pub fn mark_sent(conn: &Connection, ids: &[Uuid], at: DateTime<Utc>) -> StoreResult<usize> {
    let mut stmt =
        conn.prepare_cached("UPDATE outbox SET sent_at = ?2 WHERE id = ?1 AND sent_at IS NULL")?;
    let mut n = 0;
    for id in ids {
        n += stmt.execute(params![id.to_string(), ts(at)])?;
    }
    Ok(n)
}

/// How many events wait to be sent, and when the oldest of them happened.
pub fn backlog(conn: &Connection) -> StoreResult<(i64, Option<DateTime<Utc>>)> {
    let (n, oldest): (i64, Option<String>) = conn
        .prepare_cached("SELECT count(*), min(at) FROM outbox WHERE sent_at IS NULL")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((n, oldest.as_deref().map(parse_ts).transpose()?))
}

/// A value of the sync state (`last_success_at`, `last_error`, …).
pub fn state(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets (`Some`) or clears (`None`) a value of the sync state.
pub fn set_state(conn: &Connection, key: &str, value: Option<&str>) -> StoreResult<()> {
    match value {
        Some(v) => conn
            .prepare_cached(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, v])?,
        None => conn
            .prepare_cached("DELETE FROM sync_state WHERE key = ?1")?
            .execute([key])?,
    };
    Ok(())
}
