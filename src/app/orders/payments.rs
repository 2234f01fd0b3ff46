//! Taking payments: several on one order (a split bill), each with its
//! method, an optional tip and, for cash, the change; retried with the same
//! `Idempotency-Key`, a payment is recorded once.

use uuid::Uuid;

use super::{MoneyKey, PaymentRequest};
use crate::app::{Actor, App, AppError, AppResult};
use crate::domain::order::Order;
use crate::domain::user::Role;
use crate::store::money::{self as money_store, MoneyRequest};
use crate::store::orders as store;
use crate::store::StoreError;

/// Takes a payment (cashier or admin). Cash may be tendered above the amount
/// and the tip; the change due is returned on the order. With the key of an
/// earlier call and the same body, the order comes back as it is, without a
/// second payment.
pub async fn pay(
    app: &App,
    actor: &Actor,
    id: Uuid,
    payment: PaymentRequest,
    idempotency_key: Option<String>,
) -> AppResult<Order> {
    actor.require(&[Role::Admin, Role::Cashier], "take payments")?;
    let key = MoneyKey::new(actor, idempotency_key, id, &payment)?;
    let PaymentRequest {
        method,
        amount,
        tendered,
        tip,
    } = payment;
    let now = app.now();
    let payment_id = app.new_id();
    let taken_by = actor.user_id();
    let receipt = crate::app::printing::receipt_job_id(app);
    let settings = app.settings();
    let (order, placed_by, receipt, created) = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            let placed_by = crate::store::tables::follower_of(c, id)?;
            if let Some(key) = &key {
                if key.replayed(c, MoneyRequest::Payment)? {
                    return Ok((current, placed_by, None, false));
                }
            }
            let payment = current.take_payment(payment_id, method, amount, tendered, tip, now)?;
            money_store::insert_payment(c, id, &payment, taken_by)?;
            if let Some(key) = &key {
                key.record(c, MoneyRequest::Payment, id, payment_id, now)?;
            }
            store::touch(c, id, now)?;
            let order = store::get(c, id)?.ok_or(StoreError::NotFound)?;
            crate::app::loyalty::settle(c, &settings, &order, payment_id, now)?;
            // The receipt it completes is kept with the payment itself.
            let receipt = receipt.filter(|_| order.paid);
            if let Some(job) = receipt {
                crate::store::printing::insert(c, job, id, now)?;
            }
            Ok((order, placed_by, receipt, true))
        })
        .await?;
    if created {
        app.inner
            .events
            .publish_order("order.updated", &order, placed_by);
        // After the commit, and without waiting: the printer never holds up a sale.
        crate::app::printing::after_payment(app, &order, method, receipt);
    }
    Ok(order)
}
