//! Crash durability of order placement.
//!
//! Concurrent clients place orders; the server is killed with SIGKILL while
//! requests are still in flight. After that:
//!
//! - the database passes `PRAGMA integrity_check` and has no half-written
//!   order (an order row without its lines);
//! - after a restart every order that was answered 201 is there, with all
//!   its lines;
//! - retrying an acknowledged request with the same `Idempotency-Key`
//!   returns the same order (200), not a second one;
//! - retrying the requests that never got an answer gives exactly one order
//!   per key, so in the end there is exactly one order per key ever sent.

use std::collections::{HashMap, HashSet};
use std::os::unix::process::ExitStatusExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;
use crate::outbox_check::outbox_mismatches;

/// Concurrent clients placing orders.
const WORKERS: usize = 8;
/// Kill the server once this many orders were acknowledged …
const ACK_TARGET: usize = 150;
/// … or after this long, whichever comes first.
const MAX_LOAD_TIME: Duration = Duration::from_secs(10);
/// Fewest acknowledged orders for the run to mean anything.
const MIN_ACKED: usize = 20;
/// Acknowledged requests retried after the restart.
const RETRY_SAMPLE: usize = 20;
/// Safety bound on the orders one worker places.
const MAX_PER_WORKER: usize = 5_000;

/// An orderable item: the options its required groups need (the first of
/// each) and one option it may take on top.
#[derive(Clone)]
struct Orderable {
    item_id: String,
    required: Vec<String>,
    optional: Option<String>,
}

async fn orderable_items(client: &reqwest::Client, base: &str) -> Vec<Orderable> {
    let resp = client
        .get(format!("{base}/api/menu"))
        .send()
        .await
        .expect("menu request");
    assert_eq!(resp.status(), StatusCode::OK);
    let menu: Value = resp.json().await.expect("menu body");
    let mut out = Vec::new();
    for category in menu["categories"].as_array().expect("categories") {
        for item in category["items"].as_array().expect("items") {
            if item["available"] != Value::Bool(true) {
                continue;
            }
            let mut required = Vec::new();
            let mut optional = None;
            for group in item["modifier_groups"].as_array().expect("groups") {
                let min = group["min"].as_u64().expect("min");
                let first = group["options"][0]["id"].as_str().map(str::to_string);
                if min >= 1 {
                    // The first option of each group covers a minimum of 1;
                    // groups needing more are not in the demo menu.
                    assert_eq!(min, 1, "group needing {min} choices: {group}");
                    required.push(first.expect("an option"));
                } else if optional.is_none() {
                    optional = first;
                }
            }
            out.push(Orderable {
                item_id: item["id"].as_str().expect("item id").to_string(),
                required,
                optional,
            });
        }
    }
    assert!(out.len() >= 3, "the demo menu has too few orderable items");
    out
}

/// A request body of 2 or 3 lines, different for every `(worker, seq)`.
fn order_body(menu: &[Orderable], worker: usize, seq: usize) -> Value {
    let n_lines = 2 + (worker + seq) % 2;
    let start = worker * 7 + seq * 3;
    let lines: Vec<Value> = (0..n_lines)
        .map(|i| {
            let item = &menu[(start + i) % menu.len()];
            let mut options = item.required.clone();
            if (seq + i).is_multiple_of(2) {
                options.extend(item.optional.iter().cloned());
            }
            json!({
                "item_id": item.item_id,
                "quantity": 1 + (seq + i) % 3,
                "modifier_option_ids": options,
            })
        })
        .collect();
    json!({"lines": lines, "type": "takeaway"})
}

/// `(item_id, quantity)` of every line, from a request or an order.
fn line_summary(lines: &Value) -> Vec<(String, u64)> {
    lines
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["item_id"].as_str().expect("item_id").to_string(),
                l["quantity"].as_u64().expect("quantity"),
            )
        })
        .collect()
}

/// One request sent under an idempotency key.
#[derive(Clone)]
struct Attempt {
    key: String,
    body: Value,
}

/// A request answered 201.
struct Acked {
    attempt: Attempt,
    /// The order of acknowledgements across all workers.
    seq: usize,
    id: String,
    number: i64,
    lines: Vec<(String, u64)>,
}

#[derive(Default)]
struct WorkerLog {
    acked: Vec<Acked>,
    /// Sent (or about to be) but never answered: the server died first.
    unanswered: Vec<Attempt>,
    /// Answers other than 201; there should be none.
    unexpected: Vec<String>,
}

