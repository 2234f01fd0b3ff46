//! Refund slips: queued after a refund like a receipt after a payment, and
//! reprinted on request.

use uuid::Uuid;

use super::queue::{enqueue, Content};
use super::{configured_or_409, order_or_404, PrintJobKind, PrintJobView};
use crate::app::{Actor, App, AppError, AppResult};
use crate::domain::order::Order;
use crate::domain::user::Role;

fn slip(order: &Order, refund_id: Uuid) -> Option<Content> {
    let refund = order.refunds.iter().find(|r| r.id == refund_id)?;
    Some(Content::RefundSlip {
        order: Box::new(order.clone()),
        refund: Box::new(refund.clone()),
    })
}

/// Called by `orders::refund` after its commit: queues the slip of the new
/// refund when a printer is set up and prints on its own (as receipts do
/// after a payment). Never waits for the printer; never fails.
pub(crate) fn after_refund(app: &App, order: &Order, refund_id: Uuid) {
    let s = app.inner.printing.settings();
    if !(s.configured() && s.auto_print) {
        return;
    }
    if let Some(content) = slip(order, refund_id) {
        enqueue(app, PrintJobKind::RefundSlip, content, None);
    }
}

/// Queues the slip of one of an order's refunds again (admin, cashier).
/// 404 for an unknown order or refund; 409 `printer_not_configured`
/// without a host.
pub async fn print_refund_slip(
    app: &App,
    actor: &Actor,
    order_id: Uuid,
    refund_id: Uuid,
) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin, Role::Cashier], "print refund slips")?;
    let order = order_or_404(app, order_id).await?;
    let content = slip(&order, refund_id).ok_or_else(|| AppError::not_found("no such refund"))?;
    configured_or_409(app)?;
    Ok(enqueue(app, PrintJobKind::RefundSlip, content, None))
}
