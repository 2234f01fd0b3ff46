//! Extractors: JSON bodies and queries whose rejections answer in the
//! contract's error shape, the owner behind an access token, and the shop
//! behind a credential.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::HqState;
use crate::hq::app::auth::{self, Owner};
use crate::hq::app::{shops, HqCode, HqError};

/// A JSON body (`Content-Type: application/json`, no unknown fields).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = HqError;

    async fn from_request(req: Request, state: &S) -> Result<Self, HqError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Json(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(HqError::new(
                HqCode::UnsupportedMediaType,
                "send the body as application/json",
            )),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(HqError::new(
                HqCode::PayloadTooLarge,
                "the request body is too large",
            )),
            Err(e) => Err(HqError::invalid(e.body_text())),
        }
    }
}

/// A query string (no unknown parameters).
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = HqError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, HqError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Query(v))
            .map_err(|e: QueryRejection| HqError::invalid(e.body_text()))
    }
}

/// The token of `Authorization: Bearer <token>`.
fn bearer(parts: &Parts) -> Result<&str, HqError> {
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| HqError::new(HqCode::Unauthorized, "sign in first"))?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            HqError::new(
                HqCode::Unauthorized,
                "the Authorization header must be 'Bearer <token>'",
            )
        })
}

/// A signed-in owner.
pub struct OwnerAuth(pub Owner);

impl FromRequestParts<HqState> for OwnerAuth {
    type Rejection = HqError;

    async fn from_request_parts(parts: &mut Parts, state: &HqState) -> Result<Self, HqError> {
        let token = bearer(parts)?;
        auth::authenticate(&state.hq, token).await.map(OwnerAuth)
    }
}

/// An enrolled shop, by its credential.
pub struct ShopAuth(pub Uuid);

impl FromRequestParts<HqState> for ShopAuth {
    type Rejection = HqError;

    async fn from_request_parts(parts: &mut Parts, state: &HqState) -> Result<Self, HqError> {
        let credential = bearer(parts)?;
        shops::authenticate(&state.hq, credential)
            .await
            .map(ShopAuth)
    }
}
