//! Money on orders: payments (with tips) and refunds (with the lines they
//! give back), the idempotency records of both, and each order's tax by
//! rate. Rows are only ever inserted: a money event is never changed or
//! deleted.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::orders::{corrupt, each_child};
use super::{outbox, row, ts, StoreResult};
use crate::domain::order::{Order, Payment, PaymentMethod, Refund, RefundLine};
use crate::domain::pricing::RateTax;
use crate::domain::{Currency, Money};
use crate::sync::wire::Payload;

pub fn insert_payment(
    conn: &Connection,
    order_id: Uuid,
    p: &Payment,
    taken_by: Option<Uuid>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO payments (id, order_id, method, amount, tendered, change_due, tip, taken_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        p.id.to_string(),
        order_id.to_string(),
        p.method.as_str(),
        p.amount.amount,
        p.tendered.map(|t| t.amount),
        p.change_due.amount,
        p.tip.amount,
        taken_by.map(|u| u.to_string()),
        ts(p.created_at)
    ])?;
    let payload = Payload::PaymentRecorded {
        order_id,
        payment: p.clone(),
    };
    outbox::push(conn, p.created_at, &payload)
}

/// Records an order's tax by rate (in the order's transaction).
pub fn insert_taxes(conn: &Connection, order_id: Uuid, taxes: &[RateTax]) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO order_taxes (order_id, rate_bps, net, tax) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for t in taxes {
        stmt.execute(params![
            order_id.to_string(),
            t.rate,
            t.net.amount,
            t.tax.amount
        ])?;
    }
    Ok(())
}

/// The tax by rate of the orders in `ids`, lowest rate first: one statement.
pub(super) fn load_taxes(
    conn: &Connection,
    ids: &str,
    index: &HashMap<Uuid, usize>,
    orders: &mut [Order],
) -> StoreResult<()> {
    let sql = "SELECT order_id, rate_bps, net, tax FROM order_taxes
         WHERE order_id IN (SELECT value FROM json_each(?1)) ORDER BY order_id, rate_bps";
    attach(conn, sql, ids, index, orders, tax_from_row, |o| {
        &mut o.taxes
    })
}

/// Inserts a refund with its lines.
pub fn insert_refund(conn: &Connection, order_id: Uuid, r: &Refund) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO refunds (id, order_id, method, amount, reason, refunded_by, approved_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        r.id.to_string(),
        order_id.to_string(),
        r.method.as_str(),
        r.amount.amount,
        r.reason,
        r.by.map(|u| u.to_string()),
        r.approved_by.map(|u| u.to_string()),
        ts(r.created_at)
    ])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO refund_lines (refund_id, line_no, quantity) VALUES (?1, ?2, ?3)",
    )?;
    for l in &r.lines {
        stmt.execute(params![r.id.to_string(), l.line_no, l.quantity])?;
    }
    let payload = Payload::RefundRecorded {
        order_id,
        refund: r.clone(),
    };
    outbox::push(conn, r.created_at, &payload)
}

/// The payments of the orders in `ids` (a JSON list), oldest first: one statement.
pub(super) fn load_payments(
    conn: &Connection,
    ids: &str,
    index: &HashMap<Uuid, usize>,
    orders: &mut [Order],
) -> StoreResult<()> {
    let sql = "SELECT order_id, id, method, amount, tendered, change_due, tip, created_at
         FROM payments WHERE order_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at, id";
    attach(conn, sql, ids, index, orders, payment_from_row, |o| {
        &mut o.payments
    })
}

/// The refunds of the orders in `ids`, oldest first, each with its lines
/// (gathered by a subquery): one statement.
pub(super) fn load_refunds(
    conn: &Connection,
    ids: &str,
    index: &HashMap<Uuid, usize>,
    orders: &mut [Order],
) -> StoreResult<()> {
    let sql = "SELECT order_id, id, method, amount, reason, refunded_by, approved_by, created_at,
                (SELECT json_group_array(json_array(line_no, quantity))
                 FROM (SELECT line_no, quantity FROM refund_lines l
                       WHERE l.refund_id = r.id ORDER BY line_no)) AS lines
         FROM refunds r
         WHERE order_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at, id";
    attach(conn, sql, ids, index, orders, refund_from_row, |o| {
        &mut o.refunds
    })
}

