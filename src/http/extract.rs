//! Extractors: JSON and query bodies with contract errors, and the bearer
//! token → `Actor`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::error::error_response;
use crate::app::{Actor, App, AppError, ErrorCode};

/// `axum::Json` whose rejections follow the contract: 415 for a wrong
/// content type, 413 for an oversized body, 400 `invalid_request` for
/// malformed JSON, unknown fields or wrong types.
pub struct Json<T>(pub T);

pub struct JsonError(JsonRejection);

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        match status {
            StatusCode::UNSUPPORTED_MEDIA_TYPE => error_response(
                ErrorCode::UnsupportedMediaType,
                "send the body as JSON with Content-Type: application/json",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => {
                error_response(ErrorCode::PayloadTooLarge, "the request body is too large")
            }
            _ => error_response(ErrorCode::InvalidRequest, self.0.body_text()),
        }
    }
}

impl<S, T> FromRequest<S> for Json<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = JsonError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(v)| Json(v))
            .map_err(JsonError)
    }
}

/// `axum::extract::Query` answering 400 `invalid_request` on bad input.
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|e: QueryRejection| error_response(ErrorCode::InvalidRequest, e.body_text()))
    }
}

/// Who is calling: `Actor::Anonymous` without an `Authorization` header;
/// 401 when a token is present but not valid. What the actor may do is
/// decided in `app`.
pub struct Auth(pub Actor);

impl<S> FromRequestParts<S> for Auth
where
    S: Send + Sync,
    App: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Auth(Actor::Anonymous));
        };
        let bad = || {
            AppError::new(
                ErrorCode::InvalidToken,
                "the Authorization header must be 'Bearer <token>'",
            )
        };
        let value = value.to_str().map_err(|_| bad())?;
        let (scheme, token) = value.split_once(' ').ok_or_else(bad)?;
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(bad());
        }
        let app = App::from_ref(state);
        app.authenticate(token.trim()).await.map(Auth)
    }
}

/// The client's IP address (from the TCP connection; no proxy headers are
/// trusted on a shop LAN).
pub fn client_ip(parts_ext: &axum::http::Extensions) -> Option<IpAddr> {
    parts_ext
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}
