//! Crash points: the server process dies at every step of writing an
//! order, a payment and a refund.
//!
//! The steps are the start of each SQL statement the writer thread runs for
//! the request (seen with `Store::set_trace`; the statement before has
//! finished, the one starting has not run — `BEGIN`, the request's own
//! statements, `RELEASE`, `COMMIT`) and the moment after `COMMIT` returned
//! but before anyone was answered (`Store::set_crash_hook`). Both hooks are
//! set in code by this test's child process; nothing outside a process can
//! set them.
//!
//! This test binary starts itself again as that child (`crash_child`,
//! ignored in normal runs) with the step to die at; the child serves the
//! store and calls `abort()` there. After each crash the store is reopened
//! and must hold the request wholly (every table as after a clean run of
//! it) or not at all (every table as before), wholly only if the crash came
//! after the commit, and always wholly if the request was answered. Sending
//! the request again with its `Idempotency-Key` then gives exactly the state
//! of one clean run: nothing lost, nothing doubled.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crema::store::{CrashPoint, TraceEvent};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

const DIR_ENV: &str = "CREMA_TEST_CRASH_DIR";
const AT_ENV: &str = "CREMA_TEST_CRASH_AT";
const CHILD: &str = "crash_points::crash_child";

// ---- the child: a server that dies at one step --------------------------------

static STATEMENT: AtomicUsize = AtomicUsize::new(0);
static DIE_AT_STATEMENT: AtomicUsize = AtomicUsize::new(usize::MAX);
static COMMITS: AtomicUsize = AtomicUsize::new(0);
static DIE_AFTER_COMMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static REPORT: AtomicBool = AtomicBool::new(false);

fn on_statement(_: TraceEvent<'_>) {
    if std::thread::current().name() != Some("crema-writer") {
        return;
    }
    let n = STATEMENT.fetch_add(1, Ordering::SeqCst);
    if n == DIE_AT_STATEMENT.load(Ordering::SeqCst) {
        std::process::abort();
    }
}

fn on_crash_point(point: CrashPoint) {
    if point != CrashPoint::AfterCommit {
        return;
    }
    let n = COMMITS.fetch_add(1, Ordering::SeqCst);
    if n == DIE_AFTER_COMMIT.load(Ordering::SeqCst) {
        std::process::abort();
    }
    if REPORT.load(Ordering::SeqCst) {
        println!(
            "commit {n} after {} statements",
            STATEMENT.load(Ordering::SeqCst)
        );
    }
}

/// Run only by [`crash_at`] as a child process.
#[test]
#[ignore = "started by the crash point tests as their child process"]
fn crash_child() {
    let dir = std::env::var(DIR_ENV).expect("the crash point tests start this");
    let at = std::env::var(AT_ENV).expect("the step to die at");
    match at.split_once(':') {
        Some(("statement", n)) => DIE_AT_STATEMENT.store(n.parse().expect("n"), Ordering::SeqCst),
        Some(("after_commit", n)) => {
            DIE_AFTER_COMMIT.store(n.parse().expect("n"), Ordering::SeqCst)
        }
        _ => REPORT.store(true, Ordering::SeqCst),
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let app = open(Path::new(&dir));
        // The server's own write at start (receipts waiting to print) is
        // done before counting starts, so the steps are the request's.
        crema::app::printing::resume(&app).await.expect("resume");
        app.store().set_trace(Some(on_statement));
        app.store().set_crash_hook(Some(on_crash_point));
        let server = serve(app).await;
        println!("listening on {}", server.addr);
        std::future::pending::<()>().await;
    });
}

/// The child serving `dir`, to die at `at`.
struct ChildServer {
    child: Child,
    addr: String,
    lines: mpsc::Receiver<String>,
}

