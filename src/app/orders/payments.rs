//! Taking payments.

use uuid::Uuid;

use super::PaymentRequest;
use crate::app::{Actor, App, AppError, AppResult};
use crate::domain::order::Order;
use crate::domain::user::Role;
use crate::store::orders as store;
use crate::store::StoreError;

/// Takes a payment (cashier or admin). Cash may be tendered above the amount;
/// the change due is returned on the order.
pub async fn pay(app: &App, actor: &Actor, id: Uuid, payment: PaymentRequest) -> AppResult<Order> {
    actor.require(&[Role::Admin, Role::Cashier], "take payments")?;
    let PaymentRequest {
        method,
        amount,
        tendered,
    } = payment;
    let now = app.now();
    let payment_id = app.new_id();
    let taken_by = actor.user_id();
    let receipt = crate::app::printing::receipt_job_id(app);
    let order = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            let payment = current.take_payment(payment_id, method, amount, tendered, now)?;
            store::insert_payment(c, id, &payment, taken_by)?;
            store::touch(c, id, now)?;
            let placed_by = store::owner(c, id)?.and_then(|(p, _)| p);
            let order = store::get(c, id)?.ok_or(StoreError::NotFound)?;
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
    crate::app::printing::after_payment(app, &order, method, receipt);
    Ok(order)
}
