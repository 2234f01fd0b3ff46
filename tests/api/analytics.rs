use std::collections::HashMap;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_summary_equals_what_the_orders_add_up_to() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let admin = t.login(ADMIN).await;
    let cake = t.item("Carrot cake").await;
    let brownie = t.item("Brownie").await;
    let espresso = t.item("Espresso").await;
    let shot = option_id(&espresso, "Extra shot", "Extra shot");

    let regular = t.register_customer("regular@example.com").await;
    let regular_t = regular["access_token"].as_str().unwrap();
    let bodies = vec![
        (
            None,
            json!({"lines": [{"item_id": cake["id"], "quantity": 2}, {"item_id": espresso["id"], "quantity": 1, "modifier_option_ids": [shot]}], "type": "takeaway", "coupon_code": "WELCOME10"}),
        ),
        (
            None,
            json!({"lines": [{"item_id": brownie["id"], "quantity": 3}], "type": "dine_in", "table": "2"}),
        ),
        (
            None,
            json!({"lines": [{"item_id": espresso["id"], "quantity": 4}], "type": "takeaway"}),
        ),
        (
            Some(regular_t),
            json!({"lines": [{"item_id": cake["id"], "quantity": 1}], "type": "takeaway"}),
        ),
        (
            Some(regular_t),
            json!({"lines": [{"item_id": brownie["id"], "quantity": 1}], "type": "takeaway", "coupon_code": "WELCOME10"}),
        ),
    ];
    let mut orders = Vec::new();
    for (i, (who, body)) in bodies.into_iter().enumerate() {
        let token = who.unwrap_or(&cashier);
        let r = t.place(token, Some(&format!("a-{i}")), body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        orders.push(r.json::<Value>().await.unwrap());
    }
    // a cancelled order never counts
    let extra: Value = t
        .place(
            &cashier,
            None,
            simple_order(cake["id"].as_str().unwrap(), 9),
        )
        .await
        .json()
        .await
        .unwrap();
    let r = t
        .post(
            &format!("/api/orders/{}/status", extra["id"].as_str().unwrap()),
            Some(&cashier),
            json!({"status": "cancelled", "reason": "test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Sales follow the money: the five orders are paid (one of them partly
    // refunded); an order still unpaid is not a sale.
    for o in &orders {
        let r = t
            .post(
                &format!("/api/orders/{}/payments", o["id"].as_str().unwrap()),
                Some(&cashier),
                json!({"method": "card", "amount": o["total"], "tip": {"amount": 50, "currency": "EUR"}}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let r = t
        .post(
            &format!("/api/orders/{}/refunds", orders[0]["id"].as_str().unwrap()),
            Some(&cashier),
            json!({"amount": {"amount": 100, "currency": "EUR"}, "method": "card", "reason": "cold"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let unpaid = t
        .place(
            &cashier,
            None,
            simple_order(cake["id"].as_str().unwrap(), 7),
        )
        .await;
    assert_eq!(unpaid.status(), StatusCode::CREATED);

    let revenue: i64 = orders
        .iter()
        .map(|o| o["total"]["amount"].as_i64().unwrap())
        .sum::<i64>()
        - 100;
    let discounts: i64 = orders
        .iter()
        .map(|o| o["discount"]["amount"].as_i64().unwrap())
        .sum();
    assert!(discounts > 0);
    let mut qty: HashMap<String, i64> = HashMap::new();
    for o in &orders {
        for l in o["lines"].as_array().unwrap() {
            *qty.entry(l["name"].as_str().unwrap().to_string())
                .or_default() += l["quantity"].as_i64().unwrap();
        }
    }

    let today = chrono::Utc::now().date_naive();
    let r = t
        .get(
            &format!("/api/analytics/summary?from={today}&to={today}"),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["orders"], 5);
    assert_eq!(s["revenue"], json!({"amount": revenue, "currency": "EUR"}));
    assert_eq!(s["discounts"]["amount"], discounts);
    let avg = (2 * revenue + 5) / 10; // revenue / 5, halves up
    assert_eq!(s["average_ticket"]["amount"], avg);
    let top: Vec<(String, i64)> = s["top_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["quantity"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(top.len(), qty.len());
    for (name, q) in &top {
        assert_eq!(qty[name], *q, "{name}");
    }
    assert_eq!(top[0], ("Espresso".to_string(), 5));
    let hours = s["by_hour"].as_array().unwrap();
    assert_eq!(hours.len(), 24);
    assert_eq!(
        hours
            .iter()
            .map(|h| h["orders"].as_i64().unwrap())
            .sum::<i64>(),
        5
    );
    assert_eq!(
        hours
            .iter()
            .map(|h| h["revenue"]["amount"].as_i64().unwrap())
            .sum::<i64>(),
        revenue
    );
    assert_eq!(s["returning_customers"], 1);

    // The Z report of the day agrees with the dashboard to the cent.
    let z: Value = t
        .get(&format!("/api/reports/z?date={today}"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(z["net_sales"], s["revenue"]);
    assert_eq!(z["orders"], s["orders"]);
    assert_eq!(z["discounts"], s["discounts"]);

    // a range without orders
    let r = t
        .get(
            "/api/analytics/summary?from=2020-01-01&to=2020-01-31",
            Some(&admin),
        )
        .await;
    let empty: Value = r.json().await.unwrap();
    assert_eq!(empty["orders"], 0);
    assert_eq!(empty["average_ticket"]["amount"], 0);
}

#[tokio::test]
async fn the_summary_is_for_admins_and_checks_its_range() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let admin = t.login(ADMIN).await;
    let r = t
        .get(
            "/api/analytics/summary?from=2026-01-01&to=2026-01-02",
            Some(&cashier),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t
        .get(
            "/api/analytics/summary?from=2026-01-02&to=2026-01-01",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .get(
            "/api/analytics/summary?from=yesterday&to=2026-01-01",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(r).await, "invalid_request");
    let r = t.get("/api/analytics/summary", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}
