//! Orders, lines, modifiers, payments and idempotency records.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Params, Row};
use uuid::Uuid;

use super::{money, outbox, row, ts, StoreError, StoreResult};
use crate::domain::order::{
    Channel, Discount, DiscountKind, LineModifier, Order, OrderLine, OrderStatus, OrderType,
};
use crate::domain::{Currency, Money};
use crate::sync::wire::Payload;

pub(super) fn corrupt(e: crate::domain::DomainError) -> StoreError {
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
             subtotal, discount, tax, total, coupon_code, customer_id, placed_by, cancel_reason, created_at, updated_at,
             manual_discount, manual_discount_reason, estimated_ready_at, loyalty_discount, points_discount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                 ?22, ?23)",
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
        ts(o.updated_at),
        Discount::manual_of(&o.discounts, o.total.currency).amount,
        o.discounts
            .iter()
            .find(|d| d.kind == DiscountKind::Manual)
            .and_then(|d| d.reason.as_deref()),
        o.estimated_ready_at.map(ts),
        Discount::amount_of(&o.discounts, DiscountKind::Loyalty, o.total.currency).amount,
        Discount::amount_of(&o.discounts, DiscountKind::Points, o.total.currency).amount
    ])?;
    let id = o.id.to_string();
    let mut line_stmt = conn.prepare_cached(
        "INSERT INTO order_lines (order_id, line_no, item_id, name, quantity, unit_price, line_total,
                                  note, station, prep_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
            line.note,
            line.station,
            line.prep_minutes
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
    money::insert_taxes(conn, o.id, &o.taxes)?;
    // Head office hears of the order first, then of each payment (its own event).
    let placed = Order {
        payments: Vec::new(),
        refunds: Vec::new(),
        ..o.clone()
    };
    let payload = Payload::OrderPlaced {
        order: Box::new(placed),
        business_date,
    };
    outbox::push(conn, o.created_at, &payload)?;
    for p in &o.payments {
        money::insert_payment(conn, o.id, p, placed_by)?;
    }
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
        return Err(StoreError::NotFound);
    }
    let payload = Payload::StatusChanged {
        order_id: id,
        status,
        reason: cancel_reason.map(str::to_string),
    };
    outbox::push(conn, now, &payload)
}

pub fn touch(conn: &Connection, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
    conn.prepare_cached("UPDATE orders SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![id.to_string(), ts(now)])?;
    Ok(())
}

/// Who placed the order and for which customer: for read permissions.
/// Orders `placed_by` placed that are still open (not completed or
/// cancelled) and not paid in full.
pub fn open_unpaid_by(conn: &Connection, placed_by: Uuid) -> StoreResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM orders o
             WHERE o.status IN ('placed', 'in_progress', 'ready') AND o.placed_by = ?1
               AND o.total > (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.order_id = o.id)",
        )?
        .query_row([placed_by.to_string()], |r| r.get(0))?)
}

pub fn owner(conn: &Connection, id: Uuid) -> StoreResult<Option<(Option<Uuid>, Option<Uuid>)>> {
    row::first(
        conn,
        "SELECT placed_by, customer_id FROM orders WHERE id = ?1",
        [id.to_string()],
        |r| {
            Ok((
                row::opt_uuid(r, "placed_by")?,
                row::opt_uuid(r, "customer_id")?,
            ))
        },
    )
}

pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<Order>> {
    let sql = format!("SELECT {ORDER_COLS} FROM orders WHERE id = ?1");
    Ok(load(conn, &sql, [id.to_string()])?.pop())
}

/// The newest `limit` orders in `statuses` (of one business day, when
/// given), oldest first.
pub fn list(
    conn: &Connection,
    statuses: &[OrderStatus],
    business_date: Option<NaiveDate>,
    limit: usize,
) -> StoreResult<Vec<Order>> {
    let sql = format!(
        "SELECT {ORDER_COLS} FROM orders WHERE status IN (SELECT value FROM json_each(?1))
         AND (?2 IS NULL OR business_date = ?2)
         ORDER BY created_at DESC, id DESC LIMIT ?3"
    );
    let statuses = row::id_list(statuses.iter().map(|s| s.as_str()));
    let day = business_date.map(|d| d.to_string());
    let mut orders = load(conn, &sql, params![statuses, day, limit as i64])?;
    orders.reverse();
    Ok(orders)
}

/// The orders a customer placed, newest first, at most `limit`. Four
/// statements, however many orders.
pub fn for_customer(conn: &Connection, customer_id: Uuid, limit: usize) -> StoreResult<Vec<Order>> {
    let sql = format!(
        "SELECT {ORDER_COLS} FROM orders WHERE customer_id = ?1
         ORDER BY created_at DESC, id DESC LIMIT ?2"
    );
    load(conn, &sql, params![customer_id.to_string(), limit as i64])
}

/// Every order created in `[from, to)`, oldest first (for exports). Four
/// statements, however many orders.
pub fn created_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<Order>> {
    let sql = format!(
        "SELECT {ORDER_COLS} FROM orders WHERE created_at >= ?1 AND created_at < ?2
         ORDER BY created_at, id"
    );
    load(conn, &sql, params![ts(from), ts(to)])
}

// ---- loading whole orders -----------------------------------------------------

/// The columns [`order_from_row`] reads.
const ORDER_COLS: &str = "id, number, status, type, table_label, channel, currency, subtotal,
    discount, tax, total, coupon_code, customer_id, cancel_reason, created_at, updated_at,
    manual_discount, manual_discount_reason, estimated_ready_at, awaiting_accept, loyalty_discount,
    points_discount";

