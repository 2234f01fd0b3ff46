//! The outbox for head office: every order, payment, refund, status change
//! and shift close leaves its event in the same transaction as the sale;
//! a refused request or a replayed one leaves none.

use crema::store::outbox;
use crema::store::StoreResult;
use crema::sync::wire::{Event, Payload};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn events(t: &TestApp) -> Vec<Event> {
    t.app
        .store()
        .read(|c| -> StoreResult<Vec<Event>> { outbox::pending(c, 10_000) })
        .await
        .unwrap()
}

fn kinds(events: &[Event]) -> Vec<&'static str> {
    events.iter().map(|e| e.payload.kind()).collect()
}

#[tokio::test]
async fn each_sale_leaves_its_events_in_order_with_the_shop_ids() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    assert!(
        events(&t).await.is_empty(),
        "the demo café has sold nothing"
    );
    let r = t
        .post(
            "/api/shifts",
            Some(&cashier),
            json!({"opening_float": eur(10_000)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);

    let id = t.cakes(&cashier, 2, Some("WELCOME10")).await; // 8.40 − 0.84
    let pay = json!({"method": "cash", "amount": eur(756), "tendered": eur(1_000)});
    let r = t
        .post(&format!("/api/orders/{id}/payments"), Some(&cashier), pay)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = t
        .post(
            &format!("/api/orders/{id}/status"),
            Some(&cashier),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let refund =
        json!({"amount": eur(756), "method": "cash", "reason": "wrong cake", "cancel": true});
    let r = t
        .post(&format!("/api/orders/{id}/refunds"), Some(&cashier), refund)
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let r = t
        .post(
            "/api/shifts/current/close",
            Some(&cashier),
            json!({"counted_cash": eur(10_000)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let all = events(&t).await;
    assert_eq!(
        kinds(&all),
        [
            "order_placed",
            "payment_recorded",
            "status_changed",
            "refund_recorded",
            "status_changed",
            "shift_closed"
        ]
    );
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq), "oldest first");
    let order: Value = t
        .get(&format!("/api/orders/{id}"), Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    match &all[0].payload {
        Payload::OrderPlaced { order: placed, .. } => {
            assert_eq!(placed.id.to_string(), id);
            assert_eq!(json!(placed.number), order["number"]);
            assert_eq!(json!(placed.total), order["total"]);
            assert_eq!(json!(placed.discounts), order["discounts"]);
            assert!(
                placed.payments.is_empty(),
                "payments travel as their own events"
            );
        }
        other => panic!("first event {other:?}"),
    }
    match &all[1].payload {
        Payload::PaymentRecorded { order_id, payment } => {
            assert_eq!(order_id.to_string(), id);
            assert_eq!(json!(payment.id), order["payments"][0]["id"]);
        }
        other => panic!("second event {other:?}"),
    }
    match &all[4].payload {
        Payload::StatusChanged { status, reason, .. } => {
            assert_eq!(json!(status), json!("cancelled"));
            assert_eq!(reason.as_deref(), Some("wrong cake"));
        }
        other => panic!("fifth event {other:?}"),
    }
    match &all[5].payload {
        Payload::ShiftClosed { shift } => {
            assert_eq!((shift.opening_float, shift.counted_cash), (10_000, 10_000));
            assert_eq!(shift.expected_cash, 10_000, "the cash taken was given back");
        }
        other => panic!("sixth event {other:?}"),
    }
}

#[tokio::test]
async fn a_refused_or_replayed_request_leaves_no_event() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let body = simple_order(cake["id"].as_str().unwrap(), 1);
    let first = t.place(&cashier, Some("once"), body.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = t.place(&cashier, Some("once"), body).await;
    assert_eq!(again.status(), StatusCode::OK);
    let o: Value = first.json().await.unwrap();
    let id = o["id"].as_str().unwrap();
    let too_much = json!({"method": "card", "amount": eur(10_000)});
    let r = t
        .post(
            &format!("/api/orders/{id}/payments"),
            Some(&cashier),
            too_much,
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .post(
            &format!("/api/orders/{id}/status"),
            Some(&cashier),
            json!({"status": "completed"}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "placed → completed is not a move"
    );
    assert_eq!(kinds(&events(&t).await), ["order_placed"]);
}

#[tokio::test]
async fn the_sync_status_says_what_waits_for_admins_and_cashiers() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    t.cakes(&cashier, 1, None).await;
    let kitchen = t.login(KITCHEN).await;
    let r = t.get("/api/sync/status", Some(&kitchen)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t.get("/api/sync/status", Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let s: Value = t
        .get("/api/sync/status", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["enrolled"], false);
    assert_eq!(s["hq_url"], Value::Null);
    assert_eq!(s["pending"], 1);
    assert!(s["oldest_pending_at"].is_string());
    assert_eq!(s["last_success_at"], Value::Null);
    assert_eq!(s["last_error"], Value::Null);
}
