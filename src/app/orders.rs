//! Placing, reading, moving and paying orders.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::order::{
    self, Channel, LineModifier, Order, OrderLine, OrderStatus, OrderType, PaymentMethod, Quantity,
};
use crate::domain::pricing;
use crate::domain::user::Role;
use crate::domain::{coupon, Money};
use crate::store::orders as store;
use crate::store::{coupons as coupon_store, customers as customer_store, menu as menu_store};

/// Most lines one order may have.
pub const MAX_LINES: usize = 50;

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

fn check_idempotency_key(key: &str) -> AppResult<()> {
    if key.is_empty() || key.len() > 128 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::invalid(
            "Idempotency-Key must be 1 to 128 visible ASCII characters",
        ));
    }
    Ok(())
}

fn request_hash(req: &PlaceOrder) -> AppResult<String> {
    let json = serde_json::to_vec(req).map_err(AppError::internal)?;
    Ok(Sha256::digest(&json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Checks a request's shape before anything is read: lines, quantities,
/// notes, table. Normalises the coupon code in place and returns the table
/// and the coupon code.
fn check_request(req: &mut PlaceOrder) -> AppResult<(Option<String>, Option<String>)> {
    if req.lines.is_empty() {
        return Err(AppError::invalid("an order needs at least one line"));
    }
    if req.lines.len() > MAX_LINES {
        return Err(AppError::invalid(format!(
            "an order has at most {MAX_LINES} lines"
        )));
    }
    for line in &req.lines {
        Quantity::parse(line.quantity)?;
        order::check_note(line.note.as_deref())?;
    }
    let table = order::check_table(req.table.as_deref(), req.order_type)?;
    let coupon_code = req
        .coupon_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(coupon::normalise_code)
        .transpose()
        .map_err(AppError::from)?;
    req.coupon_code = coupon_code.clone();
    Ok((table, coupon_code))
}

/// A cart priced against the menu and coupons as they are in `c`.
struct Priced {
    lines: Vec<OrderLine>,
    totals: pricing::Totals,
}

/// Prices a cart: every item must exist and be available, every line's
/// modifiers must satisfy their groups, the coupon must apply. Reads only.
fn price_cart(
    c: &rusqlite::Connection,
    req_lines: &[PlaceLine],
    coupon_code: Option<&str>,
    currency: crate::domain::Currency,
    tax: pricing::TaxPolicy,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Priced> {
    let ids: Vec<Uuid> = req_lines.iter().map(|l| l.item_id).collect();
    let items: HashMap<Uuid, _> = menu_store::load_items(c, currency, Some(&ids))?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut lines = Vec::with_capacity(req_lines.len());
    for l in req_lines {
        let item = items.get(&l.item_id).ok_or_else(|| {
            AppError::new(
                ErrorCode::UnknownItem,
                format!("there is no item {}", l.item_id),
            )
        })?;
        if !item.available {
            return Err(AppError::new(
                ErrorCode::ItemUnavailable,
                format!("{} is sold out", item.name),
            ));
        }
        let chosen = item.choose_modifiers(&l.modifier_option_ids)?;
        let quantity = Quantity::parse(l.quantity)?.get();
        let line_total =
            pricing::line_total(item.price, chosen.iter().map(|o| o.price_delta), quantity)?;
        lines.push(OrderLine {
            item_id: item.id,
            name: item.name.clone(),
            quantity,
            unit_price: item.price,
            modifiers: chosen
                .iter()
                .map(|o| LineModifier {
                    id: o.id,
                    name: o.name.clone(),
                    price_delta: o.price_delta,
                })
                .collect(),
            line_total,
            note: order::check_note(l.note.as_deref())?,
        });
    }
    let subtotal = Money::sum(currency, lines.iter().map(|l| l.line_total))?;
    let discount = match coupon_code {
        None => Money::zero(currency),
        Some(code) => coupon_store::by_code(c, code, currency)?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::CouponInvalid,
                    format!("there is no coupon {code}"),
                )
            })?
            .discount_for(subtotal, now)?,
    };
    let totals = pricing::price_order(currency, lines.iter().map(|l| l.line_total), discount, tax)?;
    Ok(Priced { lines, totals })
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

/// Prices a cart without placing it (whoever may place orders): the kiosk
/// and the counter show the server's totals, and a bad coupon or a sold-out
/// item is known before the customer commits.
pub async fn quote(app: &App, actor: &Actor, mut req: PlaceOrder) -> AppResult<Quote> {
    actor.require(
        &[Role::Customer, Role::Kiosk, Role::Cashier, Role::Admin],
        "place orders",
    )?;
    let (_, coupon_code) = check_request(&mut req)?;
    let settings = app.settings();
    let (currency, tax, now) = (settings.currency, settings.tax(), app.now());
    let code = coupon_code.clone();
    let Priced { lines, totals } = app
        .store()
        .read(move |c| price_cart(c, &req.lines, code.as_deref(), currency, tax, now))
        .await?;
    Ok(Quote {
        lines,
        subtotal: totals.subtotal,
        discount: totals.discount,
        tax: totals.tax,
        total: totals.total,
        coupon_code,
    })
}

/// Places an order. Staff, kiosks and signed-in customers may order; kiosks
/// and customers must send an idempotency key. Everything — the idempotency
/// record, pricing against the current menu, the coupon's use, the ticket
/// number and every row — happens in one transaction.
pub async fn place(
    app: &App,
    actor: &Actor,
    mut req: PlaceOrder,
    idempotency_key: Option<String>,
) -> AppResult<Placed> {
    let role = actor.require(
        &[Role::Customer, Role::Kiosk, Role::Cashier, Role::Admin],
        "place orders",
    )?;
    let placed_by = actor.user_id();
    if let Some(k) = &idempotency_key {
        check_idempotency_key(k)?;
    } else if matches!(role, Role::Kiosk | Role::Customer) {
        return Err(AppError::invalid(
            "an Idempotency-Key header is required for kiosk and customer orders",
        ));
    }
    let (table, coupon_code) = check_request(&mut req)?;

    // Customers order for themselves.
    let own_customer = if role == Role::Customer {
        let uid = placed_by.ok_or_else(AppError::login_required)?;
        let id = app
            .store()
            .read(move |c| customer_store::id_for_user(c, uid))
            .await?
            .ok_or_else(|| AppError::forbidden("this account has no customer profile"))?;
        if req.customer_id.is_some_and(|c| c != id) {
            return Err(AppError::forbidden(
                "customers can only order for themselves",
            ));
        }
        Some(id)
    } else {
        None
    };
    let customer_id = own_customer.or(req.customer_id);
    let hash = request_hash(&req)?;
    let scope = match placed_by {
        Some(u) => u.to_string(),
        None => "system".to_string(),
    };

    let settings = app.settings();
    let currency = settings.currency;
    let tax = settings.tax();
    let now = app.now();
    let business_date = app.business_date(now);
    let order_id = app.new_id();
    let channel = Channel::for_role(role);

    let placed = app
        .store()
        .write(move |c| {
            if let Some(key) = &idempotency_key {
                if let Some((stored_hash, existing)) = store::find_idempotent(c, &scope, key)? {
                    if stored_hash != hash {
                        return Err(AppError::new(
                            ErrorCode::IdempotencyConflict,
                            "this Idempotency-Key was already used for a different order",
                        ));
                    }
                    let order = store::get(c, existing)?.ok_or_else(|| {
                        crate::store::StoreError::Corrupt("idempotent order missing".into())
                    })?;
                    return Ok(Placed {
                        order,
                        created: false,
                    });
                }
            }
            if let Some(cid) = customer_id {
                if !customer_store::exists(c, cid)? {
                    return Err(AppError::new(
                        ErrorCode::UnknownCustomer,
                        "no such customer",
                    ));
                }
            }
            let Priced { lines, totals } =
                price_cart(c, &req.lines, coupon_code.as_deref(), currency, tax, now)?;
            if let Some(code) = &coupon_code {
                coupon_store::count_use(c, code)?;
            }
            let order = Order {
                id: order_id,
                number: store::next_number(c, business_date)?,
                status: OrderStatus::Placed,
                order_type: req.order_type,
                table,
                channel,
                lines,
                subtotal: totals.subtotal,
                discount: totals.discount,
                tax: totals.tax,
                total: totals.total,
                coupon_code,
                customer_id,
                payments: Vec::new(),
                paid: totals.total.is_zero(),
                change_due: Money::zero(currency),
                cancel_reason: None,
                created_at: now,
                updated_at: now,
            };
            store::insert(c, &order, business_date, placed_by)?;
            if let Some(key) = &idempotency_key {
                store::insert_idempotent(c, &scope, key, &hash, order.id, now)?;
            }
            Ok(Placed {
                order,
                created: true,
            })
        })
        .await?;
    if placed.created {
        app.inner
            .events
            .publish_order("order.created", &placed.order, placed_by);
    }
    Ok(placed)
}

/// One order: staff see every order; a customer or kiosk only its own.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> AppResult<Order> {
    let role = actor.require(Role::ALL.as_slice(), "read orders")?;
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
    actor.require(&[Role::Admin, Role::Cashier, Role::Kitchen], "list orders")?;
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

/// Moves an order along the state machine.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    id: Uuid,
    to: OrderStatus,
    reason: Option<String>,
) -> AppResult<Order> {
    let role = actor.require(
        &[Role::Admin, Role::Cashier, Role::Kitchen],
        "change an order's status",
    )?;
    let reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 200) {
        return Err(AppError::invalid("a reason is at most 200 characters"));
    }
    let now = app.now();
    let order = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            order::check_transition(current.status, to, role, reason.as_deref())?;
            let reason = if to == OrderStatus::Cancelled {
                reason.as_deref()
            } else {
                None
            };
            store::update_status(c, id, to, reason, now)?;
            let placed_by = store::owner(c, id)?.and_then(|(p, _)| p);
            Ok((
                store::get(c, id)?.ok_or(crate::store::StoreError::NotFound)?,
                placed_by,
            ))
        })
        .await?;
    let (order, placed_by) = order;
    app.inner
        .events
        .publish_order("order.updated", &order, placed_by);
    Ok(order)
}

