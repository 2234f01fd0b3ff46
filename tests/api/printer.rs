//! Receipts and the cash drawer: a fake ESC/POS printer on 127.0.0.1
//! records what the server sends it.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

use crate::helpers::*;

/// A network receipt printer: every connection is one print job, recorded
/// when the sender closes it.
pub(crate) struct FakePrinter {
    pub(crate) port: u16,
    pub(crate) jobs: Arc<Mutex<Vec<Vec<u8>>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakePrinter {
    pub(crate) async fn start() -> FakePrinter {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        Self::on(listener)
    }

    fn on(listener: TcpListener) -> FakePrinter {
        let port = listener.local_addr().unwrap().port();
        let jobs = Arc::new(Mutex::new(Vec::new()));
        let seen = jobs.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut conn, _)) = listener.accept().await else {
                    return;
                };
                let seen = seen.clone();
                tokio::spawn(async move {
                    let mut bytes = Vec::new();
                    if conn.read_to_end(&mut bytes).await.is_ok() {
                        seen.lock().unwrap().push(bytes);
                    }
                });
            }
        });
        FakePrinter { port, jobs, task }
    }

    /// Waits (at most 30 s) until `n` jobs have arrived; returns them all.
    pub(crate) async fn wait_for_jobs(&self, n: usize) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let jobs = self.jobs.lock().unwrap().clone();
            if jobs.len() >= n {
                return jobs;
            }
            assert!(
                Instant::now() < deadline,
                "{n} print jobs expected, {} arrived",
                jobs.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for FakePrinter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What a receipt says: ESC/POS commands removed, CP858 decoded. Panics on
/// a command this decoder does not know, so stray bytes cannot hide.
pub(crate) struct Decoded {
    pub(crate) lines: Vec<String>,
    pub(crate) drawer_kick: bool,
    pub(crate) cut: bool,
}

pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let mut d = Decoded {
        lines: vec![String::new()],
        drawer_kick: false,
        cut: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        i += match (b, next) {
            (0x1B, Some(b'@')) => 2,               // initialise
            (0x1B, Some(b't' | b'a' | b'E')) => 3, // code page, justify, bold
            (0x1B, Some(b'd')) => {
                // print and feed n lines
                let n = bytes.get(i + 2).copied().unwrap_or(1).max(1);
                d.lines.extend(std::iter::repeat_n(String::new(), n.into()));
                3
            }
            (0x1D, Some(b'!')) => 3, // character size
            (0x1B, Some(b'p')) => {
                assert!(i + 5 <= bytes.len(), "ESC p takes m t1 t2");
                d.drawer_kick = true;
                5
            }
            (0x1D, Some(b'V')) => {
                d.cut = true;
                4
            }
            (0x0A, _) => {
                d.lines.push(String::new());
                1
            }
            (0x00..=0x1F | 0x7F, _) => panic!("unknown control byte {b:#04x} at {i}"),
            _ => {
                let c = match b {
                    0x20..=0x7E => b as char,
                    0xD5 => '€',
                    0x82 => 'é',
                    0x81 => 'ü',
                    0xE1 => 'ß',
                    0x8A => 'è',
                    0x85 => 'à',
                    0x94 => 'ö',
                    0x84 => 'ä',
                    0x87 => 'ç',
                    0xA4 => 'ñ',
                    0x9D => 'Ø',
                    _ => panic!("unexpected byte {b:#04x}"),
                };
                d.lines.last_mut().unwrap().push(c);
                1
            }
        };
    }
    d
}

impl Decoded {
    pub(crate) fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The line starting with `label`, which must end with `value`.
    pub(crate) fn has_row(&self, label: &str, value: &str) -> bool {
        self.lines
            .iter()
            .any(|l| l.starts_with(label) && l.ends_with(&format!(" {value}")))
    }
}

/// Money as a receipt shows euros.
pub(crate) fn eur(m: &Value) -> String {
    assert_eq!(m["currency"], "EUR");
    let a = m["amount"].as_i64().unwrap();
    format!("€{}.{:02}", a / 100, a % 100)
}

