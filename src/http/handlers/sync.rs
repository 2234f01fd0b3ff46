use axum::extract::State;

use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::Auth;
use crate::sync::status::SyncStatus;

/// The shop and head office (admin, cashier): enrolled or not, how many events wait
/// to be sent and since when, how the last push went.
#[utoipa::path(operation_id = "get_sync_status", get, path = "/api/sync/status", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = SyncStatus), (status = 403, body = ErrorBody)))]
pub async fn status(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<SyncStatus>, AppError> {
    crate::app::sync::status(&app, &actor).await.map(axum::Json)
}
