//! A TCP proxy between the shops and head office on 127.0.0.1:0 that can be
//! told to refuse connections (head office down) or to cut the next one
//! mid-batch: before head office has the whole request (nothing can commit),
//! or after it has answered (it committed) but before the shop hears it.
//! Only a push of events (`POST /api/hq/events`) is cut; the shop's menu
//! requests pass.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Forward the request's headers and a little of its body, then close.
    BeforeCommit,
    /// Forward the whole request, wait for head office's first answer byte,
    /// then close without passing the answer on.
    AfterCommit,
    /// As `AfterCommit`, but hold the shop's connection open without an
    /// answer (for the shop to be killed mid-push).
    Hold,
}

struct State {
    upstream: Option<SocketAddr>,
    next_cut: Option<Cut>,
}

pub struct Proxy {
    pub url: String,
    state: Arc<Mutex<State>>,
    /// Connections cut so far.
    pub cuts: Arc<AtomicUsize>,
}

impl Proxy {
    /// A proxy to `upstream` (`None`: refuses every connection, as a head
    /// office that is down).
    pub async fn start(upstream: Option<&str>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let state = Arc::new(Mutex::new(State {
            upstream: upstream.map(addr_of),
            next_cut: None,
        }));
        let cuts = Arc::new(AtomicUsize::new(0));
        let (st, c) = (state.clone(), cuts.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (st, c) = (st.clone(), c.clone());
                tokio::spawn(async move {
                    let push = is_push(&client).await;
                    let (upstream, cut) = {
                        let mut s = st.lock().unwrap();
                        let cut = if push { s.next_cut.take() } else { None };
                        (s.upstream, cut)
                    };
                    let Some(up) = upstream else { return };
                    let Ok(server) = TcpStream::connect(up).await else {
                        return;
                    };
                    match cut {
                        None => pass(client, server).await,
                        Some(cut) => cut_off(client, server, cut, &c).await,
                    }
                });
            }
        });
        Proxy { url, state, cuts }
    }

    /// Head office at `upstream` (`None`: down).
    pub fn point_at(&self, upstream: Option<&str>) {
        self.state.lock().unwrap().upstream = upstream.map(addr_of);
    }

    /// Cuts the next connection as `cut`; the ones after pass.
    pub fn cut_next(&self, cut: Cut) {
        self.state.lock().unwrap().next_cut = Some(cut);
    }

    pub fn cut_count(&self) -> usize {
        self.cuts.load(Ordering::SeqCst)
    }
}

/// Whether the connection's first request is a push of events (peeked,
/// not consumed).
async fn is_push(client: &TcpStream) -> bool {
    const PUSH: &[u8] = b"POST /api/hq/events ";
    let mut buf = [0u8; 32];
    for _ in 0..50 {
        match client.peek(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) if n >= PUSH.len() || !PUSH.starts_with(&buf[..n]) => {
                return buf[..n].starts_with(PUSH)
            }
            Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
        }
    }
    false
}

fn addr_of(base: &str) -> SocketAddr {
    base.trim_start_matches("http://")
        .parse()
        .expect("a head office at ip:port")
}

async fn pass(mut client: TcpStream, mut server: TcpStream) {
    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
}

/// Cuts the connection as `cut`, counting it in `cuts` once done.
async fn cut_off(mut client: TcpStream, mut server: TcpStream, cut: Cut, cuts: &AtomicUsize) {
    let mut buf = vec![0u8; 64 * 1024];
    match cut {
        Cut::BeforeCommit => {
            // The headers and the body's first bytes, never the whole body.
            let mut seen = Vec::new();
            loop {
                let Ok(n) = client.read(&mut buf).await else {
                    return;
                };
                if n == 0 {
                    return;
                }
                seen.extend_from_slice(&buf[..n]);
                if let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
                    let keep = (end + 4 + 8).min(seen.len() - 1);
                    let _ = server.write_all(&seen[..keep]).await;
                    cuts.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
        }
        Cut::AfterCommit | Cut::Hold => {
            let (mut from_client, to_client) = client.into_split();
            let (mut from_server, mut to_server) = server.into_split();
            let forward = tokio::spawn(async move {
                let _ = tokio::io::copy(&mut from_client, &mut to_server).await;
            });
            // Head office answers once it has committed the batch.
            let _ = from_server.read(&mut buf[..1]).await;
            cuts.fetch_add(1, Ordering::SeqCst);
            if cut == Cut::Hold {
                // No answer, and no close either: the shop waits until it dies.
                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
            }
            forward.abort();
            drop(to_client);
        }
    }
}
