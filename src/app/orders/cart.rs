//! A cart checked and priced: pure functions of the request, the menu's
//! items and the coupon, used by placing and quoting an order (and by the
//! fuzz targets in `fuzz/`, which run them without a store).

use std::collections::HashMap;

use serde_json::json;
use uuid::Uuid;

use super::{PlaceLine, PlaceOrder};
use crate::app::settings::{ShopSettings, STANDARD_CLASS};
use crate::app::{AppError, AppResult, ErrorCode};
use crate::domain::coupon::{self, Coupon};
use crate::domain::discount::{self, ManualDiscount};
use crate::domain::loyalty::Tier;
use crate::domain::menu::Item;
use crate::domain::order::{self, Discount, LineModifier, OrderLine, OrderType, Quantity};
use crate::domain::pricing;
use crate::domain::Money;

/// Most lines one order may have.
pub const MAX_LINES: usize = 50;

/// Checks a request's shape before anything is read: lines, quantities,
/// notes, table. Normalises the coupon code in place and returns the table
/// and the coupon code.
pub fn check_request(req: &mut PlaceOrder) -> AppResult<(Option<String>, Option<String>)> {
    if req.lines.is_empty() {
        return Err(AppError::new(
            ErrorCode::OrderEmpty,
            "an order needs at least one line",
        ));
    }
    if req.lines.len() > MAX_LINES {
        return Err(AppError::new(
            ErrorCode::TooManyLines,
            format!("an order has at most {MAX_LINES} lines"),
        )
        .with_params(json!({ "max": MAX_LINES })));
    }
    for line in &req.lines {
        Quantity::parse(line.quantity)?;
        order::check_note(line.note.as_deref())?;
    }
    let table = order::check_table(req.table.as_deref(), req.order_type)?;
    let coupon_code = req
        .coupon_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(coupon::normalise_code)
        .transpose()
        .map_err(AppError::from)?;
    req.coupon_code = coupon_code.clone();
    Ok((table, coupon_code))
}

/// A priced cart: its lines, its totals and its discounts (the coupon's,
/// the tier's, the points' and the manual one, which add up to
/// `totals.discount`).
#[derive(Debug, Clone)]
pub struct Priced {
    pub lines: Vec<OrderLine>,
    pub totals: pricing::Totals,
    pub discounts: Vec<Discount>,
    /// The customer's loyalty tier, when the order has one.
    pub tier: Option<Tier>,
    /// Points spent on the order's `points` discount.
    pub points_redeemed: i64,
}

/// What a known customer's standing gives an order: their tier and the
/// points they redeem (with the value they were priced at).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rewards {
    pub tier: Option<Tier>,
    pub points: i64,
    pub points_value: Option<Money>,
}

/// Prices a cart against `items` (the menu's items by id): every item must
/// exist and be available, every line's modifiers must satisfy their
/// groups, the coupon (looked up by `find_coupon` once the lines are
/// priced) must apply; the manual discount then applies to what the coupon
/// left (see `domain::discount`).
#[allow(clippy::too_many_arguments)]
pub fn price_items(
    items: &HashMap<Uuid, Item>,
    req_lines: &[PlaceLine],
    coupon_code: Option<&str>,
    find_coupon: impl FnOnce(&str) -> AppResult<Option<Coupon>>,
    manual: Option<&ManualDiscount>,
    order_type: OrderType,
    settings: &ShopSettings,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Priced> {
    price_rewarded(
        items,
        req_lines,
        coupon_code,
        find_coupon,
        manual,
        order_type,
        settings,
        now,
        &Rewards::default(),
    )
}

/// [`price_items`] for an order with a customer's `rewards` (their tier's
/// percentage and points redeemed), combined with the coupon and the
/// manual discount by the rule of `domain::discount::combine`.
#[allow(clippy::too_many_arguments)]
pub fn price_rewarded(
    items: &HashMap<Uuid, Item>,
    req_lines: &[PlaceLine],
    coupon_code: Option<&str>,
    find_coupon: impl FnOnce(&str) -> AppResult<Option<Coupon>>,
    manual: Option<&ManualDiscount>,
    order_type: OrderType,
    settings: &ShopSettings,
    now: chrono::DateTime<chrono::Utc>,
    rewards: &Rewards,
) -> AppResult<Priced> {
    let currency = settings.currency;
    // Each line's rate: its item's tax class, eaten in or taken away.
    let rate_of = |class: &str| {
        settings
            .tax_class(class)
            .or_else(|| settings.tax_class(STANDARD_CLASS))
            .map_or(settings.tax_rate_bps, |c| c.rate(order_type))
    };
    let mut taxed = Vec::with_capacity(req_lines.len());
    let mut lines = Vec::with_capacity(req_lines.len());
    for l in req_lines {
        let item = items.get(&l.item_id).ok_or_else(|| {
            AppError::new(
                ErrorCode::UnknownItem,
                format!("there is no item {}", l.item_id),
            )
            .with_params(json!({ "item_id": l.item_id }))
        })?;
        if !item.available {
            return Err(AppError::new(
                ErrorCode::ItemUnavailable,
                format!("{} is sold out", item.name),
            )
            .with_params(json!({ "item": item.name, "item_id": item.id })));
        }
        let chosen = item.choose_modifiers(&l.modifier_option_ids)?;
        let quantity = Quantity::parse(l.quantity)?.get();
        let line_total =
            pricing::line_total(item.price, chosen.iter().map(|o| o.price_delta), quantity)?;
        taxed.push((line_total, rate_of(&item.tax_class)));
        lines.push(OrderLine {
            item_id: item.id,
            name: item.name.clone(),
            quantity,
            unit_price: item.price,
            modifiers: chosen
                .iter()
                .map(|o| LineModifier {
                    id: o.id,
                    name: o.name.clone(),
                    price_delta: o.price_delta,
                })
                .collect(),
            line_total,
            note: order::check_note(l.note.as_deref())?,
            // The station is its category's, filled in where the order is
            // written.
            station: None,
            prep_minutes: item.prep_minutes,
            done_at: None,
        });
    }
    let subtotal = Money::sum(currency, lines.iter().map(|l| l.line_total))?;
    let coupon_discount = match coupon_code {
        None => Money::zero(currency),
        Some(code) => find_coupon(code)?
            .ok_or_else(|| {
                AppError::from(coupon::invalid(
                    "not_found",
                    code,
                    format!("there is no coupon {code}"),
                ))
            })?
            .discount_for(subtotal, now)?,
    };
    let tier_bps = rewards.tier.map_or(0, |t| t.basis_points);
    let points_value = rewards.points_value.unwrap_or(Money::zero(currency));
    let r = discount::combine(subtotal, coupon_discount, tier_bps, points_value, manual)?;
    let totals = pricing::price_lines(currency, &taxed, r.total()?, settings.tax_mode)?;
    let discounts = Discount::of_parts(
        coupon_code,
        totals.discount,
        r.loyalty,
        r.points,
        r.manual,
        manual.map(|m| m.reason.as_str()),
    );
    Ok(Priced {
        lines,
        totals,
        discounts,
        tier: rewards.tier,
        points_redeemed: if r.points.amount > 0 {
            rewards.points
        } else {
            0
        },
    })
}
