//! 100 SIGKILLs under concurrent load, on one store.
//!
//! Each run starts `crema serve` on the store the last run left, lets
//! concurrent clients place orders and pay them (every request under its
//! own `Idempotency-Key`) for a short, different time, and kills the server
//! with SIGKILL mid-flight. After every kill the store passes
//! `PRAGMA integrity_check` and holds every order and payment acknowledged
//! so far. At the end every request that never got an answer is sent again
//! with its key, and the store holds exactly one order per order key and
//! one payment per payment key ever sent: 0 acknowledged writes lost, 0
//! doubled.

use std::collections::HashSet;
use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

const RUNS: usize = 100;
const WORKERS: usize = 4;

/// A request under its key.
#[derive(Clone, Debug)]
struct Sent {
    key: String,
    path: String,
    body: Value,
}

#[derive(Default)]
struct Log {
    /// Orders answered 201, with the number of their lines.
    orders: Vec<(Sent, String)>,
    /// Payments answered 200, with their order.
    payments: Vec<(Sent, String)>,
    /// Never answered: the server died first.
    unanswered: Vec<Sent>,
    unexpected: Vec<String>,
}

/// Sends `r`; `None` if the server died before answering.
async fn send(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    r: &Sent,
) -> Option<(StatusCode, Value)> {
    let resp = http
        .post(format!("{base}{}", r.path))
        .bearer_auth(token)
        .header("Idempotency-Key", &r.key)
        .json(&r.body)
        .send()
        .await
        .ok()?;
    let status = resp.status();
    // An answer cut off half-way acknowledges nothing.
    let body = resp.json::<Value>().await.ok()?;
    Some((status, body))
}

/// Places orders and pays each, until the server stops answering.
async fn worker(
    http: reqwest::Client,
    base: String,
    token: String,
    cake: Value,
    run: usize,
    w: usize,
) -> Log {
    let mut log = Log::default();
    for seq in 0.. {
        let order = Sent {
            key: format!("r{run}-w{w}-{seq}"),
            path: "/api/orders".into(),
            body: json!({"lines": [{"item_id": cake, "quantity": 1 + seq % 3}], "type": "takeaway"}),
        };
        let placed = match send(&http, &base, &token, &order).await {
            Some((StatusCode::CREATED, body)) => body,
            Some((status, body)) => {
                log.unexpected
                    .push(format!("{}: {status} {body}", order.key));
                break;
            }
            None => {
                log.unanswered.push(order);
                break;
            }
        };
        let id = placed["id"].as_str().expect("order id").to_string();
        log.orders.push((order.clone(), id.clone()));
        let pay = Sent {
            key: format!("pay-{}", order.key),
            path: format!("/api/orders/{id}/payments"),
            body: json!({"method": "card", "amount": placed["total"]}),
        };
        match send(&http, &base, &token, &pay).await {
            Some((StatusCode::OK, _)) => log.payments.push((pay, id)),
            Some((status, body)) => {
                log.unexpected.push(format!("{}: {status} {body}", pay.key));
                break;
            }
            None => {
                log.unanswered.push(pay);
                break;
            }
        }
    }
    log
}

