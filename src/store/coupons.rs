//! Coupons.

use rusqlite::{params, Connection, OptionalExtension};

use super::{parse_ts, parse_uuid, ts, Conflict, StoreError, StoreResult};
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

pub fn by_code(conn: &Connection, code: &str, currency: Currency) -> StoreResult<Option<Coupon>> {
    let row = conn
        .prepare_cached(
            "SELECT id, code, kind, value, min_subtotal, valid_from, valid_until, usage_limit, used_count, active
             FROM coupons WHERE code = ?1",
        )?
        .query_row([code], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<u32>>(7)?,
                r.get::<_, u32>(8)?,
                r.get::<_, bool>(9)?,
            ))
        })
        .optional()?;
    let Some((id, code, kind, value, min, from, until, limit, used, active)) = row else {
        return Ok(None);
    };
    let kind = match kind.as_str() {
        "percent" => CouponKind::Percent {
            basis_points: u32::try_from(value)
                .map_err(|_| StoreError::Corrupt("coupon percentage".into()))?,
        },
        _ => CouponKind::Fixed {
            amount: Money::new(value, currency),
        },
    };
    Ok(Some(Coupon {
        id: parse_uuid(&id)?,
        code,
        kind,
        min_subtotal: min.map(|m| Money::new(m, currency)),
        valid_from: from.as_deref().map(parse_ts).transpose()?,
        valid_until: until.as_deref().map(parse_ts).transpose()?,
        usage_limit: limit,
        used_count: used,
        active,
    }))
}

pub fn count_use(conn: &Connection, code: &str) -> StoreResult<()> {
    conn.prepare_cached("UPDATE coupons SET used_count = used_count + 1 WHERE code = ?1")?
        .execute([code])?;
    Ok(())
}

pub fn all(conn: &Connection, currency: Currency) -> StoreResult<Vec<Coupon>> {
    let codes: Vec<String> = conn
        .prepare_cached("SELECT code FROM coupons ORDER BY code")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        if let Some(c) = by_code(conn, &code, currency)? {
            out.push(c);
        }
    }
    Ok(out)
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
