//! The owners' reports by day, item and payment method (and the days as
//! CSV): parse, call `hq::app::analytics`, answer.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::error::ErrorBody;
use super::extract::{OwnerAuth, Query};
use super::HqState;
use crate::hq::app::analytics::{self, Daily, DailyQuery, Items, ItemsQuery, Methods};
use crate::hq::app::reports::Range;
use crate::hq::app::HqResult;

type J<T> = axum::Json<T>;

/// Each shop's days `from`..=`to`: orders, revenue, average ticket, refunds
/// and tips. An order counts on its shop's business date, not at all once
/// cancelled; refunds on the (UTC) day they were given; tips with their
/// order. A day on which a shop sold nothing and refunded nothing is left
/// out; a shop selling in two currencies has a row for each.
#[utoipa::path(get, path = "/api/hq/reports/daily", tag = "owners", params(DailyQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Daily), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn daily(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Query(q): Query<DailyQuery>,
) -> HqResult<J<Daily>> {
    let shop = q.shop_id.map(|s| s.to_string()).unwrap_or_default();
    let key = format!("daily:{shop}:{}:{}", q.from, q.to);
    s.cache
        .get_or(&key, analytics::daily(&s.hq, &q))
        .await
        .map(axum::Json)
}

/// The days of `/api/hq/reports/daily` as a CSV file (one row per shop and
/// day; amounts as decimals, e.g. `12.34`, with their currency).
#[utoipa::path(get, path = "/api/hq/reports/daily.csv", tag = "owners", params(DailyQuery),
    security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn daily_csv(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Query(q): Query<DailyQuery>,
) -> HqResult<Response> {
    let csv = analytics::daily_csv(&s.hq, &q).await?;
    let name = format!(
        "attachment; filename=\"crema-hq-daily-{}-{}.csv\"",
        q.from, q.to
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

/// The best-selling items of days `from`..=`to` across shops (by name), most
/// sold first; `limit` 1 to 100, 10 unless given.
#[utoipa::path(get, path = "/api/hq/reports/items", tag = "owners", params(ItemsQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Items), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn items(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Query(q): Query<ItemsQuery>,
) -> HqResult<J<Items>> {
    let key = format!("items:{}:{}:{}", q.from, q.to, q.limit.unwrap_or(0));
    s.cache
        .get_or(&key, analytics::items(&s.hq, &q))
        .await
        .map(axum::Json)
}

/// Payments on the orders of days `from`..=`to` (those not cancelled), by
/// method, across shops: how many, the amount paid, the tips.
#[utoipa::path(get, path = "/api/hq/reports/payments", tag = "owners", params(Range),
    security(("bearer" = [])),
    responses((status = 200, body = Methods), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn payments(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Query(range): Query<Range>,
) -> HqResult<J<Methods>> {
    let key = format!("payments:{}:{}", range.from, range.to);
    s.cache
        .get_or(&key, analytics::payment_methods(&s.hq, &range))
        .await
        .map(axum::Json)
}
