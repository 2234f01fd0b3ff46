//! Orders, lines, modifiers, payments and idempotency records.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{parse_ts, parse_uuid, ts, StoreError, StoreResult};
use crate::domain::order::{
    Channel, LineModifier, Order, OrderLine, OrderStatus, OrderType, Payment, PaymentMethod,
};
use crate::domain::{Currency, Money};

fn corrupt(e: crate::domain::DomainError) -> StoreError {
    StoreError::Corrupt(e.message)
}

/// The next ticket number of a business day (1, 2, 3, …).
pub fn next_number(conn: &Connection, business_date: NaiveDate) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM orders WHERE business_date = ?1")?
        .query_row([business_date.to_string()], |r| r.get(0))?)
}

/// Inserts an order with its lines, modifiers and payments.
pub fn insert(
    conn: &Connection,
    o: &Order,
    business_date: NaiveDate,
    placed_by: Option<Uuid>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO orders (id, business_date, number, status, type, table_label, channel, currency,
             subtotal, discount, tax, total, coupon_code, customer_id, placed_by, cancel_reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        o.id.to_string(),
        business_date.to_string(),
        o.number,
        o.status.as_str(),
        o.order_type.as_str(),
        o.table,
        o.channel.as_str(),
        o.total.currency.as_str(),
        o.subtotal.amount,
        o.discount.amount,
        o.tax.amount,
        o.total.amount,
        o.coupon_code,
        o.customer_id.map(|c| c.to_string()),
        placed_by.map(|u| u.to_string()),
        o.cancel_reason,
        ts(o.created_at),
        ts(o.updated_at)
    ])?;
    let id = o.id.to_string();
    let mut line_stmt = conn.prepare_cached(
        "INSERT INTO order_lines (order_id, line_no, item_id, name, quantity, unit_price, line_total, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut mod_stmt = conn.prepare_cached(
        "INSERT INTO order_line_modifiers (order_id, line_no, position, option_id, name, price_delta)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (n, line) in o.lines.iter().enumerate() {
        line_stmt.execute(params![
            id,
            n as i64,
            line.item_id.to_string(),
            line.name,
            line.quantity,
            line.unit_price.amount,
            line.line_total.amount,
            line.note
        ])?;
        for (p, m) in line.modifiers.iter().enumerate() {
            mod_stmt.execute(params![
                id,
                n as i64,
                p as i64,
                m.id.to_string(),
                m.name,
                m.price_delta.amount
            ])?;
        }
    }
    for p in &o.payments {
        insert_payment(conn, o.id, p, placed_by)?;
    }
    Ok(())
}

pub fn insert_payment(
    conn: &Connection,
    order_id: Uuid,
    p: &Payment,
    taken_by: Option<Uuid>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO payments (id, order_id, method, amount, tendered, change_due, taken_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        p.id.to_string(),
        order_id.to_string(),
        p.method.as_str(),
        p.amount.amount,
        p.tendered.map(|t| t.amount),
        p.change_due.amount,
        taken_by.map(|u| u.to_string()),
        ts(p.created_at)
    ])?;
    Ok(())
}

pub fn update_status(
    conn: &Connection,
    id: Uuid,
    status: OrderStatus,
    cancel_reason: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let n = conn
        .prepare_cached(
            "UPDATE orders SET status = ?2, cancel_reason = coalesce(?3, cancel_reason), updated_at = ?4 WHERE id = ?1",
        )?
        .execute(params![id.to_string(), status.as_str(), cancel_reason, ts(now)])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn touch(conn: &Connection, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached("UPDATE orders SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![id.to_string(), ts(now)])?;
    Ok(())
}

/// Who placed the order and for which customer: for read permissions.
pub fn owner(conn: &Connection, id: Uuid) -> StoreResult<Option<(Option<Uuid>, Option<Uuid>)>> {
    let row = conn
        .prepare_cached("SELECT placed_by, customer_id FROM orders WHERE id = ?1")?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        })
        .optional()?;
    row.map(|(p, c)| {
        Ok((
            p.as_deref().map(parse_uuid).transpose()?,
            c.as_deref().map(parse_uuid).transpose()?,
        ))
    })
    .transpose()
}

pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<Order>> {
    let row = conn
        .prepare_cached(
            "SELECT id, number, status, type, table_label, channel, currency, subtotal, discount, tax, total,
                    coupon_code, customer_id, cancel_reason, created_at, updated_at
             FROM orders WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ),
                (
                    r.get::<_, i64>(7)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, i64>(9)?,
                    r.get::<_, i64>(10)?,
                    r.get::<_, Option<String>>(11)?,
                    r.get::<_, Option<String>>(12)?,
                    r.get::<_, Option<String>>(13)?,
                    r.get::<_, String>(14)?,
                    r.get::<_, String>(15)?,
                ),
            ))
        })
        .optional()?;
    let Some((
        (sid, number, status, otype, table, channel, cur),
        (sub, disc, tax, total, coupon, cust, reason, created, updated),
    )) = row
    else {
        return Ok(None);
    };
    let currency = Currency::parse(&cur).map_err(corrupt)?;
    let m = |a: i64| Money::new(a, currency);
    let mut order = Order {
        id: parse_uuid(&sid)?,
        number,
        status: OrderStatus::parse(&status).map_err(corrupt)?,
        order_type: OrderType::parse(&otype).map_err(corrupt)?,
        table,
        channel: Channel::parse(&channel).map_err(corrupt)?,
        lines: Vec::new(),
        subtotal: m(sub),
        discount: m(disc),
        tax: m(tax),
        total: m(total),
        coupon_code: coupon,
        customer_id: cust.as_deref().map(parse_uuid).transpose()?,
        payments: Vec::new(),
        paid: false,
        change_due: m(0),
        cancel_reason: reason,
        created_at: parse_ts(&created)?,
        updated_at: parse_ts(&updated)?,
    };
    let mut mods_stmt = conn.prepare_cached(
        "SELECT line_no, option_id, name, price_delta FROM order_line_modifiers
         WHERE order_id = ?1 ORDER BY line_no, position",
    )?;
    let mut mods: Vec<(i64, LineModifier)> = Vec::new();
    let mut rows = mods_stmt.query([&sid])?;
    while let Some(r) = rows.next()? {
        mods.push((
            r.get(0)?,
            LineModifier {
                id: parse_uuid(&r.get::<_, String>(1)?)?,
                name: r.get(2)?,
                price_delta: m(r.get(3)?),
            },
        ));
    }
    let mut lines_stmt = conn.prepare_cached(
        "SELECT line_no, item_id, name, quantity, unit_price, line_total, note FROM order_lines
         WHERE order_id = ?1 ORDER BY line_no",
    )?;
    let mut rows = lines_stmt.query([&sid])?;
    while let Some(r) = rows.next()? {
        let line_no: i64 = r.get(0)?;
        order.lines.push(OrderLine {
            item_id: parse_uuid(&r.get::<_, String>(1)?)?,
            name: r.get(2)?,
            quantity: r.get(3)?,
            unit_price: m(r.get(4)?),
            modifiers: mods
                .iter()
                .filter(|(n, _)| *n == line_no)
                .map(|(_, md)| md.clone())
                .collect(),
            line_total: m(r.get(5)?),
            note: r.get(6)?,
        });
    }
    let mut pay_stmt = conn.prepare_cached(
        "SELECT id, method, amount, tendered, change_due, created_at FROM payments
         WHERE order_id = ?1 ORDER BY created_at, id",
    )?;
    let mut rows = pay_stmt.query([&sid])?;
    while let Some(r) = rows.next()? {
        order.payments.push(Payment {
            id: parse_uuid(&r.get::<_, String>(0)?)?,
            method: PaymentMethod::parse(&r.get::<_, String>(1)?).map_err(corrupt)?,
            amount: m(r.get(2)?),
            tendered: r.get::<_, Option<i64>>(3)?.map(m),
            change_due: m(r.get(4)?),
            created_at: parse_ts(&r.get::<_, String>(5)?)?,
        });
    }
    order.settle().map_err(corrupt)?;
    Ok(Some(order))
}

/// Orders in any of `statuses` (all when empty), oldest first, at most `limit`.
pub fn list(conn: &Connection, statuses: &[OrderStatus], limit: usize) -> StoreResult<Vec<Order>> {
    let ids: Vec<String> = if statuses.is_empty() {
        conn.prepare_cached("SELECT id FROM orders ORDER BY created_at DESC, id DESC LIMIT ?1")?
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    } else {
        let mut all = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, created_at FROM orders WHERE status = ?1 ORDER BY created_at, id LIMIT ?2",
        )?;
        for s in statuses {
            let rows = stmt.query_map(params![s.as_str(), limit as i64], |r| {
                Ok((r.get::<_, String>(1)?, r.get::<_, String>(0)?))
            })?;
            for row in rows {
                all.push(row?);
            }
        }
        all.sort();
        all.dedup();
        all.truncate(limit);
        all.into_iter().map(|(_, id)| id).collect()
    };
    let mut orders = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(o) = get(conn, parse_uuid(&id)?)? {
            orders.push(o);
        }
    }
    if statuses.is_empty() {
        orders.reverse();
    }
    Ok(orders)
}

/// Orders a customer placed (newest first).
pub fn ids_for_customer(
    conn: &Connection,
    customer_id: Uuid,
    limit: usize,
) -> StoreResult<Vec<Uuid>> {
    conn.prepare_cached(
        "SELECT id FROM orders WHERE customer_id = ?1 ORDER BY created_at DESC LIMIT ?2",
    )?
    .query_map(params![customer_id.to_string(), limit as i64], |r| {
        r.get::<_, String>(0)
    })?
    .map(|r| parse_uuid(&r?))
    .collect()
}

// ---- idempotency ------------------------------------------------------------

pub fn find_idempotent(
    conn: &Connection,
    scope: &str,
    key: &str,
) -> StoreResult<Option<(String, Uuid)>> {
    conn.prepare_cached(
        "SELECT request_hash, order_id FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
    )?
    .query_row(params![scope, key], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })
    .optional()?
    .map(|(h, id)| Ok((h, parse_uuid(&id)?)))
    .transpose()
}

pub fn insert_idempotent(
    conn: &Connection,
    scope: &str,
    key: &str,
    request_hash: &str,
    order_id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO idempotency_keys (scope, key, request_hash, order_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![scope, key, request_hash, order_id.to_string(), ts(now)])?;
    Ok(())
}

pub fn count(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?)
}
