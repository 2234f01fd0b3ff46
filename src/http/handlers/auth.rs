use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};

use crate::app::auth::{
    self, LoginRequest, PinHere, PinOrigin, PinRequest, RefreshRequest, TokenPair,
};
use crate::app::customers::{self, RegisterRequest};
use crate::app::{Actor, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{idempotency_key, is_local, Auth, Json};

/// Sign in with a username (or customer e-mail) and password.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenPair),
              (status = 401, description = "invalid_credentials", body = ErrorBody),
              (status = 429, description = "rate_limited", body = ErrorBody)))]
pub async fn login(
    State(app): State<App>,
    Json(req): Json<LoginRequest>,
) -> Result<axum::Json<TokenPair>, AppError> {
    auth::login(&app, &req.username, &req.password)
        .await
        .map(axum::Json)
}

/// Sign in a cashier with a PIN, on a trusted till only: a browser on the
/// server's own machine, or a paired staff terminal sending its own device
/// token as `Authorization: Bearer …`. Anyone else gets 403
/// `pin_not_allowed` and signs in with username and password. Repeated
/// failures lock PIN sign-in on that device, each time longer (429
/// `pin_locked` with `Retry-After`); a success does not reset the count.
#[utoipa::path(operation_id = "login_pin", post, path = "/api/auth/pin", tag = "auth", request_body = PinRequest,
    security((), ("bearer" = [])),
    responses((status = 200, body = TokenPair),
              (status = 401, description = "invalid_credentials", body = ErrorBody),
              (status = 403, description = "pin_not_allowed", body = ErrorBody),
              (status = 429, description = "pin_locked or rate_limited", body = ErrorBody)))]
pub async fn pin(
    State(app): State<App>,
    Auth(actor): Auth,
    request: Parts,
    Json(req): Json<PinRequest>,
) -> Result<axum::Json<TokenPair>, AppError> {
    auth::login_pin(&app, &req.pin, pin_origin(actor, &request))
        .await
        .map(axum::Json)
}

/// Whether this client may sign in with a PIN: `true` on this machine's
/// browser and (with its device token) on a paired staff terminal. The
/// sign-in screen opens on the PIN pad where it may.
#[utoipa::path(operation_id = "pin_here", get, path = "/api/auth/pin", tag = "auth",
    security((), ("bearer" = [])),
    responses((status = 200, body = PinHere)))]
pub async fn pin_here(
    State(app): State<App>,
    Auth(actor): Auth,
    request: Parts,
) -> Result<axum::Json<PinHere>, AppError> {
    auth::pin_here(&app, pin_origin(actor, &request))
        .await
        .map(axum::Json)
}

/// Where a PIN comes from: a device's token, this machine, or the network.
fn pin_origin(actor: Actor, request: &Parts) -> PinOrigin {
    match actor {
        Actor::Anonymous if is_local(&request.extensions, &request.headers) => PinOrigin::Local,
        Actor::Anonymous => PinOrigin::Remote,
        device => PinOrigin::Device(device),
    }
}

/// Trade a refresh token for a new pair. The old one is spent; presenting a
/// spent token again revokes the whole login (401 `token_reused`). A client
/// that sends an `Idempotency-Key` may retry the same refresh with the same
/// key once within 30 s when the answer was lost: it gets a new pair, and
/// the pair it never received stops working.
#[utoipa::path(operation_id = "refresh_tokens", post, path = "/api/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair),
              (status = 401, description = "invalid_token or token_reused", body = ErrorBody)))]
pub async fn refresh(
    State(app): State<App>,
    headers: HeaderMap,
    Json(req): Json<RefreshRequest>,
) -> Result<axum::Json<TokenPair>, AppError> {
    auth::refresh(
        &app,
        &req.refresh_token,
        idempotency_key(&headers)?.as_deref(),
    )
    .await
    .map(axum::Json)
}

/// End this login: its refresh tokens and access tokens stop working.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(State(app): State<App>, Auth(actor): Auth) -> Result<StatusCode, AppError> {
    auth::logout(&app, &actor)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

/// Register as a customer; signed in at once.
#[utoipa::path(operation_id = "register_customer", post, path = "/api/customers/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = TokenPair),
              (status = 400, body = ErrorBody),
              (status = 409, description = "email_taken, or setup_required before the first-run setup", body = ErrorBody)))]
pub async fn register(
    State(app): State<App>,
    Json(req): Json<RegisterRequest>,
) -> Result<(StatusCode, axum::Json<TokenPair>), AppError> {
    let pair = customers::register(&app, req).await?;
    Ok((StatusCode::CREATED, axum::Json(pair)))
}
