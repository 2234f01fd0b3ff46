//! One scenario — sign in, place, move, pay, forbidden and invalid moves —
//! run through the Tauri commands (tauri's mock runtime, as the counter's
//! web view calls them) and through the HTTP API, over two stores seeded
//! identically with the same clock and ids. Both must answer the same data
//! and the same errors.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Timelike, Utc};
use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App, Clock, IdGen};
use crema::config::{Config, Secret};
use crema::domain::user::Role;
use crema_desktop::{with_commands, Desktop};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

/// One instant for both stores. It is the real time of the test run:
/// token expiry is checked against the system clock.
struct FixedClock(DateTime<Utc>);
impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

struct SeqIds(AtomicU64);
impl IdGen for SeqIds {
    fn new_id(&self) -> uuid::Uuid {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 | u128::from(n))
    }
}

/// A store with the demo café and staff, the same on every call.
fn seeded(dir: &std::path::Path, now: DateTime<Utc>) -> App {
    let config = Config {
        jwt_secret: Some(Secret::new("parity-test-secret-of-at-least-32-bytes")),
        rate_limit_per_minute: 1_000_000,
        auth_rate_limit_per_minute: 1_000_000,
        ..Config::default()
    };
    let app = App::open_with(
        dir,
        config,
        Box::new(FixedClock(now)),
        Box::new(SeqIds(AtomicU64::new(1))),
    )
    .expect("open");
    tauri::async_runtime::block_on(async {
        demo::load(&app, &Actor::System).await.expect("demo");
        for (name, role, pw) in [
            ("carl", Role::Cashier, "cashier-pass-1"),
            ("kim", Role::Kitchen, "kitchen-pass-1"),
        ] {
            users::create_staff(
                &app,
                &Actor::System,
                name,
                role,
                Credential::Password(pw.into()),
            )
            .await
            .expect("staff");
        }
    });
    app
}

/// One call: a command name and its arguments, as the web client sends them.
/// The answer is `Ok(body)` or `Err((status, code, message))`.
type Answer = Result<Value, (u16, String, String)>;

trait Transport {
    fn call(&self, cmd: &str, args: Value) -> Answer;
}

struct Ipc {
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
    _app: tauri::App<tauri::test::MockRuntime>,
}

impl Ipc {
    fn new(app: App) -> Self {
        let tauri_app = with_commands(mock_builder())
            .build(mock_context(noop_assets()))
            .expect("mock app");
        tauri_app.manage(Desktop::new(app, Arc::new(|_| {}), None));
        let window = WebviewWindowBuilder::new(&tauri_app, "main", Default::default())
            .build()
            .expect("window");
        Ipc {
            window,
            _app: tauri_app,
        }
    }
}

impl Transport for Ipc {
    fn call(&self, cmd: &str, args: Value) -> Answer {
        let res = get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        );
        match res {
            Ok(body) => Ok(body.deserialize::<Value>().unwrap_or(Value::Null)),
            Err(e) => Err((
                e["status"].as_u64().unwrap_or(0) as u16,
                e["code"].as_str().unwrap_or("").to_string(),
                e["message"].as_str().unwrap_or("").to_string(),
            )),
        }
    }
}

