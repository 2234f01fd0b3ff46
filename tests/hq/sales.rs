//! Sales scripted order by order through a real demo shop (its HTTP API),
//! with what head office must report of them, worked out from the shop's own
//! answers and events.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crema::sync::wire::{Event, Payload};
use serde_json::{json, Value};

use crate::shop::LiveShop;

/// One sale: which item (an index into the shop's plain items), how many,
/// how it ends.
pub struct Sale {
    pub item: usize,
    pub quantity: i64,
    pub method: &'static str,
    pub tip: i64,
    pub refund: i64,
    pub cancel: bool,
}

pub const fn sale(item: usize, quantity: i64, method: &'static str, tip: i64) -> Sale {
    Sale {
        item,
        quantity,
        method,
        tip,
        refund: 0,
        cancel: false,
    }
}

/// What head office must report of one shop's sales, worked out from the
/// shop's own answers and events.
#[derive(Default)]
pub struct Expected {
    /// (orders, revenue, refunds, tips) by day.
    pub days: BTreeMap<NaiveDate, (i64, i64, i64, i64)>,
    /// (quantity, revenue) by item name.
    pub items: BTreeMap<String, (i64, i64)>,
    /// (payments, amount, tips) by method.
    pub methods: BTreeMap<String, (i64, i64, i64)>,
}

/// Sells `sales` in a fresh demo shop; its outbox and what to expect.
pub async fn sell(sales: &[Sale], into: &mut Expected) -> Vec<Event> {
    let shop = LiveShop::open(5).await;
    let cur = shop.currency.to_string();
    let items: Vec<Value> = shop.plain_items().to_vec();
    let mut placed = Vec::new();
    for s in sales {
        let item = &items[s.item];
        let order = shop
            .post(
                "/api/orders",
                json!({"lines": [{"item_id": item["id"], "quantity": s.quantity}], "type": "takeaway"}),
            )
            .await;
        let (id, total) = (
            order["id"].as_str().unwrap().to_string(),
            order["total"]["amount"].as_i64().unwrap(),
        );
        let line_total = order["lines"][0]["line_total"]["amount"].as_i64().unwrap();
        if s.cancel {
            shop.post(
                &format!("/api/orders/{id}/status"),
                json!({"status": "cancelled", "reason": "left"}),
            )
            .await;
        } else {
            let mut pay = json!({"method": s.method, "amount": {"amount": total, "currency": cur}});
            if s.tip > 0 {
                pay["tip"] = json!({"amount": s.tip, "currency": cur});
            }
            if s.method == "cash" {
                pay["tendered"] = json!({"amount": total + s.tip, "currency": cur});
            }
            shop.post(&format!("/api/orders/{id}/payments"), pay).await;
            if s.refund > 0 {
                shop.post(
                    &format!("/api/orders/{id}/refunds"),
                    json!({"amount": {"amount": s.refund, "currency": cur}, "method": s.method, "reason": "cold"}),
                )
                .await;
            }
            let name = item["name"].as_str().unwrap().to_string();
            let it = into.items.entry(name).or_default();
            it.0 += s.quantity;
            it.1 += line_total;
            let m = into.methods.entry(s.method.to_string()).or_default();
            m.0 += 1;
            m.1 += total;
            m.2 += s.tip;
        }
        placed.push((id, total, s));
    }
    let events = shop.outbox().await;
    shop.close().await;
    // Days as the shop dated them: an order on its business date, a refund
    // on the UTC day it was given.
    for e in &events {
        match &e.payload {
            Payload::OrderPlaced {
                order,
                business_date,
            } => {
                let (_, total, s) = placed.iter().find(|p| p.0 == order.id.to_string()).unwrap();
                if !s.cancel {
                    let d = into.days.entry(*business_date).or_default();
                    d.0 += 1;
                    d.1 += total;
                    d.3 += s.tip;
                }
            }
            Payload::RefundRecorded { refund, .. } => {
                into.days
                    .entry(refund.created_at.date_naive())
                    .or_default()
                    .2 += refund.amount.amount;
            }
            _ => {}
        }
    }
    events
}
