//! The edge: ids, limits, timeouts, headers and the error log.

use std::io::Write;
use std::sync::Mutex;

use axum::routing::get;

use super::*;
use crate::app::AppError;

/// Collects what the log subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn test_edge(per_minute: u32) -> Arc<Edge> {
    Arc::new(Edge {
        limits: Limits::new(per_minute, per_minute),
        read_timeout: Duration::from_millis(200),
        body_limit: 1024,
        ids: RequestIds::default(),
    })
}

fn get_req(path: &str) -> Request {
    Request::get(path).body(Body::empty()).unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn a_read_whose_handler_waits_past_the_read_timeout_is_answered_408_and_hardened() {
    async fn stuck() -> &'static str {
        std::future::pending::<()>().await;
        "never"
    }
    let router = Router::new().route("/stuck", get(stuck));
    let resp = test_edge(1_000)
        .handle(get_req("/stuck"), None, router)
        .await;
    assert_eq!(resp.status().as_u16(), 408);
    assert_eq!(resp.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(resp.headers().contains_key(X_REQUEST_ID));
}

#[tokio::test(flavor = "current_thread")]
async fn a_rate_limited_answer_carries_the_id_and_the_security_headers() {
    let edge = test_edge(1);
    let router = Router::new().route("/r", get(|| async { "ok" }));
    let ip = Some("192.0.2.1".parse().unwrap());
    let ok = edge.handle(get_req("/r"), ip, router.clone()).await;
    assert_eq!(ok.status().as_u16(), 200);
    assert_eq!(ok.headers()[header::CONTENT_SECURITY_POLICY], API_CSP);
    let limited = edge.handle(get_req("/r"), ip, router).await;
    assert_eq!(limited.status().as_u16(), 429);
    assert!(limited.headers().contains_key(header::RETRY_AFTER));
    assert_eq!(limited.headers()[header::REFERRER_POLICY], "no-referrer");
    assert!(limited.headers().contains_key(X_REQUEST_ID));
}

async fn failing() -> Result<(), AppError> {
    let cause = anyhow::anyhow!("disk on fire").context("writing the order");
    Err(AppError::internal(cause))
}

#[tokio::test(flavor = "current_thread")]
async fn a_server_error_is_logged_with_its_cause_chain_and_request_id_but_not_answered_with_them() {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let edge = test_edge(1_000);
    let router = Router::new().route("/boom", get(failing));
    let request = Request::get("/boom")
        .header(X_REQUEST_ID, "req-4711")
        .body(Body::empty())
        .unwrap();
    let resp = edge.handle(request, None, router).await;

    assert_eq!(resp.status().as_u16(), 500);
    assert_eq!(resp.headers()[&X_REQUEST_ID], "req-4711");
    let body = axum::body::to_bytes(resp.into_body(), 4096).await.unwrap();
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("\"internal\""), "{body}");
    assert!(!body.contains("disk"), "the answer leaks the cause: {body}");
    let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("req-4711"), "{logged}");
    assert!(
        logged.contains("writing the order: disk on fire"),
        "{logged}"
    );
}
