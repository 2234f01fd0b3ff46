//! Placing orders: the server's prices, coupons, modifiers, quantities,
//! unavailable and unknown items, idempotency keys, ticket numbers, quotes.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_server_prices_the_order_and_ignores_client_prices() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let latte = t.item("Latte").await;
    let large = option_id(&latte, "Size", "Large");
    let oat = option_id(&latte, "Milk", "Oat milk");
    let vanilla = option_id(&latte, "Syrups", "Vanilla");
    let cake = t.item("Carrot cake").await;

    let r = t
        .place(
            &token,
            None,
            json!({
                "lines": [
                    {"item_id": latte["id"], "quantity": 2, "modifier_option_ids": [large, oat, vanilla],
                     "unit_price": {"amount": 1, "currency": "EUR"}, "note": "extra hot"},
                    {"item_id": cake["id"], "quantity": 1, "price": {"amount": 0, "currency": "EUR"}}
                ],
                "type": "dine_in", "table": "7",
                "total": {"amount": 1, "currency": "EUR"}
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    // Latte 3.80 + large 0.80 + oat 0.40 + vanilla 0.50 = 5.50, x2 = 11.00; cake 4.20
    assert_eq!(
        o["lines"][0]["unit_price"],
        json!({"amount": 380, "currency": "EUR"})
    );
    assert_eq!(
        o["lines"][0]["line_total"],
        json!({"amount": 1100, "currency": "EUR"})
    );
    assert_eq!(o["lines"][0]["modifiers"].as_array().unwrap().len(), 3);
    assert_eq!(o["lines"][0]["note"], "extra hot");
    assert_eq!(o["lines"][1]["line_total"]["amount"], 420);
    assert_eq!(o["subtotal"]["amount"], 1520);
    assert_eq!(o["discount"]["amount"], 0);
    // 10 % VAT included: 1520 * 10 / 110 = 138.18 -> 138
    assert_eq!(o["tax"]["amount"], 138);
    assert_eq!(o["total"]["amount"], 1520);
    assert_eq!(o["status"], "placed");
    assert_eq!(o["type"], "dine_in");
    assert_eq!(o["table"], "7");
    assert_eq!(o["channel"], "counter");
    assert_eq!(o["paid"], false);
    assert_eq!(o["number"], 1);
    assert!(o["created_at"].as_str().unwrap().ends_with('Z'));

    let again: Value = t
        .get(
            &format!("/api/orders/{}", o["id"].as_str().unwrap()),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, o, "what was answered is what was stored");
}

#[tokio::test]
async fn welcome10_takes_ten_percent() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 3);
    body["coupon_code"] = json!("welcome10");
    let o: Value = t.place(&token, None, body).await.json().await.unwrap();
    assert_eq!(o["subtotal"]["amount"], 1260);
    assert_eq!(o["discount"]["amount"], 126);
    assert_eq!(o["total"]["amount"], 1134);
    assert_eq!(o["coupon_code"], "WELCOME10");
}

#[tokio::test]
async fn a_bad_coupon_is_422_and_writes_nothing() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["coupon_code"] = json!("NOPE2024");
    let r = t.place(&token, None, body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "coupon_invalid");
    assert_eq!(t.order_count().await, 0);
    assert_eq!(t.table_count("order_lines").await, 0);
}

