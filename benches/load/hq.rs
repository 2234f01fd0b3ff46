//! Head-office ingest (issue #15): 100 simulated shops × 200 orders pushing
//! at once into one head office (`crema hq serve`, the release binary) on
//! PostgreSQL (`CREMA_TEST_DATABASE_URL`, else the local `test` database's
//! server), in a database of its own created here and dropped afterwards.
//!
//! One real shop's day (200 orders through the app layer, `hq_load.rs`) is
//! its outbox; head office keys events by (shop, event id), so 100 enrolled
//! shops push that same outbox as 100 shops, as the pusher does (batches of
//! 500, gzip, the shop's credential), every answer checked to acknowledge
//! its batch. Head office's report must then give exactly 100 × the shop's
//! orders and revenue. The ceiling: the same rows written by a bare
//! multi-row insert, one transaction per 500-event batch, 100 shops at
//! once over as many connections as head office's pool, into an empty copy
//! of its tables (schema `bare`, same keys and indexes). Last, a shop with
//! its own pusher every second sells 10 orders/s: commit -> visible lag.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use crema::domain::{Currency, Money};
use serde_json::{json, Value};
use sqlx_core::any::{AnyConnection, AnyPool, AnyPoolOptions};
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;
use sqlx_core::query::query;
use sqlx_core::row::Row as _;
use tokio::task::JoinSet;

use crate::bench::Bench;
use crate::hq_load::{self, open_shop, sale, text, Outbox, Timed};
use crate::procs::{spawn_server, stop};
use crate::rows::Row;
use crate::{AUTH_RATE_LIMIT, RATE_LIMIT};

const SHOPS: usize = 100;
const ORDERS: usize = 200;
const LAG_RATE: u64 = 10;
const LAG_SECONDS: u64 = 15;
/// Head office's orders/s ÷ the bare insert's, at least.
pub(crate) const RATIO_TARGET: f64 = 0.5;
/// Commit -> visible p99 at a 1 s push interval, under (two intervals).
pub(crate) const LAG_P99_MS: f64 = 2000.0;
const OWNER: (&str, &str) = ("bench-owner", "bench-owner-password");

pub(crate) fn run(b: &mut Bench) -> Result<(), String> {
    let sizes = if b.quick {
        (20, 100, 6)
    } else {
        (SHOPS, ORDERS, LAG_SECONDS)
    };
    b.progress(&format!(
        "head office on PostgreSQL: {} shops × {} orders pushing at once, the bare-insert ceiling, commit -> visible lag",
        sizes.0, sizes.1
    ));
    let server = std::env::var("CREMA_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(text)?;
    let name = format!("crema_bench_{}", uuid::Uuid::now_v7().simple());
    if let Err(e) = rt.block_on(admin(&server, &format!("CREATE DATABASE {name}"))) {
        let host = server.rsplit('@').next().unwrap_or(&server);
        let why = format!(
            "skipped: no database could be made on PostgreSQL at {host} ({e}); set CREMA_TEST_DATABASE_URL"
        );
        println!("        {why}");
        b.notes.push(format!("head office ingest {why}"));
        b.rows.push(Row {
            id: "hq_ingest".into(),
            group: "hq",
            scenario: "head office ingest".into(),
            note: why,
            ..Row::default()
        });
        return Ok(());
    }
    let url = with_database(&server, &name);
    let result = rt.block_on(stage(b, &url, sizes));
    let dropped = rt.block_on(admin(
        &server,
        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    ));
    rt.shutdown_timeout(Duration::from_secs(5));
    result?;
    dropped.map_err(|e| format!("could not drop the database {name}: {e}"))
}

fn drivers() {
    // Once per process; a second call finds it installed.
    let _ = sqlx_core::any::driver::install_drivers(&[sqlx_postgres::any::DRIVER]);
}

/// Runs `sql` on the server's own database (create, drop).
async fn admin(server: &str, sql: &str) -> Result<(), String> {
    drivers();
    let connect = AnyConnection::connect(server);
    let mut c = tokio::time::timeout(Duration::from_secs(10), connect)
        .await
        .map_err(|_| "no answer in 10 s".to_string())?
        .map_err(text)?;
    c.execute(sql).await.map_err(text)?;
    c.close().await.map_err(text)
}

/// `url` with its database replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let host = base.find("://").map_or(0, |i| i + 3);
    let end = base[host..].find('/').map_or(base.len(), |i| host + i);
    format!("{}/{name}{query}", &base[..end])
}

