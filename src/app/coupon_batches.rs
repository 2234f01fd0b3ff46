//! Coupon batches: many coupons at once with random, unguessable codes
//! (a flyer's worth), exported as CSV (admin).

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::coupons::{coupon, view, CouponTerms, CouponView, Kind};
use super::{Actor, App, AppError, AppResult};
use crate::domain::user::Role;
use crate::domain::{Field, Money};
use crate::store::coupons as store;
use crate::store::{Conflict, StoreError};

/// Most coupons in one batch.
pub const MAX_BATCH: u32 = 1_000;
/// Longest prefix.
pub const MAX_PREFIX: usize = 12;
/// Random characters in a code after its prefix: 32 symbols each, 60 bits.
pub const RANDOM_LEN: usize = 12;
/// The symbols of a code's random part: no 0/O or 1/I to misread.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// `POST /api/coupons/batch`: `count` coupons with the same terms. Each is
/// used once unless `usage_limit` says otherwise.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBatch {
    /// Up to 12 letters and digits, put before each code (`SUMMER-…`).
    #[serde(default)]
    pub prefix: Option<String>,
    /// 1 to 1000.
    pub count: u32,
    pub kind: Kind,
    pub value: i64,
    #[serde(default)]
    pub min_subtotal: Option<Money>,
    #[serde(default)]
    pub valid_from: Option<DateTime<Utc>>,
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    /// Uses of each coupon; 1 unless given.
    #[serde(default)]
    pub usage_limit: Option<u32>,
    #[serde(default)]
    pub once_per_customer: bool,
    #[serde(default)]
    pub first_order_only: bool,
    #[serde(default)]
    pub regulars_only: bool,
}

/// A batch and its coupons, by code.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Batch {
    pub id: Uuid,
    pub coupons: Vec<CouponView>,
}

/// A code: the prefix and [`RANDOM_LEN`] symbols of [`ALPHABET`] from the
/// operating system's random source.
fn random_code(prefix: &str) -> String {
    let mut bytes = [0u8; RANDOM_LEN];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let random: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect();
    if prefix.is_empty() {
        random
    } else {
        format!("{prefix}-{random}")
    }
}

fn check_prefix(prefix: Option<&str>) -> AppResult<String> {
    let p = prefix.unwrap_or("").trim().to_uppercase();
    if p.len() > MAX_PREFIX || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::invalid_value(
            Field::Prefix,
            format!("a prefix has at most {MAX_PREFIX} letters and digits"),
        ));
    }
    Ok(p)
}

/// Makes a batch of coupons in one transaction (admin) and answers them.
pub async fn create(app: &App, actor: &Actor, new: NewBatch) -> AppResult<Batch> {
    actor.require(&[Role::Admin], "manage coupons")?;
    let prefix = check_prefix(new.prefix.as_deref())?;
    if !(1..=MAX_BATCH).contains(&new.count) {
        return Err(AppError::out_of_range(
            Field::Count,
            1,
            i64::from(MAX_BATCH),
            format!("a batch has 1 to {MAX_BATCH} coupons"),
        ));
    }
    let terms = CouponTerms {
        kind: new.kind,
        value: new.value,
        min_subtotal: new.min_subtotal,
        valid_from: new.valid_from,
        valid_until: new.valid_until,
        usage_limit: Some(new.usage_limit.unwrap_or(1)),
        active: true,
        once_per_customer: new.once_per_customer,
        first_order_only: new.first_order_only,
        regulars_only: new.regulars_only,
    };
    // The terms checked once; each coupon gets its id and code below.
    let template = coupon(app, Uuid::nil(), String::new(), terms, 0)?;
    let ids: Vec<Uuid> = (0..new.count).map(|_| app.new_id()).collect();
    let batch = app.new_id();
    let (by, now, count) = (actor.user_id(), app.now(), new.count);
    let coupons = app
        .store()
        .write(move |c| -> AppResult<_> {
            store::insert_batch(c, batch, &prefix, count, by, now)?;
            let mut made = Vec::with_capacity(ids.len());
            for id in ids {
                // 60 random bits: a clash is next to impossible, and retried.
                let mut tries = 0;
                loop {
                    let next = crate::domain::coupon::Coupon {
                        id,
                        code: random_code(&prefix),
                        ..template.clone()
                    };
                    match store::insert_in_batch(c, &next, Some(batch)) {
                        Ok(()) => {
                            made.push(next);
                            break;
                        }
                        Err(StoreError::Conflict(Conflict::CouponCode)) if tries < 3 => tries += 1,
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            Ok(made)
        })
        .await?;
    Ok(Batch {
        id: batch,
        coupons: coupons.iter().map(view).collect(),
    })
}

/// A batch's coupons (admin); 404 for an unknown batch.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> AppResult<Batch> {
    actor.require(&[Role::Admin], "manage coupons")?;
    let currency = app.settings().currency;
    let coupons = app
        .store()
        .read(move |c| store::of_batch(c, id, currency))
        .await?
        .ok_or_else(|| AppError::not_found("no such batch"))?;
    Ok(Batch {
        id,
        coupons: coupons.iter().map(view).collect(),
    })
}

impl Batch {
    /// One line per coupon, with a header; values as the API gives them
    /// (codes have letters, digits and `-` only, so nothing needs quoting).
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "code,kind,value,min_subtotal,valid_from,valid_until,usage_limit,once_per_customer,first_order_only,regulars_only,used_count,active\n",
        );
        let opt = |v: Option<String>| v.unwrap_or_default();
        for c in &self.coupons {
            let kind = match c.kind {
                Kind::Percent => "percent",
                Kind::Fixed => "fixed",
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{}",
                c.code,
                kind,
                c.value,
                opt(c.min_subtotal.map(|m| m.to_decimal())),
                opt(c.valid_from.map(|t| t.to_rfc3339())),
                opt(c.valid_until.map(|t| t.to_rfc3339())),
                opt(c.usage_limit.map(|u| u.to_string())),
                c.once_per_customer,
                c.first_order_only,
                c.regulars_only,
                c.used_count,
                c.active
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_random_and_unambiguous() {
        let a = random_code("SUMMER");
        assert!(a.starts_with("SUMMER-"));
        assert_eq!(a.len(), 7 + RANDOM_LEN);
        let b = random_code("");
        assert_eq!(b.len(), RANDOM_LEN);
        assert!(b.chars().all(|c| !"0O1I".contains(c)));
        assert_ne!(random_code(""), random_code(""));
        assert!(crate::domain::coupon::normalise_code(&a).is_ok());
    }

    #[test]
    fn prefixes_are_short_letters_and_digits() {
        assert_eq!(check_prefix(Some(" sum26 ")).unwrap(), "SUM26");
        assert_eq!(check_prefix(None).unwrap(), "");
        assert!(check_prefix(Some("a-b")).is_err());
        assert!(check_prefix(Some(&"A".repeat(13))).is_err());
    }
}
