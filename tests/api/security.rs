//! The holes a LAN attacker could use (#12), PINs aside (see `pins`):
//! sessions ended by credential changes, the refresh grace, pairing-code
//! attempt caps, the cap on unpaid orders.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{error_code, spawn_app, spawn_with, ADMIN, CASHIER, CASHIER_PIN};
use crate::pins::pin_with;

#[tokio::test]
async fn a_new_password_or_pin_ends_every_session_of_that_account() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let carl = t.login_pair(CASHIER).await;
    let pina = pin_with(&t, CASHIER_PIN, None, &[]).await;
    let pina: Value = pina.json().await.unwrap();
    for (id, change) in [
        (
            t.user_id(&admin, "carl").await,
            json!({"password": "a-new-password-1"}),
        ),
        (t.user_id(&admin, "pina").await, json!({"pin": "551177"})),
    ] {
        let r = t
            .send(
                Method::PATCH,
                &format!("/api/users/{id}"),
                Some(&admin),
                Some(change),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    for pair in [&carl, &pina] {
        let access = pair["access_token"].as_str().unwrap();
        let r = t.get("/api/orders", Some(access)).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "access token ended");
        let r = t
            .post(
                "/api/auth/refresh",
                None,
                json!({"refresh_token": pair["refresh_token"]}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "refresh token ended");
    }
    // The admin's own session is untouched, and the log says who did what.
    let log: Value = t
        .get("/api/audit", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<(&str, &str, &str)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["subject"].as_str().unwrap(),
                e["actor_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        actions.contains(&("password_changed", "carl", "anna")),
        "{actions:?}"
    );
    assert!(
        actions.contains(&("pin_changed", "pina", "anna")),
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_refresh_whose_answer_was_lost_may_be_retried_once() {
    let t = spawn_app().await;
    let refresh = |token: Value, key: Option<&'static str>| {
        let t = &t;
        async move {
            let mut req = t
                .client
                .post(t.url("/api/auth/refresh"))
                .json(&json!({ "refresh_token": token }));
            if let Some(k) = key {
                req = req.header("Idempotency-Key", k);
            }
            req.send().await.unwrap()
        }
    };
    let first = t.login_pair(CASHIER).await;
    let r = refresh(first["refresh_token"].clone(), Some("refresh-1")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let lost: Value = r.json().await.unwrap();
    // The answer never arrived: the same refresh again, same key.
    let r = refresh(first["refresh_token"].clone(), Some("refresh-1")).await;
    assert_eq!(r.status(), StatusCode::OK, "retried refresh answered");
    let second: Value = r.json().await.unwrap();
    assert_ne!(second["refresh_token"], lost["refresh_token"]);
    // The pair never received is dead; the new one lives.
    let r = refresh(lost["refresh_token"].clone(), None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Only once: a third presentation is reuse and ends the login.
    let again = t.login_pair(CASHIER).await;
    let key = Some("refresh-2");
    assert_eq!(
        refresh(again["refresh_token"].clone(), key).await.status(),
        StatusCode::OK
    );
    let r = refresh(again["refresh_token"].clone(), key).await;
    assert_eq!(r.status(), StatusCode::OK);
    let next: Value = r.json().await.unwrap();
    let r = refresh(again["refresh_token"].clone(), key).await;
    assert_eq!(error_code(r).await, "token_reused");
    let r = t
        .get("/api/orders", Some(next["access_token"].as_str().unwrap()))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "the family is revoked"
    );

    // Without the key, or with another one, a spent token is reuse at once
    // (the contract's rule); so is one whose replacement was used.
    for retry_key in [None, Some("another-key")] {
        let fresh = t.login_pair(CASHIER).await;
        assert_eq!(
            refresh(fresh["refresh_token"].clone(), Some("k"))
                .await
                .status(),
            StatusCode::OK
        );
        let r = refresh(fresh["refresh_token"].clone(), retry_key).await;
        assert_eq!(error_code(r).await, "token_reused", "{retry_key:?}");
    }
    let fresh = t.login_pair(CASHIER).await;
    let r = refresh(fresh["refresh_token"].clone(), Some("k")).await;
    let used: Value = r.json().await.unwrap();
    assert_eq!(
        refresh(used["refresh_token"].clone(), None).await.status(),
        StatusCode::OK
    );
    let r = refresh(fresh["refresh_token"].clone(), Some("k")).await;
    assert_eq!(error_code(r).await, "token_reused");
}

#[tokio::test]
async fn a_pairing_code_stops_working_after_ten_wrong_codes() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let r = t
        .post(
            "/api/devices/pairing-codes",
            Some(&admin),
            json!({"name": "Tablet"}),
        )
        .await;
    let code: Value = r.json().await.unwrap();
    let right = code["code"].as_str().unwrap().to_string();
    let wrong = if right == "000000" {
        "000001"
    } else {
        "000000"
    };
    for _ in 0..10 {
        let r = t
            .post("/api/devices/pair", None, json!({"code": wrong}))
            .await;
        assert_eq!(error_code(r).await, "invalid_pairing_code");
    }
    let r = t
        .post("/api/devices/pair", None, json!({"code": right}))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "invalid_pairing_code");
}

#[tokio::test]
async fn a_customer_cannot_flood_the_board_with_unpaid_orders() {
    let t = spawn_with(|c| c.customer_open_orders_max = 2).await;
    let cashier = t.login(CASHIER).await;
    let cleo = t.register_customer("cleo@example.com").await;
    let cleo = cleo["access_token"].as_str().unwrap();
    let cake = t.item("Carrot cake").await;
    let body = crate::helpers::simple_order(cake["id"].as_str().unwrap(), 1);
    let mut ids = Vec::new();
    for key in ["k1", "k2"] {
        let r = t.place(cleo, Some(key), body.clone()).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(
            r.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let r = t.place(cleo, Some("k3"), body.clone()).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "too_many_open_orders");
    // A replay of an order already placed is still answered.
    assert_eq!(
        t.place(cleo, Some("k1"), body.clone()).await.status(),
        StatusCode::OK
    );
    // Staff are not limited; once one is paid the customer may order again.
    let r = t
        .post(
            &format!("/api/orders/{}/payments", ids[0]),
            Some(&cashier),
            json!({"method": "card", "amount": cake["price"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = t.place(cleo, Some("k3"), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
}
