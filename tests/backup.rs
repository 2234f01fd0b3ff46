//! Backups, restores and the check at start, against the real `crema`
//! binary: `crema backup` while `crema serve` takes orders under load,
//! `crema restore` into a fresh data directory, a restore refused while the
//! server runs, a damaged store refused at start, and file permissions.

#[allow(dead_code)]
#[path = "durability/common.rs"]
mod common;
#[path = "shared/shop_cli.rs"]
mod shop_cli;

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use reqwest::StatusCode;
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};

const WORKERS: usize = 4;
/// Orders acknowledged before the backup is taken …
const BEFORE_BACKUP: usize = 40;
/// … and the load goes on at least this long after it.
const AFTER_BACKUP: Duration = Duration::from_millis(500);
/// Bound on the whole load.
const MAX_LOAD: Duration = Duration::from_secs(30);

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    crema(dir).args(args).output().expect("run crema")
}

/// A body for one order: the first item whose required choices the
/// demo menu lets us make, with the first option of each required group.
async fn order_body(http: &reqwest::Client, base: &str) -> Value {
    let menu: Value = http
        .get(format!("{base}/api/menu"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for category in menu["categories"].as_array().unwrap() {
        for item in category["items"].as_array().unwrap() {
            if item["available"] != Value::Bool(true) {
                continue;
            }
            let options: Vec<Value> = item["modifier_groups"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|g| g["min"].as_u64().unwrap_or(0) >= 1)
                .map(|g| g["options"][0]["id"].clone())
                .collect();
            return json!({
                "lines": [{"item_id": item["id"], "quantity": 1, "modifier_option_ids": options}],
                "type": "takeaway",
            });
        }
    }
    panic!("no orderable item in the demo menu")
}

/// Places orders until `stop`; every acknowledged order's id goes to `acked`.
async fn place_orders(
    http: reqwest::Client,
    base: String,
    token: String,
    body: Value,
    worker: usize,
    acked: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
) {
    let started = Instant::now();
    let mut seq = 0;
    while !stop.load(Ordering::SeqCst) && started.elapsed() < MAX_LOAD {
        let resp = http
            .post(format!("{base}/api/orders"))
            .bearer_auth(&token)
            .header("Idempotency-Key", format!("backup-w{worker}-{seq}"))
            .json(&body)
            .send()
            .await
            .expect("the server answers");
        assert_eq!(resp.status(), StatusCode::CREATED);
        let order: Value = resp.json().await.unwrap();
        acked
            .lock()
            .unwrap()
            .push(order["id"].as_str().unwrap().to_string());
        seq += 1;
    }
}

fn integrity(db: &Path) -> String {
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_load_restores_every_order_acknowledged_before_it() {
    let shop = tempfile::tempdir().unwrap();
    prepare_store(shop.path());
    let server = Server::start(shop.path());
    let http = client();
    let token = login(&http, &server.base).await;
    let body = order_body(&http, &server.base).await;
    let acked = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            tokio::spawn(place_orders(
                http.clone(),
                server.base.clone(),
                token.clone(),
                body.clone(),
                w,
                acked.clone(),
                stop.clone(),
            ))
        })
        .collect();
    let started = Instant::now();
    while acked.lock().unwrap().len() < BEFORE_BACKUP {
        assert!(started.elapsed() < MAX_LOAD, "the load did not get going");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // The backup runs while the workers go on placing orders.
    let before: HashSet<String> = acked.lock().unwrap().iter().cloned().collect();
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("shop.db");
    let (dir, f) = (shop.path().to_path_buf(), file.clone());
    let out = tokio::task::spawn_blocking(move || run(&dir, &["backup", f.to_str().unwrap()]))
        .await
        .unwrap();
    let during = acked.lock().unwrap().len() - before.len();
    tokio::time::sleep(AFTER_BACKUP).await;
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.await.unwrap();
    }
    assert!(out.status.success(), "crema backup: {}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("backed up") && said.contains("shop.db"),
        "{said}"
    );
    assert!(
        acked.lock().unwrap().len() > before.len(),
        "no orders after the backup"
    );
    eprintln!(
        "{} orders before the backup, {during} while it ran, {} in all",
        before.len(),
        acked.lock().unwrap().len()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    // Restored into a fresh data directory: undamaged, every order
    // acknowledged before the backup started is there, and it serves.
    let fresh = tempfile::tempdir().unwrap();
    let restored_dir = fresh.path().join("data");
    let out = run(&restored_dir, &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "crema restore: {}", stderr(&out));
    let db = db_path(&restored_dir);
    assert_eq!(integrity(&db), "ok");
    let conn = open_db(&restored_dir);
    let mut stmt = conn.prepare("SELECT id FROM orders").unwrap();
    let ids: HashSet<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let missing: Vec<_> = before.difference(&ids).collect();
    assert!(
        missing.is_empty(),
        "acknowledged orders missing: {missing:?}"
    );
    drop(stmt);
    drop(conn);
    for suffix in ["-wal", "-shm"] {
        assert!(!restored_dir.join(format!("crema.db{suffix}")).exists());
    }
    let again = Server::start(&restored_dir);
    let token = login(&http, &again.base).await;
    let id = before.iter().next().unwrap();
    let resp = http
        .get(format!("{}/api/orders/{id}", again.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    drop(server);
}

#[test]
fn a_restore_is_refused_while_the_server_runs() {
    let shop = tempfile::tempdir().unwrap();
    prepare_store(shop.path());
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("copy.db");
    let out = run(shop.path(), &["backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read(db_path(shop.path())).unwrap();

    let mut server = Server::start(shop.path());
    let out = run(shop.path(), &["restore", file.to_str().unwrap()]);
    assert!(!out.status.success(), "restored under a running server");
    let msg = stderr(&out);
    assert!(
        msg.contains("Crema is running") && msg.contains("stop it"),
        "{msg}"
    );
    let names: Vec<String> = std::fs::read_dir(shop.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("before-restore")),
        "{names:?}"
    );

    // Once it is gone (even killed), the restore goes ahead.
    server.kill();
    let out = run(shop.path(), &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("crema.db.before-restore-"), "{said}");
    assert!(!before.is_empty());
    assert_eq!(integrity(&db_path(shop.path())), "ok");
}

#[test]
fn restore_refuses_what_is_not_a_good_crema_backup() {
    let shop = tempfile::tempdir().unwrap();
    let junk = shop.path().join("junk.db");
    std::fs::write(&junk, vec![1u8; 4096]).unwrap();
    let out = run(
        &shop.path().join("data"),
        &["restore", junk.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a Crema store"),
        "{}",
        stderr(&out)
    );
    assert!(!shop.path().join("data").join("crema.db").exists());
}

#[test]
fn a_damaged_store_stops_serve_with_a_message_naming_it_and_the_way_back() {
    let shop = tempfile::tempdir().unwrap();
    prepare_store(shop.path());
    // Enough pages that the middle of the file is table data.
    let db = db_path(shop.path());
    {
        let c = Connection::open(&db).unwrap();
        c.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO settings(key, value) SELECT 'filler-' || i, hex(randomblob(150)) FROM n;",
        )
        .unwrap();
    }
    let len = std::fs::metadata(&db).unwrap().len();
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        f.seek(SeekFrom::Start((len / 2) & !4095)).unwrap();
        f.write_all(&[0xa5; 4 * 4096]).unwrap();
    }
    let started = Instant::now();
    let out = crema(shop.path())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(!out.status.success(), "a damaged store was served");
    assert!(
        out.stdout.is_empty(),
        "it listened: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let msg = stderr(&out);
    assert!(msg.contains("is damaged"), "{msg}");
    assert!(msg.contains(db.to_str().unwrap()), "{msg}");
    assert!(msg.contains("restore"), "{msg}");
}

#[cfg(unix)]
#[test]
fn the_store_its_wal_and_the_lock_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let shop = tempfile::tempdir().unwrap();
    prepare_store(shop.path());
    let _server = Server::start(shop.path());
    for name in ["crema.db", "crema.db-wal", "crema.db-shm", "crema.lock"] {
        let meta =
            std::fs::metadata(shop.path().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
    }
}