/// The orders `sql` selects (it selects [`ORDER_COLS`] from `orders`), in its
/// order, with their lines, modifiers, payments, tax by rate and refunds: one
/// statement for the orders and one for each of the five, whatever their
/// number.
fn load(conn: &Connection, sql: &str, params: impl Params) -> StoreResult<Vec<Order>> {
    let mut orders = row::all(conn, sql, params, order_from_row)?;
    if orders.is_empty() {
        return Ok(orders);
    }
    let index: HashMap<Uuid, usize> = orders.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let ids = row::id_list(orders.iter().map(|o| o.id));

    let mut modifiers: HashMap<(usize, i64), Vec<LineModifier>> = HashMap::new();
    each_child(
        conn,
        "SELECT order_id, line_no, option_id, name, price_delta FROM order_line_modifiers
         WHERE order_id IN (SELECT value FROM json_each(?1)) ORDER BY order_id, line_no, position",
        &ids,
        &index,
        |i, r| {
            let m = modifier_from_row(r, orders[i].total.currency)?;
            modifiers.entry((i, r.get("line_no")?)).or_default().push(m);
            Ok(())
        },
    )?;
    each_child(
        conn,
        "SELECT order_id, line_no, item_id, name, quantity, unit_price, line_total, note,
                station, prep_minutes, done_at
         FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?1))
         ORDER BY order_id, line_no",
        &ids,
        &index,
        |i, r| {
            let mods = modifiers
                .remove(&(i, r.get("line_no")?))
                .unwrap_or_default();
            let line = line_from_row(r, orders[i].total.currency, mods)?;
            orders[i].lines.push(line);
            Ok(())
        },
    )?;
    money::load_payments(conn, &ids, &index, &mut orders)?;
    money::load_taxes(conn, &ids, &index, &mut orders)?;
    money::load_refunds(conn, &ids, &index, &mut orders)?;
    for order in &mut orders {
        order.settle().map_err(corrupt)?;
    }
    Ok(orders)
}

/// Runs `sql` for the orders in `ids` (bound to `?1`; it selects their
/// `order_id`) and hands each row to `f` with the index of its order.
pub(super) fn each_child(
    conn: &Connection,
    sql: &str,
    ids: &str,
    index: &HashMap<Uuid, usize>,
    mut f: impl FnMut(usize, &Row<'_>) -> StoreResult<()>,
) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([ids])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&row::uuid(r, "order_id")?) {
            f(i, r)?;
        }
    }
    Ok(())
}

/// An order's own row, without its lines and payments.
fn order_from_row(r: &Row<'_>) -> StoreResult<Order> {
    let currency = Currency::parse(&r.get::<_, String>("currency")?).map_err(corrupt)?;
    let money = |col: &str| -> StoreResult<Money> { Ok(Money::new(r.get(col)?, currency)) };
    Ok(Order {
        id: row::uuid(r, "id")?,
        number: r.get("number")?,
        status: OrderStatus::parse(&r.get::<_, String>("status")?).map_err(corrupt)?,
        order_type: OrderType::parse(&r.get::<_, String>("type")?).map_err(corrupt)?,
        table: r.get("table_label")?,
        channel: Channel::parse(&r.get::<_, String>("channel")?).map_err(corrupt)?,
        lines: Vec::new(),
        subtotal: money("subtotal")?,
        discount: money("discount")?,
        tax: money("tax")?,
        taxes: Vec::new(),
        total: money("total")?,
        coupon_code: r.get("coupon_code")?,
        discounts: Discount::of_parts(
            r.get::<_, Option<String>>("coupon_code")?.as_deref(),
            money("discount")?,
            money("loyalty_discount")?,
            money("points_discount")?,
            money("manual_discount")?,
            r.get::<_, Option<String>>("manual_discount_reason")?
                .as_deref(),
        ),
        customer_id: row::opt_uuid(r, "customer_id")?,
        payments: Vec::new(),
        paid: false,
        change_due: Money::new(0, currency),
        refunds: Vec::new(),
        refunded: Money::new(0, currency),
        tips: Money::new(0, currency),
        cancel_reason: r.get("cancel_reason")?,
        estimated_ready_at: row::opt_time(r, "estimated_ready_at")?,
        awaiting_accept: r.get("awaiting_accept")?,
        created_at: row::time(r, "created_at")?,
        updated_at: row::time(r, "updated_at")?,
    })
}

fn modifier_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<LineModifier> {
    Ok(LineModifier {
        id: row::uuid(r, "option_id")?,
        name: r.get("name")?,
        price_delta: Money::new(r.get("price_delta")?, currency),
    })
}

fn line_from_row(
    r: &Row<'_>,
    currency: Currency,
    modifiers: Vec<LineModifier>,
) -> StoreResult<OrderLine> {
    Ok(OrderLine {
        item_id: row::uuid(r, "item_id")?,
        name: r.get("name")?,
        quantity: r.get("quantity")?,
        unit_price: Money::new(r.get("unit_price")?, currency),
        modifiers,
        line_total: Money::new(r.get("line_total")?, currency),
        note: r.get("note")?,
        station: r.get("station")?,
        prep_minutes: r.get("prep_minutes")?,
        done_at: row::opt_time(r, "done_at")?,
    })
}

// ---- idempotency ------------------------------------------------------------

pub fn find_idempotent(
    conn: &Connection,
    scope: &str,
    key: &str,
) -> StoreResult<Option<(String, Uuid)>> {
    row::first(
        conn,
        "SELECT request_hash, order_id FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
        params![scope, key],
        |r| Ok((r.get("request_hash")?, row::uuid(r, "order_id")?)),
    )
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
