//! `AppError` → HTTP status and `{"error":{"code","message"}}`, in one place.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::{AppError, ErrorCode};

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code, e.g. `invalid_request`, `item_unavailable`.
    #[schema(value_type = ErrorCode)]
    pub code: String,
    /// What a person can act on, in English (for logs and API users; a
    /// client words the code itself, with `params`).
    pub message: String,
    /// The values a client needs to word this error in its own language, by
    /// code: numbers, strings, Money objects `{amount, currency}`; `field`
    /// is one of `ErrorField`. Absent when the code says it all.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>, nullable = false)]
    pub params: Option<serde_json::Value>,
}

/// Every code a client may see, as an enum in the OpenAPI document, so the
/// web client's types know them (a misspelt code fails its type check).
/// Listed from the one table in `app::error`.
impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str())))
            .into()
    }
}

impl ToSchema for ErrorCode {}

/// The names of the fields an error's `params.field` may hold, listed in
/// the OpenAPI document so a client can keep a text for each.
pub struct ErrorField;

impl utoipa::PartialSchema for ErrorField {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .enum_values(Some(crate::domain::Field::ALL.iter().map(|f| f.as_str())))
            .into()
    }
}

impl ToSchema for ErrorField {}

/// The cause chain of a 500, left on the response for the edge middleware,
/// which logs it with the request id. Never sent to the client.
#[derive(Debug, Clone)]
pub struct InternalCause(pub String);

/// An error answer for a code (for errors that never reach `app`).
pub fn error_response(code: ErrorCode, message: impl Into<String>) -> Response {
    AppError::new(code, message).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let cause = self.cause_chain();
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.as_str().to_string(),
                message: self.message,
                params: self.params,
            },
        };
        let mut resp = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(cause) = cause {
            resp.extensions_mut().insert(InternalCause(cause));
        }
        resp
    }
}