#[tokio::test]
async fn modifier_min_and_max_are_enforced() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let latte = t.item("Latte").await;
    let id = latte["id"].clone();
    // Size and Milk are required (min 1)
    let r = t
        .place(
            &token,
            None,
            json!({"lines": [{"item_id": id, "quantity": 1}], "type": "takeaway"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "invalid_modifiers");
    // Size takes at most one
    let both = [
        option_id(&latte, "Size", "Regular"),
        option_id(&latte, "Size", "Large"),
        option_id(&latte, "Milk", "Soy milk"),
    ];
    let r = t
        .place(&token, None, json!({"lines": [{"item_id": id, "quantity": 1, "modifier_option_ids": both}], "type": "takeaway"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // an option of another item
    let cap = t.item("Cappuccino").await;
    let foreign = [
        option_id(&cap, "Size", "Regular"),
        option_id(&latte, "Milk", "Soy milk"),
    ];
    let r = t
        .place(&token, None, json!({"lines": [{"item_id": id, "quantity": 1, "modifier_option_ids": foreign}], "type": "takeaway"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.order_count().await, 0);
    // a valid choice
    let ok = [
        option_id(&latte, "Size", "Regular"),
        option_id(&latte, "Milk", "Soy milk"),
    ];
    let r = t
        .place(&token, None, json!({"lines": [{"item_id": id, "quantity": 1, "modifier_option_ids": ok}], "type": "takeaway"}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn quantity_must_be_between_1_and_99() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let id = cake["id"].as_str().unwrap();
    for q in [0, -1, 100] {
        let r = t.place(&token, None, simple_order(id, q)).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "quantity {q}");
        let e = error_of(r).await;
        assert_eq!(e["code"], "quantity_out_of_range");
        assert_eq!(e["params"]["min"], 1);
        assert_eq!(e["params"]["max"], 99);
    }
    for q in [1, 99] {
        assert_eq!(
            t.place(&token, None, simple_order(id, q)).await.status(),
            StatusCode::CREATED,
            "quantity {q}"
        );
    }
    assert_eq!(t.order_count().await, 2);
}

#[tokio::test]
async fn an_unavailable_item_is_409_and_nothing_is_written() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let tonic = t.item("Espresso tonic").await;
    assert_eq!(tonic["available"], false);
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(
            &token,
            None,
            json!({"lines": [{"item_id": cake["id"], "quantity": 1}, {"item_id": tonic["id"], "quantity": 1}], "type": "takeaway"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "item_unavailable");
    assert_eq!(t.order_count().await, 0);
    assert_eq!(t.table_count("order_lines").await, 0);
}

#[tokio::test]
async fn unknown_items_and_empty_orders_are_refused() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let r = t
        .place(
            &token,
            None,
            simple_order("01939f7a-0000-7000-8000-000000000000", 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "unknown_item");
    let r = t
        .place(&token, None, json!({"lines": [], "type": "takeaway"}))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["table"] = json!("4");
    let r = t.place(&token, None, body).await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "a table on a takeaway order"
    );
    assert_eq!(t.order_count().await, 0);
}

#[tokio::test]
async fn the_same_idempotency_key_returns_the_same_order() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let body = simple_order(cake["id"].as_str().unwrap(), 2);
    let first = t.place(&token, Some("tab-1-0001"), body.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let second = t.place(&token, Some("tab-1-0001"), body.clone()).await;
    assert_eq!(second.status(), StatusCode::OK);
    let second: Value = second.json().await.unwrap();
    assert_eq!(first["id"], second["id"]);
    assert_eq!(first["number"], second["number"]);
    assert_eq!(t.order_count().await, 1);

    let other = simple_order(cake["id"].as_str().unwrap(), 3);
    let r = t.place(&token, Some("tab-1-0001"), other).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "idempotency_conflict");
    assert_eq!(t.order_count().await, 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_create_one_order() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let body = simple_order(cake["id"].as_str().unwrap(), 1);
    let futs = (0..8).map(|_| t.place(&token, Some("flaky-wifi-42"), body.clone()));
    let results = futures_util::future::join_all(futs).await;
    let mut ids = std::collections::HashSet::new();
    let mut created = 0;
    for r in results {
        if r.status() == StatusCode::CREATED {
            created += 1;
        } else {
            assert_eq!(r.status(), StatusCode::OK);
        }
        let o: Value = r.json().await.unwrap();
        ids.insert(o["id"].as_str().unwrap().to_string());
    }
    assert_eq!(created, 1);
    assert_eq!(ids.len(), 1);
    assert_eq!(t.order_count().await, 1);
}

#[tokio::test]
async fn kiosks_and_customers_must_send_an_idempotency_key() {
    let t = spawn_app().await;
    let customer = t.register_customer("cleo@example.com").await;
    let token = customer["access_token"].as_str().unwrap();
    let cake = t.item("Carrot cake").await;
    let body = simple_order(cake["id"].as_str().unwrap(), 1);
    let r = t.place(token, None, body.clone()).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t.place(token, Some("cleo-1"), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["channel"], "customer");
    assert!(o["customer_id"].is_string());
}

#[tokio::test]
async fn ticket_numbers_count_up() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let mut numbers = Vec::new();
    for _ in 0..3 {
        let o: Value = t
            .place(&token, None, simple_order(cake["id"].as_str().unwrap(), 1))
            .await
            .json()
            .await
            .unwrap();
        numbers.push(o["number"].as_i64().unwrap());
    }
    assert_eq!(numbers, vec![1, 2, 3]);
}

#[tokio::test]
async fn a_quote_prices_like_placing_and_writes_nothing() {
    let t = spawn_app().await;
    let kiosk_like = t.register_customer("q@example.com").await;
    let token = kiosk_like["access_token"].as_str().unwrap();
    let latte = t.item("Latte").await;
    let ok = [
        option_id(&latte, "Size", "Large"),
        option_id(&latte, "Milk", "Oat milk"),
    ];
    let mut body = json!({"lines": [{"item_id": latte["id"], "quantity": 2, "modifier_option_ids": ok}],
                          "type": "takeaway", "coupon_code": "welcome10"});
    let r = t.post("/api/orders/quote", Some(token), body.clone()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let q: Value = r.json().await.unwrap();
    assert_eq!(q["subtotal"]["amount"], 1000);
    assert_eq!(q["discount"]["amount"], 100);
    assert_eq!(q["total"]["amount"], 900);
    assert_eq!(q["coupon_code"], "WELCOME10");
    assert_eq!(t.order_count().await, 0);
    let placed: Value = t
        .place(token, Some("q-1"), body.clone())
        .await
        .json()
        .await
        .unwrap();
    for k in ["subtotal", "discount", "tax", "total", "lines"] {
        assert_eq!(placed[k], q[k], "{k}");
    }
    body["coupon_code"] = json!("NOSUCH");
    let r = t.post("/api/orders/quote", Some(token), body.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "coupon_invalid");
    let r = t.post("/api/orders/quote", None, body).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(t.order_count().await, 1);
}