/// Places orders until the server stops answering.
async fn worker(
    client: reqwest::Client,
    base: String,
    token: String,
    menu: Arc<Vec<Orderable>>,
    worker: usize,
    acks: Arc<AtomicUsize>,
) -> WorkerLog {
    let mut log = WorkerLog::default();
    for seq in 0..MAX_PER_WORKER {
        let attempt = Attempt {
            key: format!("durability-w{worker}-{seq}"),
            body: order_body(&menu, worker, seq),
        };
        let sent = client
            .post(format!("{base}/api/orders"))
            .bearer_auth(&token)
            .header("Idempotency-Key", &attempt.key)
            .json(&attempt.body)
            .send()
            .await;
        let resp = match sent {
            Ok(resp) => resp,
            Err(_) => {
                log.unanswered.push(attempt);
                break;
            }
        };
        let status = resp.status();
        let order: Value = match resp.json().await {
            Ok(v) => v,
            // Cut off in the middle of the answer: not acknowledged.
            Err(_) => {
                log.unanswered.push(attempt);
                break;
            }
        };
        if status != StatusCode::CREATED {
            log.unexpected
                .push(format!("{}: {status} {order}", attempt.key));
            break;
        }
        let lines = line_summary(&order["lines"]);
        assert_eq!(
            lines,
            line_summary(&attempt.body["lines"]),
            "201 answer does not match the request {}",
            attempt.key
        );
        log.acked.push(Acked {
            seq: acks.fetch_add(1, Ordering::SeqCst),
            id: order["id"].as_str().expect("order id").to_string(),
            number: order["number"].as_i64().expect("order number"),
            lines,
            attempt,
        });
    }
    log
}

