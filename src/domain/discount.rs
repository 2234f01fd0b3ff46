//! A manual discount: staff take a percentage or an amount off an order,
//! with a reason (a staff meal, a regular, a complaint); and the one rule
//! by which an order's discounts combine ([`combine`]).
//!
//! # How discounts combine
//! Each discount applies to what the ones before it left, in this order:
//! 1. the **coupon**, on the subtotal (never more than the subtotal);
//! 2. the **loyalty tier**'s percentage of what the coupon left;
//! 3. **points** redeemed: their value off what is left (a value above it
//!    is refused, 422 `discount_exceeds_subtotal`, rather than wasted);
//! 4. the **manual** discount: a percentage of what is left, or an amount
//!    no larger than it (larger is refused the same way).
//!
//! So the discounts together never exceed the subtotal and a total is never
//! below zero. Tax is then computed on the discounted parts per rate
//! (`pricing::price_lines`), the discount shared among the rates in
//! proportion to their lines.

use super::{DomainError, Field, Money, Rule};

/// An order's discounts, each as [`combine`] priced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reductions {
    pub coupon: Money,
    pub loyalty: Money,
    pub points: Money,
    pub manual: Money,
}

impl Reductions {
    /// All of them: never more than the subtotal they were priced on.
    pub fn total(&self) -> Result<Money, DomainError> {
        self.coupon
            .checked_add(self.loyalty)?
            .checked_add(self.points)?
            .checked_add(self.manual)
    }
}

/// Combines an order's discounts by the rule of this module's docs:
/// `coupon` (what the coupon gives on `subtotal`), then `loyalty_bps` of
/// what is left, then `points` (their value), then `manual`.
pub fn combine(
    subtotal: Money,
    coupon: Money,
    loyalty_bps: u32,
    points: Money,
    manual: Option<&ManualDiscount>,
) -> Result<Reductions, DomainError> {
    let zero = Money::zero(subtotal.currency);
    let subtotal = subtotal.max_zero();
    let coupon = coupon.min(subtotal).max_zero();
    let mut left = subtotal.checked_sub(coupon)?;
    let loyalty = left
        .mul_ratio(i64::from(loyalty_bps.min(10_000)), 10_000)?
        .min(left)
        .max_zero();
    left = left.checked_sub(loyalty)?;
    let points = points.max_zero();
    if points.amount > left.amount {
        return Err(exceeds(left, "points worth"));
    }
    left = left.checked_sub(points)?;
    let manual = match manual {
        None => zero,
        Some(m) => m.amount_off(left)?.min(left).max_zero(),
    };
    Ok(Reductions {
        coupon,
        loyalty,
        points,
        manual,
    })
}

/// 422 `discount_exceeds_subtotal`: at most `left` can be taken off.
fn exceeds(left: Money, what: &str) -> DomainError {
    DomainError::new(
        Rule::DiscountExceedsSubtotal,
        format!(
            "{what} at most {} {} can be taken off this order",
            left.to_decimal(),
            left.currency
        ),
    )
    .with_params(serde_json::json!({ "max": left }))
}

/// Longest reason, in characters.
pub const REASON_MAX: usize = 200;

/// How much a manual discount takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Off {
    /// Basis points of the subtotal after any coupon: 1000 is 10 %.
    Percent(u32),
    /// A fixed amount.
    Amount(Money),
}

/// A manual discount, checked: its size and a trimmed, non-empty reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualDiscount {
    pub off: Off,
    pub reason: String,
}

