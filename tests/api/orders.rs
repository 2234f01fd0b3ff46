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

async fn place_one(t: &TestApp, token: &str) -> Value {
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(token, None, simple_order(cake["id"].as_str().unwrap(), 2))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

async fn move_to(t: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    t.post(&format!("/api/orders/{id}/status"), Some(token), body)
        .await
}

#[tokio::test]
async fn the_kitchen_moves_orders_along_the_state_machine() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let o = place_one(&t, &cashier).await;
    let id = o["id"].as_str().unwrap();

    let r = move_to(&t, &kitchen, id, json!({"status": "ready"})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "invalid_transition");

    for s in ["in_progress", "ready", "completed"] {
        let r = move_to(&t, &kitchen, id, json!({"status": s})).await;
        assert_eq!(r.status(), StatusCode::OK, "to {s}");
        let o: Value = r.json().await.unwrap();
        assert_eq!(o["status"], s);
    }
    let r = move_to(&t, &cashier, id, json!({"status": "placed"})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = move_to(
        &t,
        &cashier,
        id,
        json!({"status": "cancelled", "reason": "oops"}),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "a completed order cannot be cancelled"
    );
}

#[tokio::test]
async fn only_cashiers_and_admins_cancel_and_only_with_a_reason() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let o = place_one(&t, &cashier).await;
    let id = o["id"].as_str().unwrap();
    let r = move_to(
        &t,
        &kitchen,
        id,
        json!({"status": "cancelled", "reason": "no milk"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "forbidden");
    let r = move_to(&t, &cashier, id, json!({"status": "cancelled"})).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = move_to(
        &t,
        &cashier,
        id,
        json!({"status": "cancelled", "reason": "customer left"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["status"], "cancelled");
    assert_eq!(o["cancel_reason"], "customer left");
    let r = move_to(&t, &cashier, id, json!({"status": "in_progress"})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "cancelled is terminal");
}

#[tokio::test]
async fn cash_payment_returns_the_change() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let o = place_one(&t, &cashier).await; // 2 x 4.20 = 8.40
    let id = o["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/payments"),
            Some(&cashier),
            json!({"method": "cash", "amount": {"amount": 840, "currency": "EUR"}, "tendered": {"amount": 2000, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let paid: Value = r.json().await.unwrap();
    assert_eq!(paid["paid"], true);
    assert_eq!(
        paid["change_due"],
        json!({"amount": 1160, "currency": "EUR"})
    );
    assert_eq!(paid["payments"].as_array().unwrap().len(), 1);
    assert_eq!(paid["payments"][0]["method"], "cash");
    // already paid
    let r = t
        .post(
            &format!("/api/orders/{id}/payments"),
            Some(&cashier),
            json!({"method": "card", "amount": {"amount": 1, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "already_paid");
}

#[tokio::test]
async fn split_payments_and_bad_payments() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let o = place_one(&t, &cashier).await; // 8.40
    let path = format!("/api/orders/{}/payments", o["id"].as_str().unwrap());
    let eur = |a: i64| json!({"amount": a, "currency": "EUR"});
    let r = t
        .post(
            &path,
            Some(&kitchen),
            json!({"method": "card", "amount": eur(840)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t
        .post(
            &path,
            Some(&cashier),
            json!({"method": "card", "amount": eur(900)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "more than owed");
    let r = t
        .post(
            &path,
            Some(&cashier),
            json!({"method": "cash", "amount": eur(500), "tendered": eur(400)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "tendered below amount");
    let r = t
        .post(
            &path,
            Some(&cashier),
            json!({"method": "card", "amount": {"amount": 840, "currency": "USD"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "wrong currency");
    assert_eq!(t.table_count("payments").await, 0);
    let r = t
        .post(
            &path,
            Some(&cashier),
            json!({"method": "card", "amount": eur(340)}),
        )
        .await;
    let partly: Value = r.json().await.unwrap();
    assert_eq!(partly["paid"], false);
    let r = t
        .post(
            &path,
            Some(&cashier),
            json!({"method": "cash", "amount": eur(500), "tendered": eur(500)}),
        )
        .await;
    let full: Value = r.json().await.unwrap();
    assert_eq!(full["paid"], true);
    assert_eq!(full["change_due"]["amount"], 0);
}

#[tokio::test]
async fn orders_are_listed_by_status_oldest_first() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let a = place_one(&t, &cashier).await;
    let b = place_one(&t, &cashier).await;
    let c = place_one(&t, &cashier).await;
    move_to(
        &t,
        &kitchen,
        a["id"].as_str().unwrap(),
        json!({"status": "in_progress"}),
    )
    .await;
    move_to(
        &t,
        &cashier,
        c["id"].as_str().unwrap(),
        json!({"status": "cancelled", "reason": "test"}),
    )
    .await;
    let r = t
        .get(
            "/api/orders?status=placed,in_progress,ready",
            Some(&kitchen),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let list: Value = r.json().await.unwrap();
    let ids: Vec<&str> = list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![a["id"].as_str().unwrap(), b["id"].as_str().unwrap()]
    );
    let list: Value = t
        .get("/api/orders?status=cancelled", Some(&kitchen))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["orders"].as_array().unwrap().len(), 1);
    let r = t.get("/api/orders?status=bogus", Some(&kitchen)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn customers_read_only_their_own_orders() {
    let t = spawn_app().await;
    let cleo = t.register_customer("cleo@example.com").await;
    let dan = t.register_customer("dan@example.com").await;
    let cleo_t = cleo["access_token"].as_str().unwrap();
    let dan_t = dan["access_token"].as_str().unwrap();
    let cake = t.item("Carrot cake").await;
    let o: Value = t
        .place(
            cleo_t,
            Some("k1"),
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/orders/{}", o["id"].as_str().unwrap());
    assert_eq!(t.get(&path, Some(cleo_t)).await.status(), StatusCode::OK);
    assert_eq!(
        t.get(&path, Some(dan_t)).await.status(),
        StatusCode::NOT_FOUND
    );
    let kitchen = t.login(KITCHEN).await;
    assert_eq!(t.get(&path, Some(&kitchen)).await.status(), StatusCode::OK);
    // customers do not list or move orders
    assert_eq!(
        t.get("/api/orders", Some(cleo_t)).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = move_to(
        &t,
        cleo_t,
        o["id"].as_str().unwrap(),
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // the same key from another principal is another order
    let r = t
        .place(
            dan_t,
            Some("k1"),
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn unknown_orders_are_404() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let r = t
        .get(
            "/api/orders/01939f7a-0000-7000-8000-000000000000",
            Some(&cashier),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "not_found");
    let r = t.get("/api/orders/not-a-uuid", Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = move_to(
        &t,
        &cashier,
        "01939f7a-0000-7000-8000-000000000000",
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
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

#[tokio::test]
async fn the_orders_of_one_business_day_can_be_listed() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let a = place_one(&t, &cashier).await;
    let b = place_one(&t, &cashier).await;
    for s in ["in_progress", "ready", "completed"] {
        let r = move_to(
            &t,
            &kitchen,
            a["id"].as_str().unwrap(),
            json!({"status": s}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let today = t.app.business_date(t.app.now());
    let list = |q: String| {
        let t = &t;
        let cashier = &cashier;
        async move {
            let r = t.get(&format!("/api/orders?{q}"), Some(cashier)).await;
            assert_eq!(r.status(), StatusCode::OK, "{q}");
            let body: Value = r.json().await.unwrap();
            body["orders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let id = |o: &Value| o["id"].as_str().unwrap().to_string();
    assert_eq!(
        list(format!("status=completed&date={today}")).await,
        vec![id(&a)]
    );
    assert_eq!(
        list(format!("status=placed,completed&date={today}")).await,
        vec![id(&a), id(&b)],
        "oldest first"
    );
    assert!(list("status=completed&date=2020-01-01".into())
        .await
        .is_empty());
    let r = t.get("/api/orders?date=yesterday", Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}
