//! Pure business rules: no I/O, no async, no transport or storage types.

pub mod coupon;
pub mod menu;
pub mod money;
pub mod order;
pub mod pricing;
pub mod user;

pub use money::{Currency, Money};

/// A rule of the domain was broken. `code` is a stable snake_case identifier
/// that the application layer maps onto its own errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DomainError {
    pub code: &'static str,
    pub message: String,
}

impl DomainError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        DomainError {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new("invalid_request", message)
    }

    pub fn overflow() -> Self {
        Self::new("invalid_request", "amount out of range")
    }
}
