use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn login_returns_a_bearer_pair_with_the_role() {
    let t = spawn_app().await;
    let pair = t.login_pair(ADMIN).await;
    assert_eq!(pair["token_type"], "Bearer");
    assert_eq!(pair["role"], "admin");
    assert_eq!(pair["expires_in"], 900);
    assert!(pair["access_token"].as_str().unwrap().split('.').count() == 3);
    assert!(pair["refresh_token"].as_str().unwrap().len() >= 40);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let t = spawn_app().await;
    let a = t
        .post(
            "/api/auth/login",
            None,
            json!({"username": "anna", "password": "wrong-password"}),
        )
        .await;
    let b = t
        .post(
            "/api/auth/login",
            None,
            json!({"username": "nobody", "password": "wrong-password"}),
        )
        .await;
    assert_eq!(a.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(b.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(a.headers()["www-authenticate"], "Bearer");
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a, b);
    assert_eq!(a["error"]["code"], "invalid_credentials");
    // a PIN-only cashier has no password
    let r = t
        .post(
            "/api/auth/login",
            None,
            json!({"username": "pina", "password": CASHIER_PIN}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_cashier_signs_in_with_a_pin() {
    let t = spawn_app().await;
    let r = t
        .post("/api/auth/pin", None, json!({"pin": CASHIER_PIN}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let pair: Value = r.json().await.unwrap();
    assert_eq!(pair["role"], "cashier");
    let token = pair["access_token"].as_str().unwrap();
    let cake = t.item("Carrot cake").await;
    assert_eq!(
        t.place(token, None, simple_order(cake["id"].as_str().unwrap(), 1))
            .await
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn repeated_wrong_pins_lock_pin_login() {
    let t = spawn_with(|c| {
        c.pin_max_failures = 3;
        c.pin_lockout_seconds = 120;
    })
    .await;
    for _ in 0..3 {
        let r = t.post("/api/auth/pin", None, json!({"pin": "0000"})).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(error_code(r).await, "invalid_credentials");
    }
    // now even the right PIN is refused until the lock expires
    let r = t
        .post("/api/auth/pin", None, json!({"pin": CASHIER_PIN}))
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 120, "Retry-After {retry}");
    assert_eq!(error_code(r).await, "pin_locked");
    // password login is not affected
    t.login(ADMIN).await;
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_revokes_the_family() {
    let t = spawn_app().await;
    let first = t.login_pair(CASHIER).await;
    let r1 = first["refresh_token"].as_str().unwrap();
    let r = t
        .post("/api/auth/refresh", None, json!({"refresh_token": r1}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let second: Value = r.json().await.unwrap();
    let r2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    let access2 = second["access_token"].as_str().unwrap();
    assert_eq!(
        t.get("/api/orders", Some(access2)).await.status(),
        StatusCode::OK
    );

    // the spent token comes back: reuse
    let r = t
        .post("/api/auth/refresh", None, json!({"refresh_token": r1}))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    assert_eq!(error_code(r).await, "token_reused");

    // the whole family is gone: the newest refresh token and live access tokens
    let r = t
        .post("/api/auth/refresh", None, json!({"refresh_token": r2}))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        t.get("/api/orders", Some(access2)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.get("/api/orders", Some(first["access_token"].as_str().unwrap()))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // another login of the same user is untouched
    let other = t.login(CASHIER).await;
    assert_eq!(
        t.get("/api/orders", Some(&other)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn unknown_refresh_tokens_are_refused() {
    let t = spawn_app().await;
    let r = t
        .post(
            "/api/auth/refresh",
            None,
            json!({"refresh_token": "made-up"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "invalid_token");
}

#[tokio::test]
async fn logout_ends_the_login() {
    let t = spawn_app().await;
    let pair = t.login_pair(KITCHEN).await;
    let access = pair["access_token"].as_str().unwrap();
    let r = t.post("/api/auth/logout", Some(access), json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        t.get("/api/orders", Some(access)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let r = t
        .post(
            "/api/auth/refresh",
            None,
            json!({"refresh_token": pair["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = t.post("/api/auth/logout", None, json!({})).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn forged_tokens_are_refused() {
    let t = spawn_app().await;
    let kitchen = t.login(KITCHEN).await;
    let mut claims = claims_of(&kitchen);
    let parts: Vec<&str> = kitchen.split('.').collect();

    // alg: none
    claims["role"] = json!("admin");
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&claims)
    );
    // tampered payload, original signature
    let tampered = format!("{}.{}.{}", parts[0], b64(&claims), parts[2]);
    // signed with another key
    let wrong_key = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(b"not the shop's secret, not at all"),
    )
    .unwrap();
    // the shop's own key, but expired
    let secret = std::fs::read(t.dir.path().join("jwt.secret")).unwrap();
    let mut old = claims_of(&kitchen);
    old["exp"] = json!(chrono::Utc::now().timestamp() - 3600);
    old["iat"] = json!(chrono::Utc::now().timestamp() - 7200);
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &old,
        &jsonwebtoken::EncodingKey::from_secret(&secret),
    )
    .unwrap();
    // and the real one, re-signed correctly, works: the test can fail
    let mut fresh = claims_of(&kitchen);
    fresh["exp"] = json!(chrono::Utc::now().timestamp() + 600);
    let valid = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &fresh,
        &jsonwebtoken::EncodingKey::from_secret(&secret),
    )
    .unwrap();
    assert_eq!(
        t.get("/api/orders", Some(&valid)).await.status(),
        StatusCode::OK
    );

    for (name, token) in [
        ("alg none", none),
        ("tampered", tampered),
        ("wrong key", wrong_key),
        ("expired", expired),
        ("garbage", "abc.def.ghi".to_string()),
    ] {
        let r = t.get("/api/orders", Some(&token)).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{name}");
        assert_eq!(r.headers()["www-authenticate"], "Bearer", "{name}");
        let code = error_code(r).await;
        assert!(
            code == "invalid_token" || code == "token_expired",
            "{name}: {code}"
        );
    }
    let r = t
        .client
        .get(t.url("/api/orders"))
        .header("authorization", "Basic YW5uYTpwdw==")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn customers_register_and_sign_in_with_their_email() {
    let t = spawn_app().await;
    let pair = t.register_customer("Cleo@Example.com").await;
    assert_eq!(pair["role"], "customer");
    let again = t
        .post(
            "/api/customers/register",
            None,
            json!({"name": "Cleo", "email": "cleo@example.com", "password": "another-pass"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(again).await, "email_taken");
    let bad = t
        .post(
            "/api/customers/register",
            None,
            json!({"name": "X", "email": "not-an-email", "password": "long-enough"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let short = t
        .post(
            "/api/customers/register",
            None,
            json!({"name": "X", "email": "x@example.com", "password": "short"}),
        )
        .await;
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);
    let r = t
        .post(
            "/api/auth/login",
            None,
            json!({"username": "cleo@example.com", "password": "customer-pass-1"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let p: Value = r.json().await.unwrap();
    assert_eq!(p["role"], "customer");
}
