//! Head office serves the web app's build for the owners' screens at `/hq`
//! (the same files the shop serves); every other path stays a JSON 404.

use reqwest::StatusCode;

use crate::support::{error_code, Backend, Server, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owners_screens_are_served_at_hq_and_api_misses_stay_json() {
    let db = TestDb::new(Backend::Postgres).await;
    let server = Server::start(&db, &[], &[]);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |path: &str| http.get(server.url(path)).send();

    let shell = get("/hq").await.unwrap();
    assert_eq!(shell.status(), StatusCode::OK);
    let csp = shell.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(shell.headers()["x-content-type-options"], "nosniff");
    assert!(shell.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = shell.text().await.unwrap();
    for path in ["/hq/", "/hq/menu", "/hq/deep/link?x=1"] {
        let r = get(path).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(r.text().await.unwrap(), html, "{path}: the app shell");
    }
    // The shell's scripts and styles load from the same server.
    let assets: Vec<&str> = html
        .split('"')
        .filter(|s| s.starts_with("/assets/"))
        .collect();
    for a in &assets {
        let r = get(a).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{a}");
        assert!(r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"));
    }

    let root = get("/").await.unwrap();
    assert!(root.status().is_redirection());
    assert_eq!(root.headers()["location"], "/hq");

    for path in [
        "/api/nope",
        "/api/hq/nope",
        "/counter",
        "/assets/index-0000.js",
    ] {
        let r = get(path).await.unwrap();
        assert_eq!(
            error_code(r, StatusCode::NOT_FOUND).await,
            "not_found",
            "{path}"
        );
    }
    let r = http.post(server.url("/hq")).send().await.unwrap();
    assert_eq!(
        error_code(r, StatusCode::METHOD_NOT_ALLOWED).await,
        "method_not_allowed"
    );
}
