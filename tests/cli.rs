//! The `crema` binary: bad input gets a clear error and a non-zero exit;
//! SIGTERM shuts the server down cleanly after finishing in-flight work.

#[path = "shared/shop_cli.rs"]
mod shop_cli;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

use shop_cli::{crema, run_with_stdin};
use std::time::{Duration, Instant};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn user_add_rejects_bad_roles_passwords_and_pins_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crema(dir.path());
    cmd.args(["user", "add", "anna", "--role", "owner", "--password-stdin"]);
    let o = run_with_stdin(&mut cmd, "long-enough-password\n");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown role"), "{}", stderr(&o));

    let mut cmd = crema(dir.path());
    cmd.args(["user", "add", "anna", "--role", "admin", "--password-stdin"]);
    let o = run_with_stdin(&mut cmd, "short\n");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("at least 8"), "{}", stderr(&o));

    let mut cmd = crema(dir.path());
    cmd.args(["user", "add", "carl", "--role", "cashier", "--pin-stdin"]);
    let o = run_with_stdin(&mut cmd, "12ab\n");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("PIN"), "{}", stderr(&o));

    let mut cmd = crema(dir.path());
    cmd.args(["user", "add", "anna", "--role", "admin", "--password-stdin"]);
    let o = run_with_stdin(&mut cmd, "long-enough-password\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let mut cmd = crema(dir.path());
    cmd.args([
        "user",
        "add",
        "Anna",
        "--role",
        "cashier",
        "--password-stdin",
    ]);
    let o = run_with_stdin(&mut cmd, "another-password\n");
    assert!(!o.status.success(), "usernames are case-insensitive");
    assert!(stderr(&o).contains("already in use"), "{}", stderr(&o));
}

#[test]
fn the_demo_loads_once_into_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let o = crema(dir.path()).arg("demo").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = crema(dir.path()).arg("demo").output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already has a menu"), "{}", stderr(&o));
}

#[test]
fn sync_status_prints_one_json_object_of_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let o = crema(dir.path()).args(["sync", "status"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["enrolled"], false);
    assert_eq!(s["hq_url"], serde_json::Value::Null);
    assert_eq!(s["pending"], 0);
    assert_eq!(s["last_success_at"], serde_json::Value::Null);
    assert_eq!(s["last_error"], serde_json::Value::Null);
}

#[cfg(unix)]
#[test]
fn the_generated_token_secret_is_readable_only_by_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    assert!(crema(dir.path())
        .arg("demo")
        .output()
        .unwrap()
        .status
        .success());
    let meta = std::fs::metadata(dir.path().join("jwt.secret")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(meta.len() >= 32);
    // and it is kept across restarts (tokens survive a restart)
    let before = std::fs::read(dir.path().join("jwt.secret")).unwrap();
    let _ = crema(dir.path()).arg("demo").output().unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("jwt.secret")).unwrap(),
        before
    );
}

#[test]
fn a_bad_config_file_or_environment_stops_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("crema.toml"),
        "rate_limit_per_minute = \"lots\"\n",
    )
    .unwrap();
    let o = crema(dir.path()).arg("demo").output().unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("rate_limit_per_minute"),
        "{}",
        stderr(&o)
    );

    std::fs::write(
        dir.path().join("crema.toml"),
        "timezone = \"Europe/Berlin\"\n",
    )
    .unwrap();
    let o = crema(dir.path())
        .arg("demo")
        .env("CREMA_TIMEZONE", "Nowhere/Else")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Nowhere/Else"), "{}", stderr(&o));

    let o = crema(dir.path())
        .args(["serve", "--bind", "not-an-address"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(!stderr(&o).is_empty());
}

/// Kills the child if a test fails before it is reaped.
struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(dir: &std::path::Path, bind: &str) -> (Server, String) {
    let mut child = crema(dir)
        .args(["serve", "--bind", bind])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    (Server(child), url)
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, url) = start_server(dir.path(), "127.0.0.1:0");
    let addr = url.trim_start_matches("http://").to_string();
    let other = tempfile::tempdir().unwrap();
    let o = crema(other.path())
        .args(["serve", "--bind", &addr])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cannot listen"), "{}", stderr(&o));
}

#[tokio::test]
async fn sigterm_ends_event_streams_and_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crema(dir.path());
    cmd.args(["user", "add", "anna", "--role", "admin", "--password-stdin"]);
    assert!(run_with_stdin(&mut cmd, "long-enough-password\n")
        .status
        .success());
    assert!(crema(dir.path())
        .arg("demo")
        .output()
        .unwrap()
        .status
        .success());
    let (mut server, url) = start_server(dir.path(), "127.0.0.1:0");

    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{url}/api/auth/login"))
        .json(&serde_json::json!({"username": "anna", "password": "long-enough-password"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_string();
    // a board is connected: graceful shutdown must not wait for it forever
    let board = client
        .get(format!("{url}/api/events"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(board.status(), 200);

    let status = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(s) = server.0.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not stop after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "exit status {exit:?}");
    // the board's stream has ended rather than hanging
    let rest = tokio::time::timeout(Duration::from_secs(5), board.bytes()).await;
    assert!(rest.is_ok(), "the event stream ended");
    // the WAL was checkpointed into the database file on the way out
    let wal = dir.path().join("crema.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}

#[test]
fn serve_refuses_a_network_bind_while_the_demo_logins_work_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crema(dir.path());
    cmd.args([
        "user",
        "add",
        "admin",
        "--role",
        "admin",
        "--password-stdin",
    ]);
    assert!(run_with_stdin(&mut cmd, "crema-admin\n").status.success());

    let mut child = crema(dir.path())
        .args(["serve", "--bind", "0.0.0.0:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("served the demo logins to the LAN");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("admin / crema-admin"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--allow-demo-on-lan"), "{}", stderr(&o));

    // Loopback is fine; so is the LAN when asked for, with a warning.
    let (_local, _) = start_server(dir.path(), "127.0.0.1:0");
    let mut child = crema(dir.path())
        .args(["serve", "--bind", "0.0.0.0:0", "--allow-demo-on-lan"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    drop(Server(child));
    assert!(line.starts_with("listening on "), "{line:?}");
    let mut warned = String::new();
    std::io::Read::read_to_string(&mut err, &mut warned).unwrap();
    assert!(warned.contains("WARNING"), "{warned}");
}