/// Starts `crema hq --database-url URL ARGS…`, `stdin` written to it.
fn hq_cli(b: &Bench, url: &str, args: &[&str], stdin: &str) -> Result<std::process::Child, String> {
    let mut child = Command::new(&b.crema)
        .args(["hq", "--database-url", url])
        .args(args)
        .env("CREMA_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("crema hq {args:?}: {e}"))?;
    if let Some(mut input) = child.stdin.take() {
        let _ = writeln!(input, "{stdin}");
    }
    Ok(child)
}

fn finish(child: std::process::Child) -> Result<String, String> {
    let out = child.wait_with_output().map_err(text)?;
    if !out.status.success() {
        return Err(format!(
            "crema hq: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

async fn stage(b: &mut Bench, url: &str, sizes: (usize, usize, u64)) -> Result<(), String> {
    let (shops, orders, lag_secs) = sizes;
    let outbox = hq_load::make_outbox(&b.work.join("hq-shop"), orders).await?;
    let events = outbox.events.len();
    println!(
        "        one shop's outbox: {orders} orders ({} not cancelled), {events} events in {} batches",
        outbox.orders,
        outbox.batches.len()
    );
    // The owner (this migrates the database), then the shops' codes, four
    // `crema hq shop add` at a time, then the server.
    finish(hq_cli(
        b,
        url,
        &["owner", "add", OWNER.0, "--password-stdin"],
        OWNER.1,
    )?)?;
    let mut codes = Vec::new();
    for chunk in (0..=shops).collect::<Vec<_>>().chunks(4) {
        let names: Vec<String> = chunk.iter().map(|i| format!("bench shop {i:03}")).collect();
        let children = names
            .iter()
            .map(|n| hq_cli(b, url, &["shop", "add", n], ""))
            .collect::<Result<Vec<_>, _>>()?;
        for c in children {
            codes.push(finish(c)?);
        }
    }
    let log = b.log("crema-hq");
    let mut cmd = Command::new(&b.crema);
    cmd.args([
        "hq",
        "--database-url",
        url,
        "serve",
        "--bind",
        "127.0.0.1:0",
    ])
    .args(["--rate-limit-per-minute", RATE_LIMIT])
    .args(["--auth-rate-limit-per-minute", AUTH_RATE_LIMIT]);
    let mut hq = spawn_server("crema hq", cmd, &log)?;
    let client = reqwest::Client::new();
    let (mut credentials, mut ids) = (Vec::new(), Vec::new());
    for code in &codes[..shops] {
        let v = call(
            &client,
            "POST",
            &hq.url,
            "/api/hq/enrol",
            Some(json!({"code": code})),
            None,
        )
        .await?;
        credentials.push(v["credential"].as_str().ok_or("no credential")?.to_string());
        ids.push(v["shop_id"].as_str().ok_or("no shop_id")?.to_string());
    }
    // Head office's pool size (CREMA_HQ_DATABASE_MAX_CONNECTIONS, else its
    // default): the ceiling writes over as many connections.
    let conns = std::env::var("CREMA_HQ_DATABASE_MAX_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(crema::hq::config::HqConfig::default().database_max_connections);
    drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(conns)
        .connect(url)
        .await
        .map_err(text)?;
    checkpoint(&pool).await;
    let pushed = hq_load::push_all(&hq.url, &credentials, &outbox.batches).await?;
    let checked = check(&client, &hq.url, &pool, &outbox, &ids).await?;
    let rows = hq_load::ceiling_batches(&pool, &ids[0], &outbox).await?;
    let bare = hq_load::ceiling(&pool, shops, rows).await?;
    // The loads' writes flushed first: the lag is that of a steady day.
    checkpoint(&pool).await;
    let lag_dir = b.work.join("hq-lag-shop");
    let pace = (LAG_RATE, lag_secs);
    let (visible, from_created) = lag(&lag_dir, &hq.url, &codes[shops], &pool, pace).await?;
    pool.close().await;
    let _ = stop(&mut hq.proc, Duration::from_secs(10));

    let events = (shops * events) as f64;
    let orders_row = |id: &str, scenario: String, t: &Timed, note: &str| {
        let secs = t.wall.as_secs_f64();
        let mut r = row(id, scenario, &t.ms, String::new());
        (r.rps, r.requests) = (
            Some((shops * orders) as f64 / secs),
            (shops * orders) as u64,
        );
        r.note = format!(
            "{events} events in {secs:.1} s ({:.0} events/s); rate = orders/s; {note}",
            events / secs
        );
        r
    };
    let what = format!("{shops} shops × {orders} orders");
    let note = format!(
        "the same rows, multi-row INSERT, 1 transaction per 500-event batch, {shops} at once over {conns} connections (head office's pool), into an empty copy of the tables; p = per transaction"
    );
    let scenario = format!("bare batched insert into PostgreSQL: {what}");
    b.rows
        .push(orders_row("hq_ceiling", scenario, &bare, &note));
    let note = format!(
        "{checked}; p = per push (500 events, gzip), first send to acknowledged; {} answered 503 (no database connection within 10 s) and sent again after the pusher's backoff",
        pushed.refused
    );
    let scenario = format!("crema hq: {what} pushing at once");
    let mut r = orders_row("hq_ingest", scenario, &pushed, &note);
    (r.ceiling, r.errors) = (Some("hq_ceiling".into()), pushed.refused as u64);
    b.rows.push(r);
    let p = |v: &[f64], q| pct(v, q).unwrap_or(0.0);
    let note = format!(
        "{LAG_RATE} orders/s for {lag_secs} s from one shop, its own pusher at sync_interval_seconds = 1; from the return of its placing (committed) to the first poll of head office's database (every 20 ms) that sees it; max {:.0} ms; from created_at (before the shop's commit): p50 {:.0} ms, p99 {:.0} ms",
        p(&visible, 100.0),
        p(&from_created, 50.0),
        p(&from_created, 99.0)
    );
    let scenario = "shop commit -> visible at head office, push every 1 s".into();
    b.rows.push(row("hq_lag", scenario, &visible, note));
    Ok(())
}

/// A shop whose own pusher runs every second (enrolled with `code`) sells
/// `rate` orders a second, placed and paid, for `secs` seconds. Per order,
/// ms from the moment its placing returned (committed) to the first poll
/// (every 20 ms) of head office's database that sees it, and from its
/// `created_at` (taken before the shop's transaction) to that poll.
pub(crate) async fn lag(
    dir: &Path,
    hq_url: &str,
    code: &str,
    pool: &AnyPool,
    (rate, secs): (u64, u64),
) -> Result<(Vec<f64>, Vec<f64>), String> {
    let (app, _, baskets) = open_shop(dir, 1).await?;
    let enrolled = crema::sync::enrol::enrol(dir, hq_url, code).await;
    let shop = enrolled.map_err(text)?.shop_id.to_string();
    crema::sync::pusher::start(&app);
    let n = (rate * secs) as usize;
    let (mut seen, mut committed) = (HashMap::new(), HashMap::new());
    let (mut placed, mut sales) = (0, JoinSet::new());
    let (gap, start) = (Duration::from_micros(1_000_000 / rate), Instant::now());
    let sql = "SELECT id, created_at FROM hq_orders WHERE shop_id = $1";
    while seen.len() < n || !sales.is_empty() {
        // On a schedule: a slow sale does not hold the next one back.
        while placed < n && start + gap * placed as u32 <= Instant::now() {
            let basket = baskets[placed % baskets.len()].clone();
            sales.spawn(sale(app.clone(), basket, 1)); // placed and paid
            placed += 1;
        }
        while let Some(r) = sales.try_join_next() {
            let (id, at) = r.map_err(text)??;
            committed.insert(id.to_string(), at);
        }
        let rows = query(sql).bind(&shop).fetch_all(pool).await.map_err(text)?;
        let now = Utc::now().timestamp_micros();
        for r in rows {
            let created: i64 = r.try_get(1).map_err(text)?;
            seen.entry(r.try_get::<String, _>(0).map_err(text)?)
                .or_insert((now, created));
        }
        if start.elapsed() > Duration::from_secs(secs + 30) {
            app.shutdown();
            return Err(format!(
                "lag: {} of {n} orders reached head office",
                seen.len()
            ));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.shutdown();
    let mut lags = (Vec::new(), Vec::new());
    for (id, (at, created)) in seen {
        let done = committed
            .get(&id)
            .ok_or("an order head office has that was not sold")?;
        lags.0.push((at - done) as f64 / 1e3);
        lags.1.push((at - created) as f64 / 1e3);
    }
    Ok(lags)
}

/// The `p`-th percentile (nearest rank) of `v`.
pub(crate) fn pct(v: &[f64], p: f64) -> Option<f64> {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s.get(rank.clamp(1, s.len().max(1)) - 1).copied()
}

/// A row of this stage: `ms` are its latencies.
fn row(id: &str, scenario: String, ms: &[f64], note: String) -> Row {
    Row {
        id: id.into(),
        group: "hq",
        scenario,
        requests: ms.len() as u64,
        p50: pct(ms, 50.0),
        p90: pct(ms, 90.0),
        p99: pct(ms, 99.0),
        p999: pct(ms, 99.9),
        max: pct(ms, 100.0),
        note,
        ..Row::default()
    }
}

/// One JSON call to head office; the answer's body.
async fn call(
    client: &reqwest::Client,
    method: &str,
    base: &str,
    path: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> Result<Value, String> {
    let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(text)?;
    let mut req = client.request(method, format!("{base}{path}"));
    if let Some(b) = body {
        req = req.json(&b);
    }
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let answer = req.send().await.map_err(text)?;
    let status = answer.status();
    let v: Value = answer.json().await.map_err(text)?;
    if !status.is_success() {
        return Err(format!("{path}: {status} {v}"));
    }
    Ok(v)
}

/// Head office's report must give exactly what the shops sold, in all and
/// shop by shop, and hold every event once.
async fn check(
    client: &reqwest::Client,
    base: &str,
    pool: &AnyPool,
    o: &Outbox,
    ids: &[String],
) -> Result<String, String> {
    let login = json!({"username": OWNER.0, "password": OWNER.1});
    let tokens = call(client, "POST", base, "/api/auth/login", Some(login), None).await?;
    let token = tokens["access_token"].as_str().ok_or("no access_token")?;
    let path = format!("/api/hq/reports/summary?from={}&to={}", o.from, o.to);
    let v = call(client, "GET", base, &path, None, Some(token)).await?;
    let n = ids.len() as i64;
    let (orders, revenue) = (v["orders"].as_i64(), v["revenue"]["amount"].as_i64());
    let currency = v["revenue"]["currency"].as_str();
    if orders != Some(n * o.orders)
        || revenue != Some(n * o.revenue)
        || currency != Some(o.currency.as_str())
    {
        return Err(format!(
            "head office reports {orders:?} orders, revenue {revenue:?} {currency:?}; the shops sold {} orders, revenue {} {}",
            n * o.orders,
            n * o.revenue,
            o.currency
        ));
    }
    // Shop by shop, too.
    let exact = v["shops"].as_array().into_iter().flatten().filter(|s| {
        ids.iter().any(|id| s["shop_id"] == id.as_str())
            && s["orders"].as_i64() == Some(o.orders)
            && s["revenue"]["amount"].as_i64() == Some(o.revenue)
    });
    if exact.count() != ids.len() {
        return Err(format!(
            "not every shop's figures are {} orders, revenue {}: {v}",
            o.orders, o.revenue
        ));
    }
    let held = query("SELECT COUNT(*) FROM hq_events")
        .fetch_one(pool)
        .await;
    let held: i64 = held.map_err(text)?.try_get(0).map_err(text)?;
    if held != n * o.events.len() as i64 {
        return Err(format!(
            "head office holds {held} events, not {n} × {}",
            o.events.len()
        ));
    }
    let cur = Currency::parse(&o.currency).map_err(text)?;
    Ok(format!(
        "head office reports {} orders and {} {} revenue: exact",
        n * o.orders,
        Money::new(n * o.revenue, cur).to_decimal(),
        o.currency
    ))
}

/// Writes what earlier loads left in the log out, so that neither load
/// pays for the other's (needs a superuser; skipped otherwise).
pub(crate) async fn checkpoint(pool: &AnyPool) {
    let _ = query("CHECKPOINT").execute(pool).await;
}
