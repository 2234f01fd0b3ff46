//! Placing an order, and pricing a cart without placing it.

use std::collections::HashMap;

use uuid::Uuid;

use super::cart::{check_request, price_rewarded, Priced};
use super::discount;
use super::guest;
use super::{
    check_idempotency_key, idempotency_scope, request_hash, ManualDiscountRequest, PlaceLine,
    PlaceOrder, Placed, Quote,
};
use crate::app::audit::{self, AuditAction};
use crate::app::loyalty;
use crate::app::settings::ShopSettings;
use crate::app::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::discount::ManualDiscount;
use crate::domain::order::{Channel, DiscountKind, Order, OrderStatus, OrderType};
use crate::domain::user::Role;
use crate::domain::{Field, Money};
use crate::store::kitchen as kitchen_store;
use crate::store::orders as store;
use crate::store::tables as table_store;
use crate::store::{coupons as coupon_store, customers as customer_store, menu as menu_store};
use serde_json::json;

/// The customer an order is priced for and the points they redeem.
#[derive(Debug, Clone, Copy, Default)]
struct ForCustomer {
    customer: Option<Uuid>,
    redeem_points: Option<u32>,
}

/// Prices a cart against the menu and coupons as they are in `c`, with
/// what the customer's standing gives it (`crate::app::loyalty`). Reads only.
#[allow(clippy::too_many_arguments)]
fn price_cart(
    c: &rusqlite::Connection,
    req_lines: &[PlaceLine],
    coupon_code: Option<&str>,
    manual: Option<&ManualDiscount>,
    order_type: OrderType,
    settings: &ShopSettings,
    now: chrono::DateTime<chrono::Utc>,
    who: ForCustomer,
) -> AppResult<Priced> {
    let ids: Vec<Uuid> = req_lines.iter().map(|l| l.item_id).collect();
    let items: HashMap<Uuid, _> = menu_store::load_items(c, settings.currency, Some(&ids))?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let find_coupon = |code: &str| {
        let coupon = coupon_store::by_code(c, code, settings.currency)?;
        if let Some(coupon) = &coupon {
            loyalty::check_coupon(c, settings, coupon, who.customer)?;
        }
        Ok(coupon)
    };
    let rewards = loyalty::rewards(c, settings, who.customer, who.redeem_points)?;
    let mut priced = price_rewarded(
        &items,
        req_lines,
        coupon_code,
        find_coupon,
        manual,
        order_type,
        settings,
        now,
        &rewards,
    )?;
    // Each line goes to its category's station.
    let stations = kitchen_store::stations_of(c, ids.into_iter())?;
    for line in &mut priced.lines {
        line.station = stations.get(&line.item_id).cloned().flatten();
    }
    Ok(priced)
}

/// Prices a cart without placing it (whoever may place orders): the kiosk
/// and the counter show the server's totals, and a bad coupon or a sold-out
/// item is known before the customer commits.
pub async fn quote(app: &App, actor: &Actor, mut req: PlaceOrder) -> AppResult<Quote> {
    let (role, guest) = guest::orderer(actor, &mut req, "place orders")?;
    let (_, coupon_code) = check_request(&mut req)?;
    let manual = discount::requested(role, &req)?;
    let who = ForCustomer {
        customer: guest::customer(app, actor, role, guest.as_ref(), req.customer_id).await?,
        redeem_points: req.redeem_points,
    };
    let priced = price_before(app, &req, coupon_code.clone(), manual, who).await?;
    let approval_needed =
        discount::needs_approval(app.settings().cashier_discount_limit, role, &priced);
    // An approval sent with a quote is checked at once, so that the till
    // can tell the admin before the order is placed.
    if approval_needed
        && req
            .manual_discount
            .as_ref()
            .is_some_and(|m| m.approval.is_some())
    {
        discount::approver(app, role, actor.user_id(), &req, &priced).await?;
    }
    let Priced {
        lines,
        totals,
        discounts,
        tier,
        ..
    } = priced;
    Ok(Quote {
        lines,
        subtotal: totals.subtotal,
        discount: totals.discount,
        tax: totals.tax,
        taxes: totals.taxes,
        total: totals.total,
        coupon_code,
        discounts,
        loyalty_tier: tier,
        approval_needed,
    })
}

