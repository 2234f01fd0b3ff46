//! Regulars rewarded: what a known customer's standing gives their orders
//! (their tier's discount, points to redeem), the points ledger moved by
//! payments, refunds and cancellations, coupons limited to some customers,
//! and a customer's loyalty as the counter and their own account show it.
//! The rules themselves are pure, in `domain::loyalty` and
//! `domain::discount::combine`.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::orders::Rewards;
use super::settings::ShopSettings;
use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::coupon::Coupon;
use crate::domain::loyalty::Tier;
use crate::domain::order::Order;
use crate::domain::user::Role;
use crate::domain::Money;
use crate::store::customers as customer_store;
use crate::store::loyalty::{self as store, PointsKind};

/// 422 `customer_required`: `what` (`coupon` or `points`) needs a known
/// customer on the order.
fn customer_required(what: &str, message: &str) -> AppError {
    AppError::new(ErrorCode::CustomerRequired, message).with_params(json!({ "reason": what }))
}

/// What `customer`'s standing gives an order: their tier, and the
/// `redeem` points checked against their balance and priced.
pub(crate) fn rewards(
    c: &Connection,
    settings: &ShopSettings,
    customer: Option<Uuid>,
    redeem: Option<u32>,
) -> AppResult<Rewards> {
    let redeem = redeem.filter(|p| *p > 0).map(i64::from);
    let Some(customer) = customer else {
        if redeem.is_some() {
            return Err(customer_required(
                "points",
                "points are redeemed by a known customer: name the customer first",
            ));
        }
        return Ok(Rewards::default());
    };
    let standing = store::standing(c, customer)?;
    let tier = settings.loyalty.tier_for(standing.lifetime_spend);
    let Some(points) = redeem else {
        return Ok(Rewards {
            tier,
            ..Rewards::default()
        });
    };
    let value = settings
        .loyalty
        .points_value(points, settings.currency)
        .ok_or_else(|| AppError::new(ErrorCode::PointsOff, "this shop does not take points"))?;
    if points > standing.points {
        return Err(AppError::new(
            ErrorCode::PointsInsufficient,
            format!("the customer has {} points", standing.points),
        )
        .with_params(json!({ "balance": standing.points })));
    }
    Ok(Rewards {
        tier,
        points,
        points_value: Some(value),
    })
}

/// Refuses `coupon` when its limits keep it from `customer` (422
/// `coupon_already_used`, `coupon_first_order_only`, `coupon_regulars_only`,
/// or `customer_required` without a customer).
pub(crate) fn check_coupon(
    c: &Connection,
    settings: &ShopSettings,
    coupon: &Coupon,
    customer: Option<Uuid>,
) -> AppResult<()> {
    let limits = coupon.limits;
    if !limits.any() {
        return Ok(());
    }
    let code = &coupon.code;
    let Some(customer) = customer else {
        return Err(customer_required(
            "coupon",
            &format!("coupon {code} is for known customers: name the customer first"),
        )
        .with_params(json!({ "reason": "coupon", "code": code })));
    };
    if limits.once_per_customer && store::coupon_uses(c, customer, code)? > 0 {
        return Err(AppError::new(
            ErrorCode::CouponAlreadyUsed,
            format!("this customer has used coupon {code} already"),
        )
        .with_params(json!({ "code": code })));
    }
    let standing = store::standing(c, customer)?;
    if limits.first_order_only && standing.visits > 0 {
        return Err(AppError::new(
            ErrorCode::CouponFirstOrderOnly,
            format!("coupon {code} is for a customer's first order"),
        )
        .with_params(json!({ "code": code })));
    }
    let needed = i64::from(settings.regular_after_visits);
    if limits.regulars_only && standing.visits < needed {
        return Err(AppError::new(
            ErrorCode::CouponRegularsOnly,
            format!("coupon {code} is for regulars ({needed} visits)"),
        )
        .with_params(json!({ "code": code, "visits": needed })));
    }
    Ok(())
}

/// Spends the points an order was priced with (in its transaction).
pub(crate) fn redeem(
    c: &Connection,
    order: &Order,
    points: i64,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if let (Some(customer), true) = (order.customer_id, points > 0) {
        store::insert_points(
            c,
            id,
            customer,
            Some(order.id),
            PointsKind::Redeemed,
            -points,
            now,
        )?;
    }
    Ok(())
}

