//! A real shop: the shop's own server over a temporary store with the demo
//! café, selling through its HTTP API (orders, payments, refunds, status
//! moves, a cancel, a shift closed). The events are those the shop's outbox
//! writes for these sales (one per order placed, payment, refund, status
//! change and shift close, each with its id and an increasing `seq`), built
//! from the shop's answers.
// TODO(shop side): once `store::outbox` lands, read `outbox::pending`
// instead of building the events here.

use chrono::{DateTime, Utc};
use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App};
use crema::config::Config;
use crema::domain::order::{Order, OrderStatus};
use crema::domain::user::Role;
use crema::domain::Currency;
use crema::sync::wire::{Batch, ClosedShift, Event, Payload, WIRE_VERSION};
use serde_json::{json, Value};
use uuid::Uuid;

/// What a shop sold, and what head office must report of it.
pub struct Sold {
    pub events: Vec<Event>,
    /// Orders not cancelled, and the sum of their totals.
    pub orders: i64,
    pub revenue: i64,
    pub refunds: i64,
    pub currency: Currency,
    /// Every order's final status and number, by id.
    pub finals: Vec<(Uuid, OrderStatus, i64)>,
    pub payments: usize,
}

impl Sold {
    pub fn batch(events: &[Event]) -> Value {
        serde_json::to_value(Batch {
            version: WIRE_VERSION,
            events: events.to_vec(),
        })
        .expect("batch")
    }
}

struct Shop {
    base: String,
    http: reqwest::Client,
    token: String,
    seq: i64,
    events: Vec<Event>,
}

impl Shop {
    async fn call(&self, path: &str, body: Value) -> Value {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("Idempotency-Key", Uuid::now_v7().to_string())
            .json(&body)
            .send()
            .await
            .expect("shop request");
        let status = r.status();
        let body: Value = r.json().await.expect("shop answer");
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    }

    fn record(&mut self, at: DateTime<Utc>, payload: Payload) {
        self.seq += 1 + (self.seq % 3); // increasing, with gaps
        self.events.push(Event {
            id: Uuid::now_v7(),
            seq: self.seq,
            at,
            payload,
        });
    }

    async fn status(&mut self, id: Uuid, status: &str, reason: Option<&str>) -> Order {
        let order: Order = serde_json::from_value(
            self.call(
                &format!("/api/orders/{id}/status"),
                json!({"status": status, "reason": reason}),
            )
            .await,
        )
        .expect("order");
        self.record(
            order.updated_at,
            Payload::StatusChanged {
                order_id: id,
                status: order.status,
                reason: reason.map(str::to_string),
            },
        );
        order
    }
}

/// Sells `n` orders: every tenth cancelled unpaid, the others paid by card,
/// every seventh of those partly refunded, every third taken through the
/// kitchen to completed; one shift opened and closed around them.
pub async fn sell(n: usize) -> Sold {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config {
        rate_limit_per_minute: 1_000_000,
        auth_rate_limit_per_minute: 1_000_000,
        ..Config::default()
    };
    let app = App::open(dir.path(), config).expect("open the shop");
    demo::load(&app, &Actor::System).await.expect("demo");
    users::create_staff(
        &app,
        &Actor::System,
        "anna",
        Role::Admin,
        Credential::Password("admin-pass-1".into()),
    )
    .await
    .expect("admin");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(crema::http::serve(app.clone(), listener, async {
        let _ = stopped.await;
    }));
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"username": "anna", "password": "admin-pass-1"}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("tokens");
    let menu: Value = http
        .get(format!("{base}/api/menu"))
        .send()
        .await
        .expect("menu")
        .json()
        .await
        .expect("menu");
    let currency = Currency::parse(menu["currency"].as_str().expect("currency")).expect("ISO");
    let items: Vec<Value> = menu["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .flat_map(|c| c["items"].as_array().expect("items").clone())
        .filter(|i| i["available"] == true)
        // Items that need no choice (a size, a milk) to be ordered.
        .filter(|i| {
            i["modifier_groups"]
                .as_array()
                .is_none_or(|g| g.iter().all(|g| g["min"].as_i64() == Some(0)))
        })
        .collect();
    assert!(!items.is_empty(), "the demo sells something plain");
    let mut shop = Shop {
        base,
        http,
        token: login["access_token"].as_str().expect("token").to_string(),
        seq: 0,
        events: Vec::new(),
    };
    let cur = currency.to_string();
    shop.call(
        "/api/shifts",
        json!({"opening_float": {"amount": 10_000, "currency": cur}}),
    )
    .await;
    let (mut orders, mut revenue, mut refunds, mut payments) = (0, 0, 0, 0);
    let mut finals = Vec::new();
    for i in 0..n {
        let item = &items[i % items.len()];
        let body = json!({"lines": [{"item_id": item["id"], "quantity": 1 + (i % 3)}], "type": "takeaway"});
        let order: Order =
            serde_json::from_value(shop.call("/api/orders", body).await).expect("order");
        let business_date = order.created_at.date_naive();
        shop.record(
            order.created_at,
            Payload::OrderPlaced {
                order: Box::new(order.clone()),
                business_date,
            },
        );
        let id = order.id;
        let mut last = order.clone();
        if i % 10 == 9 {
            last = shop.status(id, "cancelled", Some("customer left")).await;
        } else {
            let total = order.total.amount;
            let paid: Order = serde_json::from_value(
                shop.call(
                    &format!("/api/orders/{id}/payments"),
                    json!({"method": "card", "amount": {"amount": total, "currency": cur}}),
                )
                .await,
            )
            .expect("paid order");
            let payment = paid.payments.last().expect("a payment").clone();
            shop.record(
                payment.created_at,
                Payload::PaymentRecorded {
                    order_id: id,
                    payment,
                },
            );
            payments += 1;
            orders += 1;
            revenue += total;
            if i % 7 == 3 {
                let refunded: Order = serde_json::from_value(
                    shop.call(
                        &format!("/api/orders/{id}/refunds"),
                        json!({"amount": {"amount": 100, "currency": cur}, "method": "card", "reason": "cold coffee"}),
                    )
                    .await,
                )
                .expect("refunded order");
                let refund = refunded.refunds.last().expect("a refund").clone();
                refunds += refund.amount.amount;
                shop.record(
                    refund.created_at,
                    Payload::RefundRecorded {
                        order_id: id,
                        refund,
                    },
                );
            }
            if i % 3 == 0 {
                for s in ["in_progress", "ready", "completed"] {
                    last = shop.status(id, s, None).await;
                }
            }
        }
        finals.push((id, last.status, order.number));
    }
    let shift = shop
        .call(
            "/api/shifts/current/close",
            json!({"counted_cash": {"amount": 10_000, "currency": cur}}),
        )
        .await;
    let money = |k: &str| shift[k]["amount"].as_i64().unwrap_or(0);
    let time = |k: &str| shift[k].as_str().expect(k).parse().expect("time");
    let closed = ClosedShift {
        id: shift["id"].as_str().expect("id").parse().expect("uuid"),
        currency,
        opening_float: money("opening_float"),
        cash_in: money("cash_in"),
        cash_out: money("cash_out"),
        expected_cash: money("expected_cash"),
        counted_cash: money("counted_cash"),
        opened_at: time("opened_at"),
        opened_by: None,
        closed_at: time("closed_at"),
        closed_by: None,
    };
    shop.record(closed.closed_at, Payload::ShiftClosed { shift: closed });
    let _ = stop.send(());
    let _ = server.await;
    app.shutdown();
    Sold {
        events: shop.events,
        orders,
        revenue,
        refunds,
        currency,
        finals,
        payments,
    }
}
