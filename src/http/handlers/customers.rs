use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::customers::{self, CustomerList, CustomerSummary, NewCustomer};
use crate::app::loyalty::{self, LoyaltyView};
use crate::app::orders::OrderList;
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json, Query};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Part of a name, e-mail or phone number; empty lists recent customers.
    pub q: Option<String>,
}

/// Look up customers by name, e-mail or phone (cashier, admin).
#[utoipa::path(operation_id = "search_customers", get, path = "/api/customers", tag = "customers", security(("bearer" = [])), params(Search),
    responses((status = 200, body = CustomerList), (status = 403, body = ErrorBody)))]
pub async fn search(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(s): Query<Search>,
) -> Result<axum::Json<CustomerList>, AppError> {
    customers::search(&app, &actor, s.q.as_deref().unwrap_or(""))
        .await
        .map(|customers| axum::Json(CustomerList { customers }))
}

/// Add a regular at the counter, without an online account (cashier, admin).
#[utoipa::path(operation_id = "create_customer", post, path = "/api/customers", tag = "customers", security(("bearer" = [])), request_body = NewCustomer,
    responses((status = 201, body = CustomerSummary), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewCustomer>,
) -> Result<(StatusCode, axum::Json<CustomerSummary>), AppError> {
    let c = customers::create(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(c)))
}

/// A signed-in customer's own orders, newest first.
#[utoipa::path(operation_id = "my_orders", get, path = "/api/customers/me/orders", tag = "customers", security(("bearer" = [])),
    responses((status = 200, body = OrderList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn my_orders(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<OrderList>, AppError> {
    customers::my_orders(&app, &actor)
        .await
        .map(|orders| axum::Json(OrderList { orders }))
}

/// A customer's loyalty: lifetime spend, tier, points (cashier, admin).
#[utoipa::path(operation_id = "customer_loyalty", get, path = "/api/customers/{id}/loyalty", tag = "customers", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = LoyaltyView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn loyalty(
    State(app): State<App>,
    Auth(actor): Auth,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<axum::Json<LoyaltyView>, AppError> {
    loyalty::of_customer(&app, &actor, crate::app::parse_id(&id, "customer")?)
        .await
        .map(axum::Json)
}

/// The signed-in customer's own loyalty: lifetime spend, tier, points.
#[utoipa::path(operation_id = "my_loyalty", get, path = "/api/customers/me/loyalty", tag = "customers", security(("bearer" = [])),
    responses((status = 200, body = LoyaltyView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn my_loyalty(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<LoyaltyView>, AppError> {
    loyalty::mine(&app, &actor).await.map(axum::Json)
}
