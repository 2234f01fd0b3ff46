//! An order after it is placed: the state machine, cancelling, paying
//! (cash with change, split payments), listing and reading orders.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

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
