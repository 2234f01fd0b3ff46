//! Coupons, as the admin panel manages them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Actor, App, AppError, AppResult, NotFoundAs};
use crate::domain::coupon::{normalise_code, Coupon, CouponKind, CouponLimits};
use crate::domain::user::Role;
use crate::domain::{Field, Money};
use crate::store::coupons as store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `value` is basis points off: 1000 = 10 %.
    Percent,
    /// `value` is minor units off, e.g. 200 = €2.00.
    Fixed,
}

/// A coupon's terms, as written by the admin (the code is in the path for updates).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CouponTerms {
    pub kind: Kind,
    pub value: i64,
    #[serde(default)]
    pub min_subtotal: Option<Money>,
    #[serde(default)]
    pub valid_from: Option<DateTime<Utc>>,
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub usage_limit: Option<u32>,
    #[serde(default = "crate::app::default_true")]
    pub active: bool,
    /// Once per customer (needs a known customer on the order).
    #[serde(default)]
    pub once_per_customer: bool,
    /// On a customer's first order only.
    #[serde(default)]
    pub first_order_only: bool,
    /// For regulars only (`regular_after_visits`).
    #[serde(default)]
    pub regulars_only: bool,
}

/// A new coupon: its code and its terms (see `CouponTerms`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCoupon {
    pub code: String,
    pub kind: Kind,
    pub value: i64,
    #[serde(default)]
    pub min_subtotal: Option<Money>,
    #[serde(default)]
    pub valid_from: Option<DateTime<Utc>>,
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub usage_limit: Option<u32>,
    #[serde(default)]
    pub active: Option<bool>,
    /// Once per customer (needs a known customer on the order).
    #[serde(default)]
    pub once_per_customer: bool,
    /// On a customer's first order only.
    #[serde(default)]
    pub first_order_only: bool,
    /// For regulars only (`regular_after_visits`).
    #[serde(default)]
    pub regulars_only: bool,
}

impl NewCoupon {
    /// The code and the terms (a new coupon is active unless said otherwise).
    fn into_parts(self) -> (String, CouponTerms) {
        (
            self.code,
            CouponTerms {
                kind: self.kind,
                value: self.value,
                min_subtotal: self.min_subtotal,
                valid_from: self.valid_from,
                valid_until: self.valid_until,
                usage_limit: self.usage_limit,
                active: self.active.unwrap_or(true),
                once_per_customer: self.once_per_customer,
                first_order_only: self.first_order_only,
                regulars_only: self.regulars_only,
            },
        )
    }
}

// Coupons, as lists are answered.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CouponList {
    pub coupons: Vec<CouponView>,
}

/// A coupon as the admin sees it: its code, its terms and how often it was
/// used. The terms' fields are listed here one by one rather than
/// flattened in: `CouponTerms` allows no other fields, so a schema made of
/// it and more fields would match no coupon.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CouponView {
    pub code: String,
    pub kind: Kind,
    pub value: i64,
    pub min_subtotal: Option<Money>,
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_until: Option<DateTime<Utc>>,
    pub usage_limit: Option<u32>,
    pub active: bool,
    pub used_count: u32,
    pub once_per_customer: bool,
    pub first_order_only: bool,
    pub regulars_only: bool,
}

pub(crate) fn view(c: &Coupon) -> CouponView {
    let (kind, value) = match c.kind {
        CouponKind::Percent { basis_points } => (Kind::Percent, i64::from(basis_points)),
        CouponKind::Fixed { amount } => (Kind::Fixed, amount.amount),
    };
    CouponView {
        code: c.code.clone(),
        kind,
        value,
        min_subtotal: c.min_subtotal,
        valid_from: c.valid_from,
        valid_until: c.valid_until,
        usage_limit: c.usage_limit,
        active: c.active,
        used_count: c.used_count,
        once_per_customer: c.limits.once_per_customer,
        first_order_only: c.limits.first_order_only,
        regulars_only: c.limits.regulars_only,
    }
}

pub(crate) fn coupon(
    app: &App,
    id: uuid::Uuid,
    code: String,
    t: CouponTerms,
    used_count: u32,
) -> AppResult<Coupon> {
    let currency = app.settings().currency;
    let kind = match t.kind {
        Kind::Percent => CouponKind::Percent {
            basis_points: u32::try_from(t.value).map_err(|_| {
                AppError::invalid_value(Field::Percentage, "a percentage must be positive")
            })?,
        },
        Kind::Fixed => CouponKind::Fixed {
            amount: Money::new(t.value, currency),
        },
    };
    kind.check()?;
    if t.min_subtotal
        .is_some_and(|m| m.currency != currency || m.amount < 0)
    {
        return Err(AppError::invalid_value(
            Field::Amount,
            format!("min_subtotal must be a positive amount in {currency}"),
        ));
    }
    if let (Some(from), Some(until)) = (t.valid_from, t.valid_until) {
        if until <= from {
            return Err(AppError::invalid_value(
                Field::ValidUntil,
                "valid_until must be after valid_from",
            ));
        }
    }
    Ok(Coupon {
        id,
        code,
        kind,
        min_subtotal: t.min_subtotal,
        valid_from: t.valid_from,
        valid_until: t.valid_until,
        usage_limit: t.usage_limit,
        used_count,
        active: t.active,
        limits: CouponLimits {
            once_per_customer: t.once_per_customer,
            first_order_only: t.first_order_only,
            regulars_only: t.regulars_only,
        },
    })
}

pub async fn list(app: &App, actor: &Actor) -> AppResult<Vec<CouponView>> {
    actor.require(&[Role::Admin], "manage coupons")?;
    let currency = app.settings().currency;
    let all = app.store().read(move |c| store::all(c, currency)).await?;
    Ok(all.iter().map(view).collect())
}

pub async fn create(app: &App, actor: &Actor, new: NewCoupon) -> AppResult<CouponView> {
    actor.require(&[Role::Admin], "manage coupons")?;
    let (code, terms) = new.into_parts();
    let code =
        normalise_code(&code).map_err(|e| AppError::invalid_value(Field::CouponCode, e.message))?;
    let c = coupon(app, app.new_id(), code, terms, 0)?;
    let row = c.clone();
    app.store()
        .write(move |conn| store::insert(conn, &row))
        .await?;
    Ok(view(&c))
}

pub async fn update(
    app: &App,
    actor: &Actor,
    code: &str,
    terms: CouponTerms,
) -> AppResult<CouponView> {
    actor.require(&[Role::Admin], "manage coupons")?;
    let code = normalise_code(code).map_err(|_| AppError::not_found("no such coupon"))?;
    let currency = app.settings().currency;
    let probe = coupon(app, uuid::Uuid::nil(), code.clone(), terms.clone(), 0)?;
    let updated = app
        .store()
        .write(move |conn| -> AppResult<_> {
            let cur = store::by_code(conn, &code, currency)?
                .ok_or_else(|| AppError::not_found("no such coupon"))?;
            let next = Coupon {
                id: cur.id,
                used_count: cur.used_count,
                ..probe
            };
            store::update(conn, &next)?;
            Ok(next)
        })
        .await?;
    Ok(view(&updated))
}

pub async fn delete(app: &App, actor: &Actor, code: &str) -> AppResult<()> {
    actor.require(&[Role::Admin], "manage coupons")?;
    let code = normalise_code(code).map_err(|_| AppError::not_found("no such coupon"))?;
    app.store()
        .write(move |c| store::delete(c, &code))
        .await
        .not_found_as("no such coupon")
}
