//! Shifts: opening, cash in and out, closing (each row only ever inserted),
//! and the cash a shift's window took in and gave back.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use uuid::Uuid;

use super::{outbox, row, ts, StoreError, StoreResult};
use crate::domain::Currency;
use crate::sync::wire::{ClosedShift, Payload};

/// A shift as stored: its opening, its cash movements summed, its close.
pub struct ShiftRow {
    pub id: Uuid,
    pub currency: String,
    pub opening_float: i64,
    pub opened_by: Option<Uuid>,
    pub opened_at: DateTime<Utc>,
    pub cash_in: i64,
    pub cash_out: i64,
    pub closed_at: Option<DateTime<Utc>>,
    pub expected_cash: Option<i64>,
    pub counted_cash: Option<i64>,
}

const SHIFT_SELECT: &str = "SELECT s.id, s.currency, s.opening_float, s.opened_by, s.opened_at,
        (SELECT coalesce(sum(amount), 0) FROM shift_cash m WHERE m.shift_id = s.id AND kind = 'in') AS cash_in,
        (SELECT coalesce(sum(amount), 0) FROM shift_cash m WHERE m.shift_id = s.id AND kind = 'out') AS cash_out,
        c.closed_at, c.expected_cash, c.counted_cash
     FROM shifts s LEFT JOIN shift_closes c ON c.shift_id = s.id";

fn shift_from_row(r: &Row<'_>) -> StoreResult<ShiftRow> {
    Ok(ShiftRow {
        id: row::uuid(r, "id")?,
        currency: r.get("currency")?,
        opening_float: r.get("opening_float")?,
        opened_by: row::opt_uuid(r, "opened_by")?,
        opened_at: row::time(r, "opened_at")?,
        cash_in: r.get("cash_in")?,
        cash_out: r.get("cash_out")?,
        closed_at: row::opt_time(r, "closed_at")?,
        expected_cash: r.get("expected_cash")?,
        counted_cash: r.get("counted_cash")?,
    })
}

/// The shift that is open (it has no close), if any.
pub fn open_shift(conn: &Connection) -> StoreResult<Option<ShiftRow>> {
    let sql = format!("{SHIFT_SELECT} WHERE c.shift_id IS NULL ORDER BY s.opened_at DESC LIMIT 1");
    row::first(conn, &sql, [], shift_from_row)
}

/// One shift by id.
pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<ShiftRow>> {
    let sql = format!("{SHIFT_SELECT} WHERE s.id = ?1");
    row::first(conn, &sql, [id.to_string()], shift_from_row)
}

/// The shifts opened in `[from, to)`, oldest first.
pub fn opened_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<ShiftRow>> {
    let sql = format!(
        "{SHIFT_SELECT} WHERE s.opened_at >= ?1 AND s.opened_at < ?2 ORDER BY s.opened_at, s.id"
    );
    row::all(conn, &sql, params![ts(from), ts(to)], shift_from_row)
}

pub fn insert(
    conn: &Connection,
    id: Uuid,
    currency: &str,
    opening_float: i64,
    opened_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO shifts (id, currency, opening_float, opened_by, opened_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id.to_string(), currency, opening_float, opened_by.map(|u| u.to_string()), ts(now)])?;
    Ok(())
}

/// Cash put in (`in`) or taken out (`out`) of the drawer during a shift.
pub struct CashMove<'a> {
    pub id: Uuid,
    pub shift_id: Uuid,
    pub kind: &'a str,
    pub amount: i64,
    pub reason: &'a str,
    pub by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

pub fn insert_cash(conn: &Connection, m: &CashMove<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO shift_cash (id, shift_id, kind, amount, reason, by_user, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        m.id.to_string(),
        m.shift_id.to_string(),
        m.kind,
        m.amount,
        m.reason,
        m.by.map(|u| u.to_string()),
        ts(m.at)
    ])?;
    Ok(())
}

pub fn insert_close(
    conn: &Connection,
    shift_id: Uuid,
    expected_cash: i64,
    counted_cash: i64,
    closed_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO shift_closes (shift_id, expected_cash, counted_cash, closed_by, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        shift_id.to_string(),
        expected_cash,
        counted_cash,
        closed_by.map(|u| u.to_string()),
        ts(now)
    ])?;
    let s = get(conn, shift_id)?.ok_or(StoreError::NotFound)?;
    let shift = ClosedShift {
        id: s.id,
        currency: Currency::parse(&s.currency)
            .map_err(|e| StoreError::Corrupt(format!("shift currency: {e}")))?,
        opening_float: s.opening_float,
        cash_in: s.cash_in,
        cash_out: s.cash_out,
        expected_cash,
        counted_cash,
        opened_at: s.opened_at,
        opened_by: s.opened_by,
        closed_at: now,
        closed_by,
    };
    outbox::push(conn, now, &Payload::ShiftClosed { shift })
}

/// The cash that went through the drawer in `[from, to)`: what cash
/// payments brought in (amount and tip: the tendered money minus the change)
/// and what cash refunds gave back.
pub struct CashFlow {
    pub taken: i64,
    pub refunded: i64,
}

pub fn cash_flow(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<CashFlow> {
    let mut stmt = conn.prepare_cached(
        "SELECT
            (SELECT coalesce(sum(amount + tip), 0) FROM payments
             WHERE method = 'cash' AND created_at >= ?1 AND created_at < ?2) AS taken,
            (SELECT coalesce(sum(amount), 0) FROM refunds
             WHERE method = 'cash' AND created_at >= ?1 AND created_at < ?2) AS refunded",
    )?;
    Ok(stmt.query_row(params![ts(from), ts(to)], |r| {
        Ok(CashFlow {
            taken: r.get("taken")?,
            refunded: r.get("refunded")?,
        })
    })?)
}
