//! The LAN server as a browser at the counter sees it: the addresses
//! tablets and the kitchen board reach it at (the desktop app asks the same
//! of `app::desktop` through its commands).

use axum::extract::State;

use crate::app::desktop::{self, ServerInfo};
use crate::app::AppError;
use crate::http::error::ErrorBody;
use crate::http::extract::Auth;
use crate::http::HttpState;

/// The addresses tablets and the kitchen board open (staff at the
/// counter): the shop-network addresses first. A server listening on this
/// computer only (127.0.0.1) has no address a tablet can reach.
#[utoipa::path(operation_id = "server_info", get, path = "/api/server", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = ServerInfo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn server(
    State(state): State<HttpState>,
    Auth(actor): Auth,
) -> Result<axum::Json<ServerInfo>, AppError> {
    desktop::served_at(&actor, state.bound).map(axum::Json)
}
