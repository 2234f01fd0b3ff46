//! Printing: the receipts waiting for the printer, in the `print_jobs` table
//! (see migrations/V3__print_jobs.sql).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, StoreResult};

pub fn insert(
    conn: &Connection,
    id: Uuid,
    order_id: Uuid,
    queued_at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO print_jobs (id, order_id, queued_at) VALUES (?1, ?2, ?3)")?
        .execute(params![id.to_string(), order_id.to_string(), ts(queued_at)])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: Uuid) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM print_jobs WHERE id = ?1")?
        .execute(params![id.to_string()])?;
    Ok(())
}

/// Every waiting receipt, oldest first: (job id, order id, queued at).
pub fn all(conn: &Connection) -> StoreResult<Vec<(Uuid, Uuid, DateTime<Utc>)>> {
    row::all(
        conn,
        "SELECT id, order_id, queued_at FROM print_jobs ORDER BY queued_at, id",
        [],
        |r| {
            Ok((
                row::uuid(r, "id")?,
                row::uuid(r, "order_id")?,
                row::time(r, "queued_at")?,
            ))
        },
    )
}