impl ChildServer {
    fn start(dir: &Path, at: &str) -> ChildServer {
        let mut child = Command::new(std::env::current_exe().expect("this test binary"))
            .args([
                CHILD,
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_ENV, dir)
            .env(AT_ENV, at)
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the child");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = ChildServer {
            child,
            addr: String::new(),
            lines,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while server.addr.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = server
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("the child did not say where it listens: {e:?}"));
            // After libtest's "test … ..." on the same line.
            if let Some((_, addr)) = line.split_once("listening on ") {
                server.addr = format!("http://{addr}");
            }
        }
        server
    }

    /// Waits for the child to die; true if it died of `abort()`.
    fn aborted(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.signal() == Some(libc::SIGABRT);
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- the parent -----------------------------------------------------------------

/// One request to crash in, on a store prepared for it.
struct Request {
    path: String,
    key: &'static str,
    body: Value,
    /// The order it concerns (none for placing one).
    order: Option<String>,
    token: String,
}

/// What "wholly there" or "wholly absent" is measured by: the row count of
/// every table, and the order the request concerns as the API shows it.
#[derive(Debug, Clone, PartialEq)]
struct State {
    counts: Vec<(String, i64)>,
    order: Option<Value>,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

/// Reopens the store at `dir` (recovering it after a crash) and reads its
/// state; `retry` sends the request again first.
async fn reopen(dir: &Path, req: &Request, retry: bool) -> State {
    let r = serve(open(dir)).await;
    if retry {
        let resp = r.post(&req.token, &req.path, req.key, &req.body).await;
        let status = resp.status();
        assert!(
            status.is_success(),
            "retry: {status} {}",
            resp.text().await.unwrap_or_default()
        );
    }
    let order = match &req.order {
        Some(id) => {
            let o: Value = r
                .http
                .get(r.url(&format!("/api/orders/{id}")))
                .bearer_auth(&req.token)
                .send()
                .await
                .expect("get order")
                .json()
                .await
                .expect("order");
            Some(json!({
                "status": o["status"], "paid": o["paid"], "payments": o["payments"].as_array().map(Vec::len),
                "refunds": o["refunds"].as_array().map(Vec::len), "refunded": o["refunded"], "tips": o["tips"],
            }))
        }
        None => None,
    };
    let counts = r
        .app
        .store()
        .read(|c| -> crema::store::StoreResult<_> {
            assert_whole(c);
            Ok(table_counts(c))
        })
        .await
        .expect("read");
    r.stop().await;
    State { counts, order }
}

/// Sends the request to a child; true if it was answered with success.
async fn send(server: &ChildServer, req: &Request) -> bool {
    let sent = reqwest::Client::new()
        .post(format!("{}{}", server.addr, req.path))
        .bearer_auth(&req.token)
        .header("Idempotency-Key", req.key)
        .json(&req.body)
        .timeout(Duration::from_secs(20))
        .send()
        .await;
    match sent {
        Ok(resp) => {
            let status = resp.status();
            // An answer cut off half-way acknowledges nothing.
            let body = resp.json::<Value>().await;
            assert!(body.is_err() || status.is_success(), "{status} {body:?}");
            body.is_ok() && status.is_success()
        }
        Err(_) => false,
    }
}

/// Prepares a store in `dir` for `what` and returns the request to crash in.
async fn prepare_for(dir: &Path, what: &str) -> Request {
    let r = serve(prepare(dir).await).await;
    let token = r.login().await;
    let order = cake_order(&r, 2).await;
    let place = |key: &'static str| (key, order.clone());
    let req = if what == "order" {
        let (key, body) = place("crash-order");
        Request {
            path: "/api/orders".into(),
            key,
            body,
            order: None,
            token: token.clone(),
        }
    } else {
        let (key, body) = place("setup-order");
        let placed: Value = r
            .post(&token, "/api/orders", key, &body)
            .await
            .json()
            .await
            .expect("order");
        let id = placed["id"].as_str().expect("id").to_string();
        let pay = json!({"method": "card", "amount": placed["total"],
            "tip": {"amount": 30, "currency": placed["total"]["currency"]}});
        let pay_path = format!("/api/orders/{id}/payments");
        if what == "payment" {
            Request {
                path: pay_path,
                key: "crash-payment",
                body: pay,
                order: Some(id),
                token: token.clone(),
            }
        } else {
            let resp = r.post(&token, &pay_path, "setup-payment", &pay).await;
            assert_eq!(resp.status(), StatusCode::OK);
            Request {
                path: format!("/api/orders/{id}/refunds"),
                key: "crash-refund",
                body: json!({"amount": {"amount": 120, "currency": placed["total"]["currency"]},
                    "method": "card", "reason": "crash test"}),
                order: Some(id),
                token: token.clone(),
            }
        }
    };
    r.stop().await;
    req
}

/// Crashes `what` at every step; returns the number of steps.
async fn crash_at_every_step(what: &str) -> usize {
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = tmp.path().join("base");
    let req = prepare_for(&base, what).await;
    let before = reopen(&base, &req, false).await;

    // A clean run: how many statements and commits the request takes.
    let clean = tmp.path().join("clean");
    copy_dir(&base, &clean);
    let (statements, commits) = {
        let server = ChildServer::start(&clean, "none");
        assert!(send(&server, &req).await, "{what}: the clean run failed");
        let mut last = None;
        while let Ok(line) = server.lines.recv_timeout(Duration::from_millis(300)) {
            if let Some(rest) = line.strip_prefix("commit ") {
                let (n, s) = rest.split_once(" after ").expect("commit line");
                let s = s.trim_end_matches(" statements");
                last = Some((
                    s.parse::<usize>().expect("n"),
                    n.parse::<usize>().expect("n") + 1,
                ));
            }
        }
        last.expect("the clean run committed")
    };
    let after = reopen(&clean, &req, false).await;
    assert_ne!(before, after, "{what}: the request changed nothing");

    let steps: Vec<String> = (0..statements)
        .map(|n| format!("statement:{n}"))
        .chain((0..commits).map(|n| format!("after_commit:{n}")))
        .collect();
    for (i, at) in steps.iter().enumerate() {
        let dir = tmp.path().join(format!("step-{i}"));
        copy_dir(&base, &dir);
        let mut server = ChildServer::start(&dir, at);
        let acked = send(&server, &req).await;
        assert!(server.aborted(), "{what} {at}: the child did not die there");
        drop(server);

        let state = reopen(&dir, &req, false).await;
        let committed = at.starts_with("after_commit");
        if state == after {
            assert!(
                committed,
                "{what} {at}: written although the crash came before the commit"
            );
        } else {
            assert_eq!(
                state, before,
                "{what} {at}: neither wholly there nor wholly absent"
            );
            assert!(!acked, "{what} {at}: acknowledged but lost");
            assert!(!committed, "{what} {at}: committed but absent");
        }
        assert!(
            !acked,
            "{what} {at}: answered although the process died first"
        );
        // The same request again: exactly one of it in the end.
        let again = reopen(&dir, &req, true).await;
        assert_eq!(
            again, after,
            "{what} {at}: the retry did not give one clean run's state"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
    steps.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_payment_and_refund_crashed_at_every_step_are_wholly_there_or_wholly_absent() {
    let started = Instant::now();
    for what in ["order", "payment", "refund"] {
        let steps = crash_at_every_step(what).await;
        println!("{what}: crashed at {steps} steps, each wholly there or wholly absent");
    }
    println!("crash points took {:.1} s", started.elapsed().as_secs_f64());
}
