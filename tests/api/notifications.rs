//! The admins' inbox: each source of notifications gives exactly one per
//! thing worth a look; the unread count; marking read; admins only.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::events::SseReader;
use crate::feedback::{leave, paid_customer_order, pay_card};
use crate::helpers::*;
use crate::printer_support::{configure, pay, place_order};

async fn inbox(t: &TestApp, admin: &str) -> Value {
    let r = t.get("/api/notifications", Some(admin)).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// The notifications of `kind`, newest first.
fn of_kind(inbox: &Value, kind: &str) -> Vec<Value> {
    inbox["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .cloned()
        .collect()
}

/// Waits (at most 10 s) for `n` notifications of `kind`, then a little
/// longer to see that no more come; returns them.
async fn exactly(t: &TestApp, admin: &str, kind: &str, n: usize) -> Vec<Value> {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let found = of_kind(&inbox(t, admin).await, kind);
        if found.len() >= n || Instant::now() > until {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let found = of_kind(&inbox(t, admin).await, kind);
    assert_eq!(found.len(), n, "{kind}: {found:?}");
    found
}

#[tokio::test]
async fn new_feedback_is_one_unread_notification_until_it_is_read() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let before = inbox(&t, &admin).await;
    assert_eq!(before, json!({"unread": 0, "notifications": []}));
    let mut live = SseReader::new(t.get("/api/events", Some(&admin)).await);

    let p = paid_customer_order(&t, "cleo@example.com").await;
    let r = leave(
        &t,
        Some(&p.token),
        p.id(),
        json!({"rating": 2, "comment": "cold"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let f: Value = r.json().await.unwrap();

    // Live, for the admin's header.
    let (event, data) = loop {
        let (event, data) = live.next().await;
        if event == "notification.created" {
            break (event, data);
        }
    };
    assert_eq!(event, "notification.created");
    assert_eq!(data["kind"], "feedback_received");

    let n = exactly(&t, &admin, "feedback_received", 1).await;
    let n = &n[0];
    assert_eq!(n["read"], false);
    assert_eq!(n["params"]["rating"], 2);
    assert_eq!(n["params"]["order_number"], p.order["number"]);
    assert_eq!(n["params"]["feedback_id"], f["id"]);
    assert!(n["message"].as_str().unwrap().contains("2 of 5"));
    assert_eq!(inbox(&t, &admin).await["unread"], 1);

    let id = n["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/notifications/{id}/read"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let read: Value = r.json().await.unwrap();
    assert_eq!(read["read"], true);
    let after = inbox(&t, &admin).await;
    assert_eq!(after["unread"], 0);
    assert_eq!(after["notifications"][0]["read"], true);
    // Reading it again changes nothing.
    let r = t
        .post(
            &format!("/api/notifications/{id}/read"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_inbox_is_for_admins_only() {
    let t = spawn_app().await;
    let cleo = t.register_customer("cleo@example.com").await;
    let tokens = [
        t.login(CASHIER).await,
        t.login(KITCHEN).await,
        cleo["access_token"].as_str().unwrap().to_string(),
    ];
    let id = "0190f0f0-0000-7000-8000-000000000000";
    for token in &tokens {
        assert_eq!(
            t.get("/api/notifications", Some(token)).await.status(),
            StatusCode::FORBIDDEN
        );
        let r = t
            .post(
                &format!("/api/notifications/{id}/read"),
                Some(token),
                json!({}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = t
            .post("/api/notifications/read-all", Some(token), json!({}))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        t.get("/api/notifications", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let admin = t.login(ADMIN).await;
    for bad in [id, "nope"] {
        let r = t
            .post(
                &format!("/api/notifications/{bad}/read"),
                Some(&admin),
                json!({}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_code(r).await, "not_found");
    }
    let r = t.get("/api/notifications?limit=lots", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_shift_closed_short_of_cash_is_one_notification_and_an_even_one_none() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let float = json!({"opening_float": {"amount": 10000, "currency": "EUR"}});
    let close = |amount: i64| json!({"counted_cash": {"amount": amount, "currency": "EUR"}});

    assert_eq!(
        t.post("/api/shifts", Some(&cashier), float.clone())
            .await
            .status(),
        StatusCode::CREATED
    );
    let r = t
        .post("/api/shifts/current/close", Some(&cashier), close(10000))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        t.post("/api/shifts", Some(&cashier), float).await.status(),
        StatusCode::CREATED
    );
    let r = t
        .post("/api/shifts/current/close", Some(&cashier), close(9550))
        .await;
    let shift: Value = r.json().await.unwrap();

    let n = exactly(&t, &admin, "shift_cash_difference", 1).await;
    assert_eq!(
        n[0]["params"]["difference"],
        json!({"amount": -450, "currency": "EUR"})
    );
    assert_eq!(n[0]["params"]["shift_id"], shift["id"]);
}

#[tokio::test]
async fn a_refund_above_the_cashiers_limit_is_one_notification() {
    let t = spawn_app().await; // the demo café: cashiers refund up to 20.00
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let id = t.cakes(&cashier, 6, None).await; // 25.20
    let path = format!("/api/orders/{id}");
    let order: Value = t.get(&path, Some(&cashier)).await.json().await.unwrap();
    pay_card(&t, &cashier, &order).await;
    let refund = |amount: i64| json!({"amount": {"amount": amount, "currency": "EUR"}, "method": "card", "reason": "spilt"});
    // Within the limit: nothing to look at.
    let r = t
        .post(&format!("{path}/refunds"), Some(&cashier), refund(300))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Above it (an admin may): one, also after later changes of the order.
    let r = t
        .post(&format!("{path}/refunds"), Some(&admin), refund(2100))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = t
        .post(
            &format!("{path}/status"),
            Some(&cashier),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let n = exactly(&t, &admin, "refund_above_limit", 1).await;
    assert_eq!(
        n[0]["params"]["amount"],
        json!({"amount": 2100, "currency": "EUR"})
    );
    assert_eq!(
        n[0]["params"]["limit"],
        json!({"amount": 2000, "currency": "EUR"})
    );
    assert_eq!(n[0]["params"]["order_number"], order["number"]);
}

#[tokio::test]
async fn an_item_marked_sold_out_is_one_notification_per_time() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cake = t.item("Carrot cake").await;
    let path = format!("/api/items/{}", cake["id"].as_str().unwrap());
    let patch = |body: Value| t.send(Method::PATCH, &path, Some(&admin), Some(body));

    assert_eq!(
        patch(json!({"available": false})).await.status(),
        StatusCode::OK
    );
    // Other changes while it stays sold out say nothing new.
    assert_eq!(
        patch(json!({"description": "Still none"})).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        patch(json!({"available": false})).await.status(),
        StatusCode::OK
    );
    let n = exactly(&t, &admin, "item_sold_out", 1).await;
    assert_eq!(n[0]["params"]["item_name"], "Carrot cake");
    assert_eq!(n[0]["params"]["item_id"], cake["id"]);

    // Back, then sold out again: a second one.
    assert_eq!(
        patch(json!({"available": true})).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        patch(json!({"available": false})).await.status(),
        StatusCode::OK
    );
    exactly(&t, &admin, "item_sold_out", 2).await;
}

#[tokio::test]
async fn a_printer_that_stops_answering_is_one_notification_while_it_is_down() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    configure(&t, &admin, port, 80).await;
    let order = place_order(&t, &cashier).await;
    pay(&t, &cashier, &order, "card").await;
    // Several failed tries (each a `printer.status`), one notification.
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        let s: Value = t
            .get("/api/printer/status", Some(&cashier))
            .await
            .json()
            .await
            .unwrap();
        if s["pending"][0]["attempts"].as_u64().unwrap_or(0) >= 3 || Instant::now() > until {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let n = exactly(&t, &admin, "printer_offline", 1).await;
    let codes = ["no_answer", "cannot_connect", "stalled", "send_failed"];
    assert!(
        codes.iter().any(|c| n[0]["params"]["error_code"] == *c),
        "{n:?}"
    );
}

#[tokio::test]
async fn head_office_behind_is_one_notification_until_it_catches_up() {
    use crema::app::notifications::watch::check_sync;
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    // Enrolled with a head office that is never reached (the pusher does
    // not run in these tests): a paid order waits in the outbox.
    let enrolment = json!({"hq_url": "http://127.0.0.1:9", "shop_id": "0190f0f0-0000-7000-8000-000000000001",
                           "name": "Hafen", "credential": "secret"});
    std::fs::write(t.dir.path().join("hq.json"), enrolment.to_string()).unwrap();
    let id = t.cakes(&cashier, 1, None).await;
    let order: Value = t
        .get(&format!("/api/orders/{id}"), Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    pay_card(&t, &cashier, &order).await;

    // Within the allowed wait: nothing.
    check_sync(&t.app, Duration::from_secs(3600)).await.unwrap();
    assert!(of_kind(&inbox(&t, &admin).await, "sync_behind").is_empty());
    // Behind: one, however often it is checked.
    for _ in 0..3 {
        check_sync(&t.app, Duration::ZERO).await.unwrap();
    }
    let n = exactly(&t, &admin, "sync_behind", 1).await;
    assert!(n[0]["params"]["pending"].as_i64().unwrap() >= 1);
    // Caught up (within the wait again), then behind again: news again.
    check_sync(&t.app, Duration::from_secs(3600)).await.unwrap();
    check_sync(&t.app, Duration::ZERO).await.unwrap();
    exactly(&t, &admin, "sync_behind", 2).await;
}

#[tokio::test]
async fn read_all_clears_the_unread_count_and_pages_go_back_in_time() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    for i in 0..3 {
        let p = paid_customer_order(&t, &format!("c{i}@example.com")).await;
        let r = leave(&t, Some(&p.token), p.id(), json!({"rating": 5})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let all = exactly(&t, &admin, "feedback_received", 3).await;
    assert_eq!(inbox(&t, &admin).await["unread"], 3);

    let page: Value = t
        .get("/api/notifications?limit=2", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["notifications"].as_array().unwrap().len(), 2);
    assert_eq!(page["unread"], 3, "the count is of all, not the page");
    let last = page["notifications"][1]["id"].as_str().unwrap();
    let next: Value = t
        .get(
            &format!("/api/notifications?limit=2&before={last}"),
            Some(&admin),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(next["notifications"].as_array().unwrap().len(), 1);
    assert_eq!(next["notifications"][0]["id"], all[2]["id"]);

    let r = t
        .post("/api/notifications/read-all", Some(&admin), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done, json!({"marked": 3, "unread": 0}));
    let unread: Value = t
        .get("/api/notifications?unread=true", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unread, json!({"unread": 0, "notifications": []}));
}
