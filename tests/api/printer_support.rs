//! A fake ESC/POS network printer on 127.0.0.1 that records what the
//! server sends it, and the decoding of what it got: shared by the printer
//! tests.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

use crate::helpers::*;

/// A network receipt printer: every connection is one print job, recorded
/// when the sender closes it.
pub(crate) struct FakePrinter {
    pub(crate) port: u16,
    pub(crate) jobs: Arc<Mutex<Vec<Vec<u8>>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakePrinter {
    pub(crate) async fn start() -> FakePrinter {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        Self::on(listener)
    }

    pub(crate) fn on(listener: TcpListener) -> FakePrinter {
        let port = listener.local_addr().unwrap().port();
        let jobs = Arc::new(Mutex::new(Vec::new()));
        let seen = jobs.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut conn, _)) = listener.accept().await else {
                    return;
                };
                let seen = seen.clone();
                tokio::spawn(async move {
                    let mut bytes = Vec::new();
                    if conn.read_to_end(&mut bytes).await.is_ok() {
                        seen.lock().unwrap().push(bytes);
                    }
                });
            }
        });
        FakePrinter { port, jobs, task }
    }

    /// Waits (at most 30 s) until `n` jobs have arrived; returns them all.
    pub(crate) async fn wait_for_jobs(&self, n: usize) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let jobs = self.jobs.lock().unwrap().clone();
            if jobs.len() >= n {
                return jobs;
            }
            assert!(
                Instant::now() < deadline,
                "{n} print jobs expected, {} arrived",
                jobs.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for FakePrinter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What a receipt says: ESC/POS commands removed, CP858 decoded. Panics on
/// a command this decoder does not know, so stray bytes cannot hide.
pub(crate) struct Decoded {
    pub(crate) lines: Vec<String>,
    pub(crate) drawer_kick: bool,
    pub(crate) cut: bool,
}

pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let mut d = Decoded {
        lines: vec![String::new()],
        drawer_kick: false,
        cut: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        i += match (b, next) {
            (0x1B, Some(b'@')) => 2,               // initialise
            (0x1B, Some(b't' | b'a' | b'E')) => 3, // code page, justify, bold
            (0x1B, Some(b'd')) => {
                // print and feed n lines
                let n = bytes.get(i + 2).copied().unwrap_or(1).max(1);
                d.lines.extend(std::iter::repeat_n(String::new(), n.into()));
                3
            }
            (0x1D, Some(b'!')) => 3, // character size
            (0x1B, Some(b'p')) => {
                assert!(i + 5 <= bytes.len(), "ESC p takes m t1 t2");
                d.drawer_kick = true;
                5
            }
            (0x1D, Some(b'V')) => {
                d.cut = true;
                4
            }
            (0x0A, _) => {
                d.lines.push(String::new());
                1
            }
            (0x00..=0x1F | 0x7F, _) => panic!("unknown control byte {b:#04x} at {i}"),
            _ => {
                let c = match b {
                    0x20..=0x7E => b as char,
                    0xD5 => '€',
                    0x82 => 'é',
                    0x81 => 'ü',
                    0xE1 => 'ß',
                    0x8A => 'è',
                    0x85 => 'à',
                    0x94 => 'ö',
                    0x84 => 'ä',
                    0x87 => 'ç',
                    0xA4 => 'ñ',
                    0x9D => 'Ø',
                    _ => panic!("unexpected byte {b:#04x}"),
                };
                d.lines.last_mut().unwrap().push(c);
                1
            }
        };
    }
    d
}

impl Decoded {
    pub(crate) fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The line starting with `label`, which must end with `value`.
    pub(crate) fn has_row(&self, label: &str, value: &str) -> bool {
        self.lines
            .iter()
            .any(|l| l.starts_with(label) && l.ends_with(&format!(" {value}")))
    }
}

/// Money as a receipt shows euros.
pub(crate) fn eur(m: &Value) -> String {
    assert_eq!(m["currency"], "EUR");
    let a = m["amount"].as_i64().unwrap();
    format!("€{}.{:02}", a / 100, a % 100)
}

/// Saves the printer settings `settings` as `admin`.
pub(crate) async fn set_printer(t: &TestApp, admin: &str, settings: Value) {
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(admin),
            Some(settings),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

pub(crate) async fn configure(t: &TestApp, admin: &str, port: u16, width: u8) {
    let settings = json!({"host": "127.0.0.1", "port": port, "paper_width_mm": width,
                          "auto_print": true, "open_drawer_on_cash": true});
    set_printer(t, admin, settings).await;
}

/// A cappuccino with oat milk and two carrot cakes, placed by `cashier`.
pub(crate) async fn place_order(t: &TestApp, cashier: &str) -> Value {
    let cappuccino = t.item("Cappuccino").await;
    let cake = t.item("Carrot cake").await;
    let body = json!({"type": "takeaway", "lines": [
        {"item_id": cappuccino["id"], "quantity": 1, "modifier_option_ids": [
            option_id(&cappuccino, "Size", "Large"), option_id(&cappuccino, "Milk", "Oat milk")]},
        {"item_id": cake["id"], "quantity": 2},
    ]});
    let r = t.place(cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

pub(crate) async fn pay(t: &TestApp, cashier: &str, order: &Value, method: &str) -> Value {
    let total = order["total"].clone();
    let body = if method == "cash" {
        json!({"method": "cash", "amount": total,
               "tendered": {"amount": total["amount"].as_i64().unwrap() + 1000, "currency": "EUR"}})
    } else {
        json!({"method": method, "amount": total})
    };
    let r = t
        .post(
            &format!("/api/orders/{}/payments", order["id"].as_str().unwrap()),
            Some(cashier),
            body,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

pub(crate) async fn status(t: &TestApp, token: &str) -> Value {
    let r = t.get("/api/printer", Some(token)).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// Polls the printer status (at most 30 s) until `done` holds.
pub(crate) async fn wait_status(t: &TestApp, token: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let s = status(t, token).await;
        if done(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "printer status never got there: {s}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
