//! Read models for reports. Cancelled orders never count.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{parse_ts, parse_uuid, ts, StoreResult};

pub struct OrderFacts {
    pub created_at: DateTime<Utc>,
    pub total: i64,
    pub discount: i64,
}

/// One row per non-cancelled order created in `[from, to)`.
pub fn order_facts(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<OrderFacts>> {
    conn.prepare_cached(
        "SELECT created_at, total, discount FROM orders
         WHERE created_at >= ?1 AND created_at < ?2 AND status <> 'cancelled'",
    )?
    .query_map(params![ts(from), ts(to)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?
    .map(|row| {
        let (c, total, discount) = row?;
        Ok(OrderFacts {
            created_at: parse_ts(&c)?,
            total,
            discount,
        })
    })
    .collect()
}

pub struct ItemSales {
    pub item_id: Uuid,
    pub name: String,
    pub quantity: i64,
    pub revenue: i64,
}

/// Best sellers by quantity (then revenue, then name), at most `limit`.
pub fn top_items(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> StoreResult<Vec<ItemSales>> {
    conn.prepare_cached(
        "SELECT l.item_id, max(l.name), sum(l.quantity) AS q, sum(l.line_total) AS rev
         FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.created_at >= ?1 AND o.created_at < ?2 AND o.status <> 'cancelled'
         GROUP BY l.item_id ORDER BY q DESC, rev DESC, max(l.name) LIMIT ?3",
    )?
    .query_map(params![ts(from), ts(to), limit as i64], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?
    .map(|row| {
        let (id, name, quantity, revenue) = row?;
        Ok(ItemSales {
            item_id: parse_uuid(&id)?,
            name,
            quantity,
            revenue,
        })
    })
    .collect()
}

/// Customers who ordered in `[from, to)` and have more than one
/// non-cancelled order up to `to`.
pub fn returning_customers(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM (
                SELECT customer_id FROM orders
                WHERE customer_id IS NOT NULL AND status <> 'cancelled' AND created_at < ?2
                GROUP BY customer_id
                HAVING count(*) > 1 AND max(created_at) >= ?1
             )",
        )?
        .query_row(params![ts(from), ts(to)], |r| r.get(0))?)
}

pub struct MethodTotal {
    pub method: String,
    pub count: i64,
    pub amount: i64,
}

/// Payments taken in `[from, to)` by method (on non-cancelled orders).
pub fn payment_methods(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<MethodTotal>> {
    conn.prepare_cached(
        "SELECT p.method, count(*), sum(p.amount) FROM payments p JOIN orders o ON o.id = p.order_id
         WHERE p.created_at >= ?1 AND p.created_at < ?2 AND o.status <> 'cancelled'
         GROUP BY p.method ORDER BY sum(p.amount) DESC",
    )?
    .query_map(params![ts(from), ts(to)], |r| Ok(MethodTotal { method: r.get(0)?, count: r.get(1)?, amount: r.get(2)? }))?
    .map(|r| Ok(r?))
    .collect()
}

/// Customers whose first non-cancelled order ever falls in `[from, to)`.
pub fn new_customers(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM (
                SELECT customer_id FROM orders
                WHERE customer_id IS NOT NULL AND status <> 'cancelled'
                GROUP BY customer_id HAVING min(created_at) >= ?1 AND min(created_at) < ?2
             )",
        )?
        .query_row(params![ts(from), ts(to)], |r| r.get(0))?)
}

/// Ids of every order created in `[from, to)`, oldest first (for exports).
pub fn order_ids(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<Uuid>> {
    conn.prepare_cached(
        "SELECT id FROM orders WHERE created_at >= ?1 AND created_at < ?2 ORDER BY created_at, id",
    )?
    .query_map(params![ts(from), ts(to)], |r| r.get::<_, String>(0))?
    .map(|r| parse_uuid(&r?))
    .collect()
}
