//! `bench-sse`: holds N kitchen boards on `GET /api/events` and measures, for
//! every `order.created` each board receives, the time from the order's
//! `created_at` (taken by the server just before its transaction) to the
//! event's arrival. That is commit-to-event plus the commit itself, so an
//! upper bound of commit-to-event. Not a load generator: the orders come from
//! wrk. Prints `ready` once every board is connected, then one
//! `BENCHJSON {...}` line after `--seconds`.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use clap::Parser;
use futures_util::StreamExt;

#[derive(Parser)]
#[command(name = "bench-sse")]
struct Cli {
    /// Base URL, e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    /// A staff access token (admin, cashier or kitchen).
    #[arg(long)]
    token: String,
    #[arg(long, default_value_t = 50)]
    boards: usize,
    /// How long to listen once every board is connected.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
}

fn created_at(data: &str) -> Option<DateTime<Utc>> {
    let start = data.find("\"created_at\":\"")? + "\"created_at\":\"".len();
    let end = start + data[start..].find('"')?;
    DateTime::parse_from_rfc3339(&data[start..end])
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

async fn board(
    client: reqwest::Client,
    url: String,
    token: String,
    ready: tokio::sync::mpsc::Sender<()>,
    until: tokio::sync::watch::Receiver<bool>,
) -> (Vec<u64>, u64) {
    let resp = client
        .get(format!("{url}/api/events"))
        .bearer_auth(token)
        .send()
        .await
        .expect("connect to /api/events");
    assert!(
        resp.status().is_success(),
        "GET /api/events answered {}",
        resp.status()
    );
    let _ = ready.send(()).await;
    let mut stream = resp.bytes_stream();
    let mut buf = String::new();
    let mut event = String::new();
    let mut lat = Vec::new();
    let mut resyncs = 0u64;
    let mut until = until;
    loop {
        let chunk = tokio::select! {
            c = stream.next() => c,
            _ = until.wait_for(|s| *s) => break,
        };
        let Some(Ok(chunk)) = chunk else { break };
        let now = Utc::now();
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(nl) = buf.find('\n') {
            let line = buf[..nl].trim_end_matches('\r').to_string();
            buf.drain(..=nl);
            if let Some(name) = line.strip_prefix("event:") {
                event = name.trim().to_string();
            } else if let Some(data) = line.strip_prefix("data:") {
                if event == "order.created" {
                    if let Some(t) = created_at(data) {
                        let us = (now - t).num_microseconds().unwrap_or(0).max(0);
                        lat.push(us as u64);
                    }
                } else if event == "resync" {
                    resyncs += 1;
                }
            } else if line.is_empty() {
                event.clear();
            }
        }
    }
    (lat, resyncs)
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(cli.boards.max(1));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut tasks = Vec::new();
    for _ in 0..cli.boards {
        tasks.push(tokio::spawn(board(
            client.clone(),
            cli.url.clone(),
            cli.token.clone(),
            ready_tx.clone(),
            stop_rx.clone(),
        )));
    }
    drop(ready_tx);
    let mut connected = 0;
    while connected < cli.boards && ready_rx.recv().await.is_some() {
        connected += 1;
    }
    println!("ready {connected}");
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(cli.seconds)).await;
    let _ = stop_tx.send(true);
    let mut all = Vec::new();
    let mut resyncs = 0;
    let mut per_board_min = usize::MAX;
    for t in tasks {
        let (lat, r) = t.await.expect("board task");
        per_board_min = per_board_min.min(lat.len());
        all.extend(lat);
        resyncs += r;
    }
    all.sort_unstable();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((p / 100.0) * (all.len() - 1) as f64).round() as usize;
        all[i] as f64 / 1000.0
    };
    println!(
        "BENCHJSON {}",
        serde_json::json!({
            "boards": connected,
            "events": all.len(),
            "events_per_board_min": if per_board_min == usize::MAX { 0 } else { per_board_min },
            "resyncs": resyncs,
            "seconds": started.elapsed().as_secs_f64(),
            "p50_ms": pct(50.0), "p90_ms": pct(90.0), "p99_ms": pct(99.0),
            "p999_ms": pct(99.9), "max_ms": pct(100.0),
        })
    );
}
