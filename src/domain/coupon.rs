//! Coupons: a percentage or a fixed amount off, with conditions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{DomainError, Field, Money, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CouponKind {
    /// Basis points off the subtotal: 1000 is 10 %.
    Percent { basis_points: u32 },
    /// A fixed amount off, never more than the subtotal.
    Fixed { amount: Money },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Coupon {
    pub id: Uuid,
    pub code: String,
    pub kind: CouponKind,
    pub min_subtotal: Option<Money>,
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_until: Option<DateTime<Utc>>,
    pub usage_limit: Option<u32>,
    pub used_count: u32,
    pub active: bool,
    /// Who may use it (checked where the customer's orders are known).
    pub limits: CouponLimits,
}

/// Who may use a coupon: each needs a known customer on the order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CouponLimits {
    /// Once per customer (422 `coupon_already_used` the second time).
    #[serde(default)]
    pub once_per_customer: bool,
    /// On a customer's first order only (422 `coupon_first_order_only`).
    #[serde(default)]
    pub first_order_only: bool,
    /// For regulars only (`regular_after_visits`; 422 `coupon_regulars_only`).
    #[serde(default)]
    pub regulars_only: bool,
}

impl CouponLimits {
    /// Whether any limit is set (the order then needs a known customer).
    pub fn any(&self) -> bool {
        self.once_per_customer || self.first_order_only || self.regulars_only
    }
}

/// A coupon that does not apply, with why (`reason`, one of `not_found`,
/// `bad_code`, `inactive`, `not_yet_valid`, `expired`, `used_up`,
/// `min_subtotal` with `min`, `currency`) and its `code`.
pub fn invalid(reason: &str, code: &str, message: impl Into<String>) -> DomainError {
    DomainError::new(Rule::CouponInvalid, message)
        .with_params(serde_json::json!({ "reason": reason, "code": code }))
}

/// Coupon codes are 3–32 letters, digits, `-` or `_`, compared upper-cased.
pub fn normalise_code(code: &str) -> Result<String, DomainError> {
    let c = code.trim().to_uppercase();
    if (3..=32).contains(&c.len())
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    {
        Ok(c)
    } else {
        Err(invalid(
            "bad_code",
            code.trim(),
            format!("{code:?} is not a valid coupon code"),
        ))
    }
}

impl CouponKind {
    pub fn check(&self) -> Result<(), DomainError> {
        match self {
            CouponKind::Percent { basis_points } if (1..=10_000).contains(basis_points) => Ok(()),
            CouponKind::Percent { .. } => Err(DomainError::new(
                Rule::OutOfRange,
                "a percentage coupon takes between 0.01 % and 100 %",
            )
            .with_params(serde_json::json!({
                "field": Field::Percentage,
                "min": 0.01,
                "max": 100,
            }))),
            CouponKind::Fixed { amount } if amount.amount > 0 => Ok(()),
            CouponKind::Fixed { .. } => Err(DomainError::not_positive(
                Field::Amount,
                "a fixed coupon must take a positive amount off",
            )),
        }
    }
}

