//! Regulars rewarded: loyalty tiers by lifetime spend and points.
//!
//! A customer's **lifetime spend** is what their orders brought in
//! (payments applied, minus refunds). The highest tier whose `min_spend`
//! it reaches gives its percentage off every order placed for them.
//! **Points** are earned per whole currency unit paid (credited once an
//! order is paid in full, taken back by refunds, never below zero) and
//! redeemed at placement at `points_for_unit` points per currency unit.
//! How the tier's and the points' discounts combine with a coupon and a
//! manual discount is the rule in [`super::discount::combine`].

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Currency, DomainError, Field, Money};

/// Most tiers a shop may have.
pub const MAX_TIERS: usize = 5;
/// Most points earned per currency unit.
pub const MAX_POINTS_PER_UNIT: u32 = 1_000;
/// Most points one currency unit may cost when redeemed.
pub const MAX_POINTS_FOR_UNIT: u32 = 1_000_000;

/// A loyalty tier: from `min_spend` (minor units of the shop's currency) of
/// lifetime spend on, `basis_points` off each order (500 is 5 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Lifetime spend, in minor units, from which the tier applies (> 0).
    pub min_spend: i64,
    /// Basis points off: 500 is 5 % (1 to 10000).
    pub basis_points: u32,
}

/// The shop's loyalty programme. Empty tiers: no tier discounts; zero
/// points settings: no points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoyaltySettings {
    /// At most 5, thresholds strictly ascending.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Points earned per whole currency unit paid (0: no points earned).
    #[serde(default)]
    pub points_per_unit: u32,
    /// Points worth one whole currency unit when redeemed, e.g. 100: 100
    /// points are €1 (0: points cannot be redeemed).
    #[serde(default)]
    pub points_for_unit: u32,
}

impl LoyaltySettings {
    /// Checks the tiers (at most [`MAX_TIERS`], thresholds positive and
    /// strictly ascending, 1 to 10000 basis points) and the points rates.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.tiers.len() > MAX_TIERS {
            return Err(DomainError::out_of_range(
                Field::LoyaltyTiers,
                0,
                MAX_TIERS as i64,
                format!("a shop has at most {MAX_TIERS} loyalty tiers"),
            ));
        }
        let mut last = 0;
        for t in &self.tiers {
            if !(1..=10_000).contains(&t.basis_points) {
                return Err(DomainError::out_of_range(
                    Field::Percentage,
                    1,
                    10_000,
                    "a tier takes between 0.01 % and 100 % off",
                ));
            }
            if t.min_spend <= last {
                return Err(DomainError::invalid_value(
                    Field::LoyaltyTiers,
                    "tiers' thresholds must be positive and ascending",
                ));
            }
            last = t.min_spend;
        }
        if self.points_per_unit > MAX_POINTS_PER_UNIT {
            return Err(DomainError::out_of_range(
                Field::Points,
                0,
                i64::from(MAX_POINTS_PER_UNIT),
                format!("at most {MAX_POINTS_PER_UNIT} points per currency unit"),
            ));
        }
        if self.points_for_unit > MAX_POINTS_FOR_UNIT {
            return Err(DomainError::out_of_range(
                Field::Points,
                0,
                i64::from(MAX_POINTS_FOR_UNIT),
                format!("a currency unit costs at most {MAX_POINTS_FOR_UNIT} points"),
            ));
        }
        Ok(())
    }

    /// The tier a lifetime spend of `spend` minor units reaches, if any.
    pub fn tier_for(&self, spend: i64) -> Option<Tier> {
        self.tiers
            .iter()
            .filter(|t| spend >= t.min_spend)
            .max_by_key(|t| t.min_spend)
            .copied()
    }

    /// The next tier above `spend`, if any.
    pub fn next_tier(&self, spend: i64) -> Option<Tier> {
        self.tiers
            .iter()
            .filter(|t| spend < t.min_spend)
            .min_by_key(|t| t.min_spend)
            .copied()
    }

    /// Points earned for `paid`: `points_per_unit` per whole currency unit.
    pub fn points_earned(&self, paid: Money) -> i64 {
        let unit = unit(paid.currency);
        (paid.amount.max(0) / unit).saturating_mul(i64::from(self.points_per_unit))
    }

    /// What `points` are worth when redeemed, rounded down to a minor unit;
    /// `None` when points cannot be redeemed.
    pub fn points_value(&self, points: i64, currency: Currency) -> Option<Money> {
        if self.points_for_unit == 0 {
            return None;
        }
        let v = i128::from(points.max(0)) * i128::from(unit(currency))
            / i128::from(self.points_for_unit);
        Some(Money::new(i64::try_from(v).unwrap_or(i64::MAX), currency))
    }
}

