//! Crash durability of payments and refunds.
//!
//! Orders are placed first; then concurrent clients pay each one (with a
//! tip) and refund part of it, every request under its own
//! `Idempotency-Key`, and the server is killed with SIGKILL mid-flight.
//! After that:
//!
//! - the store passes `PRAGMA integrity_check`, and every payment and refund
//!   that was acknowledged is there;
//! - after a restart, sending every request again (acknowledged or not) with
//!   its key records nothing twice: each order ends with exactly one payment
//!   and one refund.

use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;
use crate::outbox_check::outbox_mismatches;

const ORDERS: usize = 240;
const WORKERS: usize = 6;
/// Kill once this many payments and refunds were acknowledged, or after
/// `MAX_LOAD_TIME`.
const ACK_TARGET: usize = 120;
const MAX_LOAD_TIME: Duration = Duration::from_secs(10);
const MIN_ACKED: usize = 20;

/// A payment or a refund of one order, under its key.
#[derive(Clone)]
struct Request {
    order: String,
    path: String,
    key: String,
    body: Value,
}

fn requests_for(order: &Value) -> [Request; 2] {
    let id = order["id"].as_str().expect("id").to_string();
    let total = order["total"].clone();
    let currency = total["currency"].clone();
    [
        Request {
            order: id.clone(),
            path: format!("/api/orders/{id}/payments"),
            key: format!("pay-{id}"),
            body: json!({"method": "card", "amount": total, "tip": {"amount": 20, "currency": currency}}),
        },
        Request {
            order: id.clone(),
            path: format!("/api/orders/{id}/refunds"),
            key: format!("refund-{id}"),
            body: json!({"amount": {"amount": 50, "currency": currency}, "method": "card", "reason": "crash test"}),
        },
    ]
}

async fn send(http: &reqwest::Client, base: &str, token: &str, r: &Request) -> Option<StatusCode> {
    let resp = http
        .post(format!("{base}{}", r.path))
        .bearer_auth(token)
        .header("Idempotency-Key", &r.key)
        .json(&r.body)
        .send()
        .await
        .ok()?;
    let status = resp.status();
    // An answer cut off in the middle is not an acknowledgement.
    resp.json::<Value>().await.ok()?;
    Some(status)
}

#[derive(Default)]
struct Log {
    acked: Vec<Request>,
    unanswered: Vec<Request>,
    unexpected: Vec<String>,
}

