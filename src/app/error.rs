//! The application layer's one error type. Transports map it once: HTTP to a
//! status and `{"error":{"code","message"}}`, Tauri to a serialisable error.

use crate::domain::DomainError;
use crate::store::StoreError;

/// How a transport should classify an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    InvalidRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Unprocessable,
    TooManyRequests,
    Internal,
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    /// Stable snake_case code for clients.
    pub code: &'static str,
    /// What a person can act on. Internal errors never carry details here.
    pub message: String,
    /// Seconds after which a retry may succeed (rate limits, lockouts).
    pub retry_after: Option<u64>,
}

impl AppError {
    pub fn new(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            kind,
            code,
            message: message.into(),
            retry_after: None,
        }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidRequest, "invalid_request", message)
    }
    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthorized, code, message)
    }
    pub fn login_required() -> Self {
        Self::unauthorized("unauthorized", "sign in to do this")
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, "forbidden", message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, "not_found", message)
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, code, message)
    }
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unprocessable, code, message)
    }
    pub fn too_many(code: &'static str, message: impl Into<String>, retry_after: u64) -> Self {
        AppError {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(ErrorKind::TooManyRequests, code, message)
        }
    }
    /// An internal failure: the cause is logged here, the client gets no detail.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            ErrorKind::Internal,
            "internal",
            "something went wrong on the server; the request was not applied",
        )
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e.code {
            "forbidden" => AppError::forbidden(e.message),
            "invalid_transition" => AppError::conflict("invalid_transition", e.message),
            "order_cancelled" => AppError::conflict("order_cancelled", e.message),
            "already_paid" => AppError::conflict("already_paid", e.message),
            "coupon_invalid" => AppError::unprocessable("coupon_invalid", e.message),
            "invalid_modifiers" => AppError::unprocessable("invalid_modifiers", e.message),
            _ => AppError::invalid(e.message),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::not_found("not found"),
            StoreError::Conflict(what) => {
                AppError::conflict("already_exists", format!("that {what} is already taken"))
            }
            StoreError::Rejected(inner) => match inner.downcast::<AppError>() {
                Ok(app) => *app,
                Err(other) => AppError::internal(other),
            },
            other => AppError::internal(other),
        }
    }
}

impl From<AppError> for StoreError {
    /// Lets a use case abort a write transaction with its own error.
    fn from(e: AppError) -> Self {
        StoreError::Rejected(Box::new(e))
    }
}

impl From<DomainError> for StoreError {
    fn from(e: DomainError) -> Self {
        StoreError::Rejected(Box::new(AppError::from(e)))
    }
}

pub type AppResult<T> = Result<T, AppError>;
