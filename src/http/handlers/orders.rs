use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::orders::{
    self, OrderList, PaymentRequest, PlaceOrder, RefundRequest, StatusChange,
};
use crate::app::{parse_id, App, AppError};
use crate::domain::order::Order;
use crate::http::error::ErrorBody;
use crate::http::extract::{idempotency_key, Auth, Json, Query};

/// Place an order. The server prices everything. With the same
/// `Idempotency-Key` and body the same order comes back (200); with another
/// body, 409 `idempotency_conflict`.
#[utoipa::path(operation_id = "place_order", post, path = "/api/orders", tag = "orders", request_body = PlaceOrder,
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "required for kiosk and customer")),
    responses((status = 201, body = Order), (status = 200, description = "replayed", body = Order),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "item_unavailable or idempotency_conflict", body = ErrorBody),
              (status = 422, description = "coupon_invalid, invalid_modifiers, unknown_item", body = ErrorBody)))]
pub async fn place(
    State(app): State<App>,
    Auth(actor): Auth,
    headers: HeaderMap,
    Json(req): Json<PlaceOrder>,
) -> Result<(StatusCode, axum::Json<Order>), AppError> {
    let placed = orders::place(&app, &actor, req, idempotency_key(&headers)?).await?;
    let status = if placed.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(placed.order)))
}

/// One order (staff; the customer or kiosk that placed it).
#[utoipa::path(operation_id = "get_order", get, path = "/api/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Order), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<Order>, AppError> {
    orders::get(&app, &actor, parse_id(&id, "order")?)
        .await
        .map(axum::Json)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Comma-separated statuses, e.g. `placed,in_progress,ready` (the default).
    pub status: Option<String>,
    /// Only the orders of this business day (`YYYY-MM-DD`), e.g. today's
    /// completed orders for a reprint or a refund.
    pub date: Option<chrono::NaiveDate>,
}

/// Orders by status (and business day), oldest first: the newest 500 (staff).
#[utoipa::path(operation_id = "list_orders", get, path = "/api/orders", tag = "orders", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = OrderList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(q): Query<ListQuery>,
) -> Result<axum::Json<OrderList>, AppError> {
    let statuses = orders::parse_statuses(q.status.as_deref().unwrap_or(""))?;
    orders::list(&app, &actor, statuses, q.date)
        .await
        .map(|orders| axum::Json(OrderList { orders }))
}

/// Move an order: placed→in_progress→ready→completed; placed or in_progress
/// →cancelled (cashier/admin, with a reason).
#[utoipa::path(operation_id = "set_order_status", post, path = "/api/orders/{id}/status", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = StatusChange,
    responses((status = 200, body = Order), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "invalid_transition, or refund_required when a cancelled order still holds money", body = ErrorBody)))]
pub async fn set_status(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    Json(req): Json<StatusChange>,
) -> Result<axum::Json<Order>, AppError> {
    orders::set_status(&app, &actor, parse_id(&id, "order")?, req)
        .await
        .map(axum::Json)
}

/// Move an order back one stage (kitchen, cashier, admin): completed →
/// ready → in_progress → placed, for a ticket moved on too early or an
/// order handed over by mistake. From placed or cancelled 409
/// `invalid_transition`.
#[utoipa::path(operation_id = "step_order_back", post, path = "/api/orders/{id}/back", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Order), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "invalid_transition", body = ErrorBody)))]
pub async fn step_back(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<Order>, AppError> {
    orders::step_back(&app, &actor, parse_id(&id, "order")?)
        .await
        .map(axum::Json)
}

/// Take a payment (cashier/admin), with an optional tip. Several payments
/// may settle one order (a split bill). With the same `Idempotency-Key` and
/// body the order comes back with one payment; with another body, 409
/// `idempotency_conflict`.
#[utoipa::path(operation_id = "pay_order", post, path = "/api/orders/{id}/payments", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "a retried payment is recorded once")),
    request_body = PaymentRequest,
    responses((status = 200, body = Order), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, description = "already_paid, order_cancelled or idempotency_conflict", body = ErrorBody)))]
pub async fn pay(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(req): Json<PaymentRequest>,
) -> Result<axum::Json<Order>, AppError> {
    let key = idempotency_key(&headers)?;
    orders::pay(&app, &actor, parse_id(&id, "order")?, req, key)
        .await
        .map(axum::Json)
}

/// Give money back on an order (cashier/admin): by amount, optionally by
/// lines. A cashier's refund above the shop's limit needs an admin's
/// `approval`. With the same `Idempotency-Key` and body the order comes back
/// (200) with one refund.
#[utoipa::path(operation_id = "refund_order", post, path = "/api/orders/{id}/refunds", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "a retried refund is recorded once")),
    request_body = RefundRequest,
    responses((status = 201, body = Order), (status = 200, description = "replayed", body = Order),
              (status = 400, body = ErrorBody), (status = 403, description = "forbidden or approval_required", body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, description = "not_paid or idempotency_conflict", body = ErrorBody),
              (status = 422, description = "refund_exceeds_paid", body = ErrorBody)))]
pub async fn refund(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(req): Json<RefundRequest>,
) -> Result<(StatusCode, axum::Json<Order>), AppError> {
    let key = idempotency_key(&headers)?;
    let done = orders::refund(&app, &actor, parse_id(&id, "order")?, req, key).await?;
    let status = if done.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(done.order)))
}

/// Price a cart without placing it: the server's totals, or why it cannot
/// be placed (sold out, modifiers, coupon) — nothing is written. Whoever may
/// order may ask, a guest at a table too (for their own table only: 403).
#[utoipa::path(operation_id = "quote_order", post, path = "/api/orders/quote", tag = "orders", request_body = PlaceOrder,
    security(("bearer" = [])),
    responses((status = 200, body = orders::Quote), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 409, description = "item_unavailable", body = ErrorBody),
              (status = 422, description = "coupon_invalid, invalid_modifiers, unknown_item", body = ErrorBody)))]
pub async fn quote(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<PlaceOrder>,
) -> Result<axum::Json<orders::Quote>, AppError> {
    orders::quote(&app, &actor, req).await.map(axum::Json)
}
