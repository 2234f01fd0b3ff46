//! Money on paper: refund slips (after a refund and reprinted), the Z report
//! of a day and the open shift's X report, read back from a fake ESC/POS
//! printer on 127.0.0.1.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::printer_support::{
    configure, decode, eur, pay, place_order, set_printer, status, wait_status, Decoded,
    FakePrinter,
};

fn money(amount: i64) -> Value {
    json!({"amount": amount, "currency": "EUR"})
}

/// `POST /api/orders/{id}/refunds` with an optional Idempotency-Key.
async fn refund_keyed(
    t: &TestApp,
    token: &str,
    order: &Value,
    key: Option<&str>,
    body: Value,
) -> (StatusCode, Value) {
    let id = order["id"].as_str().unwrap();
    let mut req = t
        .client
        .post(t.url(&format!("/api/orders/{id}/refunds")))
        .bearer_auth(token)
        .json(&body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    let r = req.send().await.expect("request");
    (r.status(), r.json().await.unwrap())
}

async fn refund(t: &TestApp, token: &str, order: &Value, body: Value) -> Value {
    let (status, order) = refund_keyed(t, token, order, None, body).await;
    assert_eq!(status, StatusCode::CREATED, "{order}");
    order
}

async fn open_shift(t: &TestApp, cashier: &str, float: Value) {
    let r = t
        .post(
            "/api/shifts",
            Some(cashier),
            json!({"opening_float": float}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

/// The demo café with an admin, a cashier and a 58 mm printer that prints
/// on its own.
async fn with_printer() -> (TestApp, String, String, FakePrinter) {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let printer = FakePrinter::start().await;
    configure(&t, &admin, printer.port, 58).await;
    (t, admin, cashier, printer)
}

/// `POST path` answered 202 with a job of `kind`.
async fn queued(t: &TestApp, token: &str, path: &str, kind: &str) -> Value {
    let r = t.post(path, Some(token), json!({})).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED, "{path}");
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["kind"], kind);
    assert_eq!(job["attempts"], 0);
    job
}

fn fits(doc: &Decoded, columns: usize) {
    for line in &doc.lines {
        assert!(
            line.chars().count() <= columns,
            "{line:?} wider than {columns}"
        );
    }
}

fn slip_path(order: &Value, refund: &Value) -> String {
    format!(
        "/api/orders/{}/refunds/{}/slip",
        order["id"].as_str().unwrap(),
        refund["id"].as_str().unwrap()
    )
}

#[tokio::test]
async fn a_refund_prints_its_slip_once_and_it_can_be_reprinted() {
    let (t, _admin, cashier, printer) = with_printer().await;

    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "card").await;
    printer.wait_for_jobs(1).await; // the receipt
    let cake = &order["lines"][1];
    let body = json!({"amount": cake["unit_price"], "method": "cash", "reason": "the cake was dry",
                      "lines": [{"line_no": 1, "quantity": 1}]});
    let (created, refunded) = refund_keyed(&t, &cashier, &order, Some("r-1"), body.clone()).await;
    assert_eq!(created, StatusCode::CREATED);
    let the_refund = &refunded["refunds"][0];

    let slip = decode(&printer.wait_for_jobs(2).await[1]);
    let text = slip.text();
    assert!(text.contains("REFUND"), "{text}");
    assert!(
        text.contains(&format!("Order #{}", order["number"])),
        "{text}"
    );
    assert!(text.contains("Crema Demo Café"), "{text}");
    assert!(text.contains("1 x Carrot cake"), "{text}");
    assert!(
        slip.has_row("REFUNDED", &eur(&cake["unit_price"])),
        "{text}"
    );
    assert!(slip.has_row("Method", "Cash"), "{text}");
    assert!(text.contains("Reason: the cake was dry"), "{text}");
    assert!(!text.contains("Approved"), "{text}");
    assert!(slip.cut);
    assert!(!slip.drawer_kick);
    fits(&slip, 32);

    // The same request again is a replay: no second refund, no second slip.
    let (replayed, _) = refund_keyed(&t, &cashier, &order, Some("r-1"), body).await;
    assert_eq!(replayed, StatusCode::OK);
    let job = queued(&t, &cashier, &slip_path(&order, the_refund), "refund_slip").await;
    assert_eq!(job["order_id"], order["id"]);
    assert_eq!(job["order_number"], order["number"]);
    let jobs = printer.wait_for_jobs(3).await;
    assert_eq!(
        decode(&jobs[2]).text(),
        text,
        "the reprint is the same slip"
    );
    wait_status(&t, &cashier, |s| s["pending"] == json!([])).await;
    assert_eq!(printer.jobs.lock().unwrap().len(), 3, "one slip per refund");

    // A cashier's refund above the limit, approved by an admin, says so.
    let cakes = t.item("Carrot cake").await;
    let r = t
        .place(
            &cashier,
            None,
            simple_order(cakes["id"].as_str().unwrap(), 6),
        )
        .await;
    let big: Value = r.json().await.unwrap();
    pay(&t, &cashier, &big, "card").await;
    let (user, password) = ADMIN;
    let body = json!({"amount": money(2100), "method": "card", "reason": "spilt",
                      "approval": {"username": user, "password": password}});
    refund(&t, &cashier, &big, body).await;
    let slip = decode(&printer.wait_for_jobs(5).await[4]);
    assert!(
        slip.text().contains("Approved by an admin"),
        "{}",
        slip.text()
    );
    assert!(slip.has_row("REFUNDED", "€21.00"));
    assert!(slip.has_row("Method", "Card"));
    assert!(
        !slip.text().contains(" x "),
        "a refund by amount lists no lines"
    );
}

#[tokio::test]
async fn without_auto_print_a_refund_prints_nothing_until_asked() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let printer = FakePrinter::start().await;
    let settings = json!({"host": "127.0.0.1", "port": printer.port, "paper_width_mm": 80,
                          "auto_print": false, "open_drawer_on_cash": false});
    set_printer(&t, &admin, settings).await;
    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "cash").await;
    let body = json!({"amount": money(100), "method": "cash", "reason": "too sweet"});
    let refunded = refund(&t, &cashier, &order, body).await;

    queued(
        &t,
        &admin,
        &slip_path(&order, &refunded["refunds"][0]),
        "refund_slip",
    )
    .await;
    let jobs = printer.wait_for_jobs(1).await;
    let slip = decode(&jobs[0]);
    assert!(
        slip.text().contains("REFUND"),
        "the first job is the reprint"
    );
    assert!(slip.has_row("REFUNDED", "€1.00"));
    assert!(slip.text().contains("Reason: too sweet"));
    fits(&slip, 48);
    wait_status(&t, &cashier, |s| s["pending"] == json!([])).await;
    assert_eq!(printer.jobs.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn the_x_report_and_the_z_report_print_their_key_figures() {
    let (t, admin, cashier, printer) = with_printer().await;

    open_shift(&t, &cashier, money(10_000)).await;
    let cash_in = json!({"kind": "in", "amount": money(500), "reason": "change from the bank"});
    let r = t
        .post("/api/shifts/current/cash", Some(&cashier), cash_in)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "cash").await;
    let body = json!({"amount": money(200), "method": "cash", "reason": "cold coffee"});
    refund(&t, &cashier, &order, body).await;
    printer.wait_for_jobs(2).await; // the receipt and the slip

    let shift: Value = t
        .get("/api/shifts/current", Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    queued(&t, &cashier, "/api/shifts/current/print", "report").await;
    let x = decode(&printer.wait_for_jobs(3).await[2]);
    let text = x.text();
    assert!(text.contains("X REPORT"), "{text}");
    assert!(text.contains("Opened "), "{text}");
    assert!(x.has_row("Opening float", "€100.00"), "{text}");
    assert!(x.has_row("Cash taken", &eur(&order["total"])), "{text}");
    assert!(x.has_row("Cash refunded", "€2.00"), "{text}");
    assert!(x.has_row("Cash in", "€5.00"), "{text}");
    assert!(x.has_row("Cash out", "€0.00"), "{text}");
    assert!(
        x.has_row("Expected cash", &eur(&shift["expected_cash"])),
        "{text}"
    );
    assert!(x.cut && !x.drawer_kick);
    fits(&x, 32);
    // Printing it closes nothing.
    let r = t.get("/api/shifts/current", Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::OK);

    let date = t.app.business_date(t.app.now());
    let z: Value = t
        .get(&format!("/api/reports/z?date={date}"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/reports/z/print?date={date}");
    queued(&t, &admin, &path, "report").await;
    let printed = decode(&printer.wait_for_jobs(4).await[3]);
    let text = printed.text();
    assert!(text.contains("Z REPORT"), "{text}");
    assert!(text.contains(&format!("Business day {date}")), "{text}");
    assert!(printed.has_row("Orders paid", "1"), "{text}");
    for key in ["gross_sales", "refunds", "net_sales", "discounts"] {
        assert!(text.contains(&eur(&z[key])), "{key} {} in {text}", z[key]);
    }
    assert!(
        printed.has_row("Net sales", &eur(&z["net_sales"])),
        "{text}"
    );
    assert!(printed.has_row("Refunds", "€2.00"), "{text}");
    assert!(
        printed.has_row("Cash", &eur(&z["payments"][0]["amount"])),
        "{text}"
    );
    assert!(
        text.contains("Shift 1") && text.contains("Still open"),
        "{text}"
    );
    assert!(printed.has_row("Expected cash", &eur(&shift["expected_cash"])));
    fits(&printed, 32);
    let s = wait_status(&t, &admin, |s| s["pending"] == json!([])).await;
    assert_eq!(s["online"], true);
}

#[tokio::test]
async fn printing_money_needs_a_printer_an_open_shift_and_the_right_role() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let date = t.app.business_date(t.app.now());
    let z_print = format!("/api/reports/z/print?date={date}");
    let x_print = "/api/shifts/current/print";

    // No printer: the refund goes through, printing is refused.
    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "card").await;
    let body = json!({"amount": money(100), "method": "card", "reason": "late"});
    let refunded = refund(&t, &cashier, &order, body).await;
    let slip = slip_path(&order, &refunded["refunds"][0]);
    assert_eq!(status(&t, &cashier).await["pending"], json!([]));
    let r = t.post(x_print, Some(&cashier), json!({})).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "no_open_shift");
    open_shift(&t, &cashier, money(0)).await;
    for (path, token) in [
        (&slip, &cashier),
        (&z_print, &admin),
        (&x_print.to_string(), &cashier),
    ] {
        let r = t.post(path, Some(token), json!({})).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{path}");
        assert_eq!(error_code(r).await, "printer_not_configured");
    }

    // Unknown orders and refunds.
    let id = order["id"].as_str().unwrap();
    let nobody = "0190a0a0-0000-7000-8000-000000000000";
    for path in [
        format!("/api/orders/{id}/refunds/{nobody}/slip"),
        format!("/api/orders/{id}/refunds/not-a-uuid/slip"),
        format!(
            "/api/orders/{nobody}/refunds/{}/slip",
            refunded["refunds"][0]["id"].as_str().unwrap()
        ),
    ] {
        let r = t.post(&path, Some(&cashier), json!({})).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(error_code(r).await, "not_found");
    }
    let r = t
        .post(
            "/api/reports/z/print?date=yesterday",
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // Who may: the kitchen nothing, a cashier not the Z report.
    for path in [&slip, &z_print, &x_print.to_string()] {
        let r = t.post(path, None, json!({})).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
        let r = t.post(path, Some(&kitchen), json!({})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(error_code(r).await, "forbidden");
    }
    let r = t.post(&z_print, Some(&cashier), json!({})).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "forbidden");
}
