use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;

use crate::app::setup::{self, FirstRun, SetupOrigin, SetupStatus};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{is_local, Json};

/// Whether the first-run setup is still to be done (public).
#[utoipa::path(operation_id = "setup_status", get, path = "/api/setup", tag = "settings",
    responses((status = 200, body = SetupStatus)))]
pub async fn status(State(app): State<App>) -> Result<axum::Json<SetupStatus>, AppError> {
    setup::status(&app).await.map(axum::Json)
}

/// The first-run setup: settings, the owner's admin account, cashier PINs,
/// the demo menu. Only while the shop has no admin, only from a browser on
/// the server's own machine (a loopback connection, not proxied, with a
/// `Host` of localhost, 127.0.0.1 or [::1]) and with the one-time
/// `setup_token` that `crema serve` prints there.
#[utoipa::path(operation_id = "complete_setup", post, path = "/api/setup", tag = "settings", request_body = FirstRun,
    responses((status = 204, description = "Set up; sign in next"), (status = 400, body = ErrorBody),
              (status = 403, description = "setup_not_allowed: not from the server's own machine, or a wrong setup token", body = ErrorBody),
              (status = 409, description = "already_set_up", body = ErrorBody)))]
pub async fn complete(
    State(app): State<App>,
    request: Parts,
    Json(run): Json<FirstRun>,
) -> Result<StatusCode, AppError> {
    let origin = if is_local(&request.extensions, &request.headers) {
        SetupOrigin::Local
    } else {
        SetupOrigin::Remote
    };
    setup::complete(&app, origin, run).await?;
    Ok(StatusCode::NO_CONTENT)
}
