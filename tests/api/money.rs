//! Money after the order: refunds, the cancel guard, idempotent payments and
//! refunds, tips, the refund limit and the coupon's use given back.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn post_keyed(
    t: &TestApp,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut req = t.client.post(t.url(path)).bearer_auth(token).json(&body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    req.send().await.expect("request")
}

async fn pay(t: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    post_keyed(t, &format!("/api/orders/{id}/payments"), token, None, body).await
}

async fn refund(t: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    post_keyed(t, &format!("/api/orders/{id}/refunds"), token, None, body).await
}

async fn cancel(t: &TestApp, token: &str, id: &str) -> reqwest::Response {
    t.post(
        &format!("/api/orders/{id}/status"),
        Some(token),
        json!({"status": "cancelled", "reason": "customer left"}),
    )
    .await
}

#[tokio::test]
async fn a_paid_order_is_cancelled_only_after_its_money_is_refunded() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 2, None).await; // 8.40
    let r = pay(
        &t,
        &cashier,
        &id,
        json!({"method": "card", "amount": eur(840)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);

    let r = cancel(&t, &cashier, &id).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "refund_required");
    let o: Value = t
        .get(&format!("/api/orders/{id}"), Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(o["status"], "placed", "nothing was written");

    let r = refund(
        &t,
        &cashier,
        &id,
        json!({"amount": eur(840), "method": "card", "reason": "wrong order"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["refunded"], eur(840));
    assert_eq!(o["refunds"].as_array().unwrap().len(), 1);
    assert_eq!(o["refunds"][0]["reason"], "wrong order");
    assert_eq!(o["refunds"][0]["method"], "card");
    assert!(o["refunds"][0]["by"].is_string(), "who refunded: {o}");
    assert!(o["refunds"][0]["created_at"].is_string());

    let r = cancel(&t, &cashier, &id).await;
    assert_eq!(r.status(), StatusCode::OK);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["status"], "cancelled");
    assert_eq!(o["refunded"], eur(840), "the money events stay");
}

#[tokio::test]
async fn refunds_are_never_above_what_was_paid_minus_what_was_refunded() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 2, None).await;
    let body = |amount| json!({"amount": eur(amount), "method": "cash", "reason": "cold"});

    let r = refund(&t, &cashier, &id, body(100)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "not_paid");

    let r = pay(
        &t,
        &cashier,
        &id,
        json!({"method": "cash", "amount": eur(500)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = refund(&t, &cashier, &id, body(600)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "refund_exceeds_paid");
    assert_eq!(t.table_count("refunds").await, 0);

    assert_eq!(
        refund(&t, &cashier, &id, body(300)).await.status(),
        StatusCode::CREATED
    );
    let r = refund(&t, &cashier, &id, body(201)).await;
    assert_eq!(error_code(r).await, "refund_exceeds_paid");
    let r = refund(&t, &cashier, &id, body(200)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["refunded"], eur(500));
    assert_eq!(t.table_count("refunds").await, 2);

    for bad in [
        json!({"amount": eur(0), "method": "cash", "reason": "x"}),
        json!({"amount": eur(1), "method": "cash", "reason": "  "}),
        json!({"amount": {"amount": 1, "currency": "USD"}, "method": "cash", "reason": "x"}),
        json!({"amount": eur(1), "method": "cheque", "reason": "x"}),
        json!({"amount": eur(1), "method": "cash", "reason": "x", "extra": 1}),
    ] {
        let r = refund(&t, &cashier, &id, bad.clone()).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let kitchen = t.login(KITCHEN).await;
    let r = refund(&t, &kitchen, &id, body(1)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(t.table_count("refunds").await, 2);
}

#[tokio::test]
async fn refunds_by_lines_never_give_a_line_back_more_often_than_it_was_sold() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 2, None).await;
    pay(
        &t,
        &cashier,
        &id,
        json!({"method": "card", "amount": eur(840)}),
    )
    .await;
    let by_lines = |line_no: u32, quantity: u32| {
        // a part of the price each time, so the money is not what runs out
        json!({"amount": eur(100), "method": "card", "reason": "dropped",
               "lines": [{"line_no": line_no, "quantity": quantity}]})
    };
    for (line, qty) in [(1, 1), (0, 3), (0, 0)] {
        let r = refund(&t, &cashier, &id, by_lines(line, qty)).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "line {line} x{qty}");
    }
    let r = refund(&t, &cashier, &id, by_lines(0, 1)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(
        o["refunds"][0]["lines"],
        json!([{"line_no": 0, "quantity": 1}])
    );
    assert_eq!(
        refund(&t, &cashier, &id, by_lines(0, 1)).await.status(),
        StatusCode::CREATED
    );
    let r = refund(&t, &cashier, &id, by_lines(0, 1)).await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "both cakes are back already"
    );
}

#[tokio::test]
async fn a_retried_payment_or_refund_is_recorded_once() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 2, None).await;
    let path = format!("/api/orders/{id}/payments");
    let half = json!({"method": "card", "amount": eur(420)});
    for _ in 0..2 {
        let r = post_keyed(&t, &path, &cashier, Some("pay-1"), half.clone()).await;
        assert_eq!(r.status(), StatusCode::OK);
        let o: Value = r.json().await.unwrap();
        assert_eq!(o["payments"].as_array().unwrap().len(), 1);
        assert_eq!(o["paid"], false, "half the money is not paid");
    }
    let other = json!({"method": "cash", "amount": eur(420)});
    let r = post_keyed(&t, &path, &cashier, Some("pay-1"), other).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "idempotency_conflict");
    assert_eq!(t.table_count("payments").await, 1);

    let path = format!("/api/orders/{id}/refunds");
    let back = json!({"amount": eur(100), "method": "card", "reason": "late"});
    let r = post_keyed(&t, &path, &cashier, Some("ref-1"), back.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = post_keyed(&t, &path, &cashier, Some("ref-1"), back).await;
    assert_eq!(r.status(), StatusCode::OK, "a replay");
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["refunds"].as_array().unwrap().len(), 1);
    let other = json!({"amount": eur(200), "method": "card", "reason": "late"});
    let r = post_keyed(&t, &path, &cashier, Some("ref-1"), other).await;
    assert_eq!(error_code(r).await, "idempotency_conflict");
    assert_eq!(t.table_count("refunds").await, 1);
}

