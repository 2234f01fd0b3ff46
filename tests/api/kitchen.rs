//! Undoing a move: a ticket marked ready (or started) too early, or an
//! order handed over by mistake, goes back one stage; a cancelled one not.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn back(t: &TestApp, token: &str, id: &str) -> reqwest::Response {
    t.post(&format!("/api/orders/{id}/back"), Some(token), json!({}))
        .await
}

#[tokio::test]
async fn an_order_goes_back_one_stage_but_not_from_placed_or_cancelled() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(
            &cashier,
            None,
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    let o: Value = r.json().await.unwrap();
    let id = o["id"].as_str().unwrap();
    let mv = |s: &'static str| {
        let (t, kitchen) = (&t, kitchen.clone());
        async move {
            t.post(
                &format!("/api/orders/{id}/status"),
                Some(&kitchen),
                json!({"status": s}),
            )
            .await
        }
    };

    // Nothing before placed.
    let r = back(&t, &kitchen, id).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "invalid_transition");

    assert_eq!(mv("in_progress").await.status(), StatusCode::OK);
    assert_eq!(mv("ready").await.status(), StatusCode::OK);
    for expected in ["in_progress", "placed"] {
        let r = back(&t, &kitchen, id).await;
        assert_eq!(r.status(), StatusCode::OK);
        let o: Value = r.json().await.unwrap();
        assert_eq!(o["status"], expected);
    }
    // Forward again and handed over by mistake: the cashier undoes it.
    for s in ["in_progress", "ready", "completed"] {
        assert_eq!(mv(s).await.status(), StatusCode::OK, "to {s}");
    }
    let r = back(&t, &cashier, id).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "ready");

    // A cancelled order stays cancelled.
    let r = t
        .place(
            &cashier,
            None,
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    let other: Value = r.json().await.unwrap();
    let other = other["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{other}/status"),
            Some(&cashier),
            json!({"status": "cancelled", "reason": "walked out"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = back(&t, &cashier, other).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "invalid_transition");

    // Customers may not; an unknown order is 404.
    let customer = t.register_customer("bea@example.com").await;
    let r = back(&t, customer["access_token"].as_str().unwrap(), id).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = back(&t, &kitchen, "01890000-0000-7000-8000-000000000000").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