/// Saves the printer settings `settings` as `admin`.
pub(crate) async fn set_printer(t: &TestApp, admin: &str, settings: Value) {
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(admin),
            Some(settings),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

pub(crate) async fn configure(t: &TestApp, admin: &str, port: u16, width: u8) {
    let settings = json!({"host": "127.0.0.1", "port": port, "paper_width_mm": width,
                          "auto_print": true, "open_drawer_on_cash": true});
    set_printer(t, admin, settings).await;
}

/// A cappuccino with oat milk and two carrot cakes, placed by `cashier`.
pub(crate) async fn place_order(t: &TestApp, cashier: &str) -> Value {
    let cappuccino = t.item("Cappuccino").await;
    let cake = t.item("Carrot cake").await;
    let body = json!({"type": "takeaway", "lines": [
        {"item_id": cappuccino["id"], "quantity": 1, "modifier_option_ids": [
            option_id(&cappuccino, "Size", "Large"), option_id(&cappuccino, "Milk", "Oat milk")]},
        {"item_id": cake["id"], "quantity": 2},
    ]});
    let r = t.place(cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

pub(crate) async fn pay(t: &TestApp, cashier: &str, order: &Value, method: &str) -> Value {
    let total = order["total"].clone();
    let body = if method == "cash" {
        json!({"method": "cash", "amount": total,
               "tendered": {"amount": total["amount"].as_i64().unwrap() + 1000, "currency": "EUR"}})
    } else {
        json!({"method": method, "amount": total})
    };
    let r = t
        .post(
            &format!("/api/orders/{}/payments", order["id"].as_str().unwrap()),
            Some(cashier),
            body,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

pub(crate) async fn status(t: &TestApp, token: &str) -> Value {
    let r = t.get("/api/printer", Some(token)).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// Polls the printer status (at most 30 s) until `done` holds.
pub(crate) async fn wait_status(t: &TestApp, token: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let s = status(t, token).await;
        if done(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "printer status never got there: {s}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn a_paid_order_prints_its_lines_totals_and_number_and_cash_opens_the_drawer() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let printer = FakePrinter::start().await;
    configure(&t, &admin, printer.port, 58).await;

    let order = place_order(&t, &cashier).await;
    let paid = pay(&t, &cashier, &order, "cash").await;
    assert_eq!(paid["paid"], true);

    let jobs = printer.wait_for_jobs(1).await;
    let receipt = decode(&jobs[0]);
    let text = receipt.text();
    assert!(receipt.drawer_kick, "cash opens the drawer");
    assert!(receipt.cut);
    assert!(
        text.contains(&format!("Order #{}", order["number"])),
        "{text}"
    );
    assert!(text.contains("Crema Demo Café"), "{text}");
    assert!(text.contains("Kaffeestraße 1, 10115 Berlin"), "{text}");
    let cappuccino = &order["lines"][0];
    assert!(receipt.has_row("1 x Cappuccino", &eur(&cappuccino["line_total"])));
    assert!(text.contains("   + Large"));
    assert!(text.contains("   + Oat milk"));
    assert!(receipt.has_row("2 x Carrot cake", &eur(&order["lines"][1]["line_total"])));
    assert!(receipt.has_row("Subtotal", &eur(&order["subtotal"])));
    assert!(receipt.has_row("TOTAL", &eur(&order["total"])));
    assert!(receipt.has_row("incl. tax 10 %", &eur(&order["tax"])));
    assert!(receipt.has_row("Cash", &eur(&order["total"])));
    assert!(receipt.has_row("  Change", &eur(&paid["change_due"])));
    assert_eq!(paid["change_due"]["amount"], 1000);
    assert!(text.contains("Thank you!"));
    for line in &receipt.lines {
        assert!(
            line.chars().count() <= 32,
            "{line:?} is wider than 58 mm paper"
        );
    }

    // Card: a receipt, no drawer.
    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "card").await;
    let jobs = printer.wait_for_jobs(2).await;
    let receipt = decode(&jobs[1]);
    assert!(!receipt.drawer_kick, "card does not open the drawer");
    assert!(receipt
        .text()
        .contains(&format!("Order #{}", order["number"])));
    assert!(receipt.has_row("Card", &eur(&order["total"])));
    assert!(!receipt.text().contains("Change"));

    let s = wait_status(&t, &cashier, |s| s["pending"] == json!([])).await;
    assert_eq!(s["online"], true);
    assert_eq!(s["configured"], true);
    assert_eq!(s["last_error"], Value::Null);
}

#[tokio::test]
async fn with_the_printer_down_the_sale_completes_and_the_receipt_prints_when_it_returns() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    // A port with nothing listening.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    configure(&t, &admin, port, 80).await;

    let started = Instant::now();
    let order = place_order(&t, &cashier).await;
    let paid = pay(&t, &cashier, &order, "cash").await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the sale waited for the printer"
    );
    assert_eq!(paid["paid"], true);
    let fetched: Value = t
        .get(
            &format!("/api/orders/{}", order["id"].as_str().unwrap()),
            Some(&cashier),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fetched["paid"], true);

    let s = wait_status(&t, &cashier, |s| {
        s["pending"][0]["attempts"].as_u64().unwrap_or(0) >= 2
    })
    .await;
    assert_eq!(s["online"], false);
    assert!(s["last_error"].as_str().is_some_and(|e| !e.is_empty()));
    // The same as a code the counter words in its language.
    let codes = ["no_answer", "cannot_connect", "stalled", "send_failed"];
    assert!(codes.iter().any(|c| s["last_error_code"] == *c), "{s}");
    let job = &s["pending"][0];
    assert_eq!(job["kind"], "receipt");
    assert_eq!(job["order_number"], order["number"]);
    assert_eq!(job["order_id"], order["id"]);
    assert!(job["last_error"].as_str().is_some());
    assert_eq!(job["last_error_code"], s["last_error_code"]);
    assert_eq!(s["pending"].as_array().unwrap().len(), 1);

    // The printer comes back on the same port: the queued receipt arrives
    // by itself at the next retry.
    let printer = FakePrinter::on(TcpListener::bind(("127.0.0.1", port)).await.unwrap());
    let jobs = printer.wait_for_jobs(1).await;
    let receipt = decode(&jobs[0]);
    assert!(receipt
        .text()
        .contains(&format!("Order #{}", order["number"])));
    assert!(receipt.has_row("TOTAL", &eur(&order["total"])));
    assert!(receipt.drawer_kick);
    let s = wait_status(&t, &cashier, |s| s["pending"] == json!([])).await;
    assert_eq!(s["online"], true);
    assert_eq!(s["last_error"], Value::Null);
    assert_eq!(printer.jobs.lock().unwrap().len(), 1, "printed once");
}

#[tokio::test]
async fn test_page_reprint_and_drawer_go_to_the_printer() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let printer = FakePrinter::start().await;
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(&admin),
            Some(
                json!({"host": "127.0.0.1", "port": printer.port, "paper_width_mm": 80,
                        "auto_print": false, "open_drawer_on_cash": false}),
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let r = t.post("/api/printer/test", Some(&admin), json!({})).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["kind"], "test");
    assert_eq!(job["attempts"], 0);
    let page = decode(&printer.wait_for_jobs(1).await[0]);
    assert!(page.text().contains("PRINTER TEST PAGE"));
    assert!(page.text().contains("é è à ü ö ä ß ç ñ Ø"));
    assert!(page.text().contains("€1234.56"));
    assert!(page
        .lines
        .iter()
        .any(|l| l == &"1234567890".repeat(5)[..48]));

    // auto_print and the drawer are off: paying prints nothing.
    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "cash").await;
    let id = order["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/receipt"),
            Some(&cashier),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["kind"], "receipt");
    assert_eq!(job["order_number"], order["number"]);
    let jobs = printer.wait_for_jobs(2).await;
    assert_eq!(jobs.len(), 2, "only the reprint after the test page");
    let reprint = decode(&jobs[1]);
    assert!(reprint
        .text()
        .contains(&format!("Order #{}", order["number"])));
    assert!(!reprint.drawer_kick, "a reprint does not open the drawer");

    let r = t
        .post("/api/printer/drawer", Some(&cashier), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let kick = decode(&printer.wait_for_jobs(3).await[2]);
    assert!(kick.drawer_kick);
    assert!(!kick.cut);
    assert!(kick.lines.iter().all(|l| l.is_empty()), "nothing printed");

    let r = t
        .post("/api/printer/retry", Some(&cashier), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["configured"], true);
}

#[tokio::test]
async fn without_a_printer_printing_is_refused_and_sales_go_on() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let s = status(&t, &cashier).await;
    assert_eq!(
        s,
        json!({"configured": false, "online": null, "pending": [], "last_error": null})
    );
    let settings: Value = t
        .get("/api/printer/settings", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        settings,
        json!({"host": "", "port": 9100, "paper_width_mm": 80, "auto_print": true,
               "open_drawer_on_cash": true})
    );

    let r = t.post("/api/printer/test", Some(&admin), json!({})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "printer_not_configured");
    let r = t
        .post("/api/printer/drawer", Some(&cashier), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "printer_not_configured");

    let order = place_order(&t, &cashier).await;
    assert_eq!(pay(&t, &cashier, &order, "cash").await["paid"], true);
    let id = order["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/receipt"),
            Some(&cashier),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "printer_not_configured");
    assert_eq!(status(&t, &cashier).await["pending"], json!([]));

    for path in [
        "/api/orders/0190a0a0-0000-7000-8000-000000000000/receipt",
        "/api/orders/not-a-uuid/receipt",
    ] {
        let r = t.post(path, Some(&cashier), json!({})).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(error_code(r).await, "not_found");
    }
}

