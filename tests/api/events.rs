use std::time::Duration;

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// Reads Server-Sent Events from a response, one (event, data) at a time.
pub(crate) struct SseReader {
    stream: futures_util::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>,
    buf: String,
}

impl SseReader {
    pub(crate) fn new(r: reqwest::Response) -> Self {
        SseReader {
            stream: r.bytes_stream().boxed(),
            buf: String::new(),
        }
    }

    /// The next named event (keep-alive comments skipped), waiting at most 10 s.
    pub(crate) async fn next(&mut self) -> (String, Value) {
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                if let Some(end) = self.buf.find("\n\n") {
                    let block: String = self.buf.drain(..end + 2).collect();
                    let mut event = String::new();
                    let mut data = String::new();
                    for line in block.lines() {
                        if let Some(v) = line.strip_prefix("event:") {
                            event = v.trim().to_string();
                        } else if let Some(v) = line.strip_prefix("data:") {
                            data.push_str(v.trim_start());
                        }
                    }
                    if !event.is_empty() {
                        return (event, serde_json::from_str(&data).expect("data is JSON"));
                    }
                    continue;
                }
                let chunk = self
                    .stream
                    .next()
                    .await
                    .expect("stream open")
                    .expect("chunk");
                self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
            }
        })
        .await
        .expect("an event within 10 s")
    }
}

#[tokio::test]
async fn a_board_sees_orders_placed_and_moved_by_others() {
    let t = spawn_app().await;
    let kitchen = t.login(KITCHEN).await;
    let r = t.get("/api/events", Some(&kitchen)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut board = SseReader::new(r);

    let customer = t.register_customer("cleo@example.com").await;
    let cake = t.item("Carrot cake").await;
    let placed: Value = t
        .place(
            customer["access_token"].as_str().unwrap(),
            Some("k-1"),
            simple_order(cake["id"].as_str().unwrap(), 2),
        )
        .await
        .json()
        .await
        .unwrap();
    let (name, data) = board.next().await;
    assert_eq!(name, "order.created");
    assert_eq!(data["id"], placed["id"]);
    assert_eq!(data["lines"][0]["quantity"], 2);

    let cashier = t.login(CASHIER).await;
    let r = t
        .post(
            &format!("/api/orders/{}/status", placed["id"].as_str().unwrap()),
            Some(&cashier),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (name, data) = board.next().await;
    assert_eq!(name, "order.updated");
    assert_eq!(data["id"], placed["id"]);
    assert_eq!(data["status"], "in_progress");

    let admin = t.login(ADMIN).await;
    let path = format!("/api/items/{}", cake["id"].as_str().unwrap());
    t.send(
        reqwest::Method::PATCH,
        &path,
        Some(&admin),
        Some(json!({"available": false})),
    )
    .await;
    let (name, data) = board.next().await;
    assert_eq!(name, "menu.updated");
    assert_eq!(data["currency"], "EUR");
}

#[tokio::test]
async fn customers_see_the_menu_and_only_their_own_orders() {
    let t = spawn_app().await;
    assert_eq!(
        t.get("/api/events", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let cleo = t.register_customer("cleo@example.com").await;
    let dan = t.register_customer("dan@example.com").await;
    let r = t.get("/api/events", cleo["access_token"].as_str()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut feed = SseReader::new(r);
    let cake = t.item("Carrot cake").await;
    let id = cake["id"].as_str().unwrap();
    // someone else's order: not shown
    t.place(
        dan["access_token"].as_str().unwrap(),
        Some("d1"),
        simple_order(id, 1),
    )
    .await;
    let cashier = t.login(CASHIER).await;
    t.place(&cashier, None, simple_order(id, 1)).await;
    // their own: shown
    let mine: Value = t
        .place(
            cleo["access_token"].as_str().unwrap(),
            Some("c1"),
            simple_order(id, 3),
        )
        .await
        .json()
        .await
        .unwrap();
    let (name, data) = feed.next().await;
    assert_eq!(name, "order.created");
    assert_eq!(data["id"], mine["id"]);
    let kitchen = t.login(KITCHEN).await;
    t.post(
        &format!("/api/orders/{}/status", mine["id"].as_str().unwrap()),
        Some(&kitchen),
        json!({"status": "in_progress"}),
    )
    .await;
    let (name, data) = feed.next().await;
    assert_eq!(name, "order.updated");
    assert_eq!(data["status"], "in_progress");
}

#[tokio::test]
async fn admins_are_told_when_a_terminal_is_locked_for_wrong_pins_and_others_are_not() {
    let t = spawn_with(|c| c.pin_max_failures = 2).await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let mut admins = SseReader::new(t.get("/api/events", Some(&admin)).await);
    let mut staff = SseReader::new(t.get("/api/events", Some(&cashier)).await);
    let terminal = crate::pins::paired(&t, &admin, "terminal").await;
    for _ in 0..2 {
        let r = crate::pins::pin_with(&t, "000000", Some(&terminal), &[]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let (name, data) = admins.next().await;
    assert_eq!(name, "security.alert");
    assert_eq!(data["kind"], "device_locked");
    assert_eq!(data["device"], "terminal 1", "named as the admin paired it");
    assert!(data["seconds"].as_u64().unwrap() > 0);
    // The cashier's stream goes on to the next order without the alert.
    let customer = t.register_customer("dora@example.com").await;
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(
            customer["access_token"].as_str().unwrap(),
            Some("alert-1"),
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let (name, _) = staff.next().await;
    assert_eq!(name, "order.created");
}
