//! Manual discounts at the till: who may give one, and when a cashier's
//! needs an admin's approval (above `cashier_discount_limit`, basis points
//! of the subtotal). The size and the reason are checked in
//! `domain::discount`; pricing them is in `cart`.

use uuid::Uuid;

use super::approval::approve;
use super::{PlaceOrder, Priced};
use crate::app::{App, AppError, AppResult, ErrorCode};
use crate::domain::discount::{above_limit, ManualDiscount};
use crate::domain::order::Discount;
use crate::domain::pricing::percent;
use crate::domain::user::Role;

/// The request's manual discount, checked. Only staff give discounts.
pub(super) fn requested(role: Role, req: &PlaceOrder) -> AppResult<Option<ManualDiscount>> {
    let Some(m) = &req.manual_discount else {
        return Ok(None);
    };
    if !matches!(role, Role::Admin | Role::Cashier) {
        return Err(AppError::forbidden("only staff give discounts"));
    }
    Ok(Some(ManualDiscount::parse(
        m.basis_points,
        m.amount,
        &m.reason,
    )?))
}

/// Whether `priced`'s manual discount is more than `role` may give alone
/// (`limit`: the shop's `cashier_discount_limit`).
pub(super) fn needs_approval(limit: u32, role: Role, priced: &Priced) -> bool {
    let manual = Discount::manual_of(&priced.discounts, priced.totals.subtotal.currency);
    role == Role::Cashier && above_limit(manual, priced.totals.subtotal, limit)
}

/// 403 `discount_approval_required`, naming the limit.
pub(super) fn refused(limit: u32) -> AppError {
    AppError::new(
        ErrorCode::DiscountApprovalRequired,
        format!(
            "a discount above {} of the order needs an admin's approval",
            percent(limit)
        ),
    )
    // `limit` in basis points, and as a percentage for a message.
    .with_params(serde_json::json!({ "limit": limit, "percent": f64::from(limit) / 100.0 }))
}

/// The admin approving `priced`'s manual discount, when it needs one:
/// 403 `discount_approval_required` without a (right) approval, 429
/// `approval_locked` after repeated wrong ones.
pub(super) async fn approver(
    app: &App,
    role: Role,
    who: Option<Uuid>,
    req: &PlaceOrder,
    priced: &Priced,
) -> AppResult<Option<Uuid>> {
    let limit = app.settings().cashier_discount_limit;
    if !needs_approval(limit, role, priced) {
        return Ok(None);
    }
    let approval = req
        .manual_discount
        .as_ref()
        .and_then(|m| m.approval.as_ref());
    approve(app, who, approval, || refused(limit))
        .await
        .map(Some)
}
