//! What the crash tests share: the real `crema` binary on a temp data dir,
//! killed with SIGKILL; the store read directly; HTTP helpers.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use reqwest::StatusCode;
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};

pub const PASSWORD: &str = "password123";

// ---- the server process ----------------------------------------------------

pub use crate::shop_cli::{crema, run_with_stdin};

/// Loads the demo café and creates the admin `anna`.
pub fn prepare_store(dir: &Path) {
    let out = crema(dir).arg("demo").output().expect("run crema demo");
    assert!(
        out.status.success(),
        "crema demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_with_stdin(
        crema(dir).args(["user", "add", "anna", "--role", "admin", "--password-stdin"]),
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "crema user add failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `crema serve`. Dropping it kills the process, so a failing
/// assertion never leaves a server behind.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(dir: &Path) -> Server {
        let mut child = crema(dir)
            .args([
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--rate-limit-per-minute",
                "1000000",
                "--auth-rate-limit-per-minute",
                "1000000",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start crema serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next().and_then(Result::ok);
            let _ = tx.send(first);
            // Keep the pipe drained until the process is gone.
            for _ in lines {}
        });
        // From here on the guard owns the process.
        let mut server = Server {
            child,
            base: String::new(),
        };
        let line = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Some(line)) => line,
            Ok(None) => panic!("crema serve exited without saying where it listens"),
            Err(_) => panic!("crema serve did not say where it listens within 30 s"),
        };
        let base = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from crema serve: {line:?}"));
        assert!(base.starts_with("http://127.0.0.1:"), "{line:?}");
        server.base = base.to_string();
        server
    }

    /// SIGKILL, then reap; returns how the process ended.
    pub fn kill(&mut self) -> std::process::ExitStatus {
        let _ = self.child.kill();
        self.child.wait().expect("wait for crema serve")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

// ---- the database, read directly --------------------------------------------

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join("crema.db")
}

pub fn open_db(dir: &Path) -> Connection {
    let conn = Connection::open_with_flags(db_path(dir), OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open crema.db read-only");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    conn
}

pub fn count(conn: &Connection, sql: &str) -> usize {
    let n: i64 = conn
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    usize::try_from(n).expect("a count")
}

// ---- the HTTP side ------------------------------------------------------------

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .build()
        .expect("http client")
}

pub async fn login(client: &reqwest::Client, base: &str) -> String {
    let resp = client
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"username": "anna", "password": PASSWORD}))
        .send()
        .await
        .expect("login request");
    let status = resp.status();
    let body: Value = resp.json().await.expect("login body");
    assert_eq!(status, StatusCode::OK, "login: {body}");
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_string()
}
