//! Head office's handlers: parse, call `hq::app`, answer.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::ErrorBody;
use super::extract::{Json, OwnerAuth, Query, ShopAuth};
use super::HqState;
use crate::hq::app::auth::{self, LoginRequest, RefreshRequest, TokenPair};
use crate::hq::app::ingest::{self, Acknowledged, Encoding};
use crate::hq::app::reports::{self, OrderList, OrdersQuery, Range, Summary};
use crate::hq::app::shops::{self, EnrolRequest, Enrolment, ShopList};
use crate::hq::app::{HqCode, HqError, HqResult};
use crate::sync::wire::Payload;

type J<T> = axum::Json<T>;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// `ok`, or `degraded` when the database does not answer (503).
    pub status: String,
    pub version: String,
    /// `ok` or `unavailable`.
    pub database: String,
}

/// Liveness and the database: 200 `{"status":"ok","version","database":"ok"}`.
#[utoipa::path(get, path = "/api/health", tag = "system",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn health(State(s): State<HqState>) -> (StatusCode, J<Health>) {
    let up = s.hq.db().ping().await.is_ok();
    let health = Health {
        status: if up { "ok" } else { "degraded" }.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: if up { "ok" } else { "unavailable" }.into(),
    };
    let status = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(health))
}

/// An owner signs in.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenPair),
              (status = 401, description = "invalid_credentials", body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn login(
    State(s): State<HqState>,
    Json(req): Json<LoginRequest>,
) -> HqResult<J<TokenPair>> {
    auth::login(&s.hq, &req).await.map(axum::Json)
}

/// A new pair for a refresh token, which is spent.
#[utoipa::path(post, path = "/api/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair),
              (status = 401, description = "invalid_token, or token_reused (the family is revoked)", body = ErrorBody)))]
pub async fn refresh(
    State(s): State<HqState>,
    Json(req): Json<RefreshRequest>,
) -> HqResult<J<TokenPair>> {
    auth::refresh(&s.hq, &req).await.map(axum::Json)
}

/// End this login: its refresh and access tokens stop working.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(State(s): State<HqState>, OwnerAuth(owner): OwnerAuth) -> HqResult<StatusCode> {
    auth::logout(&s.hq, &owner)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

/// Every shop, with when it last sent and how many orders it has sent.
#[utoipa::path(get, path = "/api/hq/shops", tag = "owners", security(("bearer" = [])),
    responses((status = 200, body = ShopList), (status = 401, body = ErrorBody)))]
pub async fn list_shops(State(s): State<HqState>, _o: OwnerAuth) -> HqResult<J<ShopList>> {
    shops::list(&s.hq).await.map(axum::Json)
}

/// Orders, revenue and refunds by shop and in all, for days `from`..=`to`.
#[utoipa::path(get, path = "/api/hq/reports/summary", tag = "owners", params(Range),
    security(("bearer" = [])),
    responses((status = 200, body = Summary), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn summary(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Query(range): Query<Range>,
) -> HqResult<J<Summary>> {
    let key = format!("summary:{}:{}", range.from, range.to);
    s.cache
        .get_or(&key, reports::summary(&s.hq, &range))
        .await
        .map(axum::Json)
}

/// The orders of days `from`..=`to` (business dates) as the shops sent them.
#[utoipa::path(get, path = "/api/hq/orders", tag = "owners", params(OrdersQuery),
    security(("bearer" = [])),
    responses((status = 200, body = OrderList), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn list_orders(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Query(q): Query<OrdersQuery>,
) -> HqResult<J<OrderList>> {
    let shop = q.shop_id.map(|s| s.to_string()).unwrap_or_default();
    let key = format!("orders:{shop}:{}:{}", q.from, q.to);
    s.cache
        .get_or(&key, reports::orders(&s.hq, &q))
        .await
        .map(axum::Json)
}

/// A shop exchanges its one-time enrolment code for its credential.
#[utoipa::path(post, path = "/api/hq/enrol", tag = "shops", request_body = EnrolRequest,
    responses((status = 200, body = Enrolment),
              (status = 401, description = "invalid_enrolment_code: unknown, used or expired", body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn enrol(
    State(s): State<HqState>,
    Json(req): Json<EnrolRequest>,
) -> HqResult<J<Enrolment>> {
    shops::enrol(&s.hq, &req).await.map(axum::Json)
}

fn encoding(headers: &HeaderMap) -> HqResult<Encoding> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(HqError::new(
            HqCode::UnsupportedMediaType,
            "send the batch as application/json",
        ));
    }
    match headers
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap_or("?").trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("identity") => Ok(Encoding::Identity),
        Some("gzip") => Ok(Encoding::Gzip),
        Some(_) => Err(HqError::new(
            HqCode::UnsupportedMediaType,
            "the batch may be sent plain or with Content-Encoding: gzip",
        )),
    }
}

/// A shop pushes a batch of its events (`wire::Batch`, version 1, plain or
/// gzip). Every event is stored once, however often it is sent; the answer
/// lists the ids of the batch's events now held.
#[utoipa::path(post, path = "/api/hq/events", tag = "shops", security(("bearer" = [])),
    request_body(content = Object, content_type = "application/json",
        description = "`{\"version\":1,\"events\":[{\"id\",\"seq\",\"at\",\"kind\",\"data\"}…]}`"),
    responses((status = 200, body = Acknowledged),
              (status = 400, description = "invalid_request, unsupported_version", body = ErrorBody),
              (status = 401, description = "invalid_shop_credential", body = ErrorBody),
              (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn push_events(
    State(s): State<HqState>,
    ShopAuth(shop): ShopAuth,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> HqResult<J<Acknowledged>> {
    let encoding = encoding(&headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            HqError::new(HqCode::PayloadTooLarge, "the batch is too large")
        } else {
            HqError::invalid("the request body could not be read")
        }
    })?;
    let batch = ingest::parse(&s.hq, &body, encoding)?;
    let done = ingest::ingest(&s.hq, shop, &batch).await?;
    if done.new > 0 {
        // Committed: reports cached before it are stale.
        s.cache.invalidate().await;
        s.live.publish(
            "shop.synced",
            serde_json::json!({ "shop_id": shop, "events": done.new, "at": s.hq.now() }),
        );
        // The newest version a shop reports applying in this batch.
        let applied = batch
            .events
            .iter()
            .filter_map(|e| match e.payload {
                Payload::MenuApplied { version } => Some(version),
                _ => None,
            })
            .max();
        if let Some(version) = applied {
            s.live.publish(
                "menu.applied",
                serde_json::json!({ "shop_id": shop, "version": version }),
            );
        }
    }
    Ok(axum::Json(done.acknowledged))
}
