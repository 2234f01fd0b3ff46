//! What the kitchen works from: stations of items, lines bumped at a
//! station, when orders were started and made ready, the queue of open
//! orders, the lanes of stations and the ready times estimated for orders.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, StoreError, StoreResult};
use crate::domain::order::OrderStatus;
use crate::domain::ready::{Lanes, Queued, ReadySample, Work};

/// The station of each of `items` (its category's), for the lines of a new
/// order. One statement.
pub fn stations_of(
    conn: &Connection,
    items: impl Iterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, Option<String>>> {
    let rows = row::all(
        conn,
        "SELECT i.id AS id, c.station AS station FROM items i JOIN categories c ON c.id = i.category_id
         WHERE i.id IN (SELECT value FROM json_each(?1))",
        [row::id_list(items)],
        |r| Ok((row::uuid(r, "id")?, r.get::<_, Option<String>>("station")?)),
    )?;
    Ok(rows.into_iter().collect())
}

/// Records the kitchen's side of a status move: when it took the order
/// (in progress) and when it had it ready; moving back clears them.
pub fn record_move(
    conn: &Connection,
    id: Uuid,
    to: OrderStatus,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let id = id.to_string();
    let mut stmt = match to {
        OrderStatus::Placed => conn
            .prepare_cached("UPDATE orders SET started_at = NULL, ready_at = NULL WHERE id = ?1")?,
        OrderStatus::Completed | OrderStatus::Cancelled => {
            conn.prepare_cached("UPDATE orders SET estimated_ready_at = NULL WHERE id = ?1")?
        }
        OrderStatus::InProgress => {
            conn.prepare_cached(
                "UPDATE orders SET started_at = coalesce(started_at, ?2), ready_at = NULL
                 WHERE id = ?1",
            )?
            .execute(params![id, ts(now)])?;
            return Ok(());
        }
        OrderStatus::Ready => {
            conn.prepare_cached(
                "UPDATE orders SET started_at = coalesce(started_at, ?2), ready_at = ?2,
                                   estimated_ready_at = NULL WHERE id = ?1",
            )?
            .execute(params![id, ts(now)])?;
            return Ok(());
        }
    };
    stmt.execute([id])?;
    Ok(())
}

/// Marks line `line_no` of an order made (`done`) or to make again.
/// `NotFound` when the order has no such line.
pub fn bump_line(
    conn: &Connection,
    order: Uuid,
    line_no: i64,
    done: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let n = conn
        .prepare_cached(
            "UPDATE order_lines SET done_at = CASE WHEN ?3 THEN coalesce(done_at, ?4) END
             WHERE order_id = ?1 AND line_no = ?2",
        )?
        .execute(params![order.to_string(), line_no, done, ts(now)])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Whether every line of the order at `station` (every line, for `None`)
/// is bumped.
pub fn all_done(conn: &Connection, order: Uuid, station: Option<&str>) -> StoreResult<bool> {
    let left: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM order_lines WHERE order_id = ?1 AND done_at IS NULL
               AND (?2 IS NULL OR station = ?2)",
        )?
        .query_row(params![order.to_string(), station], |r| r.get(0))?;
    Ok(left == 0)
}

/// The orders made ready since `since`, newest first, at most `limit`.
pub fn ready_since(
    conn: &Connection,
    since: DateTime<Utc>,
    limit: usize,
) -> StoreResult<Vec<ReadySample>> {
    row::all(
        conn,
        "SELECT o.created_at AS created_at, o.ready_at AS ready_at,
                (SELECT coalesce(max(l.prep_minutes), 0) FROM order_lines l
                 WHERE l.order_id = o.id) AS prep
         FROM orders o WHERE o.ready_at >= ?1 ORDER BY o.ready_at DESC LIMIT ?2",
        params![ts(since), limit as i64],
        |r| {
            Ok(ReadySample {
                created_at: row::time(r, "created_at")?,
                ready_at: row::time(r, "ready_at")?,
                prep_minutes: r.get("prep")?,
            })
        },
    )
}

/// An open order of the queue, with who placed it (for its events).
pub struct QueueEntry {
    pub order: Queued,
    pub number: i64,
    pub estimated_ready_at: Option<DateTime<Utc>>,
    /// Who placed it: a user, or a guest's session.
    pub placed_by: Option<Uuid>,
    pub customer_id: Option<Uuid>,
}

/// The oldest `limit` orders the kitchen still has to make (placed or in
/// progress), oldest first, with their lines not yet bumped. Two
/// statements.
pub fn queue(conn: &Connection, limit: usize) -> StoreResult<Vec<QueueEntry>> {
    let mut entries = row::all(
        conn,
        "SELECT id, number, created_at, started_at, estimated_ready_at,
                coalesce(placed_by, guest_session_id) AS placed_by, customer_id
         FROM orders WHERE status IN ('placed', 'in_progress') AND awaiting_accept = 0
         ORDER BY created_at, id LIMIT ?1",
        [limit as i64],
        |r| {
            Ok(QueueEntry {
                order: Queued {
                    id: row::uuid(r, "id")?,
                    created_at: row::time(r, "created_at")?,
                    started_at: row::opt_time(r, "started_at")?,
                    lines: Vec::new(),
                },
                number: r.get("number")?,
                estimated_ready_at: row::opt_time(r, "estimated_ready_at")?,
                placed_by: row::opt_uuid(r, "placed_by")?,
                customer_id: row::opt_uuid(r, "customer_id")?,
            })
        },
    )?;
    if entries.is_empty() {
        return Ok(entries);
    }
    let index: HashMap<Uuid, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.order.id, i))
        .collect();
    let ids = row::id_list(entries.iter().map(|e| e.order.id));
    super::orders::each_child(
        conn,
        "SELECT order_id, station, prep_minutes FROM order_lines
         WHERE order_id IN (SELECT value FROM json_each(?1)) AND done_at IS NULL",
        &ids,
        &index,
        |i, r| {
            entries[i].order.lines.push(Work {
                station: r.get("station")?,
                prep_minutes: r.get("prep_minutes")?,
            });
            Ok(())
        },
    )?;
    Ok(entries)
}

/// Where each station's lane stands.
pub fn lanes(conn: &Connection) -> StoreResult<Lanes> {
    let rows = row::all(
        conn,
        "SELECT station, free_at FROM kitchen_lanes",
        [],
        |r| {
            let s: String = r.get("station")?;
            Ok(((!s.is_empty()).then_some(s), row::time(r, "free_at")?))
        },
    )?;
    Ok(rows.into_iter().collect())
}

/// Replaces the lanes.
pub fn set_lanes(conn: &Connection, lanes: &Lanes) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM kitchen_lanes")?
        .execute([])?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO kitchen_lanes (station, free_at) VALUES (?1, ?2)")?;
    for (station, free) in lanes {
        stmt.execute(params![station.as_deref().unwrap_or(""), ts(*free)])?;
    }
    Ok(())
}

/// Sets an order's estimated ready time.
pub fn set_estimate(conn: &Connection, id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached("UPDATE orders SET estimated_ready_at = ?2 WHERE id = ?1")?
        .execute(params![id.to_string(), ts(at)])?;
    Ok(())
}
