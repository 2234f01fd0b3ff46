use std::net::SocketAddr;

use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App};
use crema::config::Config;
use crema::domain::user::Role;
use crema::store::StoreResult;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use tokio::sync::oneshot;

pub const ADMIN: (&str, &str) = ("anna", "admin-pass-1");
pub const KITCHEN: (&str, &str) = ("kim", "kitchen-pass-1");
pub const CASHIER: (&str, &str) = ("carl", "cashier-pass-1");
pub const CASHIER_PIN: &str = "482193";

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub app: App,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// A server with the demo café and three staff users, generous rate limits.
pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        rate_limit_per_minute: 1_000_000,
        auth_rate_limit_per_minute: 1_000_000,
        ..Config::default()
    };
    tweak(&mut config);
    let app = App::open(dir.path(), config).expect("open app");
    demo::load(&app, &Actor::System).await.expect("demo");
    for ((name, pw), role) in [
        (ADMIN, Role::Admin),
        (KITCHEN, Role::Kitchen),
        (CASHIER, Role::Cashier),
    ] {
        users::create_staff(
            &app,
            &Actor::System,
            name,
            role,
            Credential::Password(pw.into()),
        )
        .await
        .expect("user");
    }
    users::create_staff(
        &app,
        &Actor::System,
        "pina",
        Role::Cashier,
        Credential::Pin(CASHIER_PIN.into()),
    )
    .await
    .expect("pin user");
    serve(app, dir).await
}

/// A server over a new, empty store: no menu, no users (first run).
pub async fn spawn_empty() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::open(dir.path(), Config::default()).expect("open app");
    serve(app, dir).await
}

async fn serve(app: App, dir: tempfile::TempDir) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(crema::http::serve(app.clone(), listener, async {
        let _ = stopped.await;
    }));
    TestApp {
        addr,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        app,
        dir,
        stop: Some(stop),
        server: Some(server),
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(h) = self.server.take() {
            h.abort();
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.send(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.send(Method::POST, path, token, Some(body)).await
    }

    pub async fn login_pair(&self, (user, pw): (&str, &str)) -> Value {
        let r = self
            .post(
                "/api/auth/login",
                None,
                json!({"username": user, "password": pw}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "login {user}");
        r.json().await.expect("json")
    }

    pub async fn login(&self, who: (&str, &str)) -> String {
        self.login_pair(who).await["access_token"]
            .as_str()
            .expect("token")
            .to_string()
    }

    pub async fn register_customer(&self, email: &str) -> Value {
        let r = self
            .post(
                "/api/customers/register",
                None,
                json!({"name": "Cleo Customer", "email": email, "password": "customer-pass-1"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        r.json().await.expect("json")
    }

    pub async fn menu(&self) -> Value {
        self.get("/api/menu", None)
            .await
            .json()
            .await
            .expect("menu json")
    }

    /// A staff account's id by username (asked as `admin`).
    pub async fn user_id(&self, admin: &str, username: &str) -> String {
        let users: Value = self
            .get("/api/users", Some(admin))
            .await
            .json()
            .await
            .unwrap();
        users["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == username)
            .unwrap_or_else(|| panic!("no user {username}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// An item of the menu by name.
    pub async fn item(&self, name: &str) -> Value {
        let menu = self.menu().await;
        menu["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["items"].as_array().unwrap().iter())
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("no item {name}"))
            .clone()
    }

    /// Places an order as `token`; returns the response.
    pub async fn place(&self, token: &str, key: Option<&str>, body: Value) -> Response {
        let mut req = self
            .client
            .post(self.url("/api/orders"))
            .bearer_auth(token)
            .json(&body);
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        req.send().await.expect("request")
    }

    /// Places `quantity` carrot cakes (4.20 each), optionally with a coupon;
    /// returns the order's id.
    pub async fn cakes(&self, token: &str, quantity: i64, coupon: Option<&str>) -> String {
        let cake = self.item("Carrot cake").await;
        let mut body = simple_order(cake["id"].as_str().unwrap(), quantity);
        if let Some(c) = coupon {
            body["coupon_code"] = json!(c);
        }
        let r = self.place(token, None, body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let o: Value = r.json().await.unwrap();
        o["id"].as_str().unwrap().to_string()
    }

    pub async fn order_count(&self) -> i64 {
        self.app
            .store()
            .read(|c| -> StoreResult<i64> {
                Ok(c.query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?)
            })
            .await
            .expect("count")
    }

    pub async fn table_count(&self, table: &'static str) -> i64 {
        self.app
            .store()
            .read(move |c| -> StoreResult<i64> {
                Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
            })
            .await
            .expect("count")
    }
}

/// Option ids by name within an item.
pub fn option_id(item: &Value, group: &str, option: &str) -> String {
    item["modifier_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == group)
        .and_then(|g| {
            g["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["name"] == option)
        })
        .unwrap_or_else(|| panic!("no option {group}/{option}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The error body's code, asserting the contract's shape.
pub async fn error_code(r: Response) -> String {
    let body: Value = r.json().await.expect("error body is JSON");
    let err = body.get("error").expect("error object");
    check_params(err);
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message in {body}"
    );
    assert_eq!(body.as_object().unwrap().len(), 1, "only `error` in {body}");
    err["code"].as_str().expect("code").to_string()
}

/// The `error` object of an error answer (`code`, `message`, `params`).
pub async fn error_of(r: Response) -> Value {
    let body: Value = r.json().await.expect("error body is JSON");
    let err = body.get("error").expect("error object").clone();
    check_params(&err);
    err
}

/// The params each code may carry, as the web client words them
/// (`frontend/src/api/error-params.json`): an error sending another one
/// would leave a text without its value.
fn check_params(err: &Value) {
    static LISTED: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let listed = LISTED.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/frontend/src/api/error-params.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).expect("error-params.json"))
            .expect("error-params.json is JSON")
    });
    let Some(params) = err.get("params") else {
        return;
    };
    let params = params.as_object().expect("params is an object");
    assert!(!params.is_empty(), "empty params are left out: {err}");
    let code = err["code"].as_str().expect("code");
    let allowed = listed[code].as_array().cloned().unwrap_or_default();
    for (k, v) in params {
        assert!(
            allowed.iter().any(|a| a == k),
            "{code} sends params.{k}, which error-params.json does not list"
        );
        assert!(
            !v.is_array()
                && (!v.is_object() || (v["amount"].is_i64() && v["currency"].is_string())),
            "params.{k} is a plain value or Money: {err}"
        );
    }
}

/// A one-line order of a simple item (no required modifiers).
/// `amount` cents of euros, as the API writes money.
pub fn eur(amount: i64) -> Value {
    json!({"amount": amount, "currency": "EUR"})
}

pub fn simple_order(item_id: &str, quantity: i64) -> Value {
    json!({"lines": [{"item_id": item_id, "quantity": quantity}], "type": "takeaway"})
}
