use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn health_answers_ok_and_the_version() {
    let t = spawn_app().await;
    let r = t.get("/api/health", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert!(t
        .get("/api/health", None)
        .await
        .headers()
        .contains_key("x-request-id"));
}

#[tokio::test]
async fn malformed_json_and_unknown_fields_are_400_and_write_nothing() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let raw = |body: &'static str| {
        t.client
            .post(t.url("/api/orders"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let r = raw("{\"lines\": [").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(r).await, "invalid_request");

    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["surprise"] = json!(true);
    let r = t.place(&token, None, body).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(r).await, "invalid_request");

    let r = t
        .place(&token, None, json!({"lines": [{"item_id": cake["id"], "quantity": 1, "colour": "red"}], "type": "takeaway"}))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .place(
            &token,
            None,
            json!({"lines": [{"item_id": "x", "quantity": 1}], "type": "takeaway"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .place(
            &token,
            None,
            json!({"lines": [{"item_id": cake["id"], "quantity": 1}], "type": "to_go"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .post(
            "/api/auth/login",
            None,
            json!({"username": "anna", "password": "x", "remember": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(t.order_count().await, 0);
}

#[tokio::test]
async fn the_wrong_content_type_is_415() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let r = t
        .client
        .post(t.url("/api/orders"))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error_code(r).await, "unsupported_media_type");
    let r = t
        .client
        .post(t.url("/api/auth/login"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let big = json!({"lines": [], "type": "takeaway", "table": "x".repeat(70 * 1024)});
    let r = t.place(&token, None, big).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(r).await, "payload_too_large");
    assert_eq!(t.order_count().await, 0);
}

#[tokio::test]
async fn protected_routes_need_a_token_and_say_bearer() {
    let t = spawn_app().await;
    let cake = t.item("Carrot cake").await;
    for (method, path) in [
        ("GET", "/api/orders"),
        ("GET", "/api/orders/01939f7a-0000-7000-8000-000000000000"),
        ("GET", "/api/events"),
        (
            "GET",
            "/api/analytics/summary?from=2026-01-01&to=2026-01-01",
        ),
        ("POST", "/api/auth/logout"),
    ] {
        let r = t
            .send(
                method.parse().unwrap(),
                path,
                None,
                if method == "POST" {
                    Some(json!({}))
                } else {
                    None
                },
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(r.headers()["www-authenticate"], "Bearer");
        assert_eq!(error_code(r).await, "unauthorized");
    }
    let r = t
        .post(
            "/api/orders",
            None,
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(t.order_count().await, 0);
}

#[tokio::test]
async fn roles_that_may_not_are_403() {
    let t = spawn_app().await;
    let kitchen = t.login(KITCHEN).await;
    let cashier = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(
            &kitchen,
            None,
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "forbidden");
    let r = t
        .get(
            "/api/analytics/summary?from=2026-01-01&to=2026-01-01",
            Some(&cashier),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(t.order_count().await, 0);
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405_in_the_error_shape() {
    let t = spawn_app().await;
    let r = t.get("/api/nothing-here", None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "not_found");
    let r = t
        .send(reqwest::Method::DELETE, "/api/menu", None, None)
        .await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_code(r).await, "method_not_allowed");
}

#[tokio::test]
async fn too_many_requests_are_429_with_retry_after() {
    let t = spawn_with(|c| {
        c.rate_limit_per_minute = 20;
        c.auth_rate_limit_per_minute = 3;
    })
    .await;
    // auth is much stricter
    let mut codes = Vec::new();
    for _ in 0..4 {
        let r = t
            .post(
                "/api/auth/login",
                None,
                json!({"username": "anna", "password": "wrong-password"}),
            )
            .await;
        codes.push(r.status());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            let retry: u64 = r.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=60).contains(&retry), "Retry-After {retry}");
            assert_eq!(error_code(r).await, "rate_limited");
        }
    }
    assert_eq!(codes[..3], [StatusCode::UNAUTHORIZED; 3]);
    assert_eq!(codes[3], StatusCode::TOO_MANY_REQUESTS);
    // the general limit: 20 per minute in all (4 used above)
    let mut limited = 0;
    for _ in 0..20 {
        let r = t.get("/api/health", None).await;
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().contains_key("retry-after"));
            limited += 1;
        }
    }
    assert_eq!(limited, 4);
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let t = spawn_app().await;
    let r = t.get("/api/openapi.json", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/api/health", &["get"][..]),
        ("/api/auth/login", &["post"]),
        ("/api/auth/pin", &["post"]),
        ("/api/auth/refresh", &["post"]),
        ("/api/auth/logout", &["post"]),
        ("/api/customers/register", &["post"]),
        ("/api/menu", &["get"]),
        ("/api/items/{id}", &["patch", "delete"]),
        ("/api/orders", &["get", "post"]),
        ("/api/orders/{id}", &["get"]),
        ("/api/orders/quote", &["post"]),
        ("/api/orders/{id}/status", &["post"]),
        ("/api/orders/{id}/payments", &["post"]),
        ("/api/events", &["get"]),
        ("/api/analytics/summary", &["get"]),
        ("/api/devices/pairing-codes", &["post"]),
        ("/api/devices/pair", &["post"]),
        ("/api/devices", &["get"]),
        ("/api/devices/{id}", &["delete"]),
        ("/api/settings", &["get", "put"]),
        ("/api/customers", &["get", "post"]),
        ("/api/customers/me/orders", &["get"]),
        ("/api/analytics/orders.csv", &["get"]),
        ("/api/categories", &["get", "post"]),
        ("/api/categories/{id}", &["patch", "delete"]),
        ("/api/items", &["post"]),
        ("/api/items/{id}/modifier-groups", &["put"]),
        ("/api/coupons", &["get", "post"]),
        ("/api/coupons/{code}", &["put", "delete"]),
        ("/api/users", &["get", "post"]),
        ("/api/users/{id}", &["patch"]),
        ("/api/printer", &["get"]),
        ("/api/printer/settings", &["get", "put"]),
        ("/api/printer/test", &["post"]),
        ("/api/printer/retry", &["post"]),
        ("/api/printer/drawer", &["post"]),
        ("/api/orders/{id}/receipt", &["post"]),
    ] {
        for m in methods {
            assert!(
                paths.get(path).and_then(|p| p.get(*m)).is_some(),
                "{m} {path} in the OpenAPI document"
            );
        }
    }
    // and nothing is served that the document does not list
    let (router_paths, doc_paths) = {
        let (_, api) = crema::http::api();
        (api.paths.paths.len(), paths.len())
    };
    assert_eq!(router_paths, doc_paths);
    assert!(doc["components"]["schemas"].get("Order").is_some());
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
}

#[tokio::test]
async fn the_web_app_is_served_at_the_root_with_client_route_fallback() {
    let t = spawn_app().await;
    for path in ["/", "/kiosk", "/board/today"] {
        let r = t.get(path, None).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
    }
    let r = t.get("/assets/does-not-exist-1234.js", None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = t.post("/kiosk", None, json!({})).await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
}
