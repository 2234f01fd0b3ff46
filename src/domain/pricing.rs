//! Pricing: line totals, subtotal, discount, tax and total.
//!
//! Each line has a tax rate in basis points (700 = 7 %): its item's tax class
//! decides it, eat-in or takeaway. The shop's mode is one of two:
//! - **inclusive** (EU): menu prices include tax. The total is
//!   `subtotal - discount`, and the tax contained in each rate's part is
//!   `part * rate / (10000 + rate)`, rounded half away from zero.
//! - **exclusive** (US): tax is added. The tax of each rate's part is
//!   `part * rate / 10000`, rounded half away from zero, and the total is
//!   `subtotal - discount + tax`.
//!
//! The discount is shared among the rates in proportion to their lines'
//! totals (the largest part takes the rounding remainder), and tax is
//! computed once per rate on its discounted part (not per line), so an
//! order's tax is the same however its lines are split.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Currency, DomainError, Field, Money};

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
            _ => Err(DomainError::invalid_value(
                Field::Setting,
                format!("tax mode must be inclusive or exclusive, got {s:?}"),
            )),
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
            Err(tax_rate_above_100())
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub subtotal: Money,
    pub discount: Money,
    pub tax: Money,
    pub total: Money,
    /// The tax of each rate, lowest rate first; `tax` is their sum.
    pub taxes: Vec<RateTax>,
}

/// The part of an order taxed at one rate: its amount before tax (after
/// its share of the discount) and its tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RateTax {
    /// Basis points: 1900 is 19 %.
    pub rate: u32,
    pub net: Money,
    pub tax: Money,
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
        return Err(DomainError::invalid_value(
            Field::Price,
            "modifiers cannot bring an item's price below zero",
        ));
    }
    unit.checked_mul(i64::from(quantity))
}

/// `10 %`, `7.5 %`, `19.25 %` from basis points.
pub fn percent(bps: u32) -> String {
    let (whole, frac) = (bps / 100, bps % 100);
    match frac {
        0 => format!("{whole} %"),
        f if f % 10 == 0 => format!("{whole}.{} %", f / 10),
        f => format!("{whole}.{f:02} %"),
    }
}

/// Prices an order whose lines are all taxed at `tax.rate_bps`.
pub fn price_order(
    currency: Currency,
    line_totals: impl IntoIterator<Item = Money>,
    discount: Money,
    tax: TaxPolicy,
) -> Result<Totals, DomainError> {
    tax.check()?;
    let lines: Vec<(Money, u32)> = line_totals.into_iter().map(|m| (m, tax.rate_bps)).collect();
    price_lines(currency, &lines, discount, tax.mode)
}

/// Prices an order from its lines (total and tax rate each) and the
/// discount a coupon gives. The discount is clamped to `0..=subtotal`.
pub fn price_lines(
    currency: Currency,
    lines: &[(Money, u32)],
    discount: Money,
    mode: TaxMode,
) -> Result<Totals, DomainError> {
    let subtotal = Money::sum(currency, lines.iter().map(|(m, _)| *m))?;
    if subtotal.is_negative() {
        return Err(DomainError::invalid_value(
            Field::Price,
            "an order cannot have a negative subtotal",
        ));
    }
    let discount = Money::new(discount.amount.clamp(0, subtotal.amount), currency);
    // The lines' totals by rate, lowest rate first.
    let mut parts: std::collections::BTreeMap<u32, Money> = std::collections::BTreeMap::new();
    for (m, rate) in lines {
        if *rate > 10_000 {
            return Err(tax_rate_above_100());
        }
        let part = parts.entry(*rate).or_insert(Money::zero(currency));
        *part = part.checked_add(*m)?;
    }
    let shares = share(discount, subtotal, parts.values().copied().collect())?;
    let mut taxes = Vec::with_capacity(parts.len());
    let mut tax = Money::zero(currency);
    let mut total = Money::zero(currency);
    for ((rate, part), share) in parts.into_iter().zip(shares) {
        let base = part.checked_sub(share)?;
        let r = i64::from(rate);
        let (net, t, gross) = match mode {
            TaxMode::Inclusive => {
                let t = base.mul_ratio(r, 10_000 + r)?;
                (base.checked_sub(t)?, t, base)
            }
            TaxMode::Exclusive => {
                let t = base.mul_ratio(r, 10_000)?;
                (base, t, base.checked_add(t)?)
            }
        };
        taxes.push(RateTax { rate, net, tax: t });
        tax = tax.checked_add(t)?;
        total = total.checked_add(gross)?;
    }
    Ok(Totals {
        subtotal,
        discount,
        tax,
        total,
        taxes,
    })
}

