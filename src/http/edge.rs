//! The edge of the server: what every request passes exactly once — a
//! request id (the client's, if sane, or a new one) in a DEBUG span, in the
//! log line of a server error and on the response; per-IP rate limits; the read timeout;
//! the body-read deadline; security headers; and a log line for every
//! server error.
//!
//! It is the connection's own hyper service ([`EdgeService`], made by the
//! accept loop with the client's address), not a stack of tower layers:
//! measured with callgrind, the separate layers (request id, trace, rate
//! limit, timeout, then `middleware::from_fn`) cost more instructions than
//! the menu handler itself, mostly in moving the request and boxed futures
//! from layer to layer.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderName, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::future::RouteFuture;
use axum::Router;
use hyper::body::Incoming;
use tower::Service;

mod future;

pub use future::EdgeFuture;
use future::State;

use super::error::error_response;
use super::ratelimit::Limits;
pub use super::request_id::RequestIds;
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

/// Puts the headers the edge adds to every answer on `headers` ahead of
/// time (the request id as a placeholder), for an answer built once and
/// served many times: the edge then replaces values in place instead of
/// growing the map (callgrind: half the cost of a cached menu read's
/// headers).
pub fn prepare(headers: &mut axum::http::HeaderMap) {
    headers.insert(X_REQUEST_ID, HeaderValue::from_static("-"));
    harden(headers);
}

pub struct Edge {
    pub limits: Arc<Limits>,
    /// Reads slower than this are answered 408, and so is a request whose
    /// body has not wholly arrived this long after its headers.
    pub read_timeout: Duration,
    /// Largest request body (413 above).
    pub body_limit: usize,
    /// Request ids made here: this process's random prefix and a count.
    pub ids: RequestIds,
}

/// Reads the whole request body before the handler runs, within the
/// deadline: a body trickled in slower is answered 408 (and the connection
/// closed) instead of holding a task and a connection for ever. Requests
/// without a body pass as they are.
async fn read_body(req: Request, deadline: Duration, limit: usize) -> Result<Request, Response> {
    use axum::body::HttpBody;
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

/// What the answer needs from its request: the id, and for the log line
/// of a server error the method and path.
pub(super) struct Meta {
    id: HeaderValue,
    method: Method,
    uri: Uri,
    /// A read (GET, HEAD; not the event stream) is cut off after the
    /// read timeout. Writes never are: a dropped handler could not stop
    /// its commit, and the client would be told "failed" about an order
    /// that exists.
    is_read: bool,
    /// The request's span, when something records DEBUG.
    span: Option<tracing::Span>,
}

impl Edge {
    /// Starts `req` from a client at `ip` on its way through the edge to
    /// `router`. Request id, rate limit and routing happen here, before
    /// any future exists; what only some requests need (reading a body, a
    /// span someone records, a timer for a handler that waits) is boxed
    /// when needed. Callgrind showed why: a 3 KB `async` future is copied
    /// whole each time it is moved or boxed.
    pub fn start(self: &Arc<Self>, req: Request, ip: Option<IpAddr>, router: Router) -> EdgeFuture {
        let id = match req.headers().get(&X_REQUEST_ID) {
            Some(v) if usable(v) => v.clone(),
            _ => self.ids.next(),
        };
        if let Err(e) = self.limits.admit(ip, req.uri().path()) {
            return EdgeFuture {
                edge: self.clone(),
                meta: None,
                state: State::Done(Some(finish(e.into_response(), id))),
            };
        }
        let method = req.method().clone();
        let uri = req.uri().clone();
        let span = tracing::debug_span!("request", %method, path = %uri.path(), request_id = ?id);
        let meta = Meta {
            is_read: matches!(method, Method::GET | Method::HEAD) && uri.path() != "/api/events",
            id,
            method,
            uri,
            span: (!span.is_disabled()).then_some(span),
        };
        let state = {
            use axum::body::HttpBody;
            if req.body().size_hint().exact() == Some(0) {
                State::Answering(route(router, req, &meta), None)
            } else {
                let limit = self.body_limit_for(req.method(), req.uri().path());
                let body = Box::pin(read_body(req, self.read_timeout, limit));
                State::ReadingBody(body, router)
            }
        };
        EdgeFuture {
            edge: self.clone(),
            meta: Some(meta),
            state,
        }
    }

    /// The body limit of a request: the configured one, and for a picture
    /// upload the pictures' own (larger) one.
    fn body_limit_for(&self, method: &Method, path: &str) -> usize {
        if super::handlers::images::is_upload(method, path) {
            self.body_limit.max(super::handlers::images::UPLOAD_LIMIT)
        } else {
            self.body_limit
        }
    }

    /// The whole answer to `req` (for tests and callers without a
    /// connection of their own).
    pub async fn handle(
        self: &Arc<Self>,
        req: Request,
        ip: Option<IpAddr>,
        router: Router,
    ) -> Response {
        match self.start(req, ip, router).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        }
    }
}

fn route(mut router: Router, req: Request, meta: &Meta) -> RouteFuture<Infallible> {
    let _entered = meta.span.as_ref().map(|s| s.enter());
    router.call(req)
}

/// The request id and the security headers on an answer.
fn finish(mut resp: Response, id: HeaderValue) -> Response {
    let headers = resp.headers_mut();
    headers.reserve(4);
    headers.insert(X_REQUEST_ID, id);
    harden(headers);
    resp
}

/// One connection's service: its requests, with the client's address, go
/// through the edge to the router.
#[derive(Clone)]
pub struct EdgeService {
    edge: Arc<Edge>,
    router: Router,
    remote: SocketAddr,
}

impl EdgeService {
    pub fn new(edge: Arc<Edge>, router: Router, remote: SocketAddr) -> Self {
        EdgeService {
            edge,
            router,
            remote,
        }
    }
}

impl hyper::service::Service<axum::http::Request<Incoming>> for EdgeService {
    type Response = Response;
    type Error = Infallible;
    type Future = EdgeFuture;

    fn call(&self, req: axum::http::Request<Incoming>) -> EdgeFuture {
        let mut req = req.map(Body::new);
        req.extensions_mut().insert(ConnectInfo(self.remote));
        self.edge
            .start(req, Some(self.remote.ip()), self.router.clone())
    }
}

#[cfg(test)]
mod tests;
