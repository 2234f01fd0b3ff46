//! PIN sign-in as an attacker on the shop network meets it: refused off
//! the trusted tills, locked per device, never for admins.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{error_code, spawn_app, spawn_with, TestApp, ADMIN, CASHIER, CASHIER_PIN};

/// `GET /api/auth/pin`: whether this client would be let in with a PIN.
async fn pin_here(t: &TestApp, token: Option<&str>, headers: &[(&str, &str)]) -> bool {
    let mut req = t.client.get(t.url("/api/auth/pin"));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json::<Value>().await.unwrap()["allowed"]
        .as_bool()
        .unwrap()
}

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
        // The sign-in screen asks first, and opens on the password there.
        assert!(!pin_here(&t, None, headers).await, "{headers:?}");
    }
    assert!(pin_here(&t, None, &[]).await, "this machine's browser may");
    // A paired staff terminal may, wherever it is.
    let terminal = paired(&t, &admin, "terminal").await;
    let remote = [("x-forwarded-for", "192.168.1.77")];
    assert!(pin_here(&t, Some(&terminal), &remote).await);
    let r = pin_with(&t, CASHIER_PIN, Some(&terminal), &remote).await;
    assert_eq!(r.status(), StatusCode::OK);
    let tokens: Value = r.json().await.unwrap();
    assert_eq!(tokens["role"], "cashier");
    assert_eq!(tokens["name"], "pina", "the till shows who signed in");
    // A customer kiosk, a cashier's own token or a customer's may not.
    let kiosk = paired(&t, &admin, "kiosk").await;
    let cashier = t.login(CASHIER).await;
    let customer = t.register_customer("cleo@example.com").await;
    let customer = customer["access_token"].as_str().unwrap();
    for token in [kiosk.as_str(), cashier.as_str(), customer] {
        assert!(!pin_here(&t, Some(token), &remote).await);
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
