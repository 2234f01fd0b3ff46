//! Who orders: staff, a kiosk, a signed-in customer, or a guest at a table,
//! who orders (and prices a cart) like a customer, to their own table only.

use super::PlaceOrder;
use crate::app::{loyalty, Actor, App, AppError, AppResult, Guest};
use crate::domain::order::OrderType;
use crate::domain::user::Role;
use uuid::Uuid;

/// The role an order (or a quote) is made under and, for a guest, the
/// guest, whose request is fixed to their table first (403 when it names
/// another table or a customer account). `what` names the act for a 403.
pub(super) fn orderer(
    actor: &Actor,
    req: &mut PlaceOrder,
    what: &str,
) -> AppResult<(Role, Option<Guest>)> {
    match actor {
        Actor::Guest(g) => {
            to_own_table(g, req)?;
            Ok((Role::Customer, Some(g.clone())))
        }
        _ => Ok((actor.require(&Role::ORDERING, what)?, None)),
    }
}

/// The customer an order is for: a signed-in customer's own profile (403
/// for another's), the one staff named, none for a guest.
pub(super) async fn customer(
    app: &App,
    actor: &Actor,
    role: Role,
    guest: Option<&Guest>,
    named: Option<Uuid>,
) -> AppResult<Option<Uuid>> {
    match guest {
        Some(_) => Ok(None),
        None => loyalty::customer_of(app, actor, role, named).await,
    }
}

/// A guest's order: eaten in at their own table, without a customer
/// account (and so without staff's discounts or points).
fn to_own_table(g: &Guest, req: &mut PlaceOrder) -> AppResult<()> {
    if let Some(t) = req
        .table
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if t != g.table {
            return Err(AppError::forbidden(format!(
                "a guest orders only to their own table ({})",
                g.table
            )));
        }
    }
    if req.customer_id.is_some() {
        return Err(AppError::forbidden(
            "a guest orders without a customer account",
        ));
    }
    req.table = Some(g.table.clone());
    req.order_type = OrderType::DineIn;
    Ok(())
}
