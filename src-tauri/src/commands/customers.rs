//! Customers: looking them up and adding regulars at the counter.

use crema::app::customers::{self, CustomerList, CustomerSummary, NewCustomer};
use crema::app::orders::OrderList;

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn search_customers(
    s: S<'_>,
    token: Option<String>,
    q: String,
) -> CmdResult<CustomerList> {
    let actor = s.actor(token.as_deref()).await?;
    let customers = customers::search(&s.app, &actor, &q).await?;
    Ok(CustomerList { customers })
}

#[tauri::command]
pub async fn create_customer(
    s: S<'_>,
    token: Option<String>,
    customer: Arg<NewCustomer>,
) -> CmdResult<CustomerSummary> {
    let actor = s.actor(token.as_deref()).await?;
    let customer = customer.value("customer")?;
    Ok(customers::create(&s.app, &actor, customer).await?)
}

#[tauri::command]
pub async fn my_orders(s: S<'_>, token: Option<String>) -> CmdResult<OrderList> {
    let actor = s.actor(token.as_deref()).await?;
    let orders = customers::my_orders(&s.app, &actor).await?;
    Ok(OrderList { orders })
}
