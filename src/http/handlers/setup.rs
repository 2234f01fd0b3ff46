use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use std::net::SocketAddr;

use crate::app::setup::{self, FirstRun, SetupStatus};
use crate::app::{Actor, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::Json;

/// Whether the first-run setup is still to be done (public).
#[utoipa::path(operation_id = "setup_status", get, path = "/api/setup", tag = "settings",
    responses((status = 200, body = SetupStatus)))]
pub async fn status(State(app): State<App>) -> Result<axum::Json<SetupStatus>, AppError> {
    setup::status(&app).await.map(axum::Json)
}

/// The first-run setup: settings, the owner's admin account, cashier PINs,
/// the demo menu. Only from the server's own machine (loopback), only once.
#[utoipa::path(operation_id = "complete_setup", post, path = "/api/setup", tag = "settings", request_body = FirstRun,
    responses((status = 204, description = "Set up; sign in next"), (status = 400, body = ErrorBody),
              (status = 403, description = "not from the server's own machine", body = ErrorBody),
              (status = 409, description = "already_set_up", body = ErrorBody)))]
pub async fn complete(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(run): Json<FirstRun>,
) -> Result<StatusCode, AppError> {
    // Someone at the server's own keyboard is the operator; anyone else on
    // the shop network is not.
    let actor = if peer.ip().is_loopback() {
        Actor::System
    } else {
        Actor::Anonymous
    };
    setup::complete(&app, &actor, run).await?;
    Ok(StatusCode::NO_CONTENT)
}
