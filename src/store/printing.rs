//! Printing: the receipts waiting for the printer, in the `print_jobs` table
//! (see migrations/V3__print_jobs.sql).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{parse_ts, parse_uuid, ts, StoreResult};

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
    let mut stmt = conn
        .prepare_cached("SELECT id, order_id, queued_at FROM print_jobs ORDER BY queued_at, id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, order, at) = row?;
        out.push((parse_uuid(&id)?, parse_uuid(&order)?, parse_ts(&at)?));
    }
    Ok(out)
}
