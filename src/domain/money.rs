//! Money as integer minor units plus an ISO 4217 currency code.
//!
//! Rounding rule (the only one in Crema): when an amount has to be divided
//! (a percentage discount, tax), the exact rational result is rounded to the
//! nearest minor unit, halves away from zero ("commercial rounding").
//! Every division goes through [`div_round_half_away`].

use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{DomainError, Field};

/// An ISO 4217 currency code: three ASCII upper-case letters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    pub fn parse(code: &str) -> Result<Self, DomainError> {
        let bytes = code.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(DomainError::invalid_value(
                Field::Currency,
                format!("currency must be a three-letter ISO 4217 code such as EUR, got {code:?}"),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ever built from ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Digits after the decimal point (ISO 4217): 2 for most, 0 for JPY or
    /// KRW, 3 for KWD or TND.
    pub fn minor_digits(&self) -> u32 {
        match self.as_str() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl utoipa::ToSchema for Currency {}
impl utoipa::PartialSchema for Currency {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[A-Z]{3}$"))
            .description(Some("ISO 4217 currency code"))
            .examples([serde_json::json!("EUR")])
            .into()
    }
}

/// An amount of money in minor units (cents) of a currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Integer number of minor units, e.g. 450 is €4.50.
    pub amount: i64,
    pub currency: Currency,
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl Money {
    pub const fn new(amount: i64, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// The amount as a plain decimal in the currency's own digits, without
    /// symbol or code: 1234 EUR is "12.34", -5 EUR "-0.05", 500 JPY "500".
    pub fn to_decimal(&self) -> String {
        let digits = self.currency.minor_digits();
        let abs = self.amount.unsigned_abs();
        let sign = if self.amount < 0 { "-" } else { "" };
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(digits);
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = digits as usize
        )
    }

    pub const fn zero(currency: Currency) -> Self {
        Money {
            amount: 0,
            currency,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.amount == 0
    }

    pub fn is_negative(&self) -> bool {
        self.amount < 0
    }

    fn same_currency(&self, other: &Money) -> Result<(), DomainError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(DomainError::wrong_currency(
                Field::Amount,
                self.currency,
                format!(
                    "currency mismatch: {} and {}",
                    self.currency, other.currency
                ),
            ))
        }
    }

    pub fn checked_add(self, other: Money) -> Result<Money, DomainError> {
        self.same_currency(&other)?;
        self.amount
            .checked_add(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(DomainError::overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, DomainError> {
        self.same_currency(&other)?;
        self.amount
            .checked_sub(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(DomainError::overflow)
    }

    pub fn checked_mul(self, factor: i64) -> Result<Money, DomainError> {
        self.amount
            .checked_mul(factor)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(DomainError::overflow)
    }

    /// `self * numerator / denominator`, rounded half away from zero.
    pub fn mul_ratio(self, numerator: i64, denominator: i64) -> Result<Money, DomainError> {
        let product = i128::from(self.amount) * i128::from(numerator);
        let q = div_round_half_away(product, i128::from(denominator))?;
        i64::try_from(q)
            .map(|a| Money::new(a, self.currency))
            .map_err(|_| DomainError::overflow())
    }

    pub fn min(self, other: Money) -> Money {
        if other.amount < self.amount {
            other
        } else {
            self
        }
    }

    pub fn sum<I: IntoIterator<Item = Money>>(
        currency: Currency,
        items: I,
    ) -> Result<Money, DomainError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }
}

/// Divides and rounds to the nearest integer, halves away from zero.
pub fn div_round_half_away(n: i128, d: i128) -> Result<i128, DomainError> {
    if d == 0 {
        return Err(DomainError::invalid_value(
            Field::Amount,
            "division by zero",
        ));
    }
    let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
    let q = n / d;
    let r = n % d;
    // |r| * 2 >= d means the fraction is at least one half.
    if r.abs() * 2 >= d {
        Ok(if n < 0 { q - 1 } else { q + 1 })
    } else {
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_currency() {
        let c = |code: &str| Currency::parse(code).unwrap();
        assert_eq!(Money::new(1234, c("EUR")).to_decimal(), "12.34");
        assert_eq!(Money::new(-5, c("EUR")).to_decimal(), "-0.05");
        assert_eq!(Money::new(500, c("JPY")).to_decimal(), "500");
        assert_eq!(Money::new(1500, c("KWD")).to_decimal(), "1.500");
        assert_eq!(
            Money::new(i64::MIN, c("EUR")).to_decimal(),
            "-92233720368547758.08"
        );
    }

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    #[test]
    fn currency_parses_only_three_upper_case_letters() {
        assert!(Currency::parse("EUR").is_ok());
        assert!(Currency::parse("eur").is_err());
        assert!(Currency::parse("EU").is_err());
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("€UR").is_err());
    }

    #[test]
    fn money_serialises_as_amount_and_currency() {
        let json = serde_json::to_value(eur(450)).unwrap();
        assert_eq!(json, serde_json::json!({"amount": 450, "currency": "EUR"}));
        let back: Money = serde_json::from_value(json).unwrap();
        assert_eq!(back, eur(450));
        assert!(serde_json::from_str::<Money>(r#"{"amount":4.5,"currency":"EUR"}"#).is_err());
    }

    #[test]
    fn adding_different_currencies_is_an_error() {
        let usd = Money::new(1, Currency::parse("USD").unwrap());
        assert!(eur(1).checked_add(usd).is_err());
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        assert!(eur(i64::MAX).checked_add(eur(1)).is_err());
        assert!(eur(i64::MAX).checked_mul(2).is_err());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round_half_away(5, 2).unwrap(), 3);
        assert_eq!(div_round_half_away(-5, 2).unwrap(), -3);
        assert_eq!(div_round_half_away(4, 3).unwrap(), 1);
        assert_eq!(div_round_half_away(5, 3).unwrap(), 2);
        assert_eq!(div_round_half_away(7, -2).unwrap(), -4);
        assert!(div_round_half_away(1, 0).is_err());
        // 10 % of 4.45 is 0.445 -> 0.45
        assert_eq!(eur(445).mul_ratio(1000, 10_000).unwrap(), eur(45));
    }
}
