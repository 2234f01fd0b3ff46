//! `/api/shifts`: the till's shift (cashier, admin).

use axum::extract::State;
use axum::http::StatusCode;

use crate::app::shifts::{self, CashMovement, CloseShift, OpenShift, Shift};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// Open a shift with a float; 409 `shift_open` while another is open.
#[utoipa::path(operation_id = "open_shift", post, path = "/api/shifts", tag = "shifts", security(("bearer" = [])),
    request_body = OpenShift,
    responses((status = 201, body = Shift), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "shift_open", body = ErrorBody)))]
pub async fn open(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<OpenShift>,
) -> Result<(StatusCode, axum::Json<Shift>), AppError> {
    let shift = shifts::open(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(shift)))
}

/// The open shift, with the cash the drawer should hold now.
#[utoipa::path(operation_id = "current_shift", get, path = "/api/shifts/current", tag = "shifts", security(("bearer" = [])),
    responses((status = 200, body = Shift), (status = 403, body = ErrorBody),
              (status = 404, description = "no_open_shift", body = ErrorBody)))]
pub async fn current(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<Shift>, AppError> {
    shifts::current(&app, &actor).await.map(axum::Json)
}

/// Put cash into the drawer (`in`) or take it out (`out`), with a reason.
#[utoipa::path(operation_id = "move_shift_cash", post, path = "/api/shifts/current/cash", tag = "shifts", security(("bearer" = [])),
    request_body = CashMovement,
    responses((status = 200, body = Shift), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "no_open_shift", body = ErrorBody)))]
pub async fn cash(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<CashMovement>,
) -> Result<axum::Json<Shift>, AppError> {
    shifts::move_cash(&app, &actor, req).await.map(axum::Json)
}

/// Close the open shift with the cash counted: the answer has the expected
/// cash and the difference. Closing again → 404 `no_open_shift`.
#[utoipa::path(operation_id = "close_shift", post, path = "/api/shifts/current/close", tag = "shifts", security(("bearer" = [])),
    request_body = CloseShift,
    responses((status = 200, body = Shift), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "no_open_shift", body = ErrorBody)))]
pub async fn close(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<CloseShift>,
) -> Result<axum::Json<Shift>, AppError> {
    shifts::close(&app, &actor, req).await.map(axum::Json)
}
