//! Orders: their request and answer types, reading them, and (in the
//! submodules) placing, moving and paying them.

mod payments;
mod place;
mod status;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult};
use crate::domain::order::{Order, OrderLine, OrderStatus, OrderType, PaymentMethod};
use crate::domain::user::Role;
use crate::domain::Money;
use crate::store::customers as customer_store;
use crate::store::orders as store;

pub use payments::pay;
pub use place::{place, quote};
pub use status::set_status;

/// `POST /api/orders`. Prices are never taken from the client: fields such
/// as `unit_price` or `total` are accepted for compatibility and ignored.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceOrder {
    pub lines: Vec<PlaceLine>,
    #[serde(rename = "type")]
    pub order_type: OrderType,
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub coupon_code: Option<String>,
    #[serde(default)]
    pub customer_id: Option<Uuid>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub subtotal: Option<serde_json::Value>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub discount: Option<serde_json::Value>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub tax: Option<serde_json::Value>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub total: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceLine {
    pub item_id: Uuid,
    /// 1 to 99.
    pub quantity: i64,
    #[serde(default)]
    pub modifier_option_ids: Vec<Uuid>,
    #[serde(default)]
    pub note: Option<String>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub unit_price: Option<serde_json::Value>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub price: Option<serde_json::Value>,
    /// Ignored: the server prices everything.
    #[serde(default, skip_serializing)]
    #[schema(value_type = Option<Object>)]
    pub line_total: Option<serde_json::Value>,
}

/// An order and whether this call created it (false: an idempotent replay).
pub struct Placed {
    pub order: Order,
    pub created: bool,
}

/// What an order would cost, priced by the server exactly as placing it
/// would be, without placing it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Quote {
    pub lines: Vec<OrderLine>,
    pub subtotal: Money,
    pub discount: Money,
    pub tax: Money,
    pub total: Money,
    pub coupon_code: Option<String>,
}

// Orders, as lists are answered.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrderList {
    pub orders: Vec<Order>,
}

// `POST /api/orders/{id}/status`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: OrderStatus,
    /// Required to cancel.
    #[serde(default)]
    pub reason: Option<String>,
}

// `POST /api/orders/{id}/payments`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    pub method: PaymentMethod,
    pub amount: Money,
    /// Cash handed over; the change due is `tendered - amount`.
    #[serde(default)]
    pub tendered: Option<Money>,
}

/// One order: staff see every order; a customer or kiosk only its own.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> AppResult<Order> {
    let role = actor.require(&Role::ALL, "read orders")?;
    let uid = actor.user_id();
    let order = app
        .store()
        .read(move |c| {
            let Some((placed_by, customer)) = store::owner(c, id)? else {
                return Ok(None);
            };
            let allowed = match role {
                Role::Admin | Role::Cashier | Role::Kitchen => true,
                Role::Kiosk => placed_by.is_some() && placed_by == uid,
                Role::Customer => match (uid, customer) {
                    (Some(u), Some(cust)) => customer_store::id_for_user(c, u)? == Some(cust),
                    _ => false,
                },
            };
            if allowed {
                store::get(c, id)
            } else {
                Ok(None)
            }
        })
        .await?;
    order.ok_or_else(|| AppError::not_found("no such order"))
}

/// Orders in the given statuses, oldest first (staff only). With no status,
/// the open ones: placed, in progress and ready.
pub async fn list(app: &App, actor: &Actor, statuses: Vec<OrderStatus>) -> AppResult<Vec<Order>> {
    actor.require(&Role::STAFF, "list orders")?;
    let statuses = if statuses.is_empty() {
        vec![
            OrderStatus::Placed,
            OrderStatus::InProgress,
            OrderStatus::Ready,
        ]
    } else {
        statuses
    };
    Ok(app
        .store()
        .read(move |c| store::list(c, &statuses, 500))
        .await?)
}

/// Parses `placed,in_progress` into statuses.
pub fn parse_statuses(s: &str) -> AppResult<Vec<OrderStatus>> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| OrderStatus::parse(p).map_err(AppError::from))
        .collect()
}