impl ManualDiscount {
    /// Checks a request's discount: exactly one size (`basis_points` of
    /// the subtotal after any coupon, 1 to 10000, or a positive `amount`),
    /// and a reason.
    pub fn parse(
        basis_points: Option<u32>,
        amount: Option<Money>,
        reason: &str,
    ) -> Result<Self, DomainError> {
        let off = match (basis_points, amount) {
            (Some(bps), None) => {
                if !(1..=10_000).contains(&bps) {
                    return Err(DomainError::out_of_range(
                        Field::Percentage,
                        1,
                        10_000,
                        "a discount takes between 0.01 % and 100 % off",
                    ));
                }
                Off::Percent(bps)
            }
            (None, Some(amount)) => {
                if amount.amount <= 0 {
                    return Err(DomainError::not_positive(
                        Field::Discount,
                        "a discount's amount must be positive",
                    ));
                }
                Off::Amount(amount)
            }
            _ => {
                return Err(DomainError::invalid_value(
                    Field::Discount,
                    "a discount gives either basis_points or an amount",
                ))
            }
        };
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(DomainError::required(
                Field::Reason,
                "a discount needs a reason",
            ));
        }
        if reason.chars().count() > REASON_MAX {
            return Err(DomainError::too_long(
                Field::Reason,
                REASON_MAX,
                format!("a discount's reason has at most {REASON_MAX} characters"),
            ));
        }
        Ok(ManualDiscount { off, reason })
    }

    /// What it takes off `left` (the subtotal after any coupon). An amount
    /// above `left` is refused rather than quietly cut down.
    pub fn amount_off(&self, left: Money) -> Result<Money, DomainError> {
        match self.off {
            Off::Percent(bps) => left.mul_ratio(i64::from(bps), 10_000),
            Off::Amount(amount) => {
                if amount.currency != left.currency {
                    return Err(DomainError::wrong_currency(
                        Field::Discount,
                        left.currency,
                        format!("this order is in {}", left.currency),
                    ));
                }
                if amount.amount > left.amount {
                    return Err(exceeds(left, "a discount of"));
                }
                Ok(amount)
            }
        }
    }
}