impl Coupon {
    /// The discount this coupon gives on `subtotal` at `now`, or why it
    /// cannot be used. The discount never exceeds the subtotal.
    pub fn discount_for(&self, subtotal: Money, now: DateTime<Utc>) -> Result<Money, DomainError> {
        if !self.active {
            return Err(invalid(
                "inactive",
                &self.code,
                format!("coupon {} is not active", self.code),
            ));
        }
        if self.valid_from.is_some_and(|from| now < from) {
            return Err(invalid(
                "not_yet_valid",
                &self.code,
                format!("coupon {} is not valid yet", self.code),
            ));
        }
        if self.valid_until.is_some_and(|until| now >= until) {
            return Err(invalid(
                "expired",
                &self.code,
                format!("coupon {} has expired", self.code),
            ));
        }
        if self
            .usage_limit
            .is_some_and(|limit| self.used_count >= limit)
        {
            return Err(invalid(
                "used_up",
                &self.code,
                format!("coupon {} has been used up", self.code),
            ));
        }
        if let Some(min) = self.min_subtotal {
            if subtotal.amount < min.amount {
                return Err(DomainError::new(
                    Rule::CouponInvalid,
                    format!(
                        "coupon {} needs a subtotal of at least {} {}",
                        self.code,
                        min.to_decimal(),
                        min.currency
                    ),
                )
                .with_params(serde_json::json!({
                    "reason": "min_subtotal",
                    "code": self.code,
                    "min": min,
                })));
            }
        }
        let discount = match self.kind {
            CouponKind::Percent { basis_points } => {
                subtotal.mul_ratio(i64::from(basis_points), 10_000)?
            }
            CouponKind::Fixed { amount } => {
                if amount.currency != subtotal.currency {
                    return Err(invalid(
                        "currency",
                        &self.code,
                        format!(
                            "coupon {} is in {}, this order is in {}",
                            self.code, amount.currency, subtotal.currency
                        ),
                    ));
                }
                amount
            }
        };
        Ok(discount.min(subtotal).max_zero())
    }
}

impl Money {
    /// Zero for a negative amount.
    pub fn max_zero(self) -> Money {
        if self.amount < 0 {
            Money::zero(self.currency)
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use chrono::Duration;

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    fn welcome10() -> Coupon {
        Coupon {
            id: Uuid::now_v7(),
            code: "WELCOME10".into(),
            kind: CouponKind::Percent { basis_points: 1000 },
            min_subtotal: None,
            valid_from: None,
            valid_until: None,
            usage_limit: None,
            used_count: 0,
            active: true,
            limits: CouponLimits::default(),
        }
    }

    #[test]
    fn ten_percent_rounds_half_away_from_zero() {
        let now = Utc::now();
        assert_eq!(welcome10().discount_for(eur(1000), now).unwrap(), eur(100));
        assert_eq!(welcome10().discount_for(eur(445), now).unwrap(), eur(45));
        assert_eq!(welcome10().discount_for(eur(444), now).unwrap(), eur(44));
    }

    #[test]
    fn fixed_never_exceeds_the_subtotal() {
        let c = Coupon {
            kind: CouponKind::Fixed { amount: eur(500) },
            ..welcome10()
        };
        assert_eq!(c.discount_for(eur(300), Utc::now()).unwrap(), eur(300));
    }

    #[test]
    fn conditions_are_enforced() {
        let now = Utc::now();
        let inactive = Coupon {
            active: false,
            ..welcome10()
        };
        assert_eq!(
            inactive.discount_for(eur(100), now).unwrap_err().rule,
            Rule::CouponInvalid
        );
        let expired = Coupon {
            valid_until: Some(now - Duration::hours(1)),
            ..welcome10()
        };
        assert!(expired
            .discount_for(eur(100), now)
            .unwrap_err()
            .message
            .contains("expired"));
        let future = Coupon {
            valid_from: Some(now + Duration::hours(1)),
            ..welcome10()
        };
        assert!(future.discount_for(eur(100), now).is_err());
        let used = Coupon {
            usage_limit: Some(2),
            used_count: 2,
            ..welcome10()
        };
        assert!(used
            .discount_for(eur(100), now)
            .unwrap_err()
            .message
            .contains("used up"));
        let min = Coupon {
            min_subtotal: Some(eur(1000)),
            ..welcome10()
        };
        assert!(min
            .discount_for(eur(999), now)
            .unwrap_err()
            .message
            .contains("10.00 EUR"));
        assert!(min.discount_for(eur(1000), now).is_ok());
    }

    #[test]
    fn codes_are_normalised() {
        assert_eq!(normalise_code(" welcome10 ").unwrap(), "WELCOME10");
        assert!(normalise_code("a").is_err());
        assert!(normalise_code("no spaces").is_err());
    }
}
