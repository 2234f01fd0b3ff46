//! What the fault tests share: an in-process server over a data dir, the
//! demo café with an admin, and the store read directly.

use std::net::SocketAddr;
use std::path::Path;

use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App};
use crema::config::Config;
use crema::domain::user::Role;
use reqwest::{Response, StatusCode};
use rusqlite::Connection;
use serde_json::{json, Value};
use tokio::sync::oneshot;

pub const ADMIN: (&str, &str) = ("anna", "admin-pass-1");

pub fn config() -> Config {
    Config {
        rate_limit_per_minute: 1_000_000,
        auth_rate_limit_per_minute: 1_000_000,
        ..Config::default()
    }
}

/// Opens (or reopens) the app over `dir`.
pub fn open(dir: &Path) -> App {
    App::open(dir, config()).expect("open app")
}

/// The demo café and the admin `anna` in a new store at `dir`.
pub async fn prepare(dir: &Path) -> App {
    let app = open(dir);
    demo::load(&app, &Actor::System).await.expect("demo");
    users::create_staff(
        &app,
        &Actor::System,
        ADMIN.0,
        Role::Admin,
        Credential::Password(ADMIN.1.into()),
    )
    .await
    .expect("admin");
    app
}

/// A server on 127.0.0.1:0; dropping it stops the server (the app stays
/// open until its last handle goes).
pub struct Running {
    pub app: App,
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

pub async fn serve(app: App) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(crema::http::serve(app.clone(), listener, async {
        let _ = stopped.await;
    }));
    Running {
        app,
        addr,
        http: reqwest::Client::new(),
        stop: Some(stop),
        task,
    }
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn login(&self) -> String {
        let r = self
            .http
            .post(self.url("/api/auth/login"))
            .json(&json!({"username": ADMIN.0, "password": ADMIN.1}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::OK, "login");
        let body: Value = r.json().await.expect("login body");
        body["access_token"].as_str().expect("token").to_string()
    }

    pub async fn post(&self, token: &str, path: &str, key: &str, body: &Value) -> Response {
        self.http
            .post(self.url(path))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn health(&self) -> (StatusCode, Value) {
        let r = self
            .http
            .get(self.url("/api/health"))
            .send()
            .await
            .expect("health");
        let status = r.status();
        (status, r.json().await.expect("health body"))
    }

    /// Stops the server and closes the store.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
        self.app.store().close();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        self.task.abort();
    }
}

/// A body ordering `quantity` of the demo's carrot cake.
pub async fn cake_order(r: &Running, quantity: i64) -> Value {
    let menu: Value = r
        .http
        .get(r.url("/api/menu"))
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
        .expect("the demo's carrot cake");
    json!({"lines": [{"item_id": cake["id"], "quantity": quantity}], "type": "takeaway"})
}

/// `count(*)` of every table of the store at `dir`, by name.
pub fn table_counts(conn: &Connection) -> Vec<(String, i64)> {
    let mut names = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables");
    let names: Vec<String> = names
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    names
        .into_iter()
        .map(|n| {
            let count = conn
                .query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0))
                .expect("count");
            (n, count)
        })
        .collect()
}

/// Integrity and foreign keys of the store at `dir`, and no order without
/// lines; panics otherwise.
pub fn assert_whole(conn: &Connection) {
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(dangling, 0, "dangling foreign keys");
    let bare: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders o
             WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)",
            [],
            |r| r.get(0),
        )
        .expect("orders without lines");
    assert_eq!(bare, 0, "an order without lines");
    assert_eq!(
        crate::outbox_check::outbox_mismatches(conn),
        Vec::<String>::new()
    );
}