/// Takes a payment (cashier or admin). Cash may be tendered above the amount;
/// the change due is returned on the order.
pub async fn pay(
    app: &App,
    actor: &Actor,
    id: Uuid,
    method: PaymentMethod,
    amount: Money,
    tendered: Option<Money>,
) -> AppResult<Order> {
    actor.require(&[Role::Admin, Role::Cashier], "take payments")?;
    let now = app.now();
    let payment_id = app.new_id();
    let taken_by = actor.user_id();
    let receipt = super::printing::receipt_job_id(app);
    let order = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            let payment = current.take_payment(payment_id, method, amount, tendered, now)?;
            store::insert_payment(c, id, &payment, taken_by)?;
            store::touch(c, id, now)?;
            let placed_by = store::owner(c, id)?.and_then(|(p, _)| p);
            let order = store::get(c, id)?.ok_or(crate::store::StoreError::NotFound)?;
            // The receipt it completes is kept with the payment itself.
            let receipt = receipt.filter(|_| order.paid);
            if let Some(job) = receipt {
                crate::store::printing::insert(c, job, id, now)?;
            }
            Ok((order, placed_by, receipt))
        })
        .await?;
    let (order, placed_by, receipt) = order;
    app.inner
        .events
        .publish_order("order.updated", &order, placed_by);
    // After the commit, and without waiting: the printer never holds up a sale.
    super::printing::after_payment(app, &order, method, receipt);
    Ok(order)
}
