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

/// The `Idempotency-Key` header, when there is one.
pub fn idempotency_key(headers: &axum::http::HeaderMap) -> Result<Option<String>, AppError> {
    headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str().map(str::to_string).map_err(|_| {
                AppError::invalid_value(
                    crate::domain::Field::IdempotencyKey,
                    "Idempotency-Key must be visible ASCII",
                )
            })
        })
        .transpose()
}

/// The client's IP address (from the TCP connection; no proxy headers are
/// trusted on a shop LAN). An IPv4 client of a dual-stack (`[::]`) listener
/// arrives as `::ffff:a.b.c.d` and is given back as `a.b.c.d`.
pub fn client_ip(parts_ext: &axum::http::Extensions) -> Option<IpAddr> {
    parts_ext
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_canonical())
}

/// Whether a request comes from a browser on the server's own machine: a
/// loopback connection that no proxy forwarded, addressed to a loopback
/// host name. A DNS-rebinding page in the owner's browser fails the `Host`
/// test; a reverse proxy on the machine fails the forwarding test (every
/// common proxy sets one of those headers).
pub fn is_local(ext: &axum::http::Extensions, headers: &axum::http::HeaderMap) -> bool {
    let loopback = client_ip(ext).is_some_and(|ip| ip.is_loopback());
    let forwarded = [
        "forwarded",
        "x-forwarded-for",
        "x-real-ip",
        "x-forwarded-host",
    ]
    .iter()
    .any(|h| headers.contains_key(*h));
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(is_loopback_host);
    loopback && !forwarded && host
}

/// `localhost`, `127.0.0.1` (any 127/8) or `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1",
            "127.0.0.1:80",
            "[::1]",
            "[::1]:8080",
            "LOCALHOST.",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "evil.example",
            "evil.example:8080",
            "192.168.1.5",
            "localhost.evil.example",
            "[::2]",
            "",
            "127.0.0.1.nip.io",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn ipv4_clients_of_a_dual_stack_listener_are_seen_as_ipv4() {
        let mut ext = axum::http::Extensions::new();
        let mapped: SocketAddr = "[::ffff:127.0.0.1]:5000".parse().unwrap();
        ext.insert(ConnectInfo(mapped));
        let ip = client_ip(&ext).unwrap();
        assert_eq!(ip, "127.0.0.1".parse::<IpAddr>().unwrap());
        assert!(ip.is_loopback());
    }
}