/// Minor units in one whole unit of `currency` (100 for EUR).
fn unit(currency: Currency) -> i64 {
    10_i64.pow(currency.minor_digits())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    fn shop() -> LoyaltySettings {
        LoyaltySettings {
            tiers: vec![
                Tier {
                    min_spend: 10_000,
                    basis_points: 500,
                },
                Tier {
                    min_spend: 30_000,
                    basis_points: 1_000,
                },
            ],
            points_per_unit: 2,
            points_for_unit: 100,
        }
    }

    #[test]
    fn the_highest_tier_reached_applies() {
        let s = shop();
        assert_eq!(s.tier_for(9_999), None);
        assert_eq!(s.tier_for(10_000).map(|t| t.basis_points), Some(500));
        assert_eq!(s.tier_for(29_999).map(|t| t.basis_points), Some(500));
        assert_eq!(s.tier_for(30_000).map(|t| t.basis_points), Some(1_000));
        assert_eq!(s.next_tier(12_000).map(|t| t.min_spend), Some(30_000));
        assert_eq!(s.next_tier(40_000), None);
        assert_eq!(LoyaltySettings::default().tier_for(1_000_000), None);
    }

    #[test]
    fn points_per_whole_unit_and_their_value() {
        let s = shop();
        assert_eq!(s.points_earned(eur(1_299)), 24);
        assert_eq!(s.points_earned(eur(99)), 0);
        assert_eq!(s.points_value(250, Currency::EUR), Some(eur(250)));
        let off = LoyaltySettings::default();
        assert_eq!(off.points_earned(eur(10_000)), 0);
        assert_eq!(off.points_value(100, Currency::EUR), None);
    }

    #[test]
    fn checks_tiers_and_rates() {
        use crate::domain::Rule;
        assert!(shop().check().is_ok());
        assert!(LoyaltySettings::default().check().is_ok());
        let with = |tiers: Vec<(i64, u32)>| LoyaltySettings {
            tiers: tiers
                .into_iter()
                .map(|(min_spend, basis_points)| Tier {
                    min_spend,
                    basis_points,
                })
                .collect(),
            ..shop()
        };
        let rule = |s: LoyaltySettings| s.check().unwrap_err().rule;
        assert_eq!(
            rule(with(vec![(300, 500), (100, 1000)])),
            Rule::InvalidValue
        );
        assert_eq!(
            rule(with(vec![(100, 500), (100, 1000)])),
            Rule::InvalidValue
        );
        assert_eq!(rule(with(vec![(0, 500)])), Rule::InvalidValue);
        assert_eq!(rule(with(vec![(100, 0)])), Rule::OutOfRange);
        assert_eq!(rule(with(vec![(100, 10_001)])), Rule::OutOfRange);
        assert_eq!(
            rule(with((1..=6).map(|i| (i * 100, 100)).collect())),
            Rule::OutOfRange
        );
        let points = LoyaltySettings {
            points_per_unit: MAX_POINTS_PER_UNIT + 1,
            ..shop()
        };
        assert_eq!(rule(points), Rule::OutOfRange);
    }
}
