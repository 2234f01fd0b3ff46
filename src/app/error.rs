//! The application layer's one error type. Every error a client can see has
//! an [`ErrorCode`]; the code decides the HTTP status and the snake_case
//! string of the contract, in the one table below. Transports map an
//! `AppError` once: HTTP in `http::error`, Tauri in the desktop crate.

use std::sync::Arc;

use crate::domain::{DomainError, Rule};
use crate::store::{Conflict, Fault, StoreError};

/// Declares the codes with their wire string and status, once.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $status:literal;)*) => {
        /// What went wrong, as a client can tell it apart and translate it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, for tests and documentation.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The contract's snake_case code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            /// The HTTP status this code is answered with (the desktop
            /// commands carry the same number).
            pub fn status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)*
                }
            }
        }
    };
}

error_codes! {
    /// Malformed input: bad JSON, unknown fields, values out of range.
    InvalidRequest = "invalid_request", 400;
    /// An order without lines.
    OrderEmpty = "order_empty", 400;
    /// An order with more lines than it may have (`max`).
    TooManyLines = "too_many_lines", 400;
    /// A line's quantity outside `min`..`max`.
    QuantityOutOfRange = "quantity_out_of_range", 400;
    /// A text longer than it may be (`field`, `max` characters).
    TooLong = "too_long", 400;
    /// A text shorter than it must be (`field`, `min` characters).
    TooShort = "too_short", 400;
    /// A value that must be given is missing (`field`).
    Required = "required", 400;
    /// A number outside its bounds (`field`, `min`, `max`).
    OutOfRange = "out_of_range", 400;
    /// A value of the wrong form (`field`).
    InvalidValue = "invalid_value", 400;
    /// A value that must differ from another one given with it (`field`,
    /// and `value` where it can be shown).
    DuplicateValue = "duplicate_value", 400;
    /// A table given for a takeaway order.
    TableNotForTakeaway = "table_not_for_takeaway", 400;
    /// An amount that must be positive is not (`field`).
    AmountNotPositive = "amount_not_positive", 400;
    /// An amount in another currency than the shop's (`field`, `currency`).
    WrongCurrency = "wrong_currency", 400;
    /// A payment above what is still owed (`owed`: Money).
    PaymentExceedsOwed = "payment_exceeds_owed", 400;
    /// Cash tendered below the amount and the tip (`due`: Money).
    TenderedTooLow = "tendered_too_low", 400;
    /// A refund line not on the order, listed twice or given back more often
    /// than sold (`line`, and `sold`, `refunded` where known).
    RefundLineInvalid = "refund_line_invalid", 400;
    /// No (valid) credentials where they are needed.
    Unauthorized = "unauthorized", 401;
    /// Wrong username, password or PIN (one answer for all of them).
    InvalidCredentials = "invalid_credentials", 401;
    InvalidToken = "invalid_token", 401;
    TokenExpired = "token_expired", 401;
    /// A spent refresh token was presented again: the login is ended.
    TokenReused = "token_reused", 401;
    InvalidPairingCode = "invalid_pairing_code", 401;
    /// Signed in, but the role may not do this.
    Forbidden = "forbidden", 403;
    /// A cashier's refund above the shop's limit needs an admin's approval.
    ApprovalRequired = "approval_required", 403;
    /// A cashier's manual discount above the shop's limit (`limit`: basis
    /// points of the subtotal) needs an admin's approval.
    DiscountApprovalRequired = "discount_approval_required", 403;
    /// PIN sign-in from a client that is not a trusted till.
    PinNotAllowed = "pin_not_allowed", 403;
    /// First-run setup from elsewhere than the counter PC, or without its
    /// one-time token.
    SetupNotAllowed = "setup_not_allowed", 403;
    NotFound = "not_found", 404;
    /// No shift is open at the till.
    NoOpenShift = "no_open_shift", 404;
    /// A table's QR code that names no table (replaced, or mistyped).
    UnknownTableCode = "unknown_table_code", 404;
    MethodNotAllowed = "method_not_allowed", 405;
    RequestTimeout = "request_timeout", 408;
    /// A username or PIN that another account has.
    AlreadyExists = "already_exists", 409;
    AlreadySetUp = "already_set_up", 409;
    /// Registration and pairing wait until the shop is set up.
    SetupRequired = "setup_required", 409;
    /// Too many unpaid orders open for this customer or device.
    TooManyOpenOrders = "too_many_open_orders", 409;
    AlreadyPaid = "already_paid", 409;
    CannotDisableSelf = "cannot_disable_self", 409;
    CategoryNotEmpty = "category_not_empty", 409;
    CouponExists = "coupon_exists", 409;
    /// Another table has this name.
    TableNameTaken = "table_name_taken", 409;
    /// The order is not waiting for staff to accept it.
    NotAwaitingAccept = "not_awaiting_accept", 409;
    /// A guest's order still waits for staff to accept it: the kitchen cannot move it yet.
    OrderNotAccepted = "order_not_accepted", 409;
    CurrencyLocked = "currency_locked", 409;
    EmailTaken = "email_taken", 409;
    IdempotencyConflict = "idempotency_conflict", 409;
    InvalidTransition = "invalid_transition", 409;
    ItemUnavailable = "item_unavailable", 409;
    /// The demo menu loads only into an empty store.
    NotEmpty = "not_empty", 409;
    OrderCancelled = "order_cancelled", 409;
    /// Nothing was paid on the order, so nothing can be refunded.
    NotPaid = "not_paid", 409;
    /// The order still holds money: refund before cancelling.
    RefundRequired = "refund_required", 409;
    /// A shift is open already: close it before opening another.
    ShiftOpen = "shift_open", 409;
    /// Items still have the tax class a settings change would remove.
    TaxClassInUse = "tax_class_in_use", 409;
    /// A library modifier group still attached to items (`items`: their
    /// names, `count`): detach it from them first.
    ModifierGroupInUse = "modifier_group_in_use", 409;
    PrinterNotConfigured = "printer_not_configured", 409;
    /// A random value collided; the same request again will succeed.
    TryAgain = "try_again", 409;
    /// The order has a feedback already (one per order).
    FeedbackExists = "feedback_exists", 409;
    /// Feedback opens once an order is paid or completed, never on a
    /// cancelled one (`status`).
    FeedbackNotOpen = "feedback_not_open", 409;
    /// The counter app has no update endpoint and key configured.
    UpdatesOff = "updates_off", 409;
    /// The counter app is already the newest version.
    NoUpdate = "no_update", 409;
    PayloadTooLarge = "payload_too_large", 413;
    UnsupportedMediaType = "unsupported_media_type", 415;
    /// A picture sent with another image type than it is (`declared`,
    /// `found`: media types).
    ImageTypeMismatch = "image_type_mismatch", 415;
    CouponInvalid = "coupon_invalid", 422;
    InvalidModifiers = "invalid_modifiers", 422;
    /// Only cashiers sign in with a PIN.
    PinNotForRole = "pin_not_for_role", 422;
    /// A refund above what was paid minus what was already refunded.
    RefundExceedsPaid = "refund_exceeds_paid", 422;
    /// A manual discount larger than what is left to discount (`max`: Money).
    DiscountExceedsSubtotal = "discount_exceeds_subtotal", 422;
    /// An eat-in order without its table, where the shop serves at the tables.
    TableRequired = "table_required", 422;
    UnknownCategory = "unknown_category", 422;
    UnknownCustomer = "unknown_customer", 422;
    UnknownItem = "unknown_item", 422;
    /// An item given a library modifier group that does not exist
    /// (`group_id`).
    UnknownModifierGroup = "unknown_modifier_group", 422;
    /// A library group's option kept by an id that is not one of the
    /// group's options (`option_id`).
    UnknownModifierOption = "unknown_modifier_option", 422;
    /// An item given a tax class the shop does not have.
    UnknownTaxClass = "unknown_tax_class", 422;
    /// A rating outside 1..5 stars (`min`, `max`).
    RatingOutOfRange = "rating_out_of_range", 422;
    /// A feedback comment longer than `max` characters.
    CommentTooLong = "comment_too_long", 422;
    /// A feedback comment with control characters: plain text only.
    CommentInvalid = "comment_invalid", 422;
    /// A once-per-customer coupon this customer has used (`code`).
    CouponAlreadyUsed = "coupon_already_used", 422;
    /// A first-order coupon on a customer who has ordered before (`code`).
    CouponFirstOrderOnly = "coupon_first_order_only", 422;
    /// A regulars' coupon on a customer who is not one yet (`code`,
    /// `visits`: what they need).
    CouponRegularsOnly = "coupon_regulars_only", 422;
    /// A limited coupon or points without a known customer on the order
    /// (`reason`: `coupon` or `points`).
    CustomerRequired = "customer_required", 422;
    /// Points redeemed where the shop does not take points.
    PointsOff = "points_off", 422;
    /// More points redeemed than the customer has (`balance`).
    PointsInsufficient = "points_insufficient", 422;
    /// A new PIN must be 6 to 8 digits.
    WeakPin = "weak_pin", 422;
    /// A picture that claims too many pixels (`width`, `height` when read).
    ImageTooManyPixels = "image_too_many_pixels", 422;
    /// A picture whose signature is right but which cannot be decoded.
    ImageUnreadable = "image_unreadable", 422;
    /// The tables' QR sheet: a base address that is not an absolute
    /// http(s) URL without a query.
    InvalidBaseUrl = "invalid_base_url", 400;
    /// The tables' QR sheet of a shop without tables.
    NoTables = "no_tables", 409;
    RateLimited = "rate_limited", 429;
    /// Guests at this table have as many unpaid orders open as they may
    /// (`max`): pay at the counter first.
    TableOrderLimit = "table_order_limit", 429;
    /// This account or device has as many live event streams open as it
    /// may (`max_event_streams_per_user`); close one first.
    TooManyStreams = "too_many_streams", 429;
    PinLocked = "pin_locked", 429;
    /// Too many wrong admin approvals from one cashier: wait.
    ApprovalLocked = "approval_locked", 429;
    /// A fault of the server; the client is told nothing more.
    Internal = "internal", 500;
    /// The desktop app could not fetch or install an update.
    UpdateFailed = "update_failed", 502;
    /// The server's disk refuses writes (read-only file system or files);
    /// nothing was saved. Passes once the disk is writable again.
    StoreReadOnly = "store_read_only", 503;
    /// The server's disk failed to write (an I/O error); nothing was saved.
    StoreUnavailable = "store_unavailable", 503;
    /// The server holds as many connections as it may (from this address or
    /// in all); the connection is closed after this answer.
    TooManyConnections = "too_many_connections", 503;
    /// The server's disk is full; nothing was saved. Passes once there is
    /// room again, without a restart.
    StorageFull = "storage_full", 507;
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    /// What a person can act on. Internal errors never carry details here.
    pub message: String,
    /// Seconds after which a retry may succeed (rate limits, lockouts).
    pub retry_after: Option<u64>,
    /// The values a client words the message with: a JSON object of plain
    /// values (numbers, strings, Money `{amount, currency}`).
    pub params: Option<serde_json::Value>,
    /// Why an internal error happened, for the log only.
    cause: Option<Arc<anyhow::Error>>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            retry_after: None,
            params: None,
            cause: None,
        }
    }
    /// Adds what a client needs to word the message itself, e.g.
    /// `.with_params(json!({"reason": "min_subtotal", "min": money}))`.
    pub fn with_params(mut self, params: serde_json::Value) -> Self {
        debug_assert!(params.is_object(), "error params are an object");
        self.params = Some(params);
        self
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidRequest, message)
    }
    pub fn login_required() -> Self {
        Self::new(ErrorCode::Unauthorized, "sign in to do this")
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn too_many(code: ErrorCode, message: impl Into<String>, retry_after: u64) -> Self {
        AppError {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(code, message)
        }
    }
    /// An internal failure. The client gets no detail; the transport logs
    /// [`AppError::cause_chain`] with what it knows (the request id).
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        AppError {
            cause: Some(Arc::new(cause.into())),
            ..Self::new(
                ErrorCode::Internal,
                "something went wrong on the server; the request was not applied",
            )
        }
    }

    /// The HTTP status of this error's code.
    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// The whole cause chain of an internal error (`outer: inner: …`).
    pub fn cause_chain(&self) -> Option<String> {
        self.cause.as_ref().map(|c| format!("{c:#}"))
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        let code = match e.rule {
            Rule::Invalid => ErrorCode::InvalidRequest,
            Rule::Forbidden => ErrorCode::Forbidden,
            Rule::InvalidTransition => ErrorCode::InvalidTransition,
            Rule::OrderCancelled => ErrorCode::OrderCancelled,
            Rule::AlreadyPaid => ErrorCode::AlreadyPaid,
            Rule::CouponInvalid => ErrorCode::CouponInvalid,
            Rule::InvalidModifiers => ErrorCode::InvalidModifiers,
            Rule::NotPaid => ErrorCode::NotPaid,
            Rule::RefundExceedsPaid => ErrorCode::RefundExceedsPaid,
            Rule::RefundRequired => ErrorCode::RefundRequired,
            Rule::WeakPin => ErrorCode::WeakPin,
            Rule::TooLong => ErrorCode::TooLong,
            Rule::TooShort => ErrorCode::TooShort,
            Rule::Required => ErrorCode::Required,
            Rule::OutOfRange => ErrorCode::OutOfRange,
            Rule::InvalidValue => ErrorCode::InvalidValue,
            Rule::QuantityOutOfRange => ErrorCode::QuantityOutOfRange,
            Rule::TableNotForTakeaway => ErrorCode::TableNotForTakeaway,
            Rule::AmountNotPositive => ErrorCode::AmountNotPositive,
            Rule::WrongCurrency => ErrorCode::WrongCurrency,
            Rule::PaymentExceedsOwed => ErrorCode::PaymentExceedsOwed,
            Rule::TenderedTooLow => ErrorCode::TenderedTooLow,
            Rule::RefundLineInvalid => ErrorCode::RefundLineInvalid,
            Rule::DiscountExceedsSubtotal => ErrorCode::DiscountExceedsSubtotal,
        };
        AppError {
            params: e.params,
            ..AppError::new(code, e.message)
        }
    }
}

