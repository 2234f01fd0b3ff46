//! Moving an order along its state machine. A cancel needs the order to
//! hold no money (409 `refund_required`) and gives its coupon's use back.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StatusChange;
use crate::app::audit::{self, AuditAction};
use crate::app::{kitchen, Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::order::{self, Order, OrderStatus};
use crate::domain::user::Role;
use crate::domain::Field;
use crate::store::kitchen as kitchen_store;
use crate::store::orders as store;
use crate::store::StoreError;

/// Moves an order along the state machine.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    id: Uuid,
    change: StatusChange,
) -> AppResult<Order> {
    let role = actor.require(&Role::STAFF, "change an order's status")?;
    let by = actor.user_id();
    let to = change.status;
    let reason = change
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 200) {
        return Err(AppError::too_long(
            Field::Reason,
            200,
            "a reason is at most 200 characters",
        ));
    }
    let now = app.now();
    let order = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            // Staff may cancel a guest's order that waits for them; nobody may start it.
            if to != OrderStatus::Cancelled {
                crate::app::kitchen::check_accepted(&current)?;
            }
            if to == OrderStatus::Cancelled {
                cancel_in(c, &current, role, by, reason.as_deref().unwrap_or(""), now)?;
            } else {
                order::check_transition(current.status, to, role, reason.as_deref())?;
                store::update_status(c, id, to, None, now)?;
            }
            kitchen_store::record_move(c, id, to, now)?;
            let etas = kitchen::refine_in(c, now)?;
            let placed_by = crate::store::tables::follower_of(c, id)?;
            Ok((
                store::get(c, id)?.ok_or(StoreError::NotFound)?,
                placed_by,
                etas,
            ))
        })
        .await?;
    let (order, placed_by, etas) = order;
    app.inner
        .events
        .publish_order("order.updated", &order, placed_by);
    kitchen::publish(app, &etas);
    Ok(order)
}

/// Moves an order back one stage (completed → ready → in progress →
/// placed), for a ticket moved on too early or an order handed over by
/// mistake; 409 `invalid_transition` from placed or cancelled. Kitchen,
/// cashier and admin.
pub async fn step_back(app: &App, actor: &Actor, id: Uuid) -> AppResult<Order> {
    actor.require(
        &[Role::Admin, Role::Cashier, Role::Kitchen],
        "move an order back",
    )?;
    let now = app.now();
    let (order, placed_by, etas) = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            let Some(to) = order::previous_stage(current.status) else {
                return Err(AppError::new(
                    ErrorCode::InvalidTransition,
                    format!(
                        "an order can go back only from in_progress, ready or completed, not from {}",
                        current.status.as_str()
                    ),
                ));
            };
            store::update_status(c, id, to, None, now)?;
            kitchen_store::record_move(c, id, to, now)?;
            let etas = kitchen::refine_in(c, now)?;
            let placed_by = crate::store::tables::follower_of(c, id)?;
            Ok((store::get(c, id)?.ok_or(StoreError::NotFound)?, placed_by, etas))
        })
        .await?;
    app.inner
        .events
        .publish_order("order.updated", &order, placed_by);
    kitchen::publish(app, &etas);
    Ok(order)
}

/// Cancels `order` inside the caller's write: the state machine allows it,
/// the order holds no money (409 `refund_required`: money is never lost with
/// a cancel), and its coupon's use goes back. The audit log records who.
pub(super) fn cancel_in(
    c: &rusqlite::Connection,
    order: &Order,
    role: Role,
    by: Option<Uuid>,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    order::check_transition(order.status, OrderStatus::Cancelled, role, Some(reason))?;
    order.check_cancellable()?;
    if let Some(code) = &order.coupon_code {
        crate::store::coupons::release_use(c, code)?;
    }
    crate::app::loyalty::on_cancel(c, order, now)?;
    store::update_status(
        c,
        order.id,
        OrderStatus::Cancelled,
        Some(reason.trim()),
        now,
    )?;
    kitchen_store::record_move(c, order.id, OrderStatus::Cancelled, now)?;
    let detail = serde_json::json!({ "order_id": order.id, "reason": reason.trim() });
    audit::record(
        c,
        now,
        by,
        AuditAction::OrderCancelled,
        &order.number.to_string(),
        detail,
    )?;
    Ok(())
}
