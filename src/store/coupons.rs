//! Coupons.

use rusqlite::{params, Connection, Row};

use super::{row, ts, Conflict, StoreError, StoreResult};
use uuid::Uuid;

use crate::domain::coupon::{Coupon, CouponKind, CouponLimits};
use crate::domain::{Currency, Money};

/// The `kind` and `value` columns of a coupon kind.
fn kind_value(kind: CouponKind) -> (&'static str, i64) {
    match kind {
        CouponKind::Percent { basis_points } => ("percent", i64::from(basis_points)),
        CouponKind::Fixed { amount } => ("fixed", amount.amount),
    }
}

pub fn insert(conn: &Connection, c: &Coupon) -> StoreResult<()> {
    insert_in_batch(conn, c, None)
}

/// Inserts a coupon, as one of the batch `batch` when given.
pub fn insert_in_batch(conn: &Connection, c: &Coupon, batch: Option<Uuid>) -> StoreResult<()> {
    let (kind, value) = kind_value(c.kind);
    conn.prepare_cached(
        "INSERT INTO coupons (id, code, kind, value, min_subtotal, valid_from, valid_until, usage_limit, used_count, active,
                              once_per_customer, first_order_only, regulars_only, batch_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
        c.active,
        c.limits.once_per_customer,
        c.limits.first_order_only,
        c.limits.regulars_only,
        batch.map(|b| b.to_string())
    ])
    .map_err(|e| StoreError::from_unique(e, |_| Conflict::CouponCode))?;
    Ok(())
}

const COUPON_COLS: &str =
    "id, code, kind, value, min_subtotal, valid_from, valid_until, usage_limit, used_count, active,
     once_per_customer, first_order_only, regulars_only";

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
        limits: CouponLimits {
            once_per_customer: r.get("once_per_customer")?,
            first_order_only: r.get("first_order_only")?,
            regulars_only: r.get("regulars_only")?,
        },
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
             usage_limit = ?7, active = ?8, once_per_customer = ?9, first_order_only = ?10,
             regulars_only = ?11 WHERE code = ?1",
        )?
        .execute(params![
            c.code,
            kind,
            value,
            c.min_subtotal.map(|m| m.amount),
            c.valid_from.map(ts),
            c.valid_until.map(ts),
            c.usage_limit,
            c.active,
            c.limits.once_per_customer,
            c.limits.first_order_only,
            c.limits.regulars_only
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

/// Records a batch of coupons (its coupons are inserted with
/// [`insert_in_batch`] in the same transaction).
pub fn insert_batch(
    conn: &Connection,
    id: Uuid,
    prefix: &str,
    count: u32,
    created_by: Option<Uuid>,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO coupon_batches (id, prefix, count, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.to_string(),
        prefix,
        count,
        created_by.map(|u| u.to_string()),
        ts(at)
    ])?;
    Ok(())
}

/// The coupons of a batch, by code (`None`: there is no such batch).
pub fn of_batch(
    conn: &Connection,
    batch: Uuid,
    currency: Currency,
) -> StoreResult<Option<Vec<Coupon>>> {
    let exists: Option<i64> = row::first(
        conn,
        "SELECT 1 FROM coupon_batches WHERE id = ?1",
        [batch.to_string()],
        |r| Ok(r.get(0)?),
    )?;
    if exists.is_none() {
        return Ok(None);
    }
    let sql = format!("SELECT {COUPON_COLS} FROM coupons WHERE batch_id = ?1 ORDER BY code");
    row::all(conn, &sql, [batch.to_string()], |r| {
        coupon_from_row(r, currency)
    })
    .map(Some)
}
