//! Resource limits and hardening headers: body-read timeout, connection
//! caps, event streams per account, and the security headers.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn security_headers_are_on_the_web_app_its_assets_and_the_api() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    for (path, web) in [
        ("/", true),
        ("/counter", true),
        ("/assets/index-0000.js", true),
        ("/api/menu", false),
        ("/api/orders", false),
        ("/api/nope", false),
    ] {
        let r = t.get(path, Some(&token)).await;
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        if web {
            for part in [
                "default-src 'self'",
                "script-src 'self'",
                "img-src 'self' data: blob:",
                "connect-src 'self'",
            ] {
                assert!(csp.contains(part), "{path}: {csp}");
            }
            assert!(!csp.contains("script-src 'self' 'unsafe"), "{csp}");
        } else {
            assert!(csp.starts_with("default-src 'none'"), "{path}: {csp}");
        }
    }
    // Rate-limit and other edge answers too.
    let r = t
        .client
        .post(t.url("/api/orders"))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
}

async fn open_stream(t: &TestApp, token: &str) -> reqwest::Response {
    t.client
        .get(t.url("/api/events"))
        .bearer_auth(token)
        .send()
        .await
        .expect("events")
}

#[tokio::test]
async fn an_account_holds_a_bounded_number_of_event_streams_and_a_closed_one_frees_its_slot() {
    let t = spawn_with(|c| c.max_event_streams_per_user = 2).await;
    let kitchen = t.login(KITCHEN).await;
    let first = open_stream(&t, &kitchen).await;
    let second = open_stream(&t, &kitchen).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(second.status(), StatusCode::OK);

    // Another login of the same account counts against the same account.
    let again = t.login(KITCHEN).await;
    let third = open_stream(&t, &again).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().contains_key("retry-after"));
    let body: serde_json::Value = third.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_streams");

    // Other accounts are not affected.
    let admin = t.login(ADMIN).await;
    assert_eq!(open_stream(&t, &admin).await.status(), StatusCode::OK);

    // A client that goes away gives its slot back.
    drop(first);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let r = open_stream(&t, &kitchen).await;
        if r.status() == StatusCode::OK {
            break;
        }
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(
            std::time::Instant::now() < deadline,
            "the closed stream's slot was not freed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    drop(second);
}
