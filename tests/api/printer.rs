//! Receipts and the cash drawer: what the server sends a (fake) ESC/POS
//! printer for a sale, a reprint, a test page, and with the printer down.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::printer_support::{
    configure, decode, eur, pay, place_order, status, wait_status, FakePrinter,
};
use tokio::net::TcpListener;

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