#[tokio::test]
async fn tips_ride_on_payments_and_cash_change_counts_them() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 2, None).await; // 8.40, split in two
    let r = pay(
        &t,
        &cashier,
        &id,
        json!({"method": "cash", "amount": eur(500), "tip": eur(100), "tendered": eur(1000)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["payments"][0]["change_due"], eur(400));
    assert_eq!(o["payments"][0]["tip"], eur(100));
    let r = pay(
        &t,
        &cashier,
        &id,
        json!({"method": "card", "amount": eur(340), "tip": eur(50)}),
    )
    .await;
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["paid"], true);
    assert_eq!(o["tips"], eur(150));
    assert_eq!(o["total"], eur(840), "tips are not part of the total");

    let id = t.cakes(&cashier, 1, None).await;
    let short =
        json!({"method": "cash", "amount": eur(420), "tip": eur(100), "tendered": eur(500)});
    let r = pay(&t, &cashier, &id, short).await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "tendered below amount and tip"
    );
    let negative = json!({"method": "card", "amount": eur(420), "tip": eur(-1)});
    assert_eq!(
        pay(&t, &cashier, &id, negative).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(t.table_count("payments").await, 2);
}

#[tokio::test]
async fn a_cashier_refund_above_the_limit_needs_an_admin_approval() {
    let t = spawn_app().await; // the demo café: cashiers refund up to 20.00
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 6, None).await; // 25.20
    pay(
        &t,
        &cashier,
        &id,
        json!({"method": "card", "amount": eur(2520)}),
    )
    .await;
    let body = |approval: Value| json!({"amount": eur(2100), "method": "card", "reason": "spilt", "approval": approval});
    let r = refund(&t, &cashier, &id, body(Value::Null)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "approval_required");
    let (user, pw) = CASHIER;
    let r = refund(
        &t,
        &cashier,
        &id,
        body(json!({"username": user, "password": pw})),
    )
    .await;
    assert_eq!(
        error_code(r).await,
        "approval_required",
        "a cashier cannot approve"
    );
    let (admin, admin_pw) = ADMIN;
    let r = refund(
        &t,
        &cashier,
        &id,
        body(json!({"username": admin, "password": "wrong"})),
    )
    .await;
    assert_eq!(error_code(r).await, "approval_required");
    assert_eq!(t.table_count("refunds").await, 0);

    let r = refund(
        &t,
        &cashier,
        &id,
        body(json!({"username": admin, "password": admin_pw})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert!(o["refunds"][0]["approved_by"].is_string(), "{o}");
    assert_ne!(o["refunds"][0]["approved_by"], o["refunds"][0]["by"]);

    let small = json!({"amount": eur(420), "method": "card", "reason": "spilt"});
    assert_eq!(
        refund(&t, &cashier, &id, small).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn cancelling_an_order_gives_its_coupon_use_back() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let admin = t.login(ADMIN).await;
    let used = |coupons: Value| -> i64 {
        coupons["coupons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == "WELCOME10")
            .unwrap()["used_count"]
            .as_i64()
            .unwrap()
    };
    let coupons = || async {
        t.get("/api/coupons", Some(&admin))
            .await
            .json::<Value>()
            .await
            .unwrap()
    };
    let before = used(coupons().await);
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["coupon_code"] = json!("WELCOME10");
    let o: Value = t.place(&cashier, None, body).await.json().await.unwrap();
    assert_eq!(
        o["discounts"],
        json!([{"kind": "coupon", "code": "WELCOME10", "amount": o["discount"]}]),
        "each discount of the order, `discount` their sum"
    );
    assert_eq!(used(coupons().await), before + 1);
    let r = cancel(&t, &cashier, o["id"].as_str().unwrap()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(used(coupons().await), before);
}

#[tokio::test]
async fn refund_and_cancel_is_one_step_and_all_or_nothing() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 2, None).await;
    pay(
        &t,
        &cashier,
        &id,
        json!({"method": "cash", "amount": eur(840)}),
    )
    .await;
    let part = json!({"amount": eur(500), "method": "cash", "reason": "burnt", "cancel": true});
    let r = refund(&t, &cashier, &id, part).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "refund_required");
    assert_eq!(
        t.table_count("refunds").await,
        0,
        "the refund went with the failed cancel"
    );

    let all = json!({"amount": eur(840), "method": "cash", "reason": "burnt", "cancel": true});
    let r = refund(&t, &cashier, &id, all).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["status"], "cancelled");
    assert_eq!(o["cancel_reason"], "burnt");
    assert_eq!(o["refunded"], eur(840));
}

#[tokio::test]
async fn guessing_an_admins_password_in_the_refund_dialog_locks_the_cashier_out() {
    let t = spawn_with(|c| c.pin_max_failures = 3).await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 6, None).await;
    pay(
        &t,
        &cashier,
        &id,
        json!({"method": "card", "amount": eur(2520)}),
    )
    .await;
    let (admin, admin_pw) = ADMIN;
    let body = |pw: &str| {
        json!({"amount": eur(2100), "method": "card", "reason": "spilt",
               "approval": {"username": admin, "password": pw}})
    };
    for guess in ["guess-1", "guess-2", "guess-3"] {
        let r = refund(&t, &cashier, &id, body(guess)).await;
        assert_eq!(error_code(r).await, "approval_required");
    }
    let r = refund(&t, &cashier, &id, body(admin_pw)).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(error_code(r).await, "approval_locked");
    assert_eq!(t.table_count("refunds").await, 0);
}
