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