impl From<StoreError> for AppError {
    /// What a store outcome means to a client. A missing row found by a use
    /// case is usually answered with its own message ([`NotFoundAs`]).
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::not_found("not found"),
            StoreError::Conflict(conflict) => {
                let (code, message) = match conflict {
                    Conflict::Username => {
                        (ErrorCode::AlreadyExists, "that username is already in use")
                    }
                    Conflict::Pin => (ErrorCode::AlreadyExists, "that PIN is already in use"),
                    Conflict::Email => (
                        ErrorCode::EmailTaken,
                        "an account with that e-mail already exists",
                    ),
                    Conflict::CouponCode => {
                        (ErrorCode::CouponExists, "a coupon with that code exists")
                    }
                    Conflict::PairingCode => (ErrorCode::TryAgain, "please create the code again"),
                    Conflict::CategoryHasItems => (
                        ErrorCode::CategoryNotEmpty,
                        "move or delete the category's items first",
                    ),
                    Conflict::TableName => {
                        (ErrorCode::TableNameTaken, "another table has that name")
                    }
                };
                AppError::new(code, message)
            }
            other => match other.fault() {
                Some(fault) => AppError::from_fault(fault, other),
                None => AppError::internal(other),
            },
        }
    }
}

impl AppError {
    /// A write the disk refused: the client learns that nothing was saved
    /// and why, the log gets the cause.
    fn from_fault(fault: Fault, cause: StoreError) -> Self {
        let (code, message) = match fault {
            Fault::Full => (
                ErrorCode::StorageFull,
                "the server's disk is full; nothing was saved. Free space on the server, then try again",
            ),
            Fault::ReadOnly => (
                ErrorCode::StoreReadOnly,
                "the server's disk does not accept writes; nothing was saved. Make it writable, then try again",
            ),
            Fault::Unavailable => (
                ErrorCode::StoreUnavailable,
                "the server could not write to its disk; nothing was saved. Try again; if it persists, check the disk",
            ),
        };
        AppError {
            cause: Some(Arc::new(cause.into())),
            ..Self::new(code, message)
        }
    }
}

/// Gives a store's `NotFound` the message of the thing that was looked for.
pub trait NotFoundAs<T> {
    fn not_found_as(self, message: &str) -> AppResult<T>;
}

impl<T> NotFoundAs<T> for Result<T, StoreError> {
    fn not_found_as(self, message: &str) -> AppResult<T> {
        self.map_err(|e| match e {
            StoreError::NotFound => AppError::not_found(message),
            other => other.into(),
        })
    }
}

pub type AppResult<T> = Result<T, AppError>;

mod fields;
pub use fields::check_text;
mod start;
pub use start::StartError;

#[cfg(test)]
mod tests;