struct Http {
    addr: SocketAddr,
    client: reqwest::Client,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Http {
    fn new(app: App) -> Self {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let addr = tauri::async_runtime::block_on(async {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = l.local_addr().unwrap();
            tauri::async_runtime::spawn(crema::http::serve(app, l, async {
                let _ = stopped.await;
            }));
            addr
        });
        Http {
            addr,
            client: reqwest::Client::new(),
            _stop: stop,
        }
    }
}

impl Transport for Http {
    /// The same call, as the web client's fetch transport makes it.
    fn call(&self, cmd: &str, args: Value) -> Answer {
        let token = args["token"].as_str().map(str::to_string);
        let (method, path, body) = match cmd {
            "login" => (
                "POST",
                "/api/auth/login".to_string(),
                Some(args["body"].clone()),
            ),
            "get_menu" => ("GET", "/api/menu".to_string(), None),
            "place_order" => (
                "POST",
                "/api/orders".to_string(),
                Some(args["body"].clone()),
            ),
            "get_order" => (
                "GET",
                format!("/api/orders/{}", args["id"].as_str().unwrap()),
                None,
            ),
            "set_order_status" => (
                "POST",
                format!("/api/orders/{}/status", args["id"].as_str().unwrap()),
                Some(args["change"].clone()),
            ),
            "add_payment" => (
                "POST",
                format!("/api/orders/{}/payments", args["id"].as_str().unwrap()),
                Some(args["payment"].clone()),
            ),
            "list_orders" => {
                let statuses: Vec<&str> = args["statuses"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                (
                    "GET",
                    format!("/api/orders?status={}", statuses.join(",")),
                    None,
                )
            }
            "list_users" => ("GET", "/api/users".to_string(), None),
            "station_printer_status" => ("GET", "/api/printer/stations/status".to_string(), None),
            "update_station_printer" => (
                "PUT",
                format!(
                    "/api/printer/stations/{}",
                    args["station"].as_str().unwrap()
                ),
                Some(args["printer"].clone()),
            ),
            "customer_loyalty" => (
                "GET",
                format!("/api/customers/{}/loyalty", args["id"].as_str().unwrap()),
                None,
            ),
            other => panic!("no HTTP mapping for {other}"),
        };
        let url = format!("http://{}{}", self.addr, path);
        tauri::async_runtime::block_on(async {
            let mut req = self.client.request(method.parse().unwrap(), url);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            if let Some(key) = args["idempotencyKey"].as_str() {
                req = req.header("Idempotency-Key", key);
            }
            if let Some(b) = body {
                req = req.json(&b);
            }
            let res = req.send().await.expect("request");
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            let v: Value = if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap()
            };
            if status < 300 {
                Ok(v)
            } else {
                Err((
                    status,
                    v["error"]["code"].as_str().unwrap_or("").to_string(),
                    v["error"]["message"].as_str().unwrap_or("").to_string(),
                ))
            }
        })
    }
}

/// Runs the scenario and records every answer (refresh tokens, random by
/// design, are left out).
fn scenario(t: &dyn Transport) -> Vec<(&'static str, Answer)> {
    let mut log = Vec::new();
    let mut record = |step: &'static str, a: Answer| {
        let mut a = a;
        if let Ok(v) = &mut a {
            if let Some(o) = v.as_object_mut() {
                o.remove("refresh_token");
            }
        }
        log.push((step, a.clone()));
        a
    };
    let token = |a: &Answer| {
        a.as_ref().unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let bad = record(
        "login with a wrong password",
        t.call(
            "login",
            json!({"body": {"username": "carl", "password": "nope-nope"}}),
        ),
    );
    assert!(bad.is_err());
    let cashier = token(&record(
        "cashier logs in",
        t.call(
            "login",
            json!({"body": {"username": "carl", "password": "cashier-pass-1"}}),
        ),
    ));
    let kitchen = token(&record(
        "kitchen logs in",
        t.call(
            "login",
            json!({"body": {"username": "kim", "password": "kitchen-pass-1"}}),
        ),
    ));

    let menu = record("menu", t.call("get_menu", json!({}))).unwrap();
    let items: Vec<&Value> = menu["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .collect();
    let latte = items.iter().find(|i| i["name"] == "Latte").expect("latte");
    // Every required choice, plus one optional extra: a real modifier.
    let mut options: Vec<Value> = Vec::new();
    for g in latte["modifier_groups"].as_array().unwrap() {
        let min = g["min"].as_u64().unwrap() as usize;
        let take = if options.is_empty() { min.max(1) } else { min };
        let opts = g["options"].as_array().unwrap();
        options.extend(opts.iter().rev().take(take).map(|o| o["id"].clone()));
    }
    let croissant = items
        .iter()
        .find(|i| i["modifier_groups"].as_array().unwrap().is_empty() && i["available"] == true)
        .expect("a plain item");
    let body = json!({
        "type": "takeaway",
        "lines": [
            {"item_id": latte["id"], "quantity": 2, "modifier_option_ids": options},
            {"item_id": croissant["id"], "quantity": 1}
        ],
        "coupon_code": "WELCOME10"
    });

    let _ = record(
        "placing without signing in",
        t.call(
            "place_order",
            json!({"token": null, "body": body, "idempotencyKey": "k-1"}),
        ),
    );
    let order = record(
        "cashier places an order",
        t.call(
            "place_order",
            json!({"token": cashier, "body": body, "idempotencyKey": "k-1"}),
        ),
    )
    .unwrap();
    let id = order["id"].as_str().unwrap().to_string();
    let _ = record(
        "the same key again gives the same order",
        t.call(
            "place_order",
            json!({"token": cashier, "body": body, "idempotencyKey": "k-1"}),
        ),
    );
    let _ = record(
        "kitchen starts it",
        t.call(
            "set_order_status",
            json!({"token": kitchen, "id": id, "change": {"status": "in_progress"}}),
        ),
    );
    let _ = record(
        "kitchen may not take payments",
        t.call(
            "add_payment",
            json!({"token": kitchen, "id": id,
            "payment": {"method": "cash", "amount": order["total"]}}),
        ),
    );
    let _ = record(
        "kitchen may not list staff",
        t.call("list_users", json!({"token": kitchen})),
    );
    let _ = record(
        "kitchen marks it ready",
        t.call(
            "set_order_status",
            json!({"token": kitchen, "id": id, "change": {"status": "ready"}}),
        ),
    );
    let _ = record(
        "ready cannot go back to placed",
        t.call(
            "set_order_status",
            json!({"token": cashier, "id": id, "change": {"status": "placed"}}),
        ),
    );
    let total = order["total"]["amount"].as_i64().unwrap();
    let currency = order["total"]["currency"].clone();
    let _ = record(
        "cashier takes cash with change",
        t.call(
            "add_payment",
            json!({"token": cashier, "id": id, "payment": {
                "method": "cash",
                "amount": {"amount": total, "currency": currency},
                "tendered": {"amount": (total / 500 + 1) * 500, "currency": currency}
            }}),
        ),
    );
    let _ = record(
        "an unknown order",
        t.call("get_order", json!({"token": cashier, "id": "not-an-id"})),
    );
    let _ = record(
        "the board's list",
        t.call(
            "list_orders",
            json!({"token": kitchen, "statuses": ["ready", "in_progress", "placed"]}),
        ),
    );
    let _ = record(
        "the order afterwards",
        t.call("get_order", json!({"token": cashier, "id": id})),
    );
    let _ = record(
        "the kitchen sees the station printers (none)",
        t.call("station_printer_status", json!({"token": kitchen})),
    );
    let _ = record(
        "a cashier may not set a station's printer",
        t.call(
            "update_station_printer",
            json!({"token": cashier, "station": "bar",
                   "printer": {"host": "10.0.0.7", "port": 9100, "paper_width_mm": 80}}),
        ),
    );
    let _ = record(
        "no loyalty for an unknown customer",
        t.call(
            "customer_loyalty",
            json!({"token": cashier, "id": "01900000-0000-7000-8000-00000000ffff"}),
        ),
    );
    log
}

#[test]
fn commands_and_http_answer_the_same() {
    let http_dir = tempfile::tempdir().unwrap();
    let ipc_dir = tempfile::tempdir().unwrap();
    let now = Utc::now().with_nanosecond(0).unwrap();
    let http = Http::new(seeded(http_dir.path(), now));
    let ipc = Ipc::new(seeded(ipc_dir.path(), now));

    let over_http = scenario(&http);
    let over_ipc = scenario(&ipc);

    assert_eq!(over_http.len(), over_ipc.len());
    for ((step, h), (_, i)) in over_http.iter().zip(&over_ipc) {
        if *step == "a bad status" {
            // The parser's wording differs between the transports; the
            // answer does not.
            let (h, i) = (h.as_ref().unwrap_err(), i.as_ref().unwrap_err());
            assert_eq!((h.0, &h.1), (i.0, &i.1), "{h:?} vs {i:?}");
            assert_eq!((i.0, i.1.as_str()), (400, "invalid_request"));
            continue;
        }
        assert_eq!(
            h, i,
            "step {step:?} differs between HTTP and the Tauri commands"
        );
    }
    // The scenario holds what it claims: real successes and real refusals.
    let by_step = |name: &str| &over_ipc.iter().find(|(s, _)| *s == name).unwrap().1;
    assert_eq!(
        by_step("login with a wrong password")
            .as_ref()
            .unwrap_err()
            .0,
        401
    );
    assert_eq!(
        by_step("placing without signing in")
            .as_ref()
            .unwrap_err()
            .0,
        401
    );
    let forbidden = by_step("kitchen may not take payments")
        .as_ref()
        .unwrap_err();
    assert_eq!((forbidden.0, forbidden.1.as_str()), (403, "forbidden"));
    assert_eq!(
        by_step("kitchen may not list staff")
            .as_ref()
            .unwrap_err()
            .0,
        403
    );
    let invalid = by_step("ready cannot go back to placed")
        .as_ref()
        .unwrap_err();
    assert_eq!((invalid.0, invalid.1.as_str()), (409, "invalid_transition"));
    assert_eq!(by_step("an unknown order").as_ref().unwrap_err().0, 404);
    let paid = by_step("cashier takes cash with change").as_ref().unwrap();
    assert_eq!(paid["paid"], true, "{paid}");
    assert!(paid["change_due"]["amount"].as_i64().unwrap() > 0, "{paid}");
    let placed = by_step("cashier places an order").as_ref().unwrap();
    assert_eq!(placed["lines"].as_array().unwrap().len(), 2);
    assert_eq!(
        placed,
        by_step("the same key again gives the same order")
            .as_ref()
            .unwrap()
    );
}
