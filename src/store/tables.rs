//! Tables, their QR codes and the guests' sessions at them.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, Conflict, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub id: Uuid,
    pub name: String,
    pub area: String,
    pub code: String,
    pub sort_order: i64,
}

fn table_from(r: &rusqlite::Row<'_>) -> StoreResult<TableRow> {
    Ok(TableRow {
        id: row::uuid(r, "id")?,
        name: r.get("name")?,
        area: r.get("area")?,
        code: r.get("code")?,
        sort_order: r.get("sort_order")?,
    })
}

/// Every table, in the admin's order.
pub fn list(conn: &Connection) -> StoreResult<Vec<TableRow>> {
    row::all(
        conn,
        "SELECT id, name, area, code, sort_order FROM dining_tables ORDER BY sort_order, name",
        [],
        table_from,
    )
}

pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<TableRow>> {
    row::first(
        conn,
        "SELECT id, name, area, code, sort_order FROM dining_tables WHERE id = ?1",
        [id.to_string()],
        table_from,
    )
}

pub fn by_code(conn: &Connection, code: &str) -> StoreResult<Option<TableRow>> {
    row::first(
        conn,
        "SELECT id, name, area, code, sort_order FROM dining_tables WHERE code = ?1",
        [code],
        table_from,
    )
}

fn unique(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::Conflict(Conflict::TableName)
        }
        e => e.into(),
    }
}

/// Adds a table; `Conflict::Duplicate` when its name (or code) is taken.
pub fn insert(conn: &Connection, t: &TableRow, now: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO dining_tables (id, name, area, code, sort_order, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        t.id.to_string(),
        t.name,
        t.area,
        t.code,
        t.sort_order,
        ts(now)
    ])
    .map_err(unique)?;
    Ok(())
}

/// Writes a table's fields; a new code ends its guests' sessions.
pub fn update(conn: &Connection, t: &TableRow) -> StoreResult<()> {
    let old = get(conn, t.id)?.ok_or(StoreError::NotFound)?;
    conn.prepare_cached(
        "UPDATE dining_tables SET name = ?2, area = ?3, code = ?4, sort_order = ?5 WHERE id = ?1",
    )?
    .execute(params![
        t.id.to_string(),
        t.name,
        t.area,
        t.code,
        t.sort_order
    ])
    .map_err(unique)?;
    if old.code != t.code {
        end_sessions(conn, t.id)?;
    }
    Ok(())
}

/// Removes a table and its guests' sessions (their orders stay, without them).
pub fn delete(conn: &Connection, id: Uuid) -> StoreResult<()> {
    let n = conn
        .prepare_cached("DELETE FROM dining_tables WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

fn end_sessions(conn: &Connection, table: Uuid) -> StoreResult<()> {
    conn.prepare_cached("UPDATE guest_sessions SET expires_at = created_at WHERE table_id = ?1")?
        .execute([table.to_string()])?;
    Ok(())
}

/// A guest's session at a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestSession {
    pub id: Uuid,
    pub table_id: Uuid,
    pub table_name: String,
    pub expires_at: DateTime<Utc>,
}

pub fn insert_session(
    conn: &Connection,
    id: Uuid,
    table: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO guest_sessions (id, table_id, token_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.to_string(),
        table.to_string(),
        token_hash,
        ts(now),
        ts(expires)
    ])?;
    Ok(())
}

/// The live session a token's hash names.
pub fn session_by_hash(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<GuestSession>> {
    row::first(
        conn,
        "SELECT s.id AS id, s.table_id AS table_id, t.name AS name, s.expires_at AS expires_at
         FROM guest_sessions s JOIN dining_tables t ON t.id = s.table_id
         WHERE s.token_hash = ?1 AND s.expires_at > ?2",
        params![token_hash, ts(now)],
        |r| {
            Ok(GuestSession {
                id: row::uuid(r, "id")?,
                table_id: row::uuid(r, "table_id")?,
                table_name: r.get("name")?,
                expires_at: row::time(r, "expires_at")?,
            })
        },
    )
}

/// Guests' orders at a table still open and not paid in full.
pub fn open_unpaid_at(conn: &Connection, table: Uuid) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM orders o JOIN guest_sessions s ON s.id = o.guest_session_id
             WHERE s.table_id = ?1 AND o.status IN ('placed', 'in_progress', 'ready')
               AND o.total > (SELECT coalesce(sum(p.amount), 0) FROM payments p
                              WHERE p.order_id = o.id)",
        )?
        .query_row([table.to_string()], |r| r.get(0))?)
}

/// Records which guest placed an order, and whether staff must accept it.
pub fn mark_guest_order(
    conn: &Connection,
    order: Uuid,
    session: Uuid,
    awaiting_accept: bool,
) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE orders SET guest_session_id = ?2, awaiting_accept = ?3 WHERE id = ?1",
    )?
    .execute(params![
        order.to_string(),
        session.to_string(),
        awaiting_accept
    ])?;
    Ok(())
}

/// The guest session that placed an order, if a guest did.
pub fn guest_of(conn: &Connection, order: Uuid) -> StoreResult<Option<Uuid>> {
    Ok(row::first(
        conn,
        "SELECT guest_session_id FROM orders WHERE id = ?1",
        [order.to_string()],
        |r| row::opt_uuid(r, "guest_session_id"),
    )?
    .flatten())
}

/// Who follows an order live on their own device: the kiosk or staff
/// member that placed it or, for a guest's order, the guest's session (the
/// audience of its events).
pub fn follower_of(conn: &Connection, order: Uuid) -> StoreResult<Option<Uuid>> {
    Ok(row::first(
        conn,
        "SELECT coalesce(placed_by, guest_session_id) AS follower FROM orders WHERE id = ?1",
        [order.to_string()],
        |r| row::opt_uuid(r, "follower"),
    )?
    .flatten())
}

/// Staff accepted a guest's order: the kitchen sees it now. False when it
/// was not waiting.
pub fn accept(conn: &Connection, order: Uuid) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE orders SET awaiting_accept = 0 WHERE id = ?1 AND awaiting_accept = 1",
        )?
        .execute([order.to_string()])?
        == 1)
}
