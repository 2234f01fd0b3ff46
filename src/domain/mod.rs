//! Pure business rules: no I/O, no async, no transport or storage types.

pub mod coupon;
pub mod menu;
pub mod money;
pub mod order;
pub mod payment;
pub mod pricing;
pub mod shift;
pub mod user;

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
}

/// A rule of the domain was broken: which one, and what a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DomainError {
    pub rule: Rule,
    pub message: String,
}

impl DomainError {
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        DomainError {
            rule,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(Rule::Invalid, message)
    }

    pub fn overflow() -> Self {
        Self::invalid("amount out of range")
    }
}