/// Pays, then refunds, each of `orders` until the server stops answering.
async fn worker(
    http: reqwest::Client,
    base: String,
    token: String,
    orders: Vec<Value>,
    acks: Arc<AtomicUsize>,
) -> Log {
    let mut log = Log::default();
    'orders: for order in &orders {
        for (r, want) in requests_for(order)
            .into_iter()
            .zip([StatusCode::OK, StatusCode::CREATED])
        {
            match send(&http, &base, &token, &r).await {
                Some(s) if s == want => {
                    acks.fetch_add(1, Ordering::SeqCst);
                    log.acked.push(r);
                }
                Some(s) => {
                    log.unexpected.push(format!("{}: {s}", r.key));
                    break 'orders;
                }
                None => {
                    log.unanswered.push(r);
                    break 'orders;
                }
            }
        }
    }
    log
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_payments_and_refunds_survive_sigkill_and_none_is_recorded_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    prepare_store(dir);
    let mut server = Server::start(dir);
    let http = client();
    let token = login(&http, &server.base).await;
    let menu: Value = http
        .get(format!("{}/api/menu", server.base))
        .send()
        .await
        .expect("menu")
        .json()
        .await
        .expect("menu body");
    let cake = menu["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .flat_map(|c| c["items"].as_array().expect("items").iter())
        .find(|i| i["name"] == "Carrot cake")
        .expect("the demo menu has carrot cake")["id"]
        .clone();
    let mut orders = Vec::new();
    for n in 0..ORDERS {
        let body = json!({"lines": [{"item_id": cake, "quantity": 1 + n % 3}], "type": "takeaway"});
        let resp = http
            .post(format!("{}/api/orders", server.base))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .expect("place");
        assert_eq!(resp.status(), StatusCode::CREATED);
        orders.push(resp.json::<Value>().await.expect("order"));
    }

    // ---- pay and refund under load, then SIGKILL ----------------------------------
    let acks = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let mine = orders.iter().skip(w).step_by(WORKERS).cloned().collect();
            tokio::spawn(worker(
                http.clone(),
                server.base.clone(),
                token.clone(),
                mine,
                acks.clone(),
            ))
        })
        .collect();
    let started = Instant::now();
    while acks.load(Ordering::SeqCst) < ACK_TARGET
        && started.elapsed() < MAX_LOAD_TIME
        && !workers.iter().all(|w| w.is_finished())
    {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let status = server.kill();
    assert_eq!(status.signal(), Some(libc::SIGKILL), "{status:?}");
    let mut log = Log::default();
    for w in workers {
        let l = tokio::time::timeout(Duration::from_secs(30), w)
            .await
            .expect("workers stop once the server is gone")
            .expect("worker panicked");
        log.acked.extend(l.acked);
        log.unanswered.extend(l.unanswered);
        log.unexpected.extend(l.unexpected);
    }
    assert!(
        log.unexpected.is_empty(),
        "unexpected answers: {:#?}",
        log.unexpected
    );
    assert!(
        log.acked.len() >= MIN_ACKED,
        "only {} acknowledged",
        log.acked.len()
    );

    // ---- the store as the crash left it --------------------------------------------
    {
        let db = open_db(dir);
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(check, "ok");
        let mut recorded = db
            .prepare("SELECT count(*) FROM money_requests WHERE key = ?1")
            .expect("prepare");
        for r in &log.acked {
            let n: i64 = recorded
                .query_row([&r.key], |row| row.get(0))
                .expect("count");
            assert_eq!(n, 1, "acknowledged {} is not in the store", r.key);
        }
        let twice = count(
            &db,
            "SELECT count(*) FROM (SELECT order_id FROM payments GROUP BY order_id HAVING count(*) > 1)",
        );
        assert_eq!(twice, 0, "an order paid twice");
        // Each payment and refund has its one outbox event, and no event
        // speaks of one that is not there.
        assert_eq!(outbox_mismatches(&db), Vec::<String>::new());
    }

    // ---- restart: every request again, nothing twice --------------------------------
    let server = Server::start(dir);
    let http = client();
    let token = login(&http, &server.base).await;
    let mut again: Vec<Request> = log.acked.clone();
    again.extend(log.unanswered.iter().cloned());
    for r in &again {
        let status = send(&http, &server.base, &token, r)
            .await
            .unwrap_or_else(|| panic!("no answer to {} after the restart", r.key));
        assert!(status.is_success(), "{}: {status}", r.key);
        if log.acked.iter().any(|a| a.key == r.key) {
            assert_eq!(
                status,
                StatusCode::OK,
                "{} replayed, not recorded again",
                r.key
            );
        }
    }
    let mut touched: HashMap<&str, ()> = HashMap::new();
    for r in &again {
        touched.insert(r.order.as_str(), ());
    }
    for id in touched.keys() {
        let o: Value = http
            .get(format!("{}/api/orders/{id}", server.base))
            .bearer_auth(&token)
            .send()
            .await
            .expect("order")
            .json()
            .await
            .expect("order body");
        let payments = o["payments"].as_array().expect("payments").len();
        let refunds = o["refunds"].as_array().expect("refunds").len();
        assert_eq!(payments, 1, "order {id}: {o}");
        assert!(refunds <= 1, "order {id} refunded twice: {o}");
        let refund_sent = again
            .iter()
            .any(|r| r.order == *id && r.key.starts_with("refund-"));
        assert_eq!(refunds, usize::from(refund_sent), "order {id}: {o}");
    }
    println!(
        "killed with {} payments/refunds acknowledged and {} unanswered; {} orders checked",
        log.acked.len(),
        log.unanswered.len(),
        touched.len()
    );
}