/// `discount` shared among `parts` (which add up to `subtotal`) in
/// proportion to them, rounded; the largest part takes the remainder, so
/// the shares add up to `discount` exactly and none exceeds its part.
fn share(discount: Money, subtotal: Money, parts: Vec<Money>) -> Result<Vec<Money>, DomainError> {
    let currency = discount.currency;
    if subtotal.amount == 0 || discount.amount == 0 {
        return Ok(vec![Money::zero(currency); parts.len()]);
    }
    let mut shares = parts
        .iter()
        .map(|p| discount.mul_ratio(p.amount, subtotal.amount))
        .collect::<Result<Vec<_>, _>>()?;
    let given = Money::sum(currency, shares.iter().copied())?;
    if let Some((i, _)) = parts.iter().enumerate().max_by_key(|(_, p)| p.amount) {
        shares[i] = shares[i].checked_add(discount.checked_sub(given)?)?;
    }
    Ok(shares)
}

/// A tax rate above 100 %, in words a client can translate.
pub fn tax_rate_above_100() -> DomainError {
    DomainError::out_of_range(Field::TaxRate, 0, 100, "a tax rate cannot be above 100 %")
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
        /// With lines at several rates the discount is shared out exactly,
        /// each rate's part stays at or above zero, and the tax per rate
        /// re-adds to the order's tax and total.
        #[test]
        fn tax_per_rate_re_adds_to_the_totals(
            lines in proptest::collection::vec((0i64..100_000, prop_oneof![Just(0u32), Just(700u32), Just(1900u32)]), 1..20),
            discount in 0i64..2_000_000,
            inclusive in any::<bool>(),
        ) {
            let mode = if inclusive { TaxMode::Inclusive } else { TaxMode::Exclusive };
            let lines: Vec<(Money, u32)> = lines.into_iter().map(|(a, r)| (eur(a), r)).collect();
            let t = price_lines(Currency::EUR, &lines, eur(discount), mode).unwrap();
            let net: i64 = t.taxes.iter().map(|x| x.net.amount).sum();
            let tax: i64 = t.taxes.iter().map(|x| x.tax.amount).sum();
            prop_assert_eq!(tax, t.tax.amount);
            prop_assert_eq!(net + tax, t.total.amount);
            prop_assert_eq!(net + if inclusive { tax } else { 0 }, t.subtotal.amount - t.discount.amount);
            prop_assert!(t.taxes.iter().all(|x| x.net.amount >= 0 && x.tax.amount >= 0));
            prop_assert!(t.taxes.windows(2).all(|w| w[0].rate < w[1].rate));
            // One rate: exactly the one-rate formula of the module docs.
            if lines.iter().all(|(_, r)| *r == lines[0].1) {
                let r = i64::from(lines[0].1);
                let base = t.subtotal.checked_sub(t.discount).unwrap();
                let expected = if inclusive {
                    base.mul_ratio(r, 10_000 + r).unwrap()
                } else {
                    base.mul_ratio(r, 10_000).unwrap()
                };
                prop_assert_eq!(t.tax, expected);
            }
        }
    }
}
