//! What the head-office tests share: a fresh database per test on
//! PostgreSQL or MariaDB (dropped afterwards), `crema hq` run as a process
//! (`serve` on port 0, `owner add`, `shop add`), and HTTP helpers.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use sqlx_core::any::AnyConnection;
use sqlx_core::connection::Connection;
use sqlx_core::executor::Executor;

pub const OWNER: (&str, &str) = ("olga", "owner-pass-1");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    MariaDb,
}

impl Backend {
    /// The server's URL (any database on it), from the environment or the
    /// local default.
    fn server_url(self) -> String {
        let (var, default) = match self {
            Backend::Postgres => (
                "CREMA_TEST_DATABASE_URL",
                "postgres://postgres@127.0.0.1:5432/test",
            ),
            Backend::MariaDb => ("CREMA_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test"),
        };
        std::env::var(var).unwrap_or_else(|_| default.to_string())
    }
}

/// `url` with its database replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| scheme_end + i)
        .unwrap_or(base.len());
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

async fn admin(server: &str) -> AnyConnection {
    sqlx_core::any::driver::install_drivers(&[sqlx_postgres::any::DRIVER, sqlx_mysql::any::DRIVER])
        .ok();
    AnyConnection::connect(server)
        .await
        .unwrap_or_else(|e| panic!("cannot reach the test database server {server}: {e}"))
}

/// A database of its own for one test; dropped when this is.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    server: String,
    name: String,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        let server = backend.server_url();
        let name = format!("crema_test_{}", uuid::Uuid::now_v7().simple());
        let mut conn = admin(&server).await;
        conn.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create the test database");
        conn.close().await.ok();
        TestDb {
            backend,
            url: with_database(&server, &name),
            server,
            name,
        }
    }

    /// Runs `sql` in the test database (to look or to tamper, as a test must).
    pub async fn execute(&self, sql: &str) -> u64 {
        let mut conn = admin(&self.url).await;
        let done = conn.execute(sql).await.expect(sql).rows_affected();
        conn.close().await.ok();
        done
    }

    /// `SELECT COUNT(*) …` in the test database.
    pub async fn count(&self, sql: &str) -> i64 {
        use sqlx_core::row::Row;
        let mut conn = admin(&self.url).await;
        let row = conn.fetch_one(sql).await.expect(sql);
        let n: i64 = row.try_get(0).expect("a count");
        conn.close().await.ok();
        n
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let (server, name, backend) = (self.server.clone(), self.name.clone(), self.backend);
        // On a thread of its own: Drop cannot wait for the test's runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let mut conn = admin(&server).await;
                let sql = match backend {
                    Backend::Postgres => format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    Backend::MariaDb => format!("DROP DATABASE IF EXISTS {name}"),
                };
                let _ = conn.execute(sql.as_str()).await;
                conn.close().await.ok();
            });
        })
        .join();
    }
}

/// `crema hq --database-url URL ARGS…` with `stdin`: (success, stdout, stderr).
pub fn hq_cli(url: &str, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crema"))
        .args(["hq", "--database-url", url])
        .args(args)
        .env("CREMA_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crema hq");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("crema hq");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn add_owner(db: &TestDb) {
    let (ok, out, err) = hq_cli(
        &db.url,
        &["owner", "add", OWNER.0, "--password-stdin"],
        &format!("{}\n", OWNER.1),
    );
    assert!(ok, "owner add: {out} {err}");
}

/// Registers a shop; its enrolment code.
pub fn add_shop(db: &TestDb, name: &str) -> String {
    let (ok, out, err) = hq_cli(&db.url, &["shop", "add", name], "");
    assert!(ok, "shop add: {err}");
    assert_eq!(out.lines().count(), 1, "one line: {out:?}");
    out.trim().to_string()
}

/// A `crema hq serve` process on 127.0.0.1:0; killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub http: reqwest::Client,
}

impl Server {
    pub fn start(db: &TestDb, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crema"))
            .args([
                "hq",
                "--database-url",
                &db.url,
                "serve",
                "--bind",
                "127.0.0.1:0",
            ])
            .args(extra)
            .env("CREMA_LOG", "warn")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("run crema hq serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the listening line");
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server {
            child,
            base,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.http
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self) -> Value {
        let r = self
            .post(
                "/api/auth/login",
                &json!({"username": OWNER.0, "password": OWNER.1}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.expect("tokens")
    }

    pub async fn token(&self) -> String {
        self.login().await["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    /// Enrols with `code`: the shop's credential.
    pub async fn enrol(&self, code: &str) -> String {
        let r = self.post("/api/hq/enrol", &json!({ "code": code })).await;
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.expect("enrolment");
        body["credential"].as_str().expect("credential").to_string()
    }

    /// Pushes a batch (gzip'd when `gzip`) with `credential`.
    pub async fn push(&self, credential: &str, batch: &Value, gzip: bool) -> Response {
        let json = serde_json::to_vec(batch).expect("batch json");
        let mut req = self
            .http
            .post(self.url("/api/hq/events"))
            .bearer_auth(credential)
            .header("content-type", "application/json");
        let body = if gzip {
            req = req.header("content-encoding", "gzip");
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(&json).expect("gzip");
            enc.finish().expect("gzip")
        } else {
            json
        };
        req.body(body).send().await.expect("push")
    }

    pub async fn summary(&self, token: &str, from: &str, to: &str) -> Value {
        let r = self
            .get(
                token,
                &format!("/api/hq/reports/summary?from={from}&to={to}"),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.expect("summary")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The error code of an answer, after checking its status.
pub async fn error_code(r: Response, status: StatusCode) -> String {
    assert_eq!(r.status(), status);
    if status == StatusCode::UNAUTHORIZED {
        assert_eq!(
            r.headers()
                .get("www-authenticate")
                .map(|v| v.to_str().unwrap()),
            Some("Bearer")
        );
    }
    let body: Value = r.json().await.expect("error body");
    body["error"]["code"].as_str().expect("code").to_string()
}
