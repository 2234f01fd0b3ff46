//! A manual discount: staff take a percentage or an amount off an order,
//! with a reason (a staff meal, a regular, a complaint).
//!
//! How it combines with a coupon: the coupon is priced first, on the
//! subtotal; the manual discount then applies to what is left (a percentage
//! of the subtotal after the coupon, or an amount no larger than it), so the
//! two together never exceed the subtotal.

use super::{DomainError, Field, Money, Rule};

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
                    return Err(DomainError::new(
                        Rule::DiscountExceedsSubtotal,
                        format!(
                            "a discount of at most {} {} can be given on this order",
                            left.to_decimal(),
                            left.currency
                        ),
                    )
                    .with_params(serde_json::json!({ "max": left })));
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
}
