//! Read models for reports. Cancelled orders never count.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, StoreResult};

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
    row::all(
        conn,
        "SELECT created_at, total, discount FROM orders
         WHERE created_at >= ?1 AND created_at < ?2 AND status <> 'cancelled'",
        params![ts(from), ts(to)],
        |r| {
            Ok(OrderFacts {
                created_at: row::time(r, "created_at")?,
                total: r.get("total")?,
                discount: r.get("discount")?,
            })
        },
    )
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
    row::all(
        conn,
        "SELECT l.item_id AS item_id, max(l.name) AS name, sum(l.quantity) AS quantity,
                sum(l.line_total) AS revenue
         FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.created_at >= ?1 AND o.created_at < ?2 AND o.status <> 'cancelled'
         GROUP BY l.item_id ORDER BY quantity DESC, revenue DESC, max(l.name) LIMIT ?3",
        params![ts(from), ts(to), limit as i64],
        |r| {
            Ok(ItemSales {
                item_id: row::uuid(r, "item_id")?,
                name: r.get("name")?,
                quantity: r.get("quantity")?,
                revenue: r.get("revenue")?,
            })
        },
    )
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
    row::all(
        conn,
        "SELECT p.method AS method, count(*) AS count, sum(p.amount) AS amount
         FROM payments p JOIN orders o ON o.id = p.order_id
         WHERE p.created_at >= ?1 AND p.created_at < ?2 AND o.status <> 'cancelled'
         GROUP BY p.method ORDER BY sum(p.amount) DESC",
        params![ts(from), ts(to)],
        |r| {
            Ok(MethodTotal {
                method: r.get("method")?,
                count: r.get("count")?,
                amount: r.get("amount")?,
            })
        },
    )
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
