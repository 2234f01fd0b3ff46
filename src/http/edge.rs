//! The edge of the server: what every request passes exactly once, in one
//! layer — a request id (the client's, if sane, or a new one) on the request,
//! in a DEBUG span and on the response; per-IP rate limits; the read
//! timeout; the body-read deadline; security headers; and a log line for
//! every server error.
//!
//! One function instead of a stack of tower layers: measured with callgrind,
//! the separate layers (set and propagate request id, trace, rate limit,
//! timeout) cost more instructions than the menu handler itself.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

use super::error::{error_response, InternalCause};
use super::ratelimit::Limits;
use crate::app::ErrorCode;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// For answers that set no policy of their own (the API's JSON, events,
/// CSV): nothing in them may load, run or be framed.
const API_CSP: HeaderValue = HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'");

/// Headers on every answer: no content-type sniffing, no referrer, and a
/// CSP unless the answer has one (the web app's, see `web`).
fn harden(headers: &mut axum::http::HeaderMap) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(API_CSP);
}

pub struct Edge {
    pub limits: Arc<Limits>,
    /// Reads slower than this are answered 408, and so is a request whose
    /// body has not wholly arrived this long after its headers.
    pub read_timeout: Duration,
    /// Largest request body (413 above).
    pub body_limit: usize,
}

/// Reads the whole request body before the handler runs, within the
/// deadline: a body trickled in slower is answered 408 (and the connection
/// closed) instead of holding a task and a connection for ever. Requests
/// without a body pass as they are.
async fn read_body(req: Request, deadline: Duration, limit: usize) -> Result<Request, Response> {
    use axum::body::{Body, HttpBody};
    if req.body().size_hint().exact() == Some(0) {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    match tokio::time::timeout(deadline, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => Ok(Request::from_parts(parts, Body::from(bytes))),
        Ok(Err(e)) => {
            // Over the limit, or the client broke off.
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            Err(if too_large {
                error_response(ErrorCode::PayloadTooLarge, "the request body is too large")
            } else {
                error_response(
                    ErrorCode::InvalidRequest,
                    "the request body could not be read",
                )
            })
        }
        Err(_) => {
            let mut resp = error_response(
                ErrorCode::RequestTimeout,
                "the request body took too long to arrive; try again",
            );
            resp.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            Err(resp)
        }
    }
}

/// A client's request id is kept when it is 1–64 visible ASCII characters.
fn usable(id: &HeaderValue) -> bool {
    let b = id.as_bytes();
    !b.is_empty() && b.len() <= 64 && b.iter().all(u8::is_ascii_graphic)
}

fn new_request_id() -> HeaderValue {
    let mut buf = uuid::Uuid::encode_buffer();
    let id = uuid::Uuid::now_v7().hyphenated().encode_lower(&mut buf);
    HeaderValue::from_str(id).unwrap_or(HeaderValue::from_static("-"))
}

pub async fn edge(State(edge): State<Arc<Edge>>, mut req: Request, next: Next) -> Response {
    let id = match req.headers().get(&X_REQUEST_ID) {
        Some(v) if usable(v) => v.clone(),
        _ => {
            let v = new_request_id();
            req.headers_mut().insert(X_REQUEST_ID, v.clone());
            v
        }
    };
    let mut resp = match edge.limits.admit(&req) {
        Err(e) => e.into_response(),
        Ok(()) => {
            let method = req.method().clone();
            let uri = req.uri().clone();
            let span =
                tracing::debug_span!("request", %method, path = %uri.path(), request_id = ?id);
            // Writes are never cut off: a dropped handler could not stop its
            // commit, and the client would be told "failed" about an order
            // that exists. The event stream is long-lived.
            let is_read =
                matches!(method, Method::GET | Method::HEAD) && uri.path() != "/api/events";
            let (deadline, limit) = (edge.read_timeout, edge.body_limit);
            let run = async move {
                match read_body(req, deadline, limit).await {
                    Ok(req) => next.run(req).await,
                    Err(resp) => resp,
                }
            }
            .instrument(span);
            let resp = if is_read {
                match tokio::time::timeout(edge.read_timeout, run).await {
                    Ok(resp) => resp,
                    Err(_) => error_response(
                        ErrorCode::RequestTimeout,
                        "the server took too long to answer; try again",
                    ),
                }
            } else {
                run.await
            };
            if resp.status().is_server_error() {
                let cause = resp
                    .extensions()
                    .get::<InternalCause>()
                    .map(|c| c.0.as_str());
                tracing::error!(request_id = ?id, %method, path = %uri.path(), status = resp.status().as_u16(), error = cause.unwrap_or("-"), "request failed");
            }
            resp
        }
    };
    resp.headers_mut().insert(X_REQUEST_ID, id);
    harden(resp.headers_mut());
    resp
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::Mutex;

    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use tower::Service;

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

    async fn failing() -> Result<(), AppError> {
        let cause = anyhow::anyhow!("disk on fire").context("writing the order");
        Err(AppError::internal(cause))
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_server_error_is_logged_with_its_cause_chain_and_request_id_but_not_answered_with_them(
    ) {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let edge_state = Arc::new(Edge {
            limits: Limits::new(1_000, 1_000),
            read_timeout: Duration::from_secs(5),
            body_limit: 1024,
        });
        let mut router = Router::new()
            .route("/boom", get(failing))
            .layer(axum::middleware::from_fn_with_state(edge_state, edge));
        let request = Request::get("/boom")
            .header(X_REQUEST_ID, "req-4711")
            .body(Body::empty())
            .unwrap();
        let resp = router.call(request).await.unwrap();

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
}
