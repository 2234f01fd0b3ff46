//! Shifts at the till and the Z report of a day.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn pay(t: &TestApp, token: &str, id: &str, body: Value) -> Value {
    let r = t
        .post(&format!("/api/orders/{id}/payments"), Some(token), body)
        .await;
    ok(r, StatusCode::OK).await
}

async fn ok(r: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(r.status(), status);
    r.json().await.unwrap()
}

#[tokio::test]
async fn a_shift_opens_moves_cash_and_closes_against_the_expected_cash() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let r = t.get("/api/shifts/current", Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "no_open_shift");

    let open = json!({"opening_float": eur(10_000)});
    let s = ok(
        t.post("/api/shifts", Some(&cashier), open.clone()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(s["opening_float"], eur(10_000));
    assert_eq!(s["expected_cash"], eur(10_000));
    assert!(s["closed_at"].is_null());
    let r = t.post("/api/shifts", Some(&cashier), open).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "shift_open");

    let cash = |kind: &str, amount: i64, reason: &str| json!({"kind": kind, "amount": eur(amount), "reason": reason});
    ok(
        t.post(
            "/api/shifts/current/cash",
            Some(&cashier),
            cash("in", 500, "coins from the bank"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let s = ok(
        t.post(
            "/api/shifts/current/cash",
            Some(&cashier),
            cash("out", 1_000, "to the safe"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (s["cash_in"].clone(), s["cash_out"].clone()),
        (eur(500), eur(1_000))
    );
    for bad in [
        cash("in", 0, "x"),
        cash("out", 100, " "),
        cash("sideways", 100, "x"),
    ] {
        let r = t
            .post("/api/shifts/current/cash", Some(&cashier), bad.clone())
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }

    // A cash sale of 8.40 with a 0.60 tip paid from a 10 note, a card sale,
    // and 2.00 given back in cash.
    let a = t.cakes(&cashier, 2, None).await;
    let pay = json!({"method": "cash", "amount": eur(840), "tip": eur(60), "tendered": eur(1_000)});
    ok(
        t.post(&format!("/api/orders/{a}/payments"), Some(&cashier), pay)
            .await,
        StatusCode::OK,
    )
    .await;
    let b = t.cakes(&cashier, 1, None).await;
    let card = json!({"method": "card", "amount": eur(420)});
    ok(
        t.post(&format!("/api/orders/{b}/payments"), Some(&cashier), card)
            .await,
        StatusCode::OK,
    )
    .await;
    let back = json!({"amount": eur(200), "method": "cash", "reason": "cold coffee"});
    ok(
        t.post(&format!("/api/orders/{a}/refunds"), Some(&cashier), back)
            .await,
        StatusCode::CREATED,
    )
    .await;

    // float + cash taken (amount and tip) − cash refunded + in − out
    let expected = 10_000 + 840 + 60 - 200 + 500 - 1_000;
    let s = ok(
        t.get("/api/shifts/current", Some(&cashier)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(s["expected_cash"], eur(expected));

    let close = json!({"counted_cash": eur(expected - 150)});
    let s = ok(
        t.post("/api/shifts/current/close", Some(&cashier), close.clone())
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(s["expected_cash"], eur(expected));
    assert_eq!(s["counted_cash"], eur(expected - 150));
    assert_eq!(s["difference"], eur(-150));
    assert!(s["closed_at"].is_string());
    let r = t
        .post("/api/shifts/current/close", Some(&cashier), close)
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "no_open_shift");
    assert_eq!(t.table_count("shift_closes").await, 1);

    let kitchen = t.login(KITCHEN).await;
    let r = t
        .post(
            "/api/shifts",
            Some(&kitchen),
            json!({"opening_float": eur(0)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(t.table_count("shifts").await, 1);
}

#[tokio::test]
async fn the_z_report_adds_up_the_days_money_by_the_contracts_rules() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let admin = t.login(ADMIN).await;
    ok(
        t.post(
            "/api/shifts",
            Some(&cashier),
            json!({"opening_float": eur(5_000)}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;

    // A: 8.40 by card with a 1.00 tip. B: 2 cakes with WELCOME10 (8.40 − 0.84
    // = 7.56), paid in cash. C: 4.20 paid by card, 1.20 refunded. D: placed
    // and cancelled unpaid. E: 4.20, only 1.00 paid so far.
    let a = t.cakes(&cashier, 2, None).await;
    let tipped = json!({"method": "card", "amount": eur(840), "tip": eur(100)});
    pay(&t, &cashier, &a, tipped).await;
    let b = t.cakes(&cashier, 2, Some("WELCOME10")).await;
    pay(
        &t,
        &cashier,
        &b,
        json!({"method": "cash", "amount": eur(756)}),
    )
    .await;
    let c = t.cakes(&cashier, 1, None).await;
    pay(
        &t,
        &cashier,
        &c,
        json!({"method": "card", "amount": eur(420)}),
    )
    .await;
    let back = json!({"amount": eur(120), "method": "card", "reason": "no oat milk"});
    ok(
        t.post(&format!("/api/orders/{c}/refunds"), Some(&cashier), back)
            .await,
        StatusCode::CREATED,
    )
    .await;
    let d = t.cakes(&cashier, 1, None).await;
    let cancel = json!({"status": "cancelled", "reason": "left"});
    ok(
        t.post(&format!("/api/orders/{d}/status"), Some(&cashier), cancel)
            .await,
        StatusCode::OK,
    )
    .await;
    let e = t.cakes(&cashier, 1, None).await;
    pay(
        &t,
        &cashier,
        &e,
        json!({"method": "cash", "amount": eur(100)}),
    )
    .await;

    let date = t.app.business_date(t.app.now());
    let path = format!("/api/reports/z?date={date}");
    let z = ok(t.get(&path, Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(z["business_date"], date.to_string());
    assert_eq!(z["orders"], 4, "A, B, C and E had payments: {z}");
    let paid = 840 + 756 + 420 + 100;
    assert_eq!(z["refunds"], eur(120));
    assert_eq!(z["net_sales"], eur(paid - 120));
    assert_eq!(z["discounts"], eur(84));
    assert_eq!(z["gross_sales"], eur(paid - 120 + 84 + 120));
    assert_eq!(z["tips"], eur(100));
    assert_eq!(
        z["payments"],
        json!([{"method": "card", "amount": eur(840 + 420)}, {"method": "cash", "amount": eur(756 + 100)}])
    );
    assert_eq!(z["cancelled_orders"], 1);
    assert_eq!(z["open_orders"], 1);
    assert_eq!(z["open_amount"], eur(320));
    let tax: i64 = z["tax"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["tax"]["amount"].as_i64().unwrap())
        .sum();
    let net: i64 = z["tax"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["net"]["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(
        net + tax,
        840 + 756 + 420 + 420,
        "tax per rate re-adds to the totals of the orders paid"
    );
    assert_eq!(z["shifts"].as_array().unwrap().len(), 1);
    assert_eq!(z["shifts"][0]["expected_cash"], eur(5_000 + 756 + 100));

    let r = t
        .client
        .get(t.url(&path))
        .bearer_auth(&admin)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with("section,key,value\n"), "{csv}");
    assert!(
        csv.contains(&format!(
            "sales,net_sales,{}.{:02}\n",
            (paid - 120) / 100,
            (paid - 120) % 100
        )),
        "{csv}"
    );
    assert!(csv.contains("orders,open_amount,3.20\n"), "{csv}");

    let r = t.get(&path, Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t.get("/api/reports/z?date=yesterday", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_z_report_is_a_pdf_that_any_viewer_opens() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let admin = t.login(ADMIN).await;
    ok(
        t.post(
            "/api/shifts",
            Some(&cashier),
            json!({"opening_float": eur(10_000)}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let a = t.cakes(&cashier, 3, Some("WELCOME10")).await;
    let cash =
        json!({"method": "cash", "amount": eur(1_134), "tip": eur(66), "tendered": eur(2_000)});
    pay(&t, &cashier, &a, cash).await;
    let b = t.cakes(&cashier, 2, None).await;
    pay(
        &t,
        &cashier,
        &b,
        json!({"method": "card", "amount": eur(840), "tip": eur(100)}),
    )
    .await;
    let back = json!({"amount": eur(420), "method": "card", "reason": "dropped", "lines": [{"line_no": 0, "quantity": 1}]});
    ok(
        t.post(&format!("/api/orders/{b}/refunds"), Some(&cashier), back)
            .await,
        StatusCode::CREATED,
    )
    .await;
    t.cakes(&cashier, 1, None).await;
    let close = json!({"counted_cash": eur(11_150)});
    ok(
        t.post("/api/shifts/current/close", Some(&cashier), close)
            .await,
        StatusCode::OK,
    )
    .await;

    let date = t.app.business_date(t.app.now());
    let r = t
        .client
        .get(t.url(&format!("/api/reports/z?date={date}")))
        .bearer_auth(&admin)
        .header("Accept", "application/pdf")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");

    // Rendered by poppler, as a viewer would: one page with ink on it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("z.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile"])
        .arg(&file)
        .arg(dir.path().join("z"))
        .output()
        .expect("pdftoppm (poppler-utils) is installed by make test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(dir.path().join("z.png")).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 5_000,
        "an empty page?"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Z report"), "{text}");
    assert!(text.contains("Net sales"), "{text}");
    assert!(text.contains(&format!("{date}")), "{text}");
    // docs/z-report.png in the README is made by this test:
    // `CREMA_DOCS=1 cargo test --test api the_z_report_is_a_pdf`.
    if std::env::var_os("CREMA_DOCS").is_some() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        let big = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "110", "-singlefile"])
            .arg(&file)
            .arg(docs.join("z-report"))
            .status()
            .unwrap();
        assert!(big.success());
    }
}
