//! A real shop: the shop's own server over a temporary store with the demo
//! café, selling through its HTTP API (orders, payments, refunds, status
//! moves, a cancel, a shift closed). The events are what the shop's outbox
//! holds afterwards, exactly as its pusher would send them.

use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App};
use crema::config::Config;
use crema::domain::order::{Order, OrderStatus};
use crema::domain::user::Role;
use crema::domain::Currency;
use crema::sync::wire::{Batch, Event, WIRE_VERSION};
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

    async fn status(&mut self, id: Uuid, status: &str, reason: Option<&str>) -> Order {
        let order: Order = serde_json::from_value(
            self.call(
                &format!("/api/orders/{id}/status"),
                json!({"status": status, "reason": reason}),
            )
            .await,
        )
        .expect("order");
        order
    }
}

/// The sales of one run of [`LiveShop::sell`].
#[derive(Default)]
pub struct Tally {
    pub orders: i64,
    pub revenue: i64,
    pub refunds: i64,
    pub finals: Vec<(Uuid, OrderStatus, i64)>,
    pub payments: usize,
}

/// A shop that runs: its store in a temp dir, its server on 127.0.0.1:0,
/// an admin signed in to sell through the API.
pub struct LiveShop {
    pub app: App,
    pub dir: tempfile::TempDir,
    pub currency: Currency,
    shop: Shop,
    items: Vec<Value>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl LiveShop {
    /// A shop with the demo café; it pushes every `sync_interval_seconds`
    /// once enrolled and its pusher started.
    pub async fn open(sync_interval_seconds: u32) -> LiveShop {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = Config {
            rate_limit_per_minute: 1_000_000,
            auth_rate_limit_per_minute: 1_000_000,
            sync_interval_seconds,
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
        let shop = Shop {
            base,
            http,
            token: login["access_token"].as_str().expect("token").to_string(),
        };
        LiveShop {
            app,
            dir,
            currency,
            shop,
            items,
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// Sells `n` orders: every tenth cancelled unpaid, the others paid by
    /// card, every seventh of those partly refunded, every third taken
    /// through the kitchen to completed; one shift opened and closed around
    /// them.
    pub async fn sell(&mut self, n: usize) -> Tally {
        let cur = self.currency.to_string();
        let shop = &mut self.shop;
        shop.call(
            "/api/shifts",
            json!({"opening_float": {"amount": 10_000, "currency": cur}}),
        )
        .await;
        let mut t = Tally::default();
        for i in 0..n {
            let item = &self.items[i % self.items.len()];
            let body = json!({"lines": [{"item_id": item["id"], "quantity": 1 + (i % 3)}], "type": "takeaway"});
            let order: Order =
                serde_json::from_value(shop.call("/api/orders", body).await).expect("order");
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
                assert_eq!(paid.payments.len(), 1);
                t.payments += 1;
                t.orders += 1;
                t.revenue += total;
                if i % 7 == 3 {
                    let refunded: Order = serde_json::from_value(
                        shop.call(
                            &format!("/api/orders/{id}/refunds"),
                            json!({"amount": {"amount": 100, "currency": cur}, "method": "card", "reason": "cold coffee"}),
                        )
                        .await,
                    )
                    .expect("refunded order");
                    t.refunds += refunded.refunds.last().expect("a refund").amount.amount;
                }
                if i % 3 == 0 {
                    for s in ["in_progress", "ready", "completed"] {
                        last = shop.status(id, s, None).await;
                    }
                }
            }
            t.finals.push((id, last.status, order.number));
        }
        shop.call(
            "/api/shifts/current/close",
            json!({"counted_cash": {"amount": 10_000, "currency": cur}}),
        )
        .await;
        t
    }

    /// A POST to the shop's API as its admin (with an idempotency key): the
    /// answer, which must be a success.
    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.shop.call(path, body).await
    }

    /// The menu's items that need no choice to be ordered.
    pub fn plain_items(&self) -> &[Value] {
        &self.items
    }

    /// Every event the outbox holds, sent or not, oldest first.
    pub async fn outbox(&self) -> Vec<Event> {
        self.app
            .store()
            .read(|c| -> crema::store::StoreResult<_> { crema::store::outbox::all(c) })
            .await
            .expect("the outbox")
    }

    /// Events not yet acknowledged by head office.
    pub async fn pending(&self) -> usize {
        self.app
            .store()
            .read(|c| -> crema::store::StoreResult<_> { crema::store::outbox::backlog(c) })
            .await
            .expect("the backlog")
            .0 as usize
    }

    /// Stops the server and the pusher and closes the store.
    pub async fn close(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.app.shutdown();
    }
}

/// A shop that sells `n` orders (see [`LiveShop::sell`]) and closes: its
/// outbox's events and what head office must report of them.
pub async fn sell(n: usize) -> Sold {
    let mut shop = LiveShop::open(5).await;
    let t = shop.sell(n).await;
    let events = shop.outbox().await;
    let currency = shop.currency;
    shop.close().await;
    Sold {
        events,
        orders: t.orders,
        revenue: t.revenue,
        refunds: t.refunds,
        currency,
        finals: t.finals,
        payments: t.payments,
    }
}
