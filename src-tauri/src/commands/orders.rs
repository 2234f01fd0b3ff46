//! Orders: placing, pricing, listing, moving and paying them.

use crema::app::kitchen::{self, Bump};
use crema::app::orders::{
    self, OrderList, PaymentRequest, PlaceOrder, Quote, RefundRequest, StatusChange,
};
use crema::app::parse_id;
use crema::app::reports::parse_date;
use crema::domain::order::Order;

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn place_order(
    s: S<'_>,
    token: Option<String>,
    body: Arg<PlaceOrder>,
    idempotency_key: Option<String>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let body = body.value("body")?;
    Ok(orders::place(&s.app, &actor, body, idempotency_key)
        .await?
        .order)
}

#[tauri::command]
pub async fn quote_order(
    s: S<'_>,
    token: Option<String>,
    body: Arg<PlaceOrder>,
) -> CmdResult<Quote> {
    let actor = s.actor(token.as_deref()).await?;
    let body = body.value("body")?;
    Ok(orders::quote(&s.app, &actor, body).await?)
}

#[tauri::command]
pub async fn list_orders(
    s: S<'_>,
    token: Option<String>,
    statuses: Vec<String>,
    date: Option<String>,
) -> CmdResult<OrderList> {
    let statuses = orders::parse_statuses(&statuses.join(","))?;
    let date = date.as_deref().map(parse_date).transpose()?;
    let actor = s.actor(token.as_deref()).await?;
    let orders = orders::list(&s.app, &actor, statuses, date).await?;
    Ok(OrderList { orders })
}

#[tauri::command]
pub async fn get_order(s: S<'_>, token: Option<String>, id: String) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(orders::get(&s.app, &actor, parse_id(&id, "order")?).await?)
}

#[tauri::command]
pub async fn step_order_back(s: S<'_>, token: Option<String>, id: String) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(orders::step_back(&s.app, &actor, parse_id(&id, "order")?).await?)
}

/// Bumps one line at its station (as `POST /api/orders/{id}/lines/{line_no}/bump`).
#[tauri::command]
pub async fn bump_order_line(
    s: S<'_>,
    token: Option<String>,
    id: String,
    line_no: i64,
    bump: Arg<Bump>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let bump = bump.value("bump")?;
    let id = parse_id(&id, "order")?;
    Ok(kitchen::bump_line(&s.app, &actor, id, line_no, bump).await?)
}

#[tauri::command]
pub async fn set_order_status(
    s: S<'_>,
    token: Option<String>,
    id: String,
    change: Arg<StatusChange>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let change = change.value("change")?;
    let id = parse_id(&id, "order")?;
    Ok(orders::set_status(&s.app, &actor, id, change).await?)
}

#[tauri::command]
pub async fn add_payment(
    s: S<'_>,
    token: Option<String>,
    id: String,
    payment: Arg<PaymentRequest>,
    idempotency_key: Option<String>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let payment = payment.value("payment")?;
    let id = parse_id(&id, "order")?;
    Ok(orders::pay(&s.app, &actor, id, payment, idempotency_key).await?)
}

#[tauri::command]
pub async fn refund_order(
    s: S<'_>,
    token: Option<String>,
    id: String,
    refund: Arg<RefundRequest>,
    idempotency_key: Option<String>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let refund = refund.value("refund")?;
    let id = parse_id(&id, "order")?;
    Ok(orders::refund(&s.app, &actor, id, refund, idempotency_key)
        .await?
        .order)
}
