//! Loyalty: a customer's standing (lifetime spend, visits, points) and the
//! points ledger, whose rows are added and never changed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{ts, StoreResult};

/// What a customer's orders add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// Payments applied to their orders minus refunds, in minor units.
    pub lifetime_spend: i64,
    /// Non-cancelled orders.
    pub visits: i64,
    /// The points ledger's balance.
    pub points: i64,
}

/// A customer's standing, in one statement.
pub fn standing(conn: &Connection, customer: Uuid) -> StoreResult<Standing> {
    Ok(conn
        .prepare_cached(
            "SELECT
               coalesce((SELECT sum(p.amount) FROM payments p JOIN orders o ON o.id = p.order_id
                          WHERE o.customer_id = ?1), 0)
             - coalesce((SELECT sum(r.amount) FROM refunds r JOIN orders o ON o.id = r.order_id
                          WHERE o.customer_id = ?1), 0),
               (SELECT count(*) FROM orders WHERE customer_id = ?1 AND status <> 'cancelled'),
               coalesce((SELECT sum(points) FROM points_ledger WHERE customer_id = ?1), 0)",
        )?
        .query_row([customer.to_string()], |r| {
            Ok(Standing {
                lifetime_spend: r.get(0)?,
                visits: r.get(1)?,
                points: r.get(2)?,
            })
        })?)
}

/// How many of a customer's non-cancelled orders used the coupon `code`.
pub fn coupon_uses(conn: &Connection, customer: Uuid, code: &str) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM orders
             WHERE customer_id = ?1 AND coupon_code = ?2 AND status <> 'cancelled'",
        )?
        .query_row(params![customer.to_string(), code], |r| r.get(0))?)
}

/// Why points moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsKind {
    /// Credited when an order was paid in full.
    Earned,
    /// Taken back by a refund.
    TakenBack,
    /// Spent as a discount on an order.
    Redeemed,
    /// Given back when an order they were spent on was cancelled.
    Returned,
}

impl PointsKind {
    fn as_str(self) -> &'static str {
        match self {
            PointsKind::Earned => "earned",
            PointsKind::TakenBack => "taken_back",
            PointsKind::Redeemed => "redeemed",
            PointsKind::Returned => "returned",
        }
    }
}

/// Adds a row to the ledger (`points` signed: negative takes away).
pub fn insert_points(
    conn: &Connection,
    id: Uuid,
    customer: Uuid,
    order: Option<Uuid>,
    kind: PointsKind,
    points: i64,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO points_ledger (id, customer_id, order_id, kind, points, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.to_string(),
        customer.to_string(),
        order.map(|o| o.to_string()),
        kind.as_str(),
        points,
        ts(at)
    ])?;
    Ok(())
}

/// An order's points: what it earned (net of what refunds took back) and
/// what was spent on it (net of what a cancellation gave back), positive.
pub fn of_order(conn: &Connection, order: Uuid) -> StoreResult<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(CASE WHEN kind IN ('earned','taken_back') THEN points END), 0),
                    -coalesce(sum(CASE WHEN kind IN ('redeemed','returned') THEN points END), 0)
             FROM points_ledger WHERE order_id = ?1",
        )?
        .query_row([order.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?)
}
