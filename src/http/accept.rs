//! The accept loop: hyper-util's connection builder over the capped
//! listener, as `axum::serve` does it, plus what that cannot set: a timer,
//! so that a client trickling its request headers is cut off after
//! `request_timeout_seconds` (hyper's `header_read_timeout`) like one
//! trickling its body (see `edge`). Each connection is served by its own
//! [`EdgeService`], which knows the client's address.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::serve::Listener;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::sync::watch;

use super::conn::CappedListener;
use super::edge::{Edge, EdgeService};
use super::timer::ConnTimer;

/// Serves `router` behind `edge` on every admitted connection until
/// `shutdown` resolves; then takes no more, lets every connection finish
/// what it is answering, and returns once all have closed.
pub async fn run(
    mut listener: CappedListener,
    edge: Arc<Edge>,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    // HTTP/1.1 only: browsers speak HTTP/2 only over TLS, which this LAN
    // server does not, and no client of it uses cleartext HTTP/2. hyper-util's
    // `auto` builder (what `axum::serve` uses) peeks at every connection for
    // the HTTP/2 preface and reads through a rewind buffer for it.
    let mut builder = http1::Builder::new();
    builder.header_read_timeout(header_timeout);

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
        let svc = EdgeService::new(edge.clone(), router.clone(), remote);
        // Its own timer for the header-read timeout (see `timer`).
        let mut builder = builder.clone();
        builder.timer(ConnTimer::new(Instant::now() + header_timeout));
        let mut stop = stop_rx.clone();
        let closed = closed_rx.clone();
        tokio::spawn(async move {
            // No upgrades: nothing here speaks WebSocket, and without them
            // hyper adds no `OnUpgrade` to every request's extensions.
            let conn = builder.serve_connection(TokioIo::new(conn), svc);
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
