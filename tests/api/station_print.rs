//! Station tickets: when an order reaches the kitchen, each station with a
//! printer gets a ticket with only its own lines, through its own queue, so
//! one printer being down holds up neither the receipts nor the other
//! stations.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::helpers::*;
use crate::printer_support::{configure, decode, pay, place_order, Decoded, FakePrinter};

/// Sets `station`'s printer to 127.0.0.1:`port` as `admin`.
pub(crate) async fn set_station(t: &TestApp, admin: &str, station: &str, port: u16) {
    let body = json!({"host": "127.0.0.1", "port": port, "paper_width_mm": 80});
    let r = t
        .send(
            Method::PUT,
            &format!("/api/printer/stations/{station}"),
            Some(admin),
            Some(body),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{:?}", r.text().await);
}

/// A port nothing listens on (a printer that is off).
async fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().port()
}

/// The one ticket `printer` got, decoded.
async fn one_ticket(printer: &FakePrinter) -> Decoded {
    let jobs = printer.wait_for_jobs(1).await;
    assert_eq!(jobs.len(), 1, "one ticket");
    decode(&jobs[0])
}

fn has_line(d: &Decoded, line: &str) -> bool {
    d.lines.iter().any(|l| l == line)
}

/// A green tea (bar) and an avocado toast (kitchen) with a note, takeaway.
async fn tea_and_toast(t: &TestApp, cashier: &str) -> Value {
    let tea = t.item("Green tea").await;
    let toast = t.item("Avocado toast").await;
    let body = json!({"type": "takeaway", "lines": [
        {"item_id": tea["id"], "quantity": 2},
        {"item_id": toast["id"], "quantity": 1, "note": "no chili"},
    ]});
    let r = t.place(cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

#[tokio::test]
async fn each_station_printer_gets_only_its_lines_and_the_receipt_printer_the_receipt() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let (receipts, bar, kitchen) = (
        FakePrinter::start().await,
        FakePrinter::start().await,
        FakePrinter::start().await,
    );
    configure(&t, &admin, receipts.port, 80).await;
    set_station(&t, &admin, "bar", bar.port).await;
    set_station(&t, &admin, "kitchen", kitchen.port).await;

    // A cappuccino with oat milk (bar) and two carrot cakes (kitchen).
    let order = place_order(&t, &cashier).await;
    let number = order["number"].as_i64().unwrap();
    let b = one_ticket(&bar).await;
    assert!(has_line(&b, "BAR"), "{}", b.text());
    assert!(has_line(&b, &format!("#{number}")), "{}", b.text());
    assert!(has_line(&b, "Takeaway"), "{}", b.text());
    assert!(has_line(&b, "1 x Cappuccino"), "{}", b.text());
    assert!(has_line(&b, "   + Oat milk"), "{}", b.text());
    assert!(
        b.lines.iter().any(|l| l.starts_with("Ready about ")),
        "{}",
        b.text()
    );
    assert!(!b.text().contains("Carrot"), "{}", b.text());
    assert!(!b.text().contains('€'), "no prices: {}", b.text());
    assert!(b.cut && !b.drawer_kick);
    let k = one_ticket(&kitchen).await;
    assert!(has_line(&k, "KITCHEN"), "{}", k.text());
    assert!(has_line(&k, "2 x Carrot cake"), "{}", k.text());
    assert!(!k.text().contains("Cappuccino"), "{}", k.text());
    // Nothing goes to the receipt printer before the payment.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(receipts.jobs.lock().unwrap().is_empty());
    pay(&t, &cashier, &order, "card").await;
    let r = decode(&receipts.wait_for_jobs(1).await[0]);
    assert!(
        r.text().contains(&format!("Order #{number}")),
        "{}",
        r.text()
    );
    assert!(r.text().contains("Cappuccino") && r.text().contains("Carrot cake"));
    assert!(
        r.lines.iter().any(|l| l.starts_with("Ready about ")),
        "the receipt tells when: {}",
        r.text()
    );
    // Paying printed no ticket again.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bar.jobs.lock().unwrap().len(), 1);
    assert_eq!(kitchen.jobs.lock().unwrap().len(), 1);

    // The kitchen's printer removed: its station gets nothing; the bar
    // goes on.
    let r = t
        .send(
            Method::PUT,
            "/api/printer/stations/kitchen",
            Some(&admin),
            Some(json!({"host": ""})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let view: Value = r.json().await.unwrap();
    assert_eq!(view["printer"]["host"], "");
    assert_eq!(view["status"]["configured"], false);
    let second = tea_and_toast(&t, &cashier).await;
    let jobs = bar.wait_for_jobs(2).await;
    let b2 = decode(&jobs[1]);
    assert!(
        has_line(&b2, &format!("#{}", second["number"])),
        "{}",
        b2.text()
    );
    assert!(has_line(&b2, "2 x Green tea"), "{}", b2.text());
    assert!(!b2.text().contains("Avocado"), "{}", b2.text());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        kitchen.jobs.lock().unwrap().len(),
        1,
        "no printer, no ticket"
    );
    assert_eq!(receipts.jobs.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_guest_order_waiting_for_accept_prints_its_ticket_once_accepted() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let bar = FakePrinter::start().await;
    set_station(&t, &admin, "bar", bar.port).await;
    let mut settings: Value = t.get("/api/settings", None).await.json().await.unwrap();
    settings["guest_orders_need_accept"] = json!(true);
    let r = t
        .send(Method::PUT, "/api/settings", Some(&admin), Some(settings))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = t
        .post("/api/tables", Some(&admin), json!({"name": "12"}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let table: Value = r.json().await.unwrap();
    let code = table["code"].as_str().unwrap();
    let r = t
        .post(&format!("/api/tables/{code}/session"), None, json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let session: Value = r.json().await.unwrap();
    let guest = session["access_token"].as_str().unwrap();
    let tea = t.item("Green tea").await;
    let body = json!({"type": "dine_in", "lines": [{"item_id": tea["id"], "quantity": 1}]});
    let r = t.place(guest, Some("guest-1"), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["awaiting_accept"], true);

    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(
        bar.jobs.lock().unwrap().is_empty(),
        "no ticket while the order waits for staff"
    );
    let r = t
        .post(
            &format!("/api/orders/{}/accept", order["id"].as_str().unwrap()),
            Some(&cashier),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let b = one_ticket(&bar).await;
    assert!(
        has_line(&b, &format!("#{}", order["number"])),
        "{}",
        b.text()
    );
    assert!(has_line(&b, "Table 12"), "{}", b.text());
    assert!(has_line(&b, "1 x Green tea"), "{}", b.text());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bar.jobs.lock().unwrap().len(), 1, "one ticket only");
}

async fn station_status(t: &TestApp, token: &str, station: &str) -> Value {
    let r = t.get("/api/printer/stations/status", Some(token)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let all: Value = r.json().await.unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|s| s["station"] == station)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn the_bar_printer_down_holds_up_neither_the_kitchen_nor_the_receipt() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let kitchen_login = t.login(KITCHEN).await;
    let (receipts, kitchen) = (FakePrinter::start().await, FakePrinter::start().await);
    let bar_port = dead_port().await;
    configure(&t, &admin, receipts.port, 58).await;
    set_station(&t, &admin, "bar", bar_port).await;
    set_station(&t, &admin, "kitchen", kitchen.port).await;

    let order = tea_and_toast(&t, &cashier).await;
    pay(&t, &cashier, &order, "cash").await;
    let k = one_ticket(&kitchen).await;
    assert!(has_line(&k, "1 x Avocado toast"), "{}", k.text());
    assert!(has_line(&k, "   \"no chili\""), "{}", k.text());
    let r = decode(&receipts.wait_for_jobs(1).await[0]);
    assert!(r.text().contains(&format!("Order #{}", order["number"])));

    // The bar's ticket waits, tried again and again; admins hear which
    // printer is offline.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let s = loop {
        let s = station_status(&t, &kitchen_login, "bar").await;
        if s["online"] == false && s["pending"].as_array().is_some_and(|p| p.len() == 1) {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "bar never offline: {s}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(s["pending"][0]["kind"], "station_ticket");
    assert_eq!(s["pending"][0]["order_id"], order["id"]);
    assert_eq!(s["last_error_code"], "cannot_connect");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let inbox: Value = t
            .get("/api/notifications", Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        let offline: Vec<&Value> = inbox["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "printer_offline")
            .collect();
        if let Some(n) = offline.first() {
            assert_eq!(offline.len(), 1, "{offline:?}");
            assert_eq!(n["params"]["station"], "bar", "{n}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no notification");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The receipt printer and the kitchen are fine.
    let receipt_status: Value = t
        .get("/api/printer", Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(receipt_status["online"], true);
    assert_eq!(
        station_status(&t, &kitchen_login, "kitchen").await["online"],
        true
    );

    // The bar's printer comes back: its ticket prints, once.
    let bar = FakePrinter::on(TcpListener::bind(("127.0.0.1", bar_port)).await.unwrap());
    let r = t
        .post("/api/printer/retry", Some(&cashier), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let b = one_ticket(&bar).await;
    assert!(has_line(&b, "2 x Green tea"), "{}", b.text());
    assert!(!b.text().contains("Avocado"), "{}", b.text());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while station_status(&t, &kitchen_login, "bar").await["online"] != true {
        assert!(std::time::Instant::now() < deadline, "bar never back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bar.jobs.lock().unwrap().len(), 1);
    assert_eq!(kitchen.jobs.lock().unwrap().len(), 1);
    assert_eq!(receipts.jobs.lock().unwrap().len(), 1);
}