#[tokio::test]
async fn printer_settings_are_validated_and_nothing_is_saved_when_wrong() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let good = json!({"host": "192.168.1.50", "port": 9100, "paper_width_mm": 58,
                      "auto_print": true, "open_drawer_on_cash": false});
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(&admin),
            Some(good.clone()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap(), good);

    let mut bad = Vec::new();
    for (field, value) in [
        ("host", json!("http://192.168.1.50")),
        ("host", json!("192.168.1.50:9100")),
        ("host", json!("the printer")),
        ("port", json!(0)),
        ("port", json!(70000)),
        ("port", json!("9100")),
        ("paper_width_mm", json!(72)),
        ("auto_print", json!("yes")),
    ] {
        let mut body = good.clone();
        body[field] = value;
        bad.push(body);
    }
    let mut unknown = good.clone();
    unknown["ip"] = json!("10.0.0.1");
    bad.push(unknown);
    for body in bad {
        let r = t
            .send(
                Method::PUT,
                "/api/printer/settings",
                Some(&admin),
                Some(body.clone()),
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
        let e = error_of(r).await;
        // An unknown field is a malformed request; a bad value names its field.
        let code = e["code"].as_str().unwrap().to_string();
        assert!(
            code == "invalid_request" || e["params"]["field"].is_string(),
            "{body}: {e}"
        );
    }
    let now: Value = t
        .get("/api/printer/settings", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now, good);

    // Saved in the store: a restarted app reads them back.
    let stored = crema::app::printing::settings(&t.app, &crema::app::Actor::System)
        .await
        .unwrap();
    assert_eq!(stored.host, "192.168.1.50");
    assert_eq!(stored.paper_width_mm, 58);
    let reopened = crema::app::printing::PrinterSettings::from_map(
        &t.app
            .store()
            .read(crema::store::settings::all)
            .await
            .unwrap(),
    );
    assert_eq!(reopened, stored);

    // An empty host turns network printing off.
    let mut off = good.clone();
    off["host"] = json!("  ");
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(&admin),
            Some(off),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["host"], "");
    assert_eq!(status(&t, &admin).await["configured"], false);
}

