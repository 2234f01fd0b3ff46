//! `/api/tables`: the shop's tables and their QR codes (admin), guests'
//! sessions from a scanned code (anyone), and accepting guests' orders.

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::tables::{self, GuestSession, TableInput, TableList, TablePatch, TableView};
use crate::app::{parse_id, App, AppError};
use crate::domain::order::Order;
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// The tables with their codes (admin).
#[utoipa::path(get, path = "/api/tables", tag = "tables", security(("bearer" = [])),
    responses((status = 200, body = TableList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<TableList>, AppError> {
    let tables = tables::list(&app, &actor).await?;
    Ok(axum::Json(TableList { tables }))
}

/// Add a table (admin): it gets a new code for its QR code.
#[utoipa::path(post, path = "/api/tables", tag = "tables", security(("bearer" = [])), request_body = TableInput,
    responses((status = 201, body = TableView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "table_name_taken", body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<TableInput>,
) -> Result<(StatusCode, axum::Json<TableView>), AppError> {
    let t = tables::create(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(t)))
}

/// Rename or move a table, or give it a new code (`new_code`: the old QR
/// code stops working and its guests' sessions end) (admin).
#[utoipa::path(patch, path = "/api/tables/{id}", tag = "tables", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = TablePatch,
    responses((status = 200, body = TableView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "table_name_taken", body = ErrorBody)))]
pub async fn update(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    Json(req): Json<TablePatch>,
) -> Result<axum::Json<TableView>, AppError> {
    tables::update(&app, &actor, parse_id(&id, "table")?, req)
        .await
        .map(axum::Json)
}

/// Remove a table (admin); its guests' past orders stay.
#[utoipa::path(delete, path = "/api/tables/{id}", tag = "tables", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    tables::delete(&app, &actor, parse_id(&id, "table")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Start a guest's session at the table whose code was scanned (anyone):
/// a short-lived token for that table's menu, its orders and the guest's
/// own orders. 404 `unknown_table_code`.
#[utoipa::path(post, path = "/api/tables/{code}/session", tag = "tables", params(("code" = String, Path)),
    responses((status = 201, body = GuestSession), (status = 404, description = "unknown_table_code", body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn start_session(
    State(app): State<App>,
    Path(code): Path<String>,
) -> Result<(StatusCode, axum::Json<GuestSession>), AppError> {
    let s = tables::start_session(&app, &code).await?;
    Ok((StatusCode::CREATED, axum::Json(s)))
}

/// Accept a guest's order that waits for staff (cashier, admin): the
/// kitchen sees it from now on. 409 `not_awaiting_accept`.
#[utoipa::path(post, path = "/api/orders/{id}/accept", tag = "orders", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Order), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "not_awaiting_accept", body = ErrorBody)))]
pub async fn accept(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<Order>, AppError> {
    tables::accept(&app, &actor, parse_id(&id, "order")?)
        .await
        .map(axum::Json)
}