/// POSTs `attempt` again; returns the status and the order.
async fn retry(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    attempt: &Attempt,
) -> (StatusCode, Value) {
    let resp = client
        .post(format!("{base}/api/orders"))
        .bearer_auth(token)
        .header("Idempotency-Key", &attempt.key)
        .json(&attempt.body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("retry of {}: {e}", attempt.key));
    let status = resp.status();
    let order = resp.json().await.expect("retry body");
    (status, order)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_orders_survive_sigkill_and_retries_do_not_duplicate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    prepare_store(dir);
    let baseline_orders = count(&open_db(dir), "SELECT count(*) FROM orders");

    // ---- load, then SIGKILL in the middle of it --------------------------------
    let mut server = Server::start(dir);
    let http = client();
    let token = login(&http, &server.base).await;
    let menu = Arc::new(orderable_items(&http, &server.base).await);
    let acks = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            tokio::spawn(worker(
                http.clone(),
                server.base.clone(),
                token.clone(),
                menu.clone(),
                w,
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
    let still_sending = workers.iter().filter(|w| !w.is_finished()).count();
    let status = server.kill();
    assert_eq!(
        status.signal(),
        Some(libc::SIGKILL),
        "the server should have died of SIGKILL, not {status:?}"
    );

    let mut acked = Vec::new();
    let mut unanswered = Vec::new();
    let mut unexpected = Vec::new();
    for w in workers {
        let log = tokio::time::timeout(Duration::from_secs(30), w)
            .await
            .expect("workers stop once the server is gone")
            .expect("worker panicked");
        acked.extend(log.acked);
        unanswered.extend(log.unanswered);
        unexpected.extend(log.unexpected);
    }
    assert!(
        unexpected.is_empty(),
        "answers other than 201: {unexpected:#?}"
    );
    assert_eq!(
        still_sending, WORKERS,
        "every worker was still sending at the kill"
    );
    assert!(
        acked.len() >= MIN_ACKED,
        "only {} orders acknowledged before the kill",
        acked.len()
    );
    acked.sort_by_key(|a| a.seq);
    let ids: HashSet<&str> = acked.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        acked.len(),
        "two 201 answers with the same order id"
    );

    // ---- the store as the crash left it ----------------------------------------
    let orders_after_crash = {
        let db = open_db(dir);
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(check, "ok");
        assert_eq!(
            count(&db, "SELECT count(*) FROM pragma_foreign_key_check"),
            0,
            "dangling foreign keys after the crash"
        );
        assert_eq!(
            count(
                &db,
                "SELECT count(*) FROM orders o
                 WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)"
            ),
            0,
            "an order without lines after the crash"
        );
        // Head office will hear of each order exactly once: its event was
        // written with it, in the same transaction.
        assert_eq!(outbox_mismatches(&db), Vec::<String>::new());
        let mut lines_of = db
            .prepare("SELECT count(*) FROM order_lines WHERE order_id = ?1")
            .expect("prepare");
        for a in &acked {
            let n: i64 = lines_of
                .query_row([&a.id], |r| r.get(0))
                .expect("count lines");
            assert_eq!(
                usize::try_from(n).ok(),
                Some(a.lines.len()),
                "stored lines of acknowledged order {} ({})",
                a.id,
                a.attempt.key
            );
        }
        let orders = count(&db, "SELECT count(*) FROM orders") - baseline_orders;
        assert!(
            orders >= acked.len() && orders <= acked.len() + unanswered.len(),
            "{orders} orders stored; {} acknowledged, {} unanswered",
            acked.len(),
            unanswered.len()
        );
        orders
    };
    println!(
        "killed with {} orders acknowledged and {} unanswered; {} orders in the store",
        acked.len(),
        unanswered.len(),
        orders_after_crash
    );

    // ---- restart: every acknowledged order is there, whole ---------------------
    let mut server = Server::start(dir);
    let http = client();
    let token = login(&http, &server.base).await;
    let mut found = 0;
    for a in &acked {
        let resp = http
            .get(format!("{}/api/orders/{}", server.base, a.id))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get order");
        let status = resp.status();
        let order: Value = resp.json().await.expect("order body");
        assert_eq!(
            status,
            StatusCode::OK,
            "acknowledged order {} ({}) is gone: {order}",
            a.id,
            a.attempt.key
        );
        assert_eq!(order["id"].as_str(), Some(a.id.as_str()));
        assert_eq!(order["number"].as_i64(), Some(a.number));
        assert_eq!(
            line_summary(&order["lines"]),
            a.lines,
            "lines of order {} ({})",
            a.id,
            a.attempt.key
        );
        found += 1;
    }

    // ---- the same key again: the same order ------------------------------------
    let tail = RETRY_SAMPLE / 2;
    let head = acked.len() - tail.min(acked.len());
    let step = (head / (RETRY_SAMPLE - tail)).max(1);
    let sample: Vec<&Acked> = acked[..head]
        .iter()
        .step_by(step)
        .take(RETRY_SAMPLE - tail)
        .chain(&acked[head..])
        .collect();
    for a in &sample {
        let (status, order) = retry(&http, &server.base, &token, &a.attempt).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "retry of {}: {order}",
            a.attempt.key
        );
        assert_eq!(
            order["id"].as_str(),
            Some(a.id.as_str()),
            "retry of {} gave another order",
            a.attempt.key
        );
        assert_eq!(order["number"].as_i64(), Some(a.number));
        assert_eq!(line_summary(&order["lines"]), a.lines);
    }

    // ---- requests that never got an answer: exactly one order each -------------
    let mut created_now = 0;
    let mut unanswered_ids = HashMap::new();
    for u in &unanswered {
        let (status, order) = retry(&http, &server.base, &token, u).await;
        match status {
            StatusCode::CREATED => created_now += 1,
            StatusCode::OK => {}
            other => panic!("retry of unanswered {}: {other} {order}", u.key),
        }
        assert_eq!(
            line_summary(&order["lines"]),
            line_summary(&u.body["lines"])
        );
        let id = order["id"].as_str().expect("order id").to_string();
        let (again, order) = retry(&http, &server.base, &token, u).await;
        assert_eq!(again, StatusCode::OK, "second retry of {}: {order}", u.key);
        assert_eq!(order["id"].as_str(), Some(id.as_str()));
        assert!(
            !ids.contains(id.as_str()),
            "{} got an acknowledged order's id",
            u.key
        );
        unanswered_ids.insert(u.key.clone(), id);
    }
    assert_eq!(
        unanswered_ids.values().collect::<HashSet<_>>().len(),
        unanswered.len(),
        "two unanswered keys share an order"
    );

    // ---- no retry added an order: one order per key ever sent ------------------
    {
        let db = open_db(dir);
        let orders = count(&db, "SELECT count(*) FROM orders") - baseline_orders;
        assert_eq!(
            orders,
            orders_after_crash + created_now,
            "retries of acknowledged requests added orders"
        );
        assert_eq!(
            orders,
            acked.len() + unanswered.len(),
            "there should be exactly one order per idempotency key"
        );
        assert_eq!(
            count(&db, "SELECT count(*) FROM idempotency_keys"),
            orders + baseline_orders
        );
    }
    server.kill();

    println!(
        "after restart: {found}/{} acknowledged orders found with all their lines; \
         {} same-key retries returned the same order; {} unanswered requests \
         retried ({} had been stored before the kill, {created_now} created now)",
        acked.len(),
        sample.len(),
        unanswered.len(),
        unanswered.len() - created_now,
    );
}