/// Prices `req` in a read of its own (a quote; a cashier's discount before
/// its approval is asked for).
async fn price_before(
    app: &App,
    req: &PlaceOrder,
    coupon_code: Option<String>,
    manual: Option<ManualDiscount>,
    who: ForCustomer,
) -> AppResult<Priced> {
    let (settings, now) = (app.settings(), app.now());
    let (lines, order_type) = (req.lines.clone(), req.order_type);
    app.store()
        .read(move |c| {
            price_cart(
                c,
                &lines,
                coupon_code.as_deref(),
                manual.as_ref(),
                order_type,
                &settings,
                now,
                who,
            )
        })
        .await
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
    // A guest at a table orders like a customer, to that table only.
    let (role, guest) = guest::orderer(actor, &mut req, "place orders")?;
    let placed_by = actor.user_id();
    if let Some(k) = &idempotency_key {
        check_idempotency_key(k)?;
    } else if matches!(role, Role::Kiosk | Role::Customer) {
        return Err(AppError::required(
            Field::IdempotencyKey,
            "an Idempotency-Key header is required for kiosk and customer orders",
        ));
    }
    let (table, coupon_code) = check_request(&mut req)?;
    let manual = discount::requested(role, &req)?;
    if req.order_type == OrderType::DineIn && table.is_none() && app.settings().uses_tables {
        return Err(AppError::new(
            ErrorCode::TableRequired,
            "this shop serves at the tables: an eat-in order needs its table",
        ));
    }

    // Customers order for themselves; staff name the customer.
    let customer_id = guest::customer(app, actor, role, guest.as_ref(), req.customer_id).await?;
    let who = ForCustomer {
        customer: customer_id,
        redeem_points: req.redeem_points,
    };
    let points_row = app.new_id();
    // A cashier's discount above the limit is approved before anything is
    // written (an admin's password is checked outside the transaction).
    let approved_by = match (&manual, role) {
        (Some(m), Role::Cashier) => {
            let priced = price_before(app, &req, coupon_code.clone(), Some(m.clone()), who).await?;
            discount::approver(app, role, placed_by, &req, &priced).await?
        }
        _ => None,
    };
    let discount_limit = app.settings().cashier_discount_limit;
    // The approval's password is not part of what makes two requests the same.
    let hash = request_hash(&PlaceOrder {
        manual_discount: req.manual_discount.clone().map(|m| ManualDiscountRequest {
            approval: None,
            ..m
        }),
        ..req.clone()
    })?;
    let scope = idempotency_scope(actor);

    let settings = app.settings();
    let currency = settings.currency;
    let now = app.now();
    let business_date = app.business_date(now);
    let order_id = app.new_id();
    let channel = Channel::for_role(role);
    // Free accounts and kiosks cannot flood the board with orders nobody pays.
    let open_max = match role {
        Role::Customer => Some(app.config().customer_open_orders_max),
        Role::Kiosk => Some(app.config().kiosk_open_orders_max),
        _ => None,
    };

    let table_max = app.config().table_open_orders_max;
    let need_accept = settings.guest_orders_need_accept;
    let guest_session = guest.as_ref().map(|g| g.session_id);
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
            if let Some(g) = &guest {
                let max = table_max;
                if table_store::open_unpaid_at(c, g.table_id)? >= i64::from(max) {
                    return Err(AppError::new(
                        ErrorCode::TableOrderLimit,
                        format!("this table has {max} unpaid orders open; pay at the counter first"),
                    )
                    .with_params(json!({ "max": max })));
                }
            }
            if let (Some(max), Some(by)) = (open_max, placed_by) {
                if store::open_unpaid_by(c, by)? >= i64::from(max) {
                    return Err(AppError::new(
                        ErrorCode::TooManyOpenOrders,
                        format!("at most {max} unpaid orders may be open at once; pay at the counter first"),
                    )
                    .with_params(json!({ "max": max })));
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
            let priced = price_cart(
                c,
                &req.lines,
                coupon_code.as_deref(),
                manual.as_ref(),
                req.order_type,
                &settings,
                now,
                who,
            )?;
            // The menu may have changed since the approval was asked for.
            if approved_by.is_none() && discount::needs_approval(discount_limit, role, &priced) {
                return Err(discount::refused(discount_limit));
            }
            let Priced {
                lines,
                totals,
                discounts,
                points_redeemed,
                ..
            } = priced;
            if let Some(code) = &coupon_code {
                coupon_store::count_use(c, code)?;
            }
            let mut order = Order {
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
                taxes: totals.taxes,
                total: totals.total,
                discounts,
                coupon_code,
                customer_id,
                payments: Vec::new(),
                paid: totals.total.is_zero(),
                change_due: Money::zero(currency),
                refunds: Vec::new(),
                refunded: Money::zero(currency),
                tips: Money::zero(currency),
                cancel_reason: None,
                estimated_ready_at: None,
                awaiting_accept: false,
                created_at: now,
                updated_at: now,
            };
            order.awaiting_accept = guest.is_some() && need_accept;
            if !order.awaiting_accept {
                crate::app::kitchen::place_in(c, &mut order, now)?;
            }
            store::insert(c, &order, business_date, placed_by)?;
            if let Some(g) = &guest {
                table_store::mark_guest_order(c, order.id, g.session_id, order.awaiting_accept)?;
            }
            loyalty::redeem(c, &order, points_redeemed, points_row, now)?;
            if let Some(d) = order.discounts.iter().find(|d| d.kind == DiscountKind::Manual) {
                let detail = json!({
                    "order_id": order.id,
                    "amount": d.amount,
                    "reason": d.reason,
                    "approved_by": approved_by,
                });
                let number = order.number.to_string();
                audit::record(c, now, placed_by, AuditAction::DiscountGiven, &number, detail)?;
            }
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
            .publish_order("order.created", &placed.order, placed_by.or(guest_session));
    }
    Ok(placed)
}
