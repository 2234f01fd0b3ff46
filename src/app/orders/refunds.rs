//! Refunds: money given back on an order, by amount and optionally by lines,
//! with a method and a reason; never above what was paid minus what was
//! already refunded. A cashier's refund above the shop's limit needs an
//! admin's approval (their password, given at the counter).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::approval::{approve, Approval};
use super::{MoneyKey, Recorded};
use crate::app::audit::{self, AuditAction};
use crate::app::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::order::{NewRefund, PaymentMethod, RefundLine};
use crate::domain::user::Role;
use crate::domain::Money;
use crate::store::money::{self as money_store, MoneyRequest};
use crate::store::orders as store;
use crate::store::StoreError;

// `POST /api/orders/{id}/refunds`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    pub amount: Money,
    /// How the money goes back: `cash`, `card` or `other`.
    pub method: PaymentMethod,
    /// Why, in a few words (1 to 200 characters).
    pub reason: String,
    /// The lines given back (`line_no` counts from 0, as in the order's `lines`).
    #[serde(default)]
    pub lines: Option<Vec<RefundLine>>,
    /// An admin's sign-in approving a cashier's refund above the shop's limit.
    #[serde(default)]
    pub approval: Option<Approval>,
    /// Also cancel the order, in the same transaction ("refund and cancel"):
    /// the refund must leave it holding nothing (else 409 `refund_required`).
    #[serde(default)]
    pub cancel: bool,
}

/// The admin who approved, when the refund needs one: an admin refunds
/// anything; a cashier up to `cashier_refund_limit`, above it only with an
/// admin's approval (403 `approval_required` without or with a wrong one;
/// 429 `approval_locked` after repeated wrong ones).
async fn approver(
    app: &App,
    role: Role,
    who: Option<Uuid>,
    req: &RefundRequest,
) -> AppResult<Option<Uuid>> {
    let limit = i64::from(app.settings().cashier_refund_limit);
    if role == Role::Admin || req.amount.amount <= limit {
        return Ok(None);
    }
    let refused = || {
        AppError::new(
            ErrorCode::ApprovalRequired,
            format!(
                "a refund above {} needs an admin's approval",
                Money::new(limit, req.amount.currency).to_decimal()
            ),
        )
        .with_params(serde_json::json!({ "limit": Money::new(limit, req.amount.currency) }))
    };
    approve(app, who, req.approval.as_ref(), refused)
        .await
        .map(Some)
}

/// Gives money back on an order (cashier or admin). 409 `not_paid` when
/// nothing was paid, 422 `refund_exceeds_paid` above what the order holds.
/// With the key of an earlier call and the same body, the order comes back
/// as it is (`created` false), without a second refund.
pub async fn refund(
    app: &App,
    actor: &Actor,
    id: Uuid,
    req: RefundRequest,
    idempotency_key: Option<String>,
) -> AppResult<Recorded> {
    let role = actor.require(&[Role::Admin, Role::Cashier], "give refunds")?;
    // The approval's password is not part of what makes a request the same.
    let key = MoneyKey::new(
        actor,
        idempotency_key,
        id,
        &RefundRequest {
            approval: None,
            ..req.clone()
        },
    )?;
    let approved_by = approver(app, role, actor.user_id(), &req).await?;
    let cancel = req.cancel;
    let new = NewRefund {
        amount: req.amount,
        method: req.method,
        reason: req.reason,
        lines: req.lines.unwrap_or_default(),
        by: actor.user_id(),
        approved_by,
    };
    let refund_id = app.new_id();
    let settings = app.settings();
    let now = app.now();
    let by = actor.user_id();
    let (order, placed_by, created) = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            let placed_by = crate::store::tables::follower_of(c, id)?;
            if let Some(key) = &key {
                if key.replayed(c, MoneyRequest::Refund)? {
                    return Ok((current, placed_by, false));
                }
            }
            let refund = current.take_refund(new, refund_id, now)?;
            let reason = refund.reason.clone();
            money_store::insert_refund(c, id, &refund)?;
            let detail = serde_json::json!({
                "order_id": id,
                "refund_id": refund.id,
                "amount": refund.amount,
                "method": refund.method,
                "reason": refund.reason,
                "approved_by": refund.approved_by,
            });
            let number = current.number.to_string();
            audit::record(
                c,
                now,
                refund.by,
                AuditAction::OrderRefunded,
                &number,
                detail,
            )?;
            if let Some(key) = &key {
                key.record(c, MoneyRequest::Refund, id, refund_id, now)?;
            }
            if cancel {
                let mut after = current;
                after.refunds.push(refund);
                super::status::cancel_in(c, &after, role, by, &reason, now)?;
            }
            store::touch(c, id, now)?;
            let order = store::get(c, id)?.ok_or(StoreError::NotFound)?;
            crate::app::loyalty::settle(c, &settings, &order, refund_id, now)?;
            Ok((order, placed_by, true))
        })
        .await?;
    if created {
        app.inner
            .events
            .publish_order("order.updated", &order, placed_by);
        crate::app::printing::after_refund(app, &order, refund_id);
    }
    Ok(Recorded { order, created })
}
