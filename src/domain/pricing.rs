//! Pricing: line totals, subtotal, discount, tax and total.
//!
//! Tax is one shop-level rate in basis points (700 = 7 %) in one of two modes:
//! - **inclusive** (EU): menu prices include tax. The total is
//!   `subtotal - discount`, and the tax contained in it is
//!   `total * rate / (10000 + rate)`, rounded half away from zero.
//! - **exclusive** (US): tax is added. The tax is
//!   `(subtotal - discount) * rate / 10000`, rounded half away from zero, and
//!   the total is `subtotal - discount + tax`.
//!
//! Tax is computed once on the order's discounted amount (not per line), so
//! an order's tax is the same however its lines are split.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Currency, DomainError, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaxMode {
    Inclusive,
    Exclusive,
}

impl TaxMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TaxMode::Inclusive => "inclusive",
            TaxMode::Exclusive => "exclusive",
        }
    }
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "inclusive" => Ok(TaxMode::Inclusive),
            "exclusive" => Ok(TaxMode::Exclusive),
            _ => Err(DomainError::invalid(format!(
                "tax mode must be inclusive or exclusive, got {s:?}"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxPolicy {
    pub mode: TaxMode,
    /// Basis points: 1000 is 10 %. At most 10000 (100 %).
    pub rate_bps: u32,
}

impl TaxPolicy {
    pub fn check(&self) -> Result<(), DomainError> {
        if self.rate_bps > 10_000 {
            Err(DomainError::invalid("a tax rate cannot be above 100 %"))
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub subtotal: Money,
    pub discount: Money,
    pub tax: Money,
    pub total: Money,
}

/// `(unit_price + Σ modifier deltas) * quantity`. A line never goes below zero.
pub fn line_total(
    unit_price: Money,
    modifier_deltas: impl IntoIterator<Item = Money>,
    quantity: u32,
) -> Result<Money, DomainError> {
    let mut unit = unit_price;
    for d in modifier_deltas {
        unit = unit.checked_add(d)?;
    }
    if unit.is_negative() {
        return Err(DomainError::invalid(
            "modifiers cannot bring an item's price below zero",
        ));
    }
    unit.checked_mul(i64::from(quantity))
}

/// Prices an order from its line totals and the discount a coupon gives.
/// The discount is clamped to `0..=subtotal`.
pub fn price_order(
    currency: Currency,
    line_totals: impl IntoIterator<Item = Money>,
    discount: Money,
    tax: TaxPolicy,
) -> Result<Totals, DomainError> {
    tax.check()?;
    let subtotal = Money::sum(currency, line_totals)?;
    if subtotal.is_negative() {
        return Err(DomainError::invalid(
            "an order cannot have a negative subtotal",
        ));
    }
    let discount = Money::new(discount.amount.clamp(0, subtotal.amount), currency);
    let net = subtotal.checked_sub(discount)?;
    let rate = i64::from(tax.rate_bps);
    let (tax_amount, total) = match tax.mode {
        TaxMode::Inclusive => (net.mul_ratio(rate, 10_000 + rate)?, net),
        TaxMode::Exclusive => {
            let t = net.mul_ratio(rate, 10_000)?;
            (t, net.checked_add(t)?)
        }
    };
    Ok(Totals {
        subtotal,
        discount,
        tax: tax_amount,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }
    const INCL_19: TaxPolicy = TaxPolicy {
        mode: TaxMode::Inclusive,
        rate_bps: 1900,
    };
    const EXCL_8875: TaxPolicy = TaxPolicy {
        mode: TaxMode::Exclusive,
        rate_bps: 888,
    };

    #[test]
    fn inclusive_tax_is_contained_in_the_total() {
        let t = price_order(Currency::EUR, [eur(1190)], eur(0), INCL_19).unwrap();
        assert_eq!(t.total, eur(1190));
        assert_eq!(t.tax, eur(190));
    }

    #[test]
    fn exclusive_tax_is_added_after_the_discount() {
        let t = price_order(Currency::EUR, [eur(1000)], eur(100), EXCL_8875).unwrap();
        assert_eq!(t.subtotal, eur(1000));
        assert_eq!(t.discount, eur(100));
        assert_eq!(t.tax, eur(80)); // 900 * 8.88 % = 79.92
        assert_eq!(t.total, eur(980));
    }

    #[test]
    fn a_line_multiplies_unit_and_modifiers() {
        assert_eq!(
            line_total(eur(380), [eur(80), eur(50)], 3).unwrap(),
            eur(1530)
        );
        assert!(line_total(eur(100), [eur(-200)], 1).is_err());
    }

    fn policy() -> impl Strategy<Value = TaxPolicy> {
        (
            prop_oneof![Just(TaxMode::Inclusive), Just(TaxMode::Exclusive)],
            0u32..=10_000,
        )
            .prop_map(|(mode, rate_bps)| TaxPolicy { mode, rate_bps })
    }

    proptest! {
        #[test]
        fn totals_are_never_negative_and_discount_never_above_subtotal(
            lines in proptest::collection::vec(0i64..1_000_000, 0..30),
            discount in -1_000_000i64..100_000_000,
            tax in policy(),
        ) {
            let t = price_order(Currency::EUR, lines.iter().map(|a| eur(*a)), eur(discount), tax).unwrap();
            prop_assert!(t.subtotal.amount >= 0);
            prop_assert!(t.discount.amount >= 0);
            prop_assert!(t.discount.amount <= t.subtotal.amount);
            prop_assert!(t.tax.amount >= 0);
            prop_assert!(t.total.amount >= 0);
            prop_assert_eq!(t.subtotal.amount, lines.iter().sum::<i64>());
        }

        #[test]
        fn inclusive_tax_re_adds_to_the_total(
            lines in proptest::collection::vec(0i64..1_000_000, 1..30),
            discount in 0i64..1_000_000,
            rate_bps in 0u32..=10_000,
        ) {
            let tax = TaxPolicy { mode: TaxMode::Inclusive, rate_bps };
            let t = price_order(Currency::EUR, lines.iter().map(|a| eur(*a)), eur(discount), tax).unwrap();
            // net (ex-tax) + tax is exactly the total the customer pays
            let net = t.total.amount - t.tax.amount;
            prop_assert_eq!(net + t.tax.amount, t.subtotal.amount - t.discount.amount);
            prop_assert!(net >= 0);
            // and the tax is the rate applied to the net, within rounding
            let exact = i128::from(net) * i128::from(rate_bps);
            let back = i128::from(t.tax.amount) * 10_000;
            prop_assert!((exact - back).abs() <= 10_000 + i128::from(rate_bps),
                "tax {} on net {} at {} bps", t.tax.amount, net, rate_bps);
        }

        #[test]
        fn exclusive_total_is_net_plus_tax(
            lines in proptest::collection::vec(0i64..1_000_000, 1..30),
            rate_bps in 0u32..=10_000,
        ) {
            let tax = TaxPolicy { mode: TaxMode::Exclusive, rate_bps };
            let t = price_order(Currency::EUR, lines.iter().map(|a| eur(*a)), eur(0), tax).unwrap();
            prop_assert_eq!(t.total.amount, t.subtotal.amount + t.tax.amount);
        }
    }
}