/// After a kill: the store is whole and holds everything acknowledged.
fn check_after_kill(dir: &std::path::Path, log: &Log, run: usize) {
    let db = open_db(dir);
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok", "run {run}");
    let bare = count(
        &db,
        "SELECT count(*) FROM orders o
         WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)",
    );
    assert_eq!(bare, 0, "run {run}: an order without lines");
    let stored: HashSet<String> = db
        .prepare("SELECT id FROM orders")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("orders")
        .collect::<Result<_, _>>()
        .expect("orders");
    for (sent, id) in &log.orders {
        assert!(
            stored.contains(id),
            "run {run}: acknowledged order {} lost",
            sent.key
        );
    }
    let paid: HashSet<String> = db
        .prepare("SELECT order_id FROM payments")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("payments")
        .collect::<Result<_, _>>()
        .expect("payments");
    for (sent, id) in &log.payments {
        assert!(
            paid.contains(id),
            "run {run}: acknowledged payment {} lost",
            sent.key
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_sigkills_under_load_lose_no_acknowledged_write_and_double_none() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    prepare_store(dir);
    let baseline = count(&open_db(dir), "SELECT count(*) FROM orders");
    let http = client();
    let mut token = String::new();
    let mut cake = Value::Null;
    let mut log = Log::default();
    for run in 0..RUNS {
        let mut server = Server::start(dir);
        if run == 0 {
            token = login(&http, &server.base).await;
            let menu: Value = http
                .get(format!("{}/api/menu", server.base))
                .send()
                .await
                .expect("menu")
                .json()
                .await
                .expect("menu body");
            cake = menu["categories"]
                .as_array()
                .expect("categories")
                .iter()
                .flat_map(|c| c["items"].as_array().expect("items").iter())
                .find(|i| i["name"] == "Carrot cake")
                .expect("the demo menu has carrot cake")["id"]
                .clone();
        }
        let workers: Vec<_> = (0..WORKERS)
            .map(|w| {
                tokio::spawn(worker(
                    http.clone(),
                    server.base.clone(),
                    token.clone(),
                    cake.clone(),
                    run,
                    w,
                ))
            })
            .collect();
        // A different moment in every run: 20 to 139 ms of load.
        tokio::time::sleep(Duration::from_millis(20 + (run as u64 * 37) % 120)).await;
        let status = server.kill();
        assert_eq!(
            status.signal(),
            Some(libc::SIGKILL),
            "run {run}: {status:?}"
        );
        for w in workers {
            let l = tokio::time::timeout(Duration::from_secs(30), w)
                .await
                .expect("workers stop once the server is gone")
                .expect("worker panicked");
            log.orders.extend(l.orders);
            log.payments.extend(l.payments);
            log.unanswered.extend(l.unanswered);
            log.unexpected.extend(l.unexpected);
        }
        assert!(
            log.unexpected.is_empty(),
            "run {run}: {:#?}",
            log.unexpected
        );
        check_after_kill(dir, &log, run);
    }
    assert!(
        log.orders.len() >= RUNS,
        "too little load: {} orders acknowledged in {RUNS} runs",
        log.orders.len()
    );

    // ---- every unanswered request again: exactly one of each key -----------------
    let server = Server::start(dir);
    for r in &log.unanswered {
        let (status, body) = send(&http, &server.base, &token, r)
            .await
            .unwrap_or_else(|| panic!("no answer to {} after the restart", r.key));
        assert!(status.is_success(), "{}: {status} {body}", r.key);
    }
    let order_keys = log.orders.len()
        + log
            .unanswered
            .iter()
            .filter(|r| r.path == "/api/orders")
            .count();
    let payment_keys = log.payments.len()
        + log
            .unanswered
            .iter()
            .filter(|r| r.path != "/api/orders")
            .count();
    // Every acknowledged order was followed by its payment.
    assert_eq!(payment_keys, log.orders.len());
    let db = open_db(dir);
    let orders = count(&db, "SELECT count(*) FROM orders") - baseline;
    let payments = count(&db, "SELECT count(*) FROM payments");
    let doubled = count(
        &db,
        "SELECT count(*) FROM (SELECT order_id FROM payments GROUP BY order_id HAVING count(*) > 1)",
    );
    assert_eq!(orders, order_keys, "one order per order key ever sent");
    assert_eq!(doubled, 0, "an order paid twice");
    assert_eq!(
        payments, payment_keys,
        "one payment per payment key ever sent"
    );
    drop(server);
    println!(
        "{RUNS} SIGKILLs in {:.1} s: {} orders and {} payments acknowledged, {} requests \
         cut off and sent again; 0 lost, 0 doubled",
        started.elapsed().as_secs_f64(),
        log.orders.len(),
        log.payments.len(),
        log.unanswered.len()
    );
}
