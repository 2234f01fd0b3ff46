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

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Everything the server sends until it closes (or `within` passes).
async fn read_until_closed(tcp: &mut TcpStream, within: Duration) -> String {
    let mut got = Vec::new();
    let _ = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match tcp.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test]
async fn a_trickled_request_body_is_answered_408_and_closed_within_the_timeout() {
    let t = spawn_with(|c| c.request_timeout_seconds = 1).await;
    let mut tcp = TcpStream::connect(t.addr).await.unwrap();
    tcp.write_all(
        b"POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n\
          Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"userna",
    )
    .await
    .unwrap();
    let start = Instant::now();
    // The client stalls; the server must not wait for ever.
    let answer = read_until_closed(&mut tcp, Duration::from_secs(5)).await;
    let took = start.elapsed();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(answer.contains("\"request_timeout\""), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");

    // A chunked body trickled in is cut off too.
    let mut tcp = TcpStream::connect(t.addr).await.unwrap();
    tcp.write_all(
        b"POST /api/orders HTTP/1.1\r\nHost: localhost\r\n\
          Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n",
    )
    .await
    .unwrap();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");

    // A body that arrives in time is served as before.
    let r = t
        .post(
            "/api/auth/login",
            None,
            serde_json::json!({"username": ADMIN.0, "password": ADMIN.1}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn trickled_request_headers_are_cut_off_within_the_timeout() {
    let t = spawn_with(|c| c.request_timeout_seconds = 1).await;
    let mut tcp = TcpStream::connect(t.addr).await.unwrap();
    tcp.write_all(b"POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nX-Slow: a")
        .await
        .unwrap();
    let start = Instant::now();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(6)).await;
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(4),
        "held for {took:?}: {answer:?}"
    );
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer:?}"
    );
}

/// The header timeout of a kept-alive connection's later request: the server
/// keeps one timer per connection and moves it on from request to request.
#[tokio::test]
async fn trickled_headers_of_a_later_request_on_a_kept_alive_connection_are_cut_off_too() {
    let t = spawn_with(|c| c.request_timeout_seconds = 1).await;
    let mut tcp = TcpStream::connect(t.addr).await.unwrap();
    assert_eq!(status_on(&mut tcp).await, "HTTP/1.1 200");
    tcp.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: a")
        .await
        .unwrap();
    let start = Instant::now();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(6)).await;
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(4),
        "held for {took:?}: {answer:?}"
    );
}

/// Sends a whole request on `tcp` and reads the status line of the answer.
async fn status_on(tcp: &mut TcpStream) -> String {
    tcp.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 12];
    tokio::time::timeout(Duration::from_secs(5), tcp.read_exact(&mut buf))
        .await
        .expect("an answer in time")
        .expect("an answer");
    String::from_utf8_lossy(&buf).into_owned()
}

#[tokio::test]
async fn connections_over_the_per_client_cap_are_refused_and_a_closed_one_frees_a_place() {
    let t = spawn_with(|c| c.max_connections_per_ip = 3).await;
    let mut open = Vec::new();
    for _ in 0..3 {
        let mut tcp = TcpStream::connect(t.addr).await.unwrap();
        assert_eq!(status_on(&mut tcp).await, "HTTP/1.1 200");
        open.push(tcp);
    }
    // The fourth: answered 503 at once and closed, request unread.
    let mut extra = TcpStream::connect(t.addr).await.unwrap();
    let answer = read_until_closed(&mut extra, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("\"too_many_connections\""), "{answer}");
    // The first three still work.
    let mut first = open.remove(0);
    // Drain its first answer, then ask again on the same connection.
    let _ = read_some(&mut first).await;
    assert_eq!(status_on(&mut first).await, "HTTP/1.1 200");
    // Closing one frees its place.
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut tcp = TcpStream::connect(t.addr).await.unwrap();
        tcp.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .unwrap();
        let answer = read_some(&mut tcp).await;
        if answer.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(
            answer.starts_with("HTTP/1.1 503") || answer.is_empty(),
            "{answer:?}"
        );
        assert!(
            Instant::now() < deadline,
            "the closed connection's place was not freed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What has arrived on `tcp` within a short while.
async fn read_some(tcp: &mut TcpStream) -> String {
    let mut buf = vec![0u8; 8192];
    match tokio::time::timeout(Duration::from_secs(2), tcp.read(&mut buf)).await {
        Ok(Ok(n)) => String::from_utf8_lossy(&buf[..n]).into_owned(),
        _ => String::new(),
    }
}

#[tokio::test]
async fn connections_over_the_global_cap_are_refused() {
    let t = spawn_with(|c| c.max_connections = 2).await;
    let mut a = TcpStream::connect(t.addr).await.unwrap();
    let mut b = TcpStream::connect(t.addr).await.unwrap();
    assert_eq!(status_on(&mut a).await, "HTTP/1.1 200");
    assert_eq!(status_on(&mut b).await, "HTTP/1.1 200");
    let mut c = TcpStream::connect(t.addr).await.unwrap();
    let answer = read_until_closed(&mut c, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    // reqwest sees the contract's error body too.
    let r = t.get("/api/health", None).await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_connections");
}
