use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_counter_finds_regulars_by_name_phone_or_email_with_their_visits() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let r = t
        .post(
            "/api/customers",
            Some(&cashier),
            json!({"name": "Mia Regular", "phone": "+49 170 1234567"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mia: Value = r.json().await.unwrap();
    assert_eq!(mia["visits"], 0);
    assert_eq!(mia["regular"], false);
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["customer_id"] = mia["id"].clone();
    let mut spent = 0;
    for _ in 0..5 {
        let o: Value = t
            .place(&cashier, None, body.clone())
            .await
            .json()
            .await
            .unwrap();
        spent += o["total"]["amount"].as_i64().unwrap();
    }
    t.register_customer("zoe@example.com").await;

    for q in ["mia", "1701234", "REGULAR"] {
        let r = t
            .get(&format!("/api/customers?q={q}"), Some(&cashier))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let list: Value = r.json().await.unwrap();
        let found = list["customers"].as_array().unwrap();
        assert_eq!(found.len(), 1, "{q}");
        assert_eq!(found[0]["visits"], 5);
        assert_eq!(found[0]["total_spent"]["amount"], spent);
        assert_eq!(
            found[0]["regular"], true,
            "5 visits make a regular by default"
        );
        assert!(found[0]["last_visit"].is_string());
    }
    let list: Value = t
        .get("/api/customers?q=zoe%40example", Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["customers"][0]["has_account"], true);
    let all: Value = t
        .get("/api/customers", Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["customers"].as_array().unwrap().len(), 2);
    assert_eq!(
        all["customers"][0]["name"], "Mia Regular",
        "recent visitors first"
    );
    let kitchen = t.login(KITCHEN).await;
    assert_eq!(
        t.get("/api/customers?q=mia", Some(&kitchen)).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = t
        .post("/api/customers", Some(&cashier), json!({"name": ""}))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn customers_see_their_order_history() {
    let t = spawn_app().await;
    let cleo = t.register_customer("cleo@example.com").await;
    let token = cleo["access_token"].as_str().unwrap();
    let cake = t.item("Carrot cake").await;
    for i in 0..3 {
        let r = t
            .place(
                token,
                Some(&format!("h{i}")),
                simple_order(cake["id"].as_str().unwrap(), i + 1),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let cashier = t.login(CASHIER).await;
    t.place(
        &cashier,
        None,
        simple_order(cake["id"].as_str().unwrap(), 1),
    )
    .await;
    let r = t.get("/api/customers/me/orders", Some(token)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let list: Value = r.json().await.unwrap();
    let qty: Vec<i64> = list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["lines"][0]["quantity"].as_i64().unwrap())
        .collect();
    assert_eq!(qty, vec![3, 2, 1], "newest first, only theirs");
    assert_eq!(
        t.get("/api/customers/me/orders", Some(&cashier))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn settings_are_public_to_read_and_admin_only_to_change() {
    let t = spawn_app().await;
    let s: Value = t.get("/api/settings", None).await.json().await.unwrap();
    assert_eq!(s["currency"], "EUR");
    assert_eq!(s["tax_mode"], "inclusive");
    assert_eq!(s["tax_rate_bps"], 1000);
    let mut changed = s.clone();
    changed["shop_name"] = json!("Kaffeebar Nord");
    changed["tax_mode"] = json!("exclusive");
    changed["ticket_amber_minutes"] = json!(4);
    let cashier = t.login(CASHIER).await;
    assert_eq!(
        t.send(
            Method::PUT,
            "/api/settings",
            Some(&cashier),
            Some(changed.clone())
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    let admin = t.login(ADMIN).await;
    let r = t
        .send(
            Method::PUT,
            "/api/settings",
            Some(&admin),
            Some(changed.clone()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let now: Value = t.get("/api/settings", None).await.json().await.unwrap();
    assert_eq!(now, changed);
    // exclusive tax now adds 10 % on top
    let cake = t.item("Carrot cake").await;
    let o: Value = t
        .place(
            &cashier,
            None,
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(o["tax"]["amount"], 42);
    assert_eq!(o["total"]["amount"], 462);
    // the currency is locked once orders exist
    let mut usd = changed.clone();
    usd["currency"] = json!("USD");
    let r = t
        .send(Method::PUT, "/api/settings", Some(&admin), Some(usd))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "currency_locked");
    let mut bad = changed.clone();
    bad["ticket_red_minutes"] = json!(2);
    assert_eq!(
        t.send(Method::PUT, "/api/settings", Some(&admin), Some(bad))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn orders_export_as_csv_for_the_range() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let admin = t.login(ADMIN).await;
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 2);
    body["coupon_code"] = json!("WELCOME10");
    let o: Value = t.place(&cashier, None, body).await.json().await.unwrap();
    t.post(
        &format!("/api/orders/{}/payments", o["id"].as_str().unwrap()),
        Some(&cashier),
        json!({"method": "card", "amount": o["total"]}),
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    let r = t
        .get(
            &format!("/api/analytics/orders.csv?from={today}&to={today}"),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("number,created_at"));
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(cells[0], "1");
    assert_eq!(
        &cells[8..14],
        &["8.40", "0.84", "0.69", "7.56", "EUR", "true"]
    );
    assert_eq!(cells[14], "card");
    assert_eq!(cells[15], "WELCOME10");
    assert_eq!(
        t.get(
            &format!("/api/analytics/orders.csv?from={today}&to={today}"),
            Some(&cashier)
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );

    let s: Value = t
        .get(
            &format!("/api/analytics/summary?from={today}&to={today}"),
            Some(&admin),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["by_day"].as_array().unwrap().len(), 1);
    assert_eq!(s["by_day"][0]["revenue"]["amount"], 756);
    assert_eq!(s["payment_methods"][0]["method"], "card");
    assert_eq!(s["payment_methods"][0]["amount"]["amount"], 756);
}
