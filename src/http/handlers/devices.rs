use crate::app::auth::TokenPair;
use crate::app::devices::{self, DeviceList, NewPairingCode, PairRequest, PairingCode};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};
use axum::extract::{Path, State};
use axum::http::StatusCode;

/// Create a one-time 6-digit pairing code, valid for 10 minutes (admin).
#[utoipa::path(operation_id = "create_pairing_code", post, path = "/api/devices/pairing-codes", tag = "devices", security(("bearer" = [])),
    request_body = NewPairingCode,
    responses((status = 201, body = PairingCode), (status = 403, body = ErrorBody)))]
pub async fn create_code(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewPairingCode>,
) -> Result<(StatusCode, axum::Json<PairingCode>), AppError> {
    let code = devices::create_code(&app, &actor, &req.name, req.kind).await?;
    Ok((StatusCode::CREATED, axum::Json(code)))
}

/// A tablet redeems a pairing code for a long-lived `kiosk` login.
#[utoipa::path(operation_id = "pair_device", post, path = "/api/devices/pair", tag = "devices", request_body = PairRequest,
    responses((status = 200, body = TokenPair),
              (status = 401, description = "invalid_pairing_code", body = ErrorBody)))]
pub async fn pair(
    State(app): State<App>,
    Json(req): Json<PairRequest>,
) -> Result<axum::Json<TokenPair>, AppError> {
    devices::pair(&app, &req.code).await.map(axum::Json)
}

/// Paired devices (admin).
#[utoipa::path(operation_id = "list_devices", get, path = "/api/devices", tag = "devices", security(("bearer" = [])),
    responses((status = 200, body = DeviceList), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<DeviceList>, AppError> {
    devices::list(&app, &actor)
        .await
        .map(|devices| axum::Json(DeviceList { devices }))
}

/// Revoke a paired device (admin): its tokens stop working at once.
#[utoipa::path(operation_id = "revoke_device", delete, path = "/api/devices/{id}", tag = "devices", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let id = parse_id(&id, "device")?;
    devices::revoke(&app, &actor, id)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}
