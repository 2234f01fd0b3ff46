use axum::extract::State;

use crate::app::settings::{self, ShopSettings};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// The shop's settings (public: tablets show the name, the board the thresholds).
#[utoipa::path(operation_id = "get_settings", get, path = "/api/settings", tag = "settings", responses((status = 200, body = ShopSettings)))]
pub async fn get(State(app): State<App>) -> axum::Json<ShopSettings> {
    axum::Json(app.settings().as_ref().clone())
}

/// Change the shop's settings (admin). Live clients get `settings.updated`.
#[utoipa::path(operation_id = "update_settings", put, path = "/api/settings", tag = "settings", security(("bearer" = [])), request_body = ShopSettings,
    responses((status = 200, body = ShopSettings), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "currency_locked", body = ErrorBody)))]
pub async fn put(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(new): Json<ShopSettings>,
) -> Result<axum::Json<ShopSettings>, AppError> {
    settings::update(&app, &actor, new)
        .await
        .map(|s| axum::Json(s.as_ref().clone()))
}
