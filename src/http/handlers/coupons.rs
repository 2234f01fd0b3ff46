//! `/api/coupons` (admin).

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::coupons::{self, CouponList, CouponTerms, CouponView, NewCoupon};
use crate::app::{App, AppError};
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
