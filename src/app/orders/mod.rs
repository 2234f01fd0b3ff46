//! Orders: their request and answer types, reading them, and (in the
//! submodules) placing, moving and paying them.

mod approval;
mod cart;
mod discount;
mod guest;
mod payments;
mod place;
mod refunds;
mod status;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::order::{Discount, Order, OrderLine, OrderStatus, OrderType, PaymentMethod};
use crate::domain::pricing::RateTax;
use crate::domain::user::Role;
use crate::domain::{Field, Money};
use crate::store::customers as customer_store;
use crate::store::money::{self as money_store, MoneyRequest};
use crate::store::orders as store;

pub use approval::Approval;
pub use cart::{check_request, price_items, price_rewarded, Priced, Rewards, MAX_LINES};
pub use payments::pay;
pub use place::{place, quote};
pub use refunds::{refund, RefundRequest};
pub use status::{set_status, step_back};

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
    /// Staff only: a percentage or an amount off, with a reason.
    #[serde(default)]
    pub manual_discount: Option<ManualDiscountRequest>,
    /// Points of the order's customer to redeem as a discount (see
    /// `domain::loyalty`; 422 `points_insufficient` above their balance).
    #[serde(default)]
    pub redeem_points: Option<u32>,
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

/// A manual discount (cashiers and admins): exactly one of `basis_points`
/// and `amount`, and a reason. It applies to the subtotal after any coupon.
/// A cashier's discount above `cashier_discount_limit` (basis points of the
/// subtotal) needs an admin's `approval` (403 `discount_approval_required`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualDiscountRequest {
    /// Basis points of the subtotal after any coupon: 1000 is 10 % (1 to 10000).
    #[serde(default)]
    pub basis_points: Option<u32>,
    /// A fixed amount off (positive, at most the subtotal after any coupon).
    #[serde(default)]
    pub amount: Option<Money>,
    /// Why, in a few words (1 to 200 characters).
    pub reason: String,
    /// An admin's sign-in approving a cashier's discount above the limit;
    /// not part of what makes two requests the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
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
    /// The tax of each rate (`tax` is their sum).
    pub taxes: Vec<RateTax>,
    pub total: Money,
    pub coupon_code: Option<String>,
    /// The coupon's, the loyalty tier's, the points' and the manual
    /// discount (`discount` is their sum).
    pub discounts: Vec<Discount>,
    /// The customer's loyalty tier, when the order is for a customer who
    /// has reached one.
    #[serde(default)]
    pub loyalty_tier: Option<crate::domain::loyalty::Tier>,
    /// The manual discount is above what this cashier may give alone:
    /// placing the order needs an admin's approval.
    pub approval_needed: bool,
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
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    pub method: PaymentMethod,
    pub amount: Money,
    /// Cash handed over; the change due is `tendered - amount - tip`.
    #[serde(default)]
    pub tendered: Option<Money>,
    /// Given on top of the amount (card or cash); not part of the order's total.
    #[serde(default)]
    pub tip: Option<Money>,
}

/// An order after a payment or a refund, and whether this call recorded it
/// (false: an idempotent replay of an earlier call).
pub struct Recorded {
    pub order: Order,
    pub created: bool,
}

/// An `Idempotency-Key` is 1 to 128 visible ASCII characters.
pub(crate) fn check_idempotency_key(key: &str) -> AppResult<()> {
    if key.is_empty() || key.len() > 128 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::invalid_value(
            Field::IdempotencyKey,
            "Idempotency-Key must be 1 to 128 visible ASCII characters",
        ));
    }
    Ok(())
}

/// Keys are per principal: two tablets may use the same key.
fn idempotency_scope(actor: &Actor) -> String {
    match actor {
        Actor::Guest(g) => format!("guest:{}", g.session_id),
        _ => match actor.user_id() {
            Some(u) => u.to_string(),
            None => "system".to_string(),
        },
    }
}

/// A payment's or refund's idempotency, checked inside its write.
struct MoneyKey {
    scope: String,
    key: String,
    hash: String,
}

impl MoneyKey {
    /// `None` without a key; the key checked and the request hashed (with
    /// the order it is for) otherwise.
    fn new(
        actor: &Actor,
        key: Option<String>,
        order_id: Uuid,
        req: &impl Serialize,
    ) -> AppResult<Option<MoneyKey>> {
        let Some(key) = key else { return Ok(None) };
        check_idempotency_key(&key)?;
        Ok(Some(MoneyKey {
            scope: idempotency_scope(actor),
            key,
            hash: request_hash(&(order_id, req))?,
        }))
    }

    /// True when this request was recorded before (a replay: record
    /// nothing); 409 `idempotency_conflict` when the key was used for
    /// another request.
    fn replayed(&self, c: &rusqlite::Connection, kind: MoneyRequest) -> AppResult<bool> {
        match money_store::find_request(c, &self.scope, kind, &self.key)? {
            None => Ok(false),
            Some(r) if r.request_hash == self.hash => Ok(true),
            Some(_) => Err(AppError::new(
                ErrorCode::IdempotencyConflict,
                "this Idempotency-Key was already used for a different request",
            )),
        }
    }

    /// Records the request with the record it made, in the same write.
    fn record(
        &self,
        c: &rusqlite::Connection,
        kind: MoneyRequest,
        order_id: Uuid,
        record_id: Uuid,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<()> {
        Ok(money_store::insert_request(
            c,
            &self.scope,
            kind,
            &self.key,
            &self.hash,
            order_id,
            record_id,
            now,
        )?)
    }
}

/// What a request was, to tell a replay from another request with its key.
fn request_hash(req: &impl Serialize) -> AppResult<String> {
    let json = serde_json::to_vec(req).map_err(AppError::internal)?;
    Ok(crate::app::sha256_hex(&json))
}

/// One order: staff see every order; a customer or kiosk only its own.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> AppResult<Order> {
    if let Actor::Guest(g) = actor {
        return guest_order(app, g.session_id, id).await;
    }
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

/// A guest's own order; another's is 403 (a guest holds no account that
/// could own it), an unknown one 404.
async fn guest_order(app: &App, session: Uuid, id: Uuid) -> AppResult<Order> {
    let found = app
        .store()
        .read(move |c| -> AppResult<_> {
            if store::owner(c, id)?.is_none() {
                return Ok(None);
            }
            if crate::store::tables::guest_of(c, id)? != Some(session) {
                return Err(AppError::forbidden(
                    "a guest may read only their own orders",
                ));
            }
            Ok(store::get(c, id)?)
        })
        .await?;
    found.ok_or_else(|| AppError::not_found("no such order"))
}

/// Most orders one list answers: the newest of them.
pub const LIST_LIMIT: usize = 500;

/// Orders in the given statuses (of one business day, when given), oldest
/// first; the newest [`LIST_LIMIT`] of them (staff only). With no status,
/// the open ones: placed, in progress and ready.
pub async fn list(
    app: &App,
    actor: &Actor,
    statuses: Vec<OrderStatus>,
    business_date: Option<chrono::NaiveDate>,
) -> AppResult<Vec<Order>> {
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
        .read(move |c| store::list(c, &statuses, business_date, LIST_LIMIT))
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
