//! Errors carry a specific code and the values a client words them with
//! (`params`), so no screen has to show the server's English.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn a_coupon_says_why_it_does_not_apply() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let r = t
        .post(
            "/api/coupons",
            Some(&admin),
            json!({"code": "big5", "kind": "fixed", "value": 200, "min_subtotal": eur(1000)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);

    body["coupon_code"] = json!("NOPE42");
    let e = error_of(t.place(&cashier, None, body.clone()).await).await;
    assert_eq!(e["code"], "coupon_invalid");
    assert_eq!(
        e["params"],
        json!({"reason": "not_found", "code": "NOPE42"})
    );

    body["coupon_code"] = json!("BIG5");
    let r = t.place(&cashier, None, body.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error_of(r).await;
    assert_eq!(e["code"], "coupon_invalid");
    assert_eq!(e["params"]["reason"], "min_subtotal");
    assert_eq!(e["params"]["min"], eur(1000));

    body["coupon_code"] = json!("a b");
    let e = error_of(t.place(&cashier, None, body).await).await;
    assert_eq!(e["params"]["reason"], "bad_code");
}

#[tokio::test]
async fn order_errors_name_the_item_the_group_and_the_bounds() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let tonic = t.item("Espresso tonic").await;
    let r = t
        .place(&token, None, simple_order(tonic["id"].as_str().unwrap(), 1))
        .await;
    let e = error_of(r).await;
    assert_eq!(e["code"], "item_unavailable");
    assert_eq!(e["params"]["item"], "Espresso tonic");

    let latte = t.item("Latte").await;
    let r = t
        .place(&token, None, simple_order(latte["id"].as_str().unwrap(), 1))
        .await;
    let e = error_of(r).await;
    assert_eq!(e["code"], "invalid_modifiers");
    assert_eq!(e["params"]["reason"], "min");
    assert_eq!(e["params"]["item"], "Latte");
    assert!(e["params"]["group"].is_string(), "{e}");
    assert_eq!(e["params"]["min"], 1);

    let cake = t.item("Carrot cake").await;
    let line = json!({"item_id": cake["id"], "quantity": 1});
    let r = t
        .place(
            &token,
            None,
            json!({"lines": vec![line; 51], "type": "takeaway"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e = error_of(r).await;
    assert_eq!(e["code"], "too_many_lines");
    assert_eq!(e["params"]["max"], 50);

    let r = t
        .place(&token, None, json!({"lines": [], "type": "takeaway"}))
        .await;
    assert_eq!(error_of(r).await["code"], "order_empty");

    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["lines"][0]["note"] = json!("x".repeat(201));
    let e = error_of(t.place(&token, None, body).await).await;
    assert_eq!(
        (e["code"].clone(), e["params"].clone()),
        (json!("too_long"), json!({"field": "note", "max": 200}))
    );
}

#[tokio::test]
async fn money_errors_carry_the_amounts() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 1, None).await;
    let path = format!("/api/orders/{id}/payments");
    let pay = |body: Value| t.post(&path, Some(&cashier), body);
    let e = error_of(pay(json!({"method": "cash", "amount": eur(900)})).await).await;
    assert_eq!(e["code"], "payment_exceeds_owed");
    assert_eq!(e["params"]["owed"], eur(420));
    let e =
        error_of(pay(json!({"method": "cash", "amount": eur(420), "tendered": eur(400)})).await)
            .await;
    assert_eq!(e["code"], "tendered_too_low");
    assert_eq!(e["params"]["due"], eur(420));
    assert_eq!(
        pay(json!({"method": "card", "amount": eur(420)}))
            .await
            .status(),
        StatusCode::OK
    );
    let r = t
        .post(
            &format!("/api/orders/{id}/refunds"),
            Some(&cashier),
            json!({"amount": eur(500), "method": "card", "reason": "spilt"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error_of(r).await;
    assert_eq!(e["code"], "refund_exceeds_paid");
    assert_eq!(e["params"]["left"], eur(420));
}

#[tokio::test]
async fn errors_without_params_send_none() {
    let t = spawn_app().await;
    let r = t
        .post(
            "/api/auth/login",
            None,
            json!({"username": "anna", "password": "wrong-pass"}),
        )
        .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_credentials");
    assert!(body["error"].get("params").is_none(), "{body}");
}
