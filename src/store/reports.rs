//! Read models for reports. Sales follow the money: an order counts when it
//! is paid (on the day of its first payment), revenue is what payments
//! brought in minus what refunds gave back, at the time each happened.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, StoreResult};

/// The orders first paid in `[from, to)` (the ones whose sale falls in it).
const PAID_IN_RANGE: &str = "SELECT order_id, min(created_at) AS first_paid FROM payments
     GROUP BY order_id HAVING min(created_at) >= ?1 AND min(created_at) < ?2";

pub struct OrderFacts {
    pub first_paid: DateTime<Utc>,
    pub discount: i64,
}

/// One row per order first paid in `[from, to)`.
pub fn order_facts(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<OrderFacts>> {
    let sql = format!(
        "SELECT p.first_paid, o.discount FROM orders o JOIN ({PAID_IN_RANGE}) p ON p.order_id = o.id"
    );
    row::all(conn, &sql, params![ts(from), ts(to)], |r| {
        Ok(OrderFacts {
            first_paid: row::time(r, "first_paid")?,
            discount: r.get("discount")?,
        })
    })
}

/// Money in (payments' amounts, no tips) and out (refunds, negative) in
/// `[from, to)`, each at its own time.
pub fn money_moves(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<(DateTime<Utc>, i64)>> {
    row::all(
        conn,
        "SELECT created_at, amount FROM payments WHERE created_at >= ?1 AND created_at < ?2
         UNION ALL
         SELECT created_at, -amount AS amount FROM refunds WHERE created_at >= ?1 AND created_at < ?2",
        params![ts(from), ts(to)],
        |r| Ok((row::time(r, "created_at")?, r.get("amount")?)),
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
        &format!(
            "SELECT l.item_id AS item_id, max(l.name) AS name, sum(l.quantity) AS quantity,
                    sum(l.line_total) AS revenue
             FROM order_lines l JOIN ({PAID_IN_RANGE}) p ON p.order_id = l.order_id
             GROUP BY l.item_id ORDER BY quantity DESC, revenue DESC, max(l.name) LIMIT ?3"
        ),
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

/// Payments taken in `[from, to)` by method.
pub fn payment_methods(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<MethodTotal>> {
    row::all(
        conn,
        "SELECT p.method AS method, count(*) AS count, sum(p.amount) AS amount
         FROM payments p
         WHERE p.created_at >= ?1 AND p.created_at < ?2
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

// ---- the Z report of a business day ----------------------------------------

/// What a day's money events add up to (see `app::reports::z`).
pub struct DayMoney {
    /// Payment amounts by method (no tips, no change).
    pub by_method: Vec<(String, i64)>,
    pub tips: i64,
    pub refunds: i64,
    /// Orders whose first payment fell in the day: how many, their
    /// discounts, and their tax by rate (rate, net, tax), lowest rate first.
    pub orders: i64,
    pub discounts: i64,
    pub taxes: Vec<(u32, i64, i64)>,
}

/// The money events of `[from, to)`: five statements.
pub fn day_money(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<DayMoney> {
    let by_method = row::all(
        conn,
        "SELECT method, sum(amount) AS amount FROM payments
         WHERE created_at >= ?1 AND created_at < ?2 GROUP BY method ORDER BY method",
        params![ts(from), ts(to)],
        |r| Ok((r.get("method")?, r.get("amount")?)),
    )?;
    let tips = conn
        .prepare_cached(
            "SELECT coalesce(sum(tip), 0) FROM payments WHERE created_at >= ?1 AND created_at < ?2",
        )?
        .query_row(params![ts(from), ts(to)], |r| r.get(0))?;
    let refunds = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount), 0) FROM refunds WHERE created_at >= ?1 AND created_at < ?2",
        )?
        .query_row(params![ts(from), ts(to)], |r| r.get(0))?;
    let sql = format!(
        "SELECT count(*) AS orders, coalesce(sum(o.discount), 0) AS discounts
         FROM orders o JOIN ({PAID_IN_RANGE}) p ON p.order_id = o.id"
    );
    let (orders, discounts) = conn
        .prepare_cached(&sql)?
        .query_row(params![ts(from), ts(to)], |r| {
            Ok((r.get("orders")?, r.get("discounts")?))
        })?;
    let taxes = row::all(
        conn,
        &format!(
            "SELECT t.rate_bps AS rate, sum(t.net) AS net, sum(t.tax) AS tax
             FROM order_taxes t JOIN ({PAID_IN_RANGE}) p ON p.order_id = t.order_id
             GROUP BY t.rate_bps ORDER BY t.rate_bps"
        ),
        params![ts(from), ts(to)],
        |r| Ok((r.get("rate")?, r.get("net")?, r.get("tax")?)),
    )?;
    Ok(DayMoney {
        by_method,
        tips,
        refunds,
        orders,
        discounts,
        taxes,
    })
}

/// A business day's cancelled orders, and its orders still not paid in
/// full: how many and what they still owe.
pub struct DayOrders {
    pub cancelled: i64,
    pub open: i64,
    pub open_amount: i64,
}

pub fn day_orders(conn: &Connection, business_date: chrono::NaiveDate) -> StoreResult<DayOrders> {
    let mut stmt = conn.prepare_cached(
        "SELECT
            (SELECT count(*) FROM orders WHERE business_date = ?1 AND status = 'cancelled') AS cancelled,
            count(*) AS open, coalesce(sum(o.total - coalesce(p.paid, 0)), 0) AS open_amount
         FROM orders o
         LEFT JOIN (SELECT order_id, sum(amount) AS paid FROM payments GROUP BY order_id) p
           ON p.order_id = o.id
         WHERE o.business_date = ?1 AND o.status <> 'cancelled' AND coalesce(p.paid, 0) < o.total",
    )?;
    Ok(stmt.query_row([business_date.to_string()], |r| {
        Ok(DayOrders {
            cancelled: r.get("cancelled")?,
            open: r.get("open")?,
            open_amount: r.get("open_amount")?,
        })
    })?)
}
