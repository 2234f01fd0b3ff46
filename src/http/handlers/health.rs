use axum::Json;

use crate::app::health::{self, Health};

/// Liveness.
#[utoipa::path(get, path = "/api/health", tag = "system",
    responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(health::current())
}
