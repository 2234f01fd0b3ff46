//! `bench-pace`: counters ordering at a fixed rate, whatever the answers'
//! latency. `--conns` connections (one HTTP/1.1 connection each, as a till
//! or kiosk has) send `POST /api/orders`, each with its own
//! `Idempotency-Key`, on one schedule: order `k` at `k / rate` seconds,
//! taken by the connections in turn. A connection still waiting for its
//! last answer sends when it comes (one request in flight per till), so the
//! offered rate holds as long as answers take less than `conns / rate`.
//! wrk's `delay()` waits *after* each answer, so its rate falls as latency
//! grows — on a slow disk the very thing measured. The latency is from
//! sending to the whole answer. Prints one `BENCHJSON {...}` line.

use std::time::{Duration, Instant};

use clap::Parser;

#[derive(Parser)]
#[command(name = "bench-pace")]
struct Cli {
    /// Base URL, e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    /// A cashier's access token.
    #[arg(long)]
    token: String,
    /// The order's JSON body.
    #[arg(long)]
    body: String,
    #[arg(long, default_value_t = 8)]
    conns: usize,
    /// Orders per second, all connections together.
    #[arg(long, default_value_t = 200.0)]
    rate: f64,
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Idempotency keys start with this.
    #[arg(long, default_value = "pace")]
    prefix: String,
}

struct Outcome {
    latencies_us: Vec<u64>,
    errors: u64,
}

async fn till(cli: &Cli, j: usize, start: Instant) -> Outcome {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .tcp_nodelay(true)
        .build()
        .expect("client");
    let end = start + Duration::from_secs(cli.seconds);
    let mut out = Outcome {
        latencies_us: Vec::new(),
        errors: 0,
    };
    let mut k = j;
    loop {
        let due = start + Duration::from_secs_f64(k as f64 / cli.rate);
        if due >= end {
            break;
        }
        tokio::time::sleep_until(due.into()).await;
        let sent = Instant::now();
        let resp = client
            .post(format!("{}/api/orders", cli.url))
            .bearer_auth(&cli.token)
            .header("content-type", "application/json")
            .header("idempotency-key", format!("{}-{j}-{k}", cli.prefix))
            .body(cli.body.clone())
            .send()
            .await;
        let ok = match resp {
            Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
            Err(_) => false,
        };
        if ok {
            out.latencies_us.push(sent.elapsed().as_micros() as u64);
        } else {
            out.errors += 1;
        }
        k += cli.conns;
    }
    out
}

#[tokio::main]
async fn main() {
    let cli = std::sync::Arc::new(Cli::parse());
    let start = Instant::now() + Duration::from_millis(100);
    let tasks: Vec<_> = (0..cli.conns)
        .map(|j| {
            let cli = cli.clone();
            tokio::spawn(async move { till(&cli, j, start).await })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let o = t.await.expect("till task");
        all.extend(o.latencies_us);
        errors += o.errors;
    }
    let seconds = start.elapsed().as_secs_f64();
    all.sort_unstable();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((p / 100.0) * all.len() as f64).ceil() as usize;
        all[i.clamp(1, all.len()) - 1] as f64 / 1000.0
    };
    println!(
        "BENCHJSON {}",
        serde_json::json!({
            "requests": all.len(), "errors": errors, "seconds": seconds,
            "rps": all.len() as f64 / seconds,
            "p50_ms": pct(50.0), "p90_ms": pct(90.0), "p99_ms": pct(99.0),
            "p999_ms": pct(99.9), "max_ms": pct(100.0),
        })
    );
}
