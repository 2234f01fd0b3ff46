//! The accept loop: hyper-util's connection builder over the capped
//! listener, as `axum::serve` does it, plus what that cannot set: a timer,
//! so that a client trickling its request headers is cut off after
//! `request_timeout_seconds` (hyper's `header_read_timeout`) like one
//! trickling its body (see `edge`).

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::response::Response;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::sync::watch;
use tower::{Service, ServiceExt};

use super::conn::CappedListener;

/// Serves `service` on every admitted connection until `shutdown`
/// resolves; then takes no more, lets every connection finish what it is
/// answering, and returns once all have closed.
pub async fn run<S>(
    mut listener: CappedListener,
    service: S,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    builder.http2().timer(TokioTimer::new());

    // `stop` turns true at shutdown; every connection task holds a
    // `closed` receiver, so its sender sees when the last one is gone.
    let (stop_tx, stop_rx) = watch::channel(false);
    let (closed_tx, closed_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (conn, remote) = tokio::select! {
            conn = listener.accept() => conn,
            _ = &mut shutdown => break,
        };
        // Small writes (SSE events, 304s) leave at once: without
        // TCP_NODELAY an event written while the previous one is
        // unacknowledged waits for the board's delayed ACK (up to 40 ms).
        if let Err(e) = conn.io.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let svc = service
            .clone()
            .map_request(move |mut req: axum::http::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(remote));
                req.map(Body::new)
            });
        let builder = builder.clone();
        let mut stop = stop_rx.clone();
        let closed = closed_rx.clone();
        tokio::spawn(async move {
            let hyper_svc = TowerToHyperService::new(svc);
            let conn = builder.serve_connection_with_upgrades(TokioIo::new(conn), hyper_svc);
            let mut conn = std::pin::pin!(conn);
            let mut stopping = false;
            loop {
                tokio::select! {
                    result = conn.as_mut() => {
                        if let Err(e) = result {
                            tracing::trace!(error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    _ = stop.wait_for(|s| *s), if !stopping => {
                        stopping = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
            drop(closed);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(closed_rx);
    closed_tx.closed().await;
}