/// Whether `off` is above `limit_bps` of `subtotal`: a cashier needs an
/// admin's approval for it.
pub fn above_limit(off: Money, subtotal: Money, limit_bps: u32) -> bool {
    i128::from(off.amount) * 10_000 > i128::from(subtotal.amount) * i128::from(limit_bps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    fn input(
        bps: Option<u32>,
        amount: Option<Money>,
        reason: &str,
    ) -> (Option<u32>, Option<Money>, String) {
        (bps, amount, reason.to_string())
    }

    fn parse(i: (Option<u32>, Option<Money>, String)) -> Result<ManualDiscount, DomainError> {
        ManualDiscount::parse(i.0, i.1, &i.2)
    }

    #[test]
    fn a_percentage_of_what_is_left_rounded_half_away_from_zero() {
        let d = parse(input(Some(1000), None, " Staff ")).unwrap();
        assert_eq!(d.reason, "Staff");
        assert_eq!(d.amount_off(eur(1_005)).unwrap(), eur(101));
        let all = parse(input(Some(10_000), None, "Complaint")).unwrap();
        assert_eq!(all.amount_off(eur(730)).unwrap(), eur(730));
    }

    #[test]
    fn an_amount_no_larger_than_what_is_left() {
        let d = parse(input(None, Some(eur(200)), "Regular")).unwrap();
        assert_eq!(d.amount_off(eur(450)).unwrap(), eur(200));
        let e = d.amount_off(eur(150)).unwrap_err();
        assert_eq!(e.rule, Rule::DiscountExceedsSubtotal);
        let usd = Money::new(100, Currency::parse("USD").unwrap());
        let d = parse(input(None, Some(usd), "x")).unwrap();
        assert_eq!(
            d.amount_off(eur(450)).unwrap_err().rule,
            Rule::WrongCurrency
        );
    }

    #[test]
    fn refuses_both_sizes_none_out_of_range_and_a_missing_reason() {
        let rule = |i| parse(i).unwrap_err().rule;
        assert_eq!(rule(input(Some(10), Some(eur(1)), "x")), Rule::InvalidValue);
        assert_eq!(rule(input(None, None, "x")), Rule::InvalidValue);
        assert_eq!(rule(input(Some(0), None, "x")), Rule::OutOfRange);
        assert_eq!(rule(input(Some(10_001), None, "x")), Rule::OutOfRange);
        assert_eq!(
            rule(input(None, Some(eur(0)), "x")),
            Rule::AmountNotPositive
        );
        assert_eq!(rule(input(Some(500), None, "  ")), Rule::Required);
        assert_eq!(
            rule(input(Some(500), None, &"a".repeat(201))),
            Rule::TooLong
        );
    }

    #[test]
    fn the_limit_compares_the_share_of_the_subtotal() {
        assert!(!above_limit(eur(100), eur(1_000), 1000));
        assert!(above_limit(eur(101), eur(1_000), 1000));
        assert!(above_limit(eur(1), eur(1_000), 0));
        assert!(!above_limit(eur(0), eur(0), 0));
    }

    #[test]
    fn coupon_then_loyalty_then_points_then_manual() {
        let m = parse(input(Some(1000), None, "Staff")).unwrap();
        // 10.00: coupon 2.00 → 8.00; 5 % → 0.40 → 7.60; points 1.60 → 6.00; 10 % → 0.60.
        let r = combine(eur(1_000), eur(200), 500, eur(160), Some(&m)).unwrap();
        assert_eq!(
            (r.coupon, r.loyalty, r.points, r.manual),
            (eur(200), eur(40), eur(160), eur(60))
        );
        assert_eq!(r.total().unwrap(), eur(460));
        // A coupon above the subtotal takes it all; nothing is left for the rest.
        let r = combine(eur(500), eur(900), 1_000, eur(0), None).unwrap();
        assert_eq!((r.coupon, r.loyalty), (eur(500), eur(0)));
        // Points worth more than what is left are refused.
        let e = combine(eur(500), eur(0), 1_000, eur(451), None).unwrap_err();
        assert_eq!(e.rule, Rule::DiscountExceedsSubtotal);
        assert_eq!(e.params.unwrap()["max"]["amount"], 450);
    }

    use proptest::prelude::*;

    proptest! {
        /// Whatever the coupon, tier, points and manual discount, the
        /// discounts never exceed the subtotal, the total is never below
        /// zero and the tax re-adds per rate.
        #[test]
        fn discounts_never_exceed_the_subtotal(
            lines in proptest::collection::vec((0i64..50_000, prop_oneof![Just(0u32), Just(700u32), Just(1900u32)]), 1..15),
            coupon in -1_000i64..2_000_000,
            loyalty_bps in 0u32..=12_000,
            points in 0i64..200_000,
            manual_bps in proptest::option::of(1u32..=10_000),
            manual_amount in proptest::option::of(1i64..200_000),
            inclusive in any::<bool>(),
        ) {
            use crate::domain::pricing::{price_lines, TaxMode};
            let lines: Vec<(Money, u32)> = lines.into_iter().map(|(a, r)| (eur(a), r)).collect();
            let subtotal = Money::sum(crate::domain::Currency::EUR, lines.iter().map(|(m, _)| *m)).unwrap();
            let manual = match (manual_bps, manual_amount) {
                (Some(b), _) => Some(parse(input(Some(b), None, "x")).unwrap()),
                (None, Some(a)) => Some(parse(input(None, Some(eur(a)), "x")).unwrap()),
                _ => None,
            };
            let Ok(r) = combine(subtotal, eur(coupon), loyalty_bps, eur(points), manual.as_ref()) else {
                // Only points or a manual amount above what is left are refused.
                prop_assert!(points > 0 || manual_amount.is_some());
                return Ok(());
            };
            let all = r.total().unwrap();
            prop_assert!(r.coupon.amount >= 0 && r.loyalty.amount >= 0 && r.points.amount >= 0 && r.manual.amount >= 0);
            prop_assert!(all.amount <= subtotal.amount);
            prop_assert_eq!(r.points.amount, points);
            // Each applies to what the ones before left.
            let after_coupon = subtotal.amount - r.coupon.amount;
            prop_assert_eq!(r.coupon.amount, coupon.clamp(0, subtotal.amount));
            prop_assert_eq!(r.loyalty, eur(after_coupon).mul_ratio(i64::from(loyalty_bps.min(10_000)), 10_000).unwrap().min(eur(after_coupon)));
            let mode = if inclusive { TaxMode::Inclusive } else { TaxMode::Exclusive };
            let t = price_lines(crate::domain::Currency::EUR, &lines, all, mode).unwrap();
            prop_assert_eq!(t.discount, all);
            prop_assert!(t.total.amount >= 0 && t.tax.amount >= 0);
            let net: i64 = t.taxes.iter().map(|x| x.net.amount).sum();
            prop_assert_eq!(net + t.tax.amount, t.total.amount);
            prop_assert_eq!(net + if inclusive { t.tax.amount } else { 0 }, subtotal.amount - all.amount);
        }
    }
}
