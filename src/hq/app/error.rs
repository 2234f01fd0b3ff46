//! Head office's one error type. Each code has its HTTP status and its
//! snake_case string in the one table below; `hq::http` maps it once.

use std::sync::Arc;

use crate::hq::store::DbError;

macro_rules! hq_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $status:literal;)*) => {
        /// What went wrong at head office, as a client tells it apart.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum HqCode {
            $($(#[$doc])* $variant,)*
        }

        impl HqCode {
            pub const ALL: &'static [HqCode] = &[$(HqCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(HqCode::$variant => $code,)*
                }
            }

            pub fn status(self) -> u16 {
                match self {
                    $(HqCode::$variant => $status,)*
                }
            }
        }
    };
}

hq_codes! {
    /// Malformed input: bad JSON, unknown fields, values out of range.
    InvalidRequest = "invalid_request", 400;
    /// A batch in a wire format version head office does not know.
    UnsupportedVersion = "unsupported_version", 400;
    /// No (valid) credentials where they are needed.
    Unauthorized = "unauthorized", 401;
    /// Wrong username or password (one answer for both).
    InvalidCredentials = "invalid_credentials", 401;
    /// An access or refresh token that is not (or no longer) valid.
    InvalidToken = "invalid_token", 401;
    /// An access token past its time.
    TokenExpired = "token_expired", 401;
    /// A spent refresh token presented again: its whole family is revoked.
    TokenReused = "token_reused", 401;
    /// An enrolment code that is unknown, used or expired.
    InvalidEnrolmentCode = "invalid_enrolment_code", 401;
    /// A shop credential head office does not know.
    InvalidShopCredential = "invalid_shop_credential", 401;
    /// Authenticated, but not as one who may do this.
    Forbidden = "forbidden", 403;
    NotFound = "not_found", 404;
    MethodNotAllowed = "method_not_allowed", 405;
    /// A name that is taken (an owner's username).
    AlreadyExists = "already_exists", 409;
    /// Importing the menu of a shop that has not sent it yet.
    NoShopMenu = "no_shop_menu", 409;
    /// Publishing with no draft, or a draft the newest version already is.
    NothingToPublish = "nothing_to_publish", 409;
    /// A master menu a shop could not apply (the message says why).
    InvalidMenu = "invalid_menu", 422;
    /// A body (or a batch's events) above the limit.
    PayloadTooLarge = "payload_too_large", 413;
    UnsupportedMediaType = "unsupported_media_type", 415;
    /// Over the rate limit; `Retry-After` says when to come back.
    RateLimited = "rate_limited", 429;
    Internal = "internal", 500;
    /// The database does not answer.
    DatabaseUnavailable = "database_unavailable", 503;
}

#[derive(Debug, Clone)]
pub struct HqError {
    pub code: HqCode,
    /// What a person can act on; internal errors never carry details here.
    pub message: String,
    pub retry_after: Option<u64>,
    /// Why an internal error happened, for the log only.
    cause: Option<Arc<anyhow::Error>>,
}

pub type HqResult<T> = Result<T, HqError>;

impl HqError {
    pub fn new(code: HqCode, message: impl Into<String>) -> Self {
        HqError {
            code,
            message: message.into(),
            retry_after: None,
            cause: None,
        }
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        HqError {
            cause: Some(Arc::new(cause.into())),
            ..HqError::new(HqCode::Internal, "something went wrong at head office")
        }
    }

    pub fn too_many(message: impl Into<String>, retry_after: u64) -> Self {
        HqError {
            retry_after: Some(retry_after),
            ..HqError::new(HqCode::RateLimited, message)
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        HqError::new(HqCode::InvalidRequest, message)
    }

    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// The cause chain of an internal error, for the log.
    pub fn cause_chain(&self) -> Option<String> {
        self.cause.as_ref().map(|c| format!("{c:#}"))
    }
}

impl std::fmt::Display for HqError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cause_chain() {
            Some(c) => write!(f, "{}: {c}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl From<DbError> for HqError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Conflict => HqError::new(HqCode::AlreadyExists, "that already exists"),
            DbError::UnknownScheme => HqError::invalid(e.to_string()),
            DbError::Sql(
                ref s @ (sqlx_core::Error::PoolTimedOut
                | sqlx_core::Error::PoolClosed
                | sqlx_core::Error::Io(_)),
            ) => {
                let cause = anyhow::anyhow!("{s}");
                HqError {
                    cause: Some(Arc::new(cause)),
                    ..HqError::new(
                        HqCode::DatabaseUnavailable,
                        "head office's database does not answer; try again shortly",
                    )
                }
            }
            other => HqError::internal(other),
        }
    }
}
