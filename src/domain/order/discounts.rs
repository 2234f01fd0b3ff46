//! An order's discounts: where each comes from and how much it takes off,
//! in the order they combine in (`domain::discount::combine`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::Money;

/// Where a discount comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    Coupon,
    /// The customer's loyalty tier.
    Loyalty,
    /// Points the customer redeemed.
    Points,
    /// Given by staff at the till, with a reason.
    Manual,
}

/// One discount on an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Discount {
    pub kind: DiscountKind,
    /// The coupon's code, for a coupon.
    pub code: Option<String>,
    pub amount: Money,
    /// Why, for a manual discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Discount {
    /// An order's discounts from its totals: `total` is all of them, of
    /// which `manual` was given by staff for `reason`; the rest is the
    /// coupon's (when there is one).
    pub fn of_order(
        coupon_code: Option<&str>,
        total: Money,
        manual: Money,
        reason: Option<&str>,
    ) -> Vec<Discount> {
        let zero = Money::zero(total.currency);
        Self::of_parts(coupon_code, total, zero, zero, manual, reason)
    }

    /// An order's discounts from its totals: `total` is all of them, of
    /// which `loyalty` came from the customer's tier, `points` from points
    /// redeemed and `manual` from staff (for `reason`); the rest is the
    /// coupon's (when there is one). In the order they combine in.
    pub fn of_parts(
        coupon_code: Option<&str>,
        total: Money,
        loyalty: Money,
        points: Money,
        manual: Money,
        reason: Option<&str>,
    ) -> Vec<Discount> {
        let mut out = Vec::new();
        let coupon = Money::new(
            total.amount - manual.amount - loyalty.amount - points.amount,
            total.currency,
        );
        if let Some(code) = coupon_code.filter(|_| coupon.amount > 0) {
            out.push(Discount {
                kind: DiscountKind::Coupon,
                code: Some(code.to_string()),
                amount: coupon,
                reason: None,
            });
        }
        for (kind, amount) in [
            (DiscountKind::Loyalty, loyalty),
            (DiscountKind::Points, points),
        ] {
            if amount.amount > 0 {
                out.push(Discount {
                    kind,
                    code: None,
                    amount,
                    reason: None,
                });
            }
        }
        if manual.amount > 0 {
            out.push(Discount {
                kind: DiscountKind::Manual,
                code: None,
                amount: manual,
                reason: reason.map(str::to_string),
            });
        }
        out
    }

    /// The amount of the discount of `kind` among `discounts` (zero without one).
    pub fn amount_of(
        discounts: &[Discount],
        kind: DiscountKind,
        currency: crate::domain::Currency,
    ) -> Money {
        discounts
            .iter()
            .find(|d| d.kind == kind)
            .map_or(Money::zero(currency), |d| d.amount)
    }

    /// The manual discount's amount among `discounts` (zero without one).
    pub fn manual_of(discounts: &[Discount], currency: crate::domain::Currency) -> Money {
        discounts
            .iter()
            .find(|d| d.kind == DiscountKind::Manual)
            .map_or(Money::zero(currency), |d| d.amount)
    }
}
