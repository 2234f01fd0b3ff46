//! Errors about one field of a request (`params.field`), and the check of
//! a text's length every form needs.

use super::{AppError, AppResult};
use crate::domain::{Currency, DomainError, Field};

impl AppError {
    /// A text of `field` longer than `max` characters.
    pub fn too_long(field: Field, max: usize, message: impl Into<String>) -> Self {
        DomainError::too_long(field, max, message).into()
    }
    /// A `field` that must be given.
    pub fn required(field: Field, message: impl Into<String>) -> Self {
        DomainError::required(field, message).into()
    }
    /// A number of `field` outside `min..=max`.
    pub fn out_of_range(field: Field, min: i64, max: i64, message: impl Into<String>) -> Self {
        DomainError::out_of_range(field, min, max, message).into()
    }
    /// A value of `field` of the wrong form.
    pub fn invalid_value(field: Field, message: impl Into<String>) -> Self {
        DomainError::invalid_value(field, message).into()
    }
    /// An amount of `field` in another currency than the shop's `currency`.
    pub fn wrong_currency(field: Field, currency: Currency, message: impl Into<String>) -> Self {
        DomainError::wrong_currency(field, currency, message).into()
    }
}

/// A text of 1 to `max` characters, trimmed: `required` when empty,
/// `too_long` when longer; `message` for both, for logs and API users.
pub fn check_text(text: &str, field: Field, max: usize, message: &str) -> AppResult<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::required(field, message));
    }
    if t.chars().count() > max {
        return Err(AppError::too_long(field, max, message));
    }
    Ok(t.to_string())
}
