//! `/api/users`: staff accounts (admin).

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::users::{self, NewStaff, StaffAccount, StaffChange, StaffList, StaffUser};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// Staff accounts (admin).
#[utoipa::path(get, path = "/api/users", tag = "staff", security(("bearer" = [])),
    responses((status = 200, body = StaffList), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<StaffList>, AppError> {
    users::list(&app, &actor)
        .await
        .map(|users| axum::Json(StaffList { users }))
}

/// Add a staff account with a password or a PIN (admin).
#[utoipa::path(post, path = "/api/users", tag = "staff", security(("bearer" = [])), request_body = NewStaff,
    responses((status = 201, body = StaffUser), (status = 400, body = ErrorBody),
              (status = 409, description = "already_exists: the username or PIN is taken", body = ErrorBody),
              (status = 422, description = "weak_pin or pin_not_for_role", body = ErrorBody)))]
pub async fn create_user(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewStaff>,
) -> Result<(StatusCode, axum::Json<StaffUser>), AppError> {
    let u = users::create(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(u)))
}

/// Disable, enable, or reset the password or PIN of a staff account (admin).
#[utoipa::path(patch, path = "/api/users/{id}", tag = "staff", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = StaffChange, responses((status = 200, body = StaffAccount), (status = 404, body = ErrorBody),
              (status = 409, description = "already_exists (the PIN is taken) or cannot_disable_self", body = ErrorBody),
              (status = 422, description = "weak_pin or pin_not_for_role", body = ErrorBody)))]
pub async fn update_user(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(uid): Path<String>,
    Json(change): Json<StaffChange>,
) -> Result<axum::Json<StaffAccount>, AppError> {
    users::update(&app, &actor, parse_id(&uid, "staff account")?, change)
        .await
        .map(axum::Json)
}
