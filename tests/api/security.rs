//! The holes a LAN attacker could use (#12): PINs only on trusted tills,
//! lockouts no success resets, no admin PINs, sessions ended by credential
//! changes, the refresh grace, pairing-code attempt caps, the audit log.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{error_code, spawn_app, spawn_with, TestApp, ADMIN, CASHIER, CASHIER_PIN};

/// A PIN sign-in with extra headers (as a proxy or another host would send).
pub(crate) async fn pin_with(
    t: &TestApp,
    pin: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = t
        .client
        .post(t.url("/api/auth/pin"))
        .json(&json!({ "pin": pin }));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

/// Pairs a device of `kind` and returns its access token.
pub(crate) async fn paired(t: &TestApp, admin: &str, kind: &str) -> String {
    let r = t
        .post(
            "/api/devices/pairing-codes",
            Some(admin),
            json!({"name": format!("{kind} 1"), "kind": kind}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let code: Value = r.json().await.unwrap();
    assert_eq!(code["kind"], kind);
    let r = t
        .post("/api/devices/pair", None, json!({"code": code["code"]}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let tokens: Value = r.json().await.unwrap();
    // The device learns what it was paired as (a terminal offers PIN sign-in).
    assert_eq!(tokens["device_kind"], kind);
    tokens["access_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn pins_are_refused_from_the_network_and_accepted_on_paired_terminals() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    // Through a proxy, or addressed by a name a rebinding page would use:
    // not this machine's own browser.
    for headers in [
        &[("x-forwarded-for", "192.168.1.77")][..],
        &[("forwarded", "for=192.168.1.77")][..],
        &[("host", "evil.example:8080")][..],
    ] {
        let r = pin_with(&t, CASHIER_PIN, None, headers).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(error_code(r).await, "pin_not_allowed");
    }
    // A paired staff terminal may, wherever it is.
    let terminal = paired(&t, &admin, "terminal").await;
    let remote = [("x-forwarded-for", "192.168.1.77")];
    let r = pin_with(&t, CASHIER_PIN, Some(&terminal), &remote).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["role"], "cashier");
    // A customer kiosk, a cashier's own token or a customer's may not.
    let kiosk = paired(&t, &admin, "kiosk").await;
    let cashier = t.login(CASHIER).await;
    let customer = t.register_customer("cleo@example.com").await;
    let customer = customer["access_token"].as_str().unwrap();
    for token in [kiosk.as_str(), cashier.as_str(), customer] {
        let r = pin_with(&t, CASHIER_PIN, Some(token), &remote).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_code(r).await, "pin_not_allowed");
    }
    // A revoked terminal no longer may.
    let devices: Value = t
        .get("/api/devices", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let id = devices["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "terminal")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = t
        .send(
            Method::DELETE,
            &format!("/api/devices/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert!(r.status().is_success());
    let r = pin_with(&t, CASHIER_PIN, Some(&terminal), &remote).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "its token is revoked");
}

#[tokio::test]
async fn wrong_pins_lock_a_device_for_longer_each_time_and_a_success_does_not_reset() {
    let t = spawn_with(|c| {
        c.pin_max_failures = 3;
        c.pin_lockout_seconds = 1;
    })
    .await;
    let admin = t.login(ADMIN).await;
    let terminal = paired(&t, &admin, "terminal").await;
    let other = paired(&t, &admin, "terminal").await;
    let on = |pin: &'static str| {
        let (t, terminal) = (&t, terminal.clone());
        async move { pin_with(t, pin, Some(&terminal), &[]).await }
    };
    // Two wrong, the cashier's own right one, one more wrong: locked, since
    // a success does not clear the count.
    for _ in 0..2 {
        assert_eq!(on("000000").await.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(on(CASHIER_PIN).await.status(), StatusCode::OK);
    assert_eq!(on("000000").await.status(), StatusCode::UNAUTHORIZED);
    let r = on(CASHIER_PIN).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_eq!(error_code(r).await, "pin_locked");
    // Another terminal is not locked out by this one.
    let r = pin_with(&t, CASHIER_PIN, Some(&other), &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    // The second lockout lasts twice as long.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for _ in 0..3 {
        assert_eq!(on("000000").await.status(), StatusCode::UNAUTHORIZED);
    }
    let r = on(CASHIER_PIN).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "2");
    // Admins find both lockouts in the audit log.
    let log: Value = t
        .get("/api/audit", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let locks: Vec<&Value> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "device_locked")
        .collect();
    assert_eq!(locks.len(), 2, "{log}");
    assert_eq!(locks[0]["detail"]["seconds"], 2);
    assert_eq!(
        locks[0]["subject"], "terminal 1",
        "the device as the admin named it"
    );
    assert_eq!(locks[1]["detail"]["seconds"], 1);
}

#[tokio::test]
async fn admins_never_sign_in_with_a_pin_and_new_pins_have_six_digits() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let r = t
        .post(
            "/api/users",
            Some(&admin),
            json!({"username": "boss", "role": "admin", "pin": "918273"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "pin_not_for_role");
    for pin in ["1234", "12345", "12a456"] {
        let r = t
            .post(
                "/api/users",
                Some(&admin),
                json!({"username": "newbie", "role": "cashier", "pin": pin}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{pin}");
        assert_eq!(error_code(r).await, "weak_pin");
    }
    // An admin PIN set before the rule (written straight into the store)
    // does not sign in; an old 4-digit cashier PIN still does.
    let (admin_hash, old_hash) = (
        crema::app::auth::hash_secret("918273").unwrap(),
        crema::app::auth::hash_secret("4711").unwrap(),
    );
    let admin_lookup = crema::app::auth::pin_lookup(&t.app, "918273");
    let old_lookup = crema::app::auth::pin_lookup(&t.app, "4711");
    t.app
        .store()
        .write(move |c| {
            c.execute(
                "UPDATE users SET pin_hash = ?1, pin_lookup = ?2 WHERE username = 'anna'",
                [&admin_hash, &admin_lookup],
            )?;
            c.execute(
                "UPDATE users SET pin_hash = ?1, pin_lookup = ?2 WHERE username = 'carl'",
                [&old_hash, &old_lookup],
            )?;
            Ok::<_, crema::store::StoreError>(())
        })
        .await
        .unwrap();
    let r = pin_with(&t, "918273", None, &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = pin_with(&t, "4711", None, &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_new_password_or_pin_ends_every_session_of_that_account() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let users: Value = t
        .get("/api/users", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let id_of = |name: &str| {
        users["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let carl = t.login_pair(CASHIER).await;
    let pina = pin_with(&t, CASHIER_PIN, None, &[]).await;
    let pina: Value = pina.json().await.unwrap();
    for (id, change) in [
        (id_of("carl"), json!({"password": "a-new-password-1"})),
        (id_of("pina"), json!({"pin": "551177"})),
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
