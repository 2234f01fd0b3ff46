//! `/api/coupons` (admin).

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::coupon_batches::{self, Batch, NewBatch};
use crate::app::coupons::{self, CouponList, CouponTerms, CouponView, NewCoupon};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// Coupons (admin).
#[utoipa::path(get, path = "/api/coupons", tag = "coupons", security(("bearer" = [])),
    responses((status = 200, body = CouponList), (status = 403, body = ErrorBody)))]
pub async fn list_coupons(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<CouponList>, AppError> {
    coupons::list(&app, &actor)
        .await
        .map(|coupons| axum::Json(CouponList { coupons }))
}

/// Add a coupon (admin).
#[utoipa::path(post, path = "/api/coupons", tag = "coupons", security(("bearer" = [])), request_body = NewCoupon,
    responses((status = 201, body = CouponView), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_coupon(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewCoupon>,
) -> Result<(StatusCode, axum::Json<CouponView>), AppError> {
    let c = coupons::create(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(c)))
}

/// Change a coupon's terms (admin).
#[utoipa::path(put, path = "/api/coupons/{code}", tag = "coupons", security(("bearer" = [])), params(("code" = String, Path)),
    request_body = CouponTerms, responses((status = 200, body = CouponView), (status = 404, body = ErrorBody)))]
pub async fn update_coupon(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(code): Path<String>,
    Json(terms): Json<CouponTerms>,
) -> Result<axum::Json<CouponView>, AppError> {
    coupons::update(&app, &actor, &code, terms)
        .await
        .map(axum::Json)
}

/// Delete a coupon (admin).
#[utoipa::path(delete, path = "/api/coupons/{code}", tag = "coupons", security(("bearer" = [])), params(("code" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_coupon(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(code): Path<String>,
) -> Result<StatusCode, AppError> {
    coupons::delete(&app, &actor, &code)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

/// Make a batch of coupons with random codes (admin).
#[utoipa::path(operation_id = "create_coupon_batch", post, path = "/api/coupons/batch", tag = "coupons", security(("bearer" = [])),
    request_body = NewBatch,
    responses((status = 201, body = Batch), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_batch(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewBatch>,
) -> Result<(StatusCode, axum::Json<Batch>), AppError> {
    let b = coupon_batches::create(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(b)))
}

/// A batch's coupons (admin); `Accept: text/csv` gives them as CSV.
#[utoipa::path(operation_id = "get_coupon_batch", get, path = "/api/coupons/batch/{id}", tag = "coupons", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, description = "The batch: JSON, or CSV as the `Accept` header asks",
                  content((Batch = "application/json"), (String = "text/csv"))),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_batch(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<axum::response::Response, AppError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let batch = coupon_batches::get(&app, &actor, parse_id(&id, "batch")?).await?;
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !accept.contains("text/csv") {
        return Ok(axum::Json(batch).into_response());
    }
    let name = format!("attachment; filename=\"crema-coupons-{}.csv\"", batch.id);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        batch.to_csv(),
    )
        .into_response())
}
