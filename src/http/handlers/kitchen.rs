//! The kitchen's stations: bumping one line of an order.

use axum::extract::{Path, State};

use crate::app::kitchen::{self, Bump};
use crate::app::{parse_id, App, AppError};
use crate::domain::order::Order;
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// Bump one line at its station (kitchen, cashier, admin): `{"done":true}`
/// marks it made, `{"done":false}` recalls it. The first bump starts a
/// placed order; when every line is made the order is ready; recalling a
/// line of a ready order takes it back to in progress. Ready times of the
/// queue are refined (`order.eta` events).
#[utoipa::path(operation_id = "bump_order_line", post, path = "/api/orders/{id}/lines/{line_no}/bump", tag = "orders",
    security(("bearer" = [])),
    params(("id" = String, Path), ("line_no" = i64, Path, description = "the line's index in the order's `lines`, from 0")),
    request_body = Bump,
    responses((status = 200, body = Order), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "no such order or line", body = ErrorBody),
              (status = 409, description = "invalid_transition: the order is completed or cancelled", body = ErrorBody)))]
pub async fn bump(
    State(app): State<App>,
    Auth(actor): Auth,
    Path((id, line_no)): Path<(String, String)>,
    Json(req): Json<Bump>,
) -> Result<axum::Json<Order>, AppError> {
    let id = parse_id(&id, "order")?;
    let line_no: i64 = line_no
        .parse()
        .map_err(|_| AppError::not_found("the order has no such line"))?;
    kitchen::bump_line(&app, &actor, id, line_no, req)
        .await
        .map(axum::Json)
}