#[tokio::test]
async fn only_the_counter_staff_see_the_printer_and_only_admins_set_it_up() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let customer = t.register_customer("cleo@example.com").await;
    let customer = customer["access_token"].as_str().unwrap().to_string();
    let code: Value = t
        .post(
            "/api/devices/pairing-codes",
            Some(&admin),
            json!({"name": "Window tablet"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let kiosk: Value = t
        .post("/api/devices/pair", None, json!({"code": code["code"]}))
        .await
        .json()
        .await
        .unwrap();
    let kiosk = kiosk["access_token"].as_str().unwrap().to_string();
    let settings = json!({"host": "10.0.0.9", "port": 9100, "paper_width_mm": 80,
                          "auto_print": true, "open_drawer_on_cash": true});
    let order = place_order(&t, &cashier).await;
    let receipt = format!("/api/orders/{}/receipt", order["id"].as_str().unwrap());

    let calls: Vec<(Method, &str, Option<Value>)> = vec![
        (Method::GET, "/api/printer", None),
        (Method::GET, "/api/printer/settings", None),
        (Method::PUT, "/api/printer/settings", Some(settings.clone())),
        (Method::POST, "/api/printer/test", Some(json!({}))),
        (Method::POST, "/api/printer/retry", Some(json!({}))),
        (Method::POST, "/api/printer/drawer", Some(json!({}))),
        (Method::POST, &receipt, Some(json!({}))),
    ];
    for (method, path, body) in &calls {
        let r = t.send(method.clone(), path, None, body.clone()).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        assert!(r.headers().contains_key("www-authenticate"));
        for token in [&kitchen, &kiosk, &customer] {
            let r = t
                .send(method.clone(), path, Some(token), body.clone())
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(error_code(r).await, "forbidden");
        }
    }
    // Cashiers see the printer and reprint, but do not set it up.
    for (method, path, body) in &calls[1..4] {
        let r = t
            .send(method.clone(), path, Some(&cashier), body.clone())
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "cashier {method} {path}");
    }
    assert_eq!(
        t.get("/api/printer", Some(&cashier)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        t.post("/api/printer/retry", Some(&cashier), json!({}))
            .await
            .status(),
        StatusCode::ACCEPTED
    );
    // Nothing was changed by the refused calls.
    let s: Value = t
        .get("/api/printer/settings", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["host"], "");
}

#[tokio::test]
async fn a_receipt_waiting_for_the_printer_survives_a_restart() {
    use crema::app::{demo, orders, printing, Actor, App};
    use crema::config::Config;

    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let number = {
        let app = App::open(dir.path(), Config::default()).unwrap();
        demo::load(&app, &Actor::System).await.unwrap();
        let settings = serde_json::from_value(json!({
            "host": "127.0.0.1", "port": port, "paper_width_mm": 80,
            "auto_print": true, "open_drawer_on_cash": true
        }))
        .unwrap();
        printing::update_settings(&app, &Actor::System, settings)
            .await
            .unwrap();
        let menu = crema::app::menu::get(&app).await.unwrap();
        let item = menu
            .view
            .categories
            .iter()
            .flat_map(|c| &c.items)
            .find(|i| i.available && i.modifier_groups.is_empty())
            .unwrap()
            .clone();
        let placed = orders::place(
            &app,
            &Actor::System,
            serde_json::from_value(simple_order(&item.id.to_string(), 2)).unwrap(),
            None,
        )
        .await
        .unwrap()
        .order;
        let paid = orders::pay(
            &app,
            &Actor::System,
            placed.id,
            orders::PaymentRequest {
                method: crema::domain::order::PaymentMethod::Card,
                amount: placed.total,
                tendered: None,
                tip: None,
            },
            None,
        )
        .await
        .unwrap();
        assert!(paid.paid);
        // Kept in the store with the payment, while the printer is off.
        let kept = app.store().read(crema::store::printing::all).await.unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].1, placed.id);
        // And one left over from two days ago, no longer wanted.
        let stale = uuid::Uuid::now_v7();
        let long_ago = chrono::Utc::now() - chrono::Duration::days(2);
        app.store()
            .write(move |c| crema::store::printing::insert(c, stale, placed.id, long_ago))
            .await
            .unwrap();
        app.shutdown();
        placed.number
    };

    // The shop reopens; the printer is back.
    let printer = FakePrinter::on(TcpListener::bind(("127.0.0.1", port)).await.unwrap());
    let app = App::open(dir.path(), Config::default()).unwrap();
    printing::resume(&app).await.unwrap();
    printing::resume(&app).await.unwrap(); // once only
    let jobs = printer.wait_for_jobs(1).await;
    let receipt = decode(&jobs[0]);
    assert!(receipt.text().contains(&format!("Order #{number}")));
    assert!(!receipt.drawer_kick, "no late drawer kick after a restart");

    // Printed: the job is gone from the store, and it printed once.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let kept = app.store().read(crema::store::printing::all).await.unwrap();
        if kept.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the printed job stays kept");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(printer.jobs.lock().unwrap().len(), 1);
    app.shutdown();
}
