use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::health::{self, Health};
use crate::app::App;

/// Liveness, and whether the store can write: 200 `{"status":"ok","version"}`,
/// or 503 with `status` `degraded` and `store` saying why (the disk is full,
/// read-only or failing, or the store is stopped).
#[utoipa::path(get, path = "/api/health", tag = "system",
    responses((status = 200, body = Health),
              (status = 503, description = "the store cannot write", body = Health)))]
pub async fn health(State(app): State<App>) -> (StatusCode, Json<Health>) {
    let health = health::check(&app).await;
    let status = if health.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(health))
}