/// Credits, or takes back, what `order` earns now that its payments or
/// refunds changed (in their transaction; `id`, the ledger row's, is the
/// payment's or the refund's): points on what it brought in
/// once paid in full, never taking a customer below zero.
pub(crate) fn settle(
    c: &Connection,
    settings: &ShopSettings,
    order: &Order,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let Some(customer) = order.customer_id else {
        return Ok(());
    };
    let (earned, _) = store::of_order(c, order.id)?;
    let kept = order.total.checked_sub(order.refunded)?.max_zero();
    let due = if order.paid || earned > 0 {
        settings.loyalty.points_earned(kept)
    } else {
        0
    };
    if due > earned && order.paid && order.refunded.is_zero() {
        store::insert_points(
            c,
            id,
            customer,
            Some(order.id),
            PointsKind::Earned,
            due - earned,
            now,
        )?;
    } else if due < earned {
        let balance = store::standing(c, customer)?.points;
        let back = (earned - due).min(balance.max(0));
        if back > 0 {
            store::insert_points(
                c,
                id,
                customer,
                Some(order.id),
                PointsKind::TakenBack,
                -back,
                now,
            )?;
        }
    }
    Ok(())
}

/// Gives back the points spent on `order`, being cancelled (in its
/// transaction). The ledger row takes the order's id: an order is
/// cancelled once.
pub(crate) fn on_cancel(c: &Connection, order: &Order, now: DateTime<Utc>) -> AppResult<()> {
    let Some(customer) = order.customer_id else {
        return Ok(());
    };
    let (_, spent) = store::of_order(c, order.id)?;
    if spent > 0 {
        store::insert_points(
            c,
            order.id,
            customer,
            Some(order.id),
            PointsKind::Returned,
            spent,
            now,
        )?;
    }
    Ok(())
}

/// A customer's loyalty: what they spent, their tier and the next, their points.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LoyaltyView {
    pub customer_id: Uuid,
    /// Payments applied to their orders minus refunds.
    pub lifetime_spend: Money,
    /// The tier reached, if any.
    pub tier: Option<Tier>,
    /// The next tier, if any.
    pub next_tier: Option<Tier>,
    /// Non-cancelled orders.
    pub visits: i64,
    /// At least the shop's `regular_after_visits`.
    pub regular: bool,
    /// The points balance.
    pub points: i64,
    /// What the balance is worth when redeemed (absent where the shop does
    /// not take points).
    pub points_value: Option<Money>,
}

fn view(settings: &ShopSettings, customer_id: Uuid, s: store::Standing) -> LoyaltyView {
    LoyaltyView {
        customer_id,
        lifetime_spend: Money::new(s.lifetime_spend, settings.currency),
        tier: settings.loyalty.tier_for(s.lifetime_spend),
        next_tier: settings.loyalty.next_tier(s.lifetime_spend),
        visits: s.visits,
        regular: s.visits >= i64::from(settings.regular_after_visits),
        points: s.points,
        points_value: settings.loyalty.points_value(s.points, settings.currency),
    }
}

/// A customer's loyalty (cashier, admin).
pub async fn of_customer(app: &App, actor: &Actor, id: Uuid) -> AppResult<LoyaltyView> {
    actor.require(&[Role::Admin, Role::Cashier], "look up customers")?;
    let settings = app.settings();
    app.store()
        .read(move |c| -> AppResult<_> {
            if !customer_store::exists(c, id)? {
                return Err(AppError::not_found("no such customer"));
            }
            Ok(view(&settings, id, store::standing(c, id)?))
        })
        .await
}

/// The signed-in customer's own loyalty.
pub async fn mine(app: &App, actor: &Actor) -> AppResult<LoyaltyView> {
    actor.require(&[Role::Customer], "see a customer's loyalty")?;
    let uid = actor.user_id().ok_or_else(AppError::login_required)?;
    let settings = app.settings();
    app.store()
        .read(move |c| -> AppResult<_> {
            let id = customer_store::id_for_user(c, uid)?
                .ok_or_else(|| AppError::forbidden("this account has no customer profile"))?;
            Ok(view(&settings, id, store::standing(c, id)?))
        })
        .await
}

/// The customer an order is priced for: a customer's own profile (403 for
/// anyone else's), or the one staff or a kiosk name.
pub(crate) async fn customer_of(
    app: &App,
    actor: &Actor,
    role: Role,
    named: Option<Uuid>,
) -> AppResult<Option<Uuid>> {
    if role != Role::Customer {
        return Ok(named);
    }
    let uid = actor.user_id().ok_or_else(AppError::login_required)?;
    let id = app
        .store()
        .read(move |c| customer_store::id_for_user(c, uid))
        .await?
        .ok_or_else(|| AppError::forbidden("this account has no customer profile"))?;
    if named.is_some_and(|c| c != id) {
        return Err(AppError::forbidden(
            "customers can only order for themselves",
        ));
    }
    Ok(Some(id))
}
