//! Owners sign in: login, refresh rotation, reuse detection, logout.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both;
use crate::support::{add_owner, error_code, Backend, Server, TestDb, OWNER};

on_both!(owners_sign_in_refresh_and_reuse_revokes_the_family);

async fn owners_sign_in_refresh_and_reuse_revokes_the_family(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let server = Server::start(&db, &[], &[]);

    for (user, pass) in [(OWNER.0, "wrong-password"), ("nobody", OWNER.1)] {
        let r = server
            .post(
                "/api/auth/login",
                &json!({"username": user, "password": pass}),
            )
            .await;
        assert_eq!(
            error_code(r, StatusCode::UNAUTHORIZED).await,
            "invalid_credentials"
        );
    }
    let r = server
        .http
        .get(server.url("/api/hq/shops"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "unauthorized"
    );
    let r = server.get("not.a.jwt", "/api/hq/shops").await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_token"
    );

    let first = server.login().await;
    assert_eq!(first["role"], "owner");
    assert_eq!(first["token_type"], "Bearer");
    assert!(first["expires_in"].as_u64().unwrap() > 0);
    let access = first["access_token"].as_str().unwrap();
    assert_eq!(
        server.get(access, "/api/hq/shops").await.status(),
        StatusCode::OK
    );

    let refresh = |token: &Value| {
        let body = json!({"refresh_token": token["refresh_token"]});
        let server = &server;
        async move { server.post("/api/auth/refresh", &body).await }
    };
    let r = refresh(&first).await;
    assert_eq!(r.status(), StatusCode::OK);
    let second: Value = r.json().await.unwrap();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    let second_access = second["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        server.get(&second_access, "/api/hq/shops").await.status(),
        StatusCode::OK
    );

    // The spent token again: the whole family is revoked.
    let r = refresh(&first).await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "token_reused"
    );
    let r = refresh(&second).await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_token"
    );
    let r = server.get(&second_access, "/api/hq/shops").await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_token"
    );

    // A new login, then logout: its tokens stop working.
    let third = server.login().await;
    let access = third["access_token"].as_str().unwrap();
    let r = server
        .http
        .post(server.url("/api/auth/logout"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = server.get(access, "/api/hq/shops").await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_token"
    );
    let r = refresh(&third).await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_token"
    );

    let r = server
        .post(
            "/api/auth/login",
            &json!({"username": OWNER.0, "password": OWNER.1, "remember": true}),
        )
        .await;
    assert_eq!(
        error_code(r, StatusCode::BAD_REQUEST).await,
        "invalid_request"
    );

    let doc: Value = server
        .http
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/health",
        "/api/auth/login",
        "/api/auth/refresh",
        "/api/auth/logout",
        "/api/hq/shops",
        "/api/hq/reports/summary",
        "/api/hq/orders",
        "/api/hq/enrol",
        "/api/hq/events",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    let health: Value = server
        .http
        .get(server.url("/api/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "ok");
    assert!(health["version"].is_string());
}
