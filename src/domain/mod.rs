//! Pure business rules: no I/O, no async, no transport or storage types.

pub mod coupon;
pub mod discount;
pub mod feedback;
pub mod field;
pub mod image;
pub mod loyalty;
pub mod menu;
pub mod money;
pub mod order;
pub mod payment;
pub mod pricing;
pub mod ready;
pub mod shift;
pub mod user;

pub use field::Field;
pub use money::{Currency, Money};

/// Which rule of the domain was broken. The application layer maps each
/// onto its own error code (`app::error`), in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A value is malformed or out of range.
    Invalid,
    /// The role may not do this.
    Forbidden,
    /// The order's state machine does not allow this move.
    InvalidTransition,
    /// A cancelled order cannot be paid.
    OrderCancelled,
    /// The order is paid in full.
    AlreadyPaid,
    /// The coupon does not apply.
    CouponInvalid,
    /// The chosen modifiers do not fit the item's groups.
    InvalidModifiers,
    /// Nothing has been paid on the order, so nothing can be refunded.
    NotPaid,
    /// A refund above what was paid minus what was already refunded.
    RefundExceedsPaid,
    /// The order still holds money: refund it before cancelling.
    RefundRequired,
    /// A new PIN is too short or not all digits.
    WeakPin,
    /// A text is longer than it may be (`field`, `max`).
    TooLong,
    /// A text is shorter than it must be (`field`, `min`).
    TooShort,
    /// A value that must be given is missing (`field`).
    Required,
    /// A number outside its bounds (`field`, `min`, `max`).
    OutOfRange,
    /// A value of the wrong form (`field`).
    InvalidValue,
    /// A line's quantity outside 1 to 99 (`min`, `max`).
    QuantityOutOfRange,
    /// A table given for a takeaway order.
    TableNotForTakeaway,
    /// An amount that must be positive is not (`field`).
    AmountNotPositive,
    /// An amount in another currency than the shop's (`currency`).
    WrongCurrency,
    /// A payment above what is still owed (`owed`).
    PaymentExceedsOwed,
    /// Cash tendered below the amount and tip (`due`).
    TenderedTooLow,
    /// A refunded line that is not on the order or given back too often.
    RefundLineInvalid,
    /// A manual discount larger than what is left to discount (`max`).
    DiscountExceedsSubtotal,
}

/// A rule of the domain was broken: which one, and what a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DomainError {
    pub rule: Rule,
    pub message: String,
    /// What a client needs to word the message itself (a JSON object of
    /// plain values: numbers, strings, Money).
    pub params: Option<serde_json::Value>,
}

impl DomainError {
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        DomainError {
            rule,
            message: message.into(),
            params: None,
        }
    }

    /// The values a client words the message with (a JSON object).
    pub fn with_params(mut self, params: serde_json::Value) -> Self {
        self.params = Some(params);
        self
    }

    /// A text of `field` longer than `max` characters.
    pub fn too_long(field: Field, max: usize, message: impl Into<String>) -> Self {
        Self::new(Rule::TooLong, message)
            .with_params(serde_json::json!({ "field": field, "max": max }))
    }

    /// A text of `field` shorter than `min` characters.
    pub fn too_short(field: Field, min: usize, message: impl Into<String>) -> Self {
        Self::new(Rule::TooShort, message)
            .with_params(serde_json::json!({ "field": field, "min": min }))
    }

    /// A `field` that must be given.
    pub fn required(field: Field, message: impl Into<String>) -> Self {
        Self::new(Rule::Required, message).with_params(serde_json::json!({ "field": field }))
    }

    /// A number of `field` outside `min..=max`.
    pub fn out_of_range(field: Field, min: i64, max: i64, message: impl Into<String>) -> Self {
        Self::new(Rule::OutOfRange, message)
            .with_params(serde_json::json!({ "field": field, "min": min, "max": max }))
    }

    /// A value of `field` of the wrong form.
    pub fn invalid_value(field: Field, message: impl Into<String>) -> Self {
        Self::new(Rule::InvalidValue, message).with_params(serde_json::json!({ "field": field }))
    }

    /// An amount of `field` in another currency than `currency`.
    pub fn wrong_currency(field: Field, currency: Currency, message: impl Into<String>) -> Self {
        Self::new(Rule::WrongCurrency, message)
            .with_params(serde_json::json!({ "field": field, "currency": currency.as_str() }))
    }

    /// An amount of `field` that must be positive.
    pub fn not_positive(field: Field, message: impl Into<String>) -> Self {
        Self::new(Rule::AmountNotPositive, message)
            .with_params(serde_json::json!({ "field": field }))
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(Rule::Invalid, message)
    }

    pub fn overflow() -> Self {
        Self::invalid_value(Field::Amount, "amount out of range")
    }
}