/// Runs `sql` for the orders in `ids` and adds each row, read by `read` in
/// its order's currency, to the list `into` picks of that order.
fn attach<T>(
    conn: &Connection,
    sql: &str,
    ids: &str,
    index: &HashMap<Uuid, usize>,
    orders: &mut [Order],
    read: impl Fn(&Row<'_>, Currency) -> StoreResult<T>,
    into: impl Fn(&mut Order) -> &mut Vec<T>,
) -> StoreResult<()> {
    each_child(conn, sql, ids, index, |i, r| {
        let value = read(r, orders[i].total.currency)?;
        into(&mut orders[i]).push(value);
        Ok(())
    })
}

fn tax_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<RateTax> {
    Ok(RateTax {
        rate: r.get("rate_bps")?,
        net: Money::new(r.get("net")?, currency),
        tax: Money::new(r.get("tax")?, currency),
    })
}

fn payment_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<Payment> {
    Ok(Payment {
        id: row::uuid(r, "id")?,
        method: PaymentMethod::parse(&r.get::<_, String>("method")?).map_err(corrupt)?,
        amount: Money::new(r.get("amount")?, currency),
        tendered: r
            .get::<_, Option<i64>>("tendered")?
            .map(|t| Money::new(t, currency)),
        change_due: Money::new(r.get("change_due")?, currency),
        tip: Money::new(r.get("tip")?, currency),
        created_at: row::time(r, "created_at")?,
    })
}

fn refund_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<Refund> {
    let lines: Vec<(u32, u32)> = serde_json::from_str(&r.get::<_, String>("lines")?)
        .map_err(|e| super::StoreError::Corrupt(format!("refund lines: {e}")))?;
    Ok(Refund {
        id: row::uuid(r, "id")?,
        amount: Money::new(r.get("amount")?, currency),
        method: PaymentMethod::parse(&r.get::<_, String>("method")?).map_err(corrupt)?,
        reason: r.get("reason")?,
        by: row::opt_uuid(r, "refunded_by")?,
        approved_by: row::opt_uuid(r, "approved_by")?,
        lines: lines
            .into_iter()
            .map(|(line_no, quantity)| RefundLine { line_no, quantity })
            .collect(),
        created_at: row::time(r, "created_at")?,
    })
}

/// What a payment or a refund request is, for its idempotency record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyRequest {
    Payment,
    Refund,
}

impl MoneyRequest {
    fn as_str(self) -> &'static str {
        match self {
            MoneyRequest::Payment => "payment",
            MoneyRequest::Refund => "refund",
        }
    }
}

/// A recorded request: the hash of its body and the order it was for.
pub struct RecordedRequest {
    pub request_hash: String,
    pub order_id: Uuid,
}

/// The earlier request with this key from this principal, if any.
pub fn find_request(
    conn: &Connection,
    scope: &str,
    kind: MoneyRequest,
    key: &str,
) -> StoreResult<Option<RecordedRequest>> {
    let mut stmt = conn.prepare_cached(
        "SELECT request_hash, order_id FROM money_requests WHERE scope = ?1 AND kind = ?2 AND key = ?3",
    )?;
    let found = stmt
        .query_row(params![scope, kind.as_str(), key], |r| {
            Ok((
                r.get::<_, String>("request_hash")?,
                r.get::<_, String>("order_id")?,
            ))
        })
        .optional()?;
    found
        .map(|(request_hash, order_id)| {
            Ok(RecordedRequest {
                request_hash,
                order_id: super::parse_uuid(&order_id)?,
            })
        })
        .transpose()
}

/// Records a request with its key, in the transaction of the record it made.
#[allow(clippy::too_many_arguments)]
pub fn insert_request(
    conn: &Connection,
    scope: &str,
    kind: MoneyRequest,
    key: &str,
    request_hash: &str,
    order_id: Uuid,
    record_id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO money_requests (scope, kind, key, request_hash, order_id, record_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        scope,
        kind.as_str(),
        key,
        request_hash,
        order_id.to_string(),
        record_id.to_string(),
        ts(now)
    ])?;
    Ok(())
}
