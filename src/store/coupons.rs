//! Coupons.

use rusqlite::{params, Connection, Row};

use super::{row, ts, Conflict, StoreError, StoreResult};
use crate::domain::coupon::{Coupon, CouponKind};
use crate::domain::{Currency, Money};

/// The `kind` and `value` columns of a coupon kind.
fn kind_value(kind: CouponKind) -> (&'static str, i64) {
    match kind {
        CouponKind::Percent { basis_points } => ("percent", i64::from(basis_points)),
        CouponKind::Fixed { amount } => ("fixed", amount.amount),
    }
}

pub fn insert(conn: &Connection, c: &Coupon) -> StoreResult<()> {
    let (kind, value) = kind_value(c.kind);
    conn.prepare_cached(
        "INSERT INTO coupons (id, code, kind, value, min_subtotal, valid_from, valid_until, usage_limit, used_count, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        c.id.to_string(),
        c.code,
        kind,
        value,
        c.min_subtotal.map(|m| m.amount),
        c.valid_from.map(ts),
        c.valid_until.map(ts),
        c.usage_limit,
        c.used_count,
        c.active
    ])
    .map_err(|e| StoreError::from_unique(e, |_| Conflict::CouponCode))?;
    Ok(())
}

const COUPON_COLS: &str =
    "id, code, kind, value, min_subtotal, valid_from, valid_until, usage_limit, used_count, active";

fn coupon_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<Coupon> {
    let value: i64 = r.get("value")?;
    let kind = match r.get::<_, String>("kind")?.as_str() {
        "percent" => CouponKind::Percent {
            basis_points: u32::try_from(value)
                .map_err(|_| StoreError::Corrupt("coupon percentage".into()))?,
        },
        _ => CouponKind::Fixed {
            amount: Money::new(value, currency),
        },
    };
    Ok(Coupon {
        id: row::uuid(r, "id")?,
        code: r.get("code")?,
        kind,
        min_subtotal: r
            .get::<_, Option<i64>>("min_subtotal")?
            .map(|m| Money::new(m, currency)),
        valid_from: row::opt_time(r, "valid_from")?,
        valid_until: row::opt_time(r, "valid_until")?,
        usage_limit: r.get("usage_limit")?,
        used_count: r.get("used_count")?,
        active: r.get("active")?,
    })
}

pub fn by_code(conn: &Connection, code: &str, currency: Currency) -> StoreResult<Option<Coupon>> {
    let sql = format!("SELECT {COUPON_COLS} FROM coupons WHERE code = ?1");
    row::first(conn, &sql, [code], |r| coupon_from_row(r, currency))
}

pub fn count_use(conn: &Connection, code: &str) -> StoreResult<()> {
    conn.prepare_cached("UPDATE coupons SET used_count = used_count + 1 WHERE code = ?1")?
        .execute([code])?;
    Ok(())
}

/// Gives back a use counted by [`count_use`] (its order was cancelled).
pub fn release_use(conn: &Connection, code: &str) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE coupons SET used_count = used_count - 1 WHERE code = ?1 AND used_count > 0",
    )?
    .execute([code])?;
    Ok(())
}

/// Every coupon, by code: one statement.
pub fn all(conn: &Connection, currency: Currency) -> StoreResult<Vec<Coupon>> {
    let sql = format!("SELECT {COUPON_COLS} FROM coupons ORDER BY code");
    row::all(conn, &sql, [], |r| coupon_from_row(r, currency))
}

/// Rewrites a coupon's terms (not its code or use count).
pub fn update(conn: &Connection, c: &Coupon) -> StoreResult<()> {
    let (kind, value) = kind_value(c.kind);
    let n = conn
        .prepare_cached(
            "UPDATE coupons SET kind = ?2, value = ?3, min_subtotal = ?4, valid_from = ?5, valid_until = ?6,
             usage_limit = ?7, active = ?8 WHERE code = ?1",
        )?
        .execute(params![
            c.code,
            kind,
            value,
            c.min_subtotal.map(|m| m.amount),
            c.valid_from.map(ts),
            c.valid_until.map(ts),
            c.usage_limit,
            c.active
        ])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn delete(conn: &Connection, code: &str) -> StoreResult<()> {
    let n = conn
        .prepare_cached("DELETE FROM coupons WHERE code = ?1")?
        .execute([code])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
