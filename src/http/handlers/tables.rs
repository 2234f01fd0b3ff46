//! `/api/tables`: the shop's tables and their QR codes (admin), guests'
//! sessions from a scanned code (anyone), and accepting guests' orders.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::tables::{self, GuestSession, TableInput, TableList, TablePatch, TableView};
use crate::app::{parse_id, App, AppError};
use crate::domain::order::Order;
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json, Query};
use crate::http::HttpState;

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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SheetQuery {
    /// The address guests' phones open, e.g. `http://192.168.1.20:8080`
    /// (absolute http or https, no query); the server's first shop-network
    /// address when absent.
    pub base: Option<String>,
}

/// The tables' QR codes as a PDF to print (admin): A4 pages of six cards,
/// one per table in the tables' order, each with the QR code of
/// `<base>/t/<code>`, the table's name, its area and the address.
/// 400 `invalid_base_url`, 409 `no_tables`.
#[utoipa::path(operation_id = "tables_sheet", get, path = "/api/tables/sheet.pdf", tag = "tables", security(("bearer" = [])), params(SheetQuery),
    responses((status = 200, description = "The sheet as a PDF file", content((Vec<u8> = "application/pdf"))),
              (status = 400, description = "invalid_base_url", body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, description = "no_tables", body = ErrorBody)))]
pub async fn sheet(
    State(state): State<HttpState>,
    Auth(actor): Auth,
    Query(q): Query<SheetQuery>,
) -> Result<Response, AppError> {
    let base = match q.base {
        Some(b) => b,
        None => crate::app::desktop::lan_urls(state.bound)
            .into_iter()
            .next()
            .unwrap_or_default(),
    };
    let pdf = tables::sheet_pdf(&state.app, &actor, &base).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"crema-table-qr-codes.pdf\"",
            ),
        ],
        pdf,
    )
        .into_response())
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
