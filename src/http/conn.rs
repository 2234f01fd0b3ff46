//! Connection caps: at most `max_connections_per_ip` open connections from
//! one client (IPv6: one /64, as the rate limits count) and
//! `max_connections` in all. A connection over a cap is answered 503
//! `too_many_connections` (once its request's head is in, or after half a
//! second) and closed; the answering itself is bounded in time and number,
//! so a flood cannot use up the open-files limit either.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use super::ratelimit::rate_key;
use crate::app::ErrorCode;

/// Refused connections being answered at once; more are closed unanswered.
const MAX_REFUSING: usize = 64;
/// How long a refused connection is kept to send its request and receive
/// the answer.
const REFUSE_LINGER: Duration = Duration::from_secs(1);
/// Files kept free for the store, its backups, logs and the printer.
const FILES_RESERVED: u64 = 64;

/// Open connections, in all and per client.
pub struct ConnCaps {
    max_total: usize,
    max_per_ip: u32,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    per_ip: HashMap<IpAddr, u32>,
}

/// One open connection; dropping it frees its place.
pub struct ConnPermit {
    caps: Arc<ConnCaps>,
    key: IpAddr,
}

impl ConnCaps {
    pub fn new(max_total: u32, max_per_ip: u32) -> Arc<Self> {
        Arc::new(ConnCaps {
            max_total: (max_total as usize).max(1),
            max_per_ip: max_per_ip.max(1),
            open: Mutex::new(Open::default()),
        })
    }

    fn open(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for one more connection from `ip`, or `None` over a cap.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<ConnPermit> {
        let key = rate_key(ip);
        let mut open = self.open();
        if open.total >= self.max_total {
            return None;
        }
        let n = open.per_ip.entry(key).or_insert(0);
        if *n >= self.max_per_ip {
            return None;
        }
        *n += 1;
        open.total += 1;
        Some(ConnPermit {
            caps: self.clone(),
            key,
        })
    }

    /// Connections open now (in all).
    pub fn total(&self) -> usize {
        self.open().total
    }
}

impl Drop for ConnPermit {
    fn drop(&mut self) {
        let mut open = self.caps.open();
        open.total = open.total.saturating_sub(1);
        if let Some(n) = open.per_ip.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.per_ip.remove(&self.key);
            }
        }
    }
}

/// The soft open-files limit of this process, where the OS tells it.
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// `configured`, lowered to what the open-files limit leaves after
/// [`FILES_RESERVED`].
pub fn effective_max_connections(configured: u32) -> u32 {
    match open_files_limit() {
        Some(files) if u64::from(configured) + FILES_RESERVED > files => {
            let max = files.saturating_sub(FILES_RESERVED).max(1) as u32;
            tracing::warn!(
                configured,
                open_files_limit = files,
                max,
                "max_connections lowered to fit the open-files limit (raise it with ulimit -n)"
            );
            max
        }
        _ => configured,
    }
}

/// A TCP listener that holds every accepted connection to the caps.
pub struct CappedListener {
    inner: TcpListener,
    caps: Arc<ConnCaps>,
    refusing: Arc<Semaphore>,
}

impl CappedListener {
    pub fn new(inner: TcpListener, caps: Arc<ConnCaps>) -> Self {
        CappedListener {
            inner,
            caps,
            refusing: Arc::new(Semaphore::new(MAX_REFUSING)),
        }
    }

    /// Answers 503 and closes, in the background and bounded in time; when
    /// too many are being answered already, just closes.
    fn refuse(&self, mut tcp: TcpStream) {
        let Ok(permit) = self.refusing.clone().try_acquire_owned() else {
            return;
        };
        tokio::spawn(async move {
            let _ = tokio::time::timeout(REFUSE_LINGER, async {
                // Wait for the request's head first: a client that gets an
                // answer before it sent its request takes it for garbage.
                let mut head = Vec::with_capacity(1024);
                let mut buf = [0u8; 1024];
                let _ = tokio::time::timeout(REFUSE_LINGER / 2, async {
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                        match tcp.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                })
                .await;
                tcp.write_all(refusal().as_bytes()).await?;
                tcp.shutdown().await?;
                // Read what else the client sent until it closes, so the
                // answer is not lost to a reset.
                while tcp.read(&mut buf).await? > 0 {}
                Ok::<_, io::Error>(())
            })
            .await;
            drop(permit);
        });
    }
}

/// The whole HTTP/1.1 answer to a refused connection.
fn refusal() -> String {
    let body = serde_json::json!({"error": {
        "code": ErrorCode::TooManyConnections.as_str(),
        "message": "the server has too many connections open; try again in a moment",
    }})
    .to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
}

impl axum::serve::Listener for CappedListener {
    type Io = Capped;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Capped, SocketAddr) {
        loop {
            let (tcp, addr) = match self.inner.accept().await {
                Ok(conn) => conn,
                Err(e) => {
                    // As axum does: a client that gave up is no matter; else
                    // (out of files) wait a little for some to close.
                    if !matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionRefused
                            | io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::ConnectionReset
                    ) {
                        tracing::error!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                    continue;
                }
            };
            match self.caps.admit(addr.ip()) {
                Some(permit) => {
                    return (
                        Capped {
                            io: tcp,
                            _permit: permit,
                        },
                        addr,
                    )
                }
                None => {
                    tracing::debug!(client = %addr, "too many connections: refused");
                    self.refuse(tcp);
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// An admitted connection, holding its place until it is dropped.
pub struct Capped {
    pub io: TcpStream,
    _permit: ConnPermit,
}

impl AsyncRead for Capped {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Capped {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn caps_count_per_client_and_in_all_and_free_on_drop() {
        let caps = ConnCaps::new(3, 2);
        let a1 = caps.admit(ip("192.0.2.1")).unwrap();
        let _a2 = caps.admit(ip("192.0.2.1")).unwrap();
        assert!(caps.admit(ip("192.0.2.1")).is_none(), "per-IP cap");
        // One /64 is one client.
        let _b1 = caps.admit(ip("2001:db8::1")).unwrap();
        assert!(caps.admit(ip("192.0.2.9")).is_none(), "global cap");
        drop(a1);
        assert_eq!(caps.total(), 2);
        let _c1 = caps.admit(ip("192.0.2.9")).unwrap();
        let caps = ConnCaps::new(10, 1);
        let _v6 = caps.admit(ip("2001:db8::1")).unwrap();
        assert!(caps.admit(ip("2001:db8::2")).is_none(), "same /64");
        assert!(caps.admit(ip("2001:db8:0:1::2")).is_some(), "another /64");
    }

    #[test]
    fn the_refusal_is_a_complete_contract_error() {
        let r = refusal();
        assert!(r.starts_with("HTTP/1.1 503 "));
        let (head, body) = r.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["code"], "too_many_connections");
    }
}
