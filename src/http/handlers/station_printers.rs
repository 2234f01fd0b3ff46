//! Kitchen stations' printers: each station (a category's `station`) may
//! have a network printer that gets the station's tickets.

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::printing::{
    stations, PrintJobView, StationPrinter, StationPrinterStatus, StationPrinterView,
};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// The stations (those categories are routed to, and those with a printer)
/// with their printers and queues (admin).
#[utoipa::path(operation_id = "listStationPrinters", get, path = "/api/printer/stations", tag = "printer", security(("bearer" = [])),
    responses((status = 200, body = Vec<StationPrinterView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<Vec<StationPrinterView>>, AppError> {
    stations::list(&app, &actor).await.map(axum::Json)
}

/// The queues of the stations with a printer (admin, cashier, kitchen).
/// Live clients get each as `printer.station_status` whenever it changes.
#[utoipa::path(operation_id = "stationPrinterStatus", get, path = "/api/printer/stations/status", tag = "printer", security(("bearer" = [])),
    responses((status = 200, body = Vec<StationPrinterStatus>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn status(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<Vec<StationPrinterStatus>>, AppError> {
    stations::statuses(&app, &actor).await.map(axum::Json)
}

/// Set a station's printer (admin); an empty host removes it, and the
/// tickets waiting for it. Its queue is tried again at once.
#[utoipa::path(operation_id = "updateStationPrinter", put, path = "/api/printer/stations/{station}", tag = "printer", security(("bearer" = [])),
    params(("station" = String, Path)),
    request_body = StationPrinter,
    responses((status = 200, body = StationPrinterView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(station): Path<String>,
    Json(new): Json<StationPrinter>,
) -> Result<axum::Json<StationPrinterView>, AppError> {
    stations::update(&app, &actor, &station, new)
        .await
        .map(axum::Json)
}

/// Queue a test page on a station's printer (admin).
#[utoipa::path(operation_id = "printStationTestPage", post, path = "/api/printer/stations/{station}/test", tag = "printer", security(("bearer" = [])),
    params(("station" = String, Path)),
    responses((status = 202, body = PrintJobView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, description = "printer_not_configured", body = ErrorBody)))]
pub async fn test_page(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(station): Path<String>,
) -> Result<(StatusCode, axum::Json<PrintJobView>), AppError> {
    let job = stations::print_test_page(&app, &actor, &station).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(job)))
}
