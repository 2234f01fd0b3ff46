use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::printing::{self, PrintJobView, PrinterSettings, PrinterStatus};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json, Query};
use crate::http::handlers::reports::Day;

/// The printer and its queue (admin, cashier). Live clients get the same
/// object as `printer.status` whenever the queue changes.
#[utoipa::path(operation_id = "printerStatus", get, path = "/api/printer", tag = "printer", security(("bearer" = [])),
    responses((status = 200, body = PrinterStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn status(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<PrinterStatus>, AppError> {
    printing::status(&app, &actor).await.map(axum::Json)
}

/// The receipt printer's settings (admin).
#[utoipa::path(operation_id = "getPrinterSettings", get, path = "/api/printer/settings", tag = "printer", security(("bearer" = [])),
    responses((status = 200, body = PrinterSettings), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get_settings(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<PrinterSettings>, AppError> {
    printing::settings(&app, &actor).await.map(axum::Json)
}

/// Change the receipt printer's settings (admin). An empty host means no
/// network printer. Queued jobs are tried again at once.
#[utoipa::path(operation_id = "updatePrinterSettings", put, path = "/api/printer/settings", tag = "printer", security(("bearer" = [])),
    request_body = PrinterSettings,
    responses((status = 200, body = PrinterSettings), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody)))]
pub async fn update_settings(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(new): Json<PrinterSettings>,
) -> Result<axum::Json<PrinterSettings>, AppError> {
    printing::update_settings(&app, &actor, new)
        .await
        .map(axum::Json)
}

/// Queue a test page (admin).
#[utoipa::path(operation_id = "printTestPage", post, path = "/api/printer/test", tag = "printer", security(("bearer" = [])),
    responses((status = 202, body = PrintJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn test_page(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let job = printing::print_test_page(&app, &actor).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}

/// Try the queued jobs again now (admin, cashier).
#[utoipa::path(operation_id = "retryPrints", post, path = "/api/printer/retry", tag = "printer", security(("bearer" = [])),
    responses((status = 202, body = PrinterStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn retry(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<(StatusCode, axum::Json<PrinterStatus>), AppError> {
    let status = printing::retry_now(&app, &actor).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(status)))
}

/// Open the cash drawer attached to the printer (admin, cashier).
#[utoipa::path(operation_id = "openDrawer", post, path = "/api/printer/drawer", tag = "printer", security(("bearer" = [])),
    responses((status = 202, body = PrintJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn drawer(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let job = printing::open_drawer(&app, &actor).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}

/// Queue a receipt for an order: a reprint (admin, cashier). It does not
/// open the drawer.
#[utoipa::path(operation_id = "printReceipt", post, path = "/api/orders/{id}/receipt", tag = "printer", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 202, body = PrintJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn receipt(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let id = crate::app::parse_id(&id, "order")?;
    let job = printing::print_receipt(&app, &actor, id).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}

/// Queue a refund's slip again (admin, cashier). A slip prints by itself
/// after each refund when the printer prints on its own.
#[utoipa::path(operation_id = "printRefundSlip", post, path = "/api/orders/{id}/refunds/{refund_id}/slip", tag = "printer", security(("bearer" = [])),
    params(("id" = String, Path), ("refund_id" = String, Path)),
    responses((status = 202, body = PrintJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn refund_slip(
    State(app): State<App>,
    Auth(actor): Auth,
    Path((id, refund_id)): Path<(String, String)>,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let id = crate::app::parse_id(&id, "order")?;
    let refund_id = crate::app::parse_id(&refund_id, "refund")?;
    let job = printing::print_refund_slip(&app, &actor, id, refund_id).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}

/// Print the Z report of a business day on the receipt printer (admin).
#[utoipa::path(operation_id = "printZReport", post, path = "/api/reports/z/print", tag = "printer", security(("bearer" = [])), params(Day),
    responses((status = 202, body = PrintJobView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn z_report(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(d): Query<Day>,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let job = printing::print_z_report(&app, &actor, d.date).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}

/// Print the open shift's X report (float, cash taken and refunded, cash in
/// and out, expected cash) without closing it (admin, cashier).
#[utoipa::path(operation_id = "printXReport", post, path = "/api/shifts/current/print", tag = "printer", security(("bearer" = [])),
    responses((status = 202, body = PrintJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "no_open_shift", body = ErrorBody),
              (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn x_report(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let job = printing::print_x_report(&app, &actor).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}
