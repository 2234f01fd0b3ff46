//! A shop killed with SIGKILL in the middle of a push (head office has
//! committed the batch, the shop has not heard it): after a restart the shop
//! pushes again and head office holds every sale exactly once. The shop is
//! the real `crema` binary, enrolled with `crema shop enrol`, and reports
//! with `crema sync status`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::proxy::{Cut, Proxy};
use crate::shop_cli::{crema, run_with_stdin};
use crate::support::{add_owner, add_shop, Backend, Server, TestDb};

fn run(c: &mut Command, stdin: &str) -> String {
    let out = run_with_stdin(c, stdin);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    stdout
}

struct Shop {
    child: Child,
    base: String,
}

impl Shop {
    fn start(dir: &Path) -> Shop {
        let mut child = crema(dir)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env("CREMA_SYNC_INTERVAL_SECONDS", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("crema serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("listening line");
        let base = line.trim().trim_start_matches("listening on ").to_string();
        Shop { child, base }
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }
}

impl Drop for Shop {
    fn drop(&mut self) {
        self.kill();
    }
}

fn pending(dir: &Path) -> i64 {
    let s: Value = serde_json::from_str(&run(crema(dir).args(["sync", "status"]), "")).unwrap();
    assert_eq!(s["enrolled"], true);
    s["pending"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shop_killed_mid_push_loses_and_doubles_nothing() {
    let db = TestDb::new(Backend::Postgres).await;
    add_owner(&db);
    let code = add_shop(&db, "Hafen");
    let hq = Server::start(&db, &[], &[]);
    let proxy = Proxy::start(Some(&hq.base)).await;
    let dir = tempfile::tempdir().unwrap();
    run(crema(dir.path()).arg("demo"), "");
    run(
        crema(dir.path()).args(["user", "add", "anna", "--role", "admin", "--password-stdin"]),
        "admin-pass-1\n",
    );
    let enrolled = run(
        crema(dir.path()).args(["shop", "enrol", "--hq", &proxy.url, "--code", &code]),
        "",
    );
    assert!(enrolled.contains("enrolled as Hafen"), "{enrolled}");

    // The first push will reach head office and commit, and the shop will
    // never hear the answer: it is killed first.
    proxy.cut_next(Cut::Hold);
    let mut shop = Shop::start(dir.path());
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{}/api/auth/login", shop.base))
        .json(&json!({"username": "anna", "password": "admin-pass-1"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_string();
    let menu: Value = http
        .get(format!("{}/api/menu", shop.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let item = menu["categories"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["modifier_groups"]
                .as_array()
                .unwrap()
                .iter()
                .all(|g| g["min"] == 0)
        })
        .unwrap()
        .clone();
    let mut revenue = 0;
    for _ in 0..10 {
        let body = json!({"lines": [{"item_id": item["id"], "quantity": 1}], "type": "takeaway"});
        let o: Value = http
            .post(format!("{}/api/orders", shop.base))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        revenue += o["total"]["amount"].as_i64().unwrap();
        let r = http
            .post(format!(
                "{}/api/orders/{}/payments",
                shop.base,
                o["id"].as_str().unwrap()
            ))
            .bearer_auth(&token)
            .json(&json!({"method": "card", "amount": o["total"]}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while proxy.cut_count() == 0 {
        assert!(Instant::now() < deadline, "no push reached head office");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let held = db.count("SELECT count(*) FROM hq_events").await;
    assert!(held > 0, "head office committed the push");
    shop.kill();
    assert!(pending(dir.path()) > 0, "the shop never heard the answer");

    // Restarted, the shop sends everything not acknowledged again.
    let _shop = Shop::start(dir.path());
    let deadline = Instant::now() + Duration::from_secs(30);
    while pending(dir.path()) > 0 {
        assert!(Instant::now() < deadline, "still pending after the restart");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let outbox: i64 = {
        let c = rusqlite::Connection::open(dir.path().join("crema.db")).unwrap();
        c.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        db.count("SELECT count(*) FROM hq_events").await,
        outbox,
        "each event once"
    );
    let owner = hq.token().await;
    let day = chrono::Utc::now().date_naive().to_string();
    let s = hq.summary(&owner, &day, &day).await;
    assert_eq!(s["orders"], 10);
    assert_eq!(s["revenue"]["amount"], revenue);
    let payments = db.count("SELECT count(*) FROM hq_payments").await;
    assert_eq!(payments, 10, "no payment twice");
}
