use axum::extract::State;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::reports::{self, Summary, ZReport};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Query};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// First day, `YYYY-MM-DD`, in the shop's time zone.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
}

/// Sales summary for a date range (admin).
#[utoipa::path(operation_id = "analytics_summary", get, path = "/api/analytics/summary", tag = "reports", security(("bearer" = [])), params(Range),
    responses((status = 200, body = Summary), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn summary(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(r): Query<Range>,
) -> Result<axum::Json<Summary>, AppError> {
    reports::summary(&app, &actor, r.from, r.to)
        .await
        .map(axum::Json)
}

/// Every order of the range as CSV (admin).
#[utoipa::path(get, path = "/api/analytics/orders.csv", tag = "reports", security(("bearer" = [])), params(Range),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorBody)))]
pub async fn orders_csv(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(r): Query<Range>,
) -> Result<axum::response::Response, AppError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let csv = reports::orders_csv(&app, &actor, r.from, r.to).await?;
    let name = format!(
        "attachment; filename=\"crema-orders-{}-{}.csv\"",
        r.from, r.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        csv,
    )
        .into_response())
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Day {
    /// The business day, `YYYY-MM-DD`, in the shop's time zone.
    pub date: NaiveDate,
}

/// The Z report of a business day (admin). `Accept: text/csv` or
/// `application/pdf` give the same figures as CSV or as a PDF.
#[utoipa::path(operation_id = "z_report", get, path = "/api/reports/z", tag = "reports", security(("bearer" = [])), params(Day),
    responses((status = 200, description = "The report: JSON, or CSV or PDF as the `Accept` header asks",
                  content((ZReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/pdf"))),
              (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn z(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(d): Query<Day>,
    headers: axum::http::HeaderMap,
) -> Result<axum::response::Response, AppError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let report = reports::z_report(&app, &actor, d.date).await?;
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (content_type, ext, body) = if accept.contains("application/pdf") {
        let (shop, tz) = (app.settings().shop_name.clone(), app.time_zone());
        let pdf = tokio::task::spawn_blocking(move || reports::z_report_pdf(&report, &shop, tz))
            .await
            .map_err(AppError::internal)?;
        ("application/pdf", "pdf", pdf)
    } else if accept.contains("text/csv") {
        (
            "text/csv; charset=utf-8",
            "csv",
            report.to_csv().into_bytes(),
        )
    } else {
        return Ok(axum::Json(report).into_response());
    };
    let name = format!("attachment; filename=\"crema-z-{}.{ext}\"", d.date);
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}
