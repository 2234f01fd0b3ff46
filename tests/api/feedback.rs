//! Feedback on orders: left once by the customer or kiosk that placed the
//! order, once it is paid or completed; moderated by admins; approved ones
//! public with at most a first name.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::pins::paired;

/// A registered customer ("Cleo Customer") and a paid order of theirs.
pub(crate) struct Placed {
    pub token: String,
    pub order: Value,
}

impl Placed {
    pub fn id(&self) -> &str {
        self.order["id"].as_str().unwrap()
    }
}

/// Places a carrot cake as `token` (a customer or kiosk).
pub(crate) async fn order_as(t: &TestApp, token: &str, key: &str) -> Value {
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(
            token,
            Some(key),
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

/// Pays `order` in full by card, as the cashier.
pub(crate) async fn pay_card(t: &TestApp, cashier: &str, order: &Value) {
    let path = format!("/api/orders/{}/payments", order["id"].as_str().unwrap());
    let r = t
        .post(
            &path,
            Some(cashier),
            json!({"method": "card", "amount": order["total"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// A customer with an order the cashier has paid.
pub(crate) async fn paid_customer_order(t: &TestApp, email: &str) -> Placed {
    let c = t.register_customer(email).await;
    let token = c["access_token"].as_str().unwrap().to_string();
    let order = order_as(t, &token, &format!("k-{email}")).await;
    let cashier = t.login(CASHIER).await;
    pay_card(t, &cashier, &order).await;
    Placed { token, order }
}

pub(crate) async fn leave(
    t: &TestApp,
    token: Option<&str>,
    order: &str,
    body: Value,
) -> reqwest::Response {
    t.post(&format!("/api/orders/{order}/feedback"), token, body)
        .await
}

#[tokio::test]
async fn a_customer_rates_their_paid_order_once() {
    let t = spawn_app().await;
    let c = t.register_customer("cleo@example.com").await;
    let token = c["access_token"].as_str().unwrap();
    let order = order_as(&t, token, "k1").await;
    let id = order["id"].as_str().unwrap();

    // Not yet paid nor completed: too early.
    let r = leave(&t, Some(token), id, json!({"rating": 5})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let err = error_of(r).await;
    assert_eq!(err["code"], "feedback_not_open");
    assert_eq!(err["params"]["status"], "placed");

    pay_card(&t, &t.login(CASHIER).await, &order).await;
    let body = json!({"rating": 5, "comment": "  Lovely flat white,\r\nthank you!  "});
    let r = leave(&t, Some(token), id, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let f: Value = r.json().await.unwrap();
    assert_eq!(f["rating"], 5);
    assert_eq!(f["comment"], "Lovely flat white,\nthank you!");
    assert_eq!(f["status"], "pending");
    assert_eq!(f["order_id"], order["id"]);
    assert_eq!(f["order_number"], order["number"]);
    assert_eq!(f["customer_name"], "Cleo Customer");

    let r = leave(&t, Some(token), id, json!({"rating": 1})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "feedback_exists");
    assert_eq!(t.table_count("feedback").await, 1);
}

#[tokio::test]
async fn only_the_customer_or_kiosk_that_placed_an_order_may_rate_it() {
    let t = spawn_app().await;
    let cleo = paid_customer_order(&t, "cleo@example.com").await;
    let dan = t.register_customer("dan@example.com").await;
    let dan_t = dan["access_token"].as_str().unwrap();
    let admin = t.login(ADMIN).await;
    let kiosk = paired(&t, &admin, "kiosk").await;
    let body = json!({"rating": 4});

    for (who, token) in [
        ("another customer", dan_t),
        ("a kiosk", kiosk.as_str()),
        ("an admin", admin.as_str()),
        ("a cashier", t.login(CASHIER).await.as_str()),
        ("the kitchen", t.login(KITCHEN).await.as_str()),
    ] {
        let r = leave(&t, Some(token), cleo.id(), body.clone()).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
        assert_eq!(error_code(r).await, "forbidden", "{who}");
    }
    let r = leave(&t, None, cleo.id(), body.clone()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.headers().contains_key("www-authenticate"));
    for unknown in ["0190f0f0-0000-7000-8000-000000000000", "not-an-id"] {
        let r = leave(&t, Some(&cleo.token), unknown, body.clone()).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{unknown}");
    }
    assert_eq!(t.table_count("feedback").await, 0, "nothing written");

    // A kiosk rates its own order; the public sees no name for it.
    let order = order_as(&t, &kiosk, "kiosk-1").await;
    pay_card(&t, &t.login(CASHIER).await, &order).await;
    let r = leave(&t, Some(&kiosk), order["id"].as_str().unwrap(), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let f: Value = r.json().await.unwrap();
    assert_eq!(f["customer_name"], Value::Null);
}

#[tokio::test]
async fn bad_ratings_and_comments_are_refused_and_nothing_is_written() {
    let t = spawn_app().await;
    let cleo = paid_customer_order(&t, "cleo@example.com").await;
    let cases = [
        (json!({"rating": 0}), 422, "rating_out_of_range"),
        (json!({"rating": 6}), 422, "rating_out_of_range"),
        (json!({"rating": -3}), 422, "rating_out_of_range"),
        (
            json!({"rating": 5, "comment": "x".repeat(501)}),
            422,
            "comment_too_long",
        ),
        (
            json!({"rating": 5, "comment": "hi\u{0}there"}),
            422,
            "comment_invalid",
        ),
        (
            json!({"rating": 5, "comment": "\u{1b}[31mred"}),
            422,
            "comment_invalid",
        ),
        (
            json!({"rating": 5, "comment": "evil\u{202e}txt"}),
            422,
            "comment_invalid",
        ),
        (json!({"rating": "5"}), 400, "invalid_request"),
        (json!({"rating": 4.5}), 400, "invalid_request"),
        (json!({}), 400, "invalid_request"),
        (json!({"rating": 5, "stars": 5}), 400, "invalid_request"),
    ];
    for (body, status, code) in cases {
        let r = leave(&t, Some(&cleo.token), cleo.id(), body.clone()).await;
        assert_eq!(r.status().as_u16(), status, "{body}");
        let err = error_of(r).await;
        assert_eq!(err["code"], code, "{body}");
        if code == "rating_out_of_range" {
            assert_eq!(err["params"], json!({"min": 1, "max": 5}));
        }
        if code == "comment_too_long" {
            assert_eq!(err["params"], json!({"max": 500}));
        }
    }
    assert_eq!(t.table_count("feedback").await, 0);
    // Exactly 500 characters, and a blank comment is no comment.
    let r = leave(
        &t,
        Some(&cleo.token),
        cleo.id(),
        json!({"rating": 3, "comment": "é".repeat(500)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let other = paid_customer_order(&t, "other@example.com").await;
    let r = leave(
        &t,
        Some(&other.token),
        other.id(),
        json!({"rating": 3, "comment": "   "}),
    )
    .await;
    let f: Value = r.json().await.unwrap();
    assert_eq!(f["comment"], Value::Null);
}

#[tokio::test]
async fn a_cancelled_order_takes_no_feedback_and_a_completed_one_does() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let kiosk = paired(&t, &admin, "kiosk").await;

    let cancelled = order_as(&t, &kiosk, "c1").await;
    let id = cancelled["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/status"),
            Some(&cashier),
            json!({"status": "cancelled", "reason": "changed their mind"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = leave(&t, Some(&kiosk), id, json!({"rating": 2})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let err = error_of(r).await;
    assert_eq!(err["code"], "feedback_not_open");
    assert_eq!(err["params"]["status"], "cancelled");

    // Completed (served, paid later or not at all): open.
    let served = order_as(&t, &kiosk, "c2").await;
    let id = served["id"].as_str().unwrap();
    for status in ["in_progress", "ready", "completed"] {
        let r = t
            .post(
                &format!("/api/orders/{id}/status"),
                Some(&kitchen),
                json!({"status": status}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{status}");
    }
    let r = leave(
        &t,
        Some(&kiosk),
        id,
        json!({"rating": 4, "comment": "quick"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(t.table_count("feedback").await, 1);
}

async fn list(t: &TestApp, token: &str, query: &str) -> Value {
    let r = t.get(&format!("/api/feedback{query}"), Some(token)).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn moderate(t: &TestApp, token: Option<&str>, id: &str, body: Value) -> reqwest::Response {
    t.post(&format!("/api/feedback/{id}/moderation"), token, body)
        .await
}

#[tokio::test]
async fn admins_moderate_and_the_public_sees_only_approved_feedback() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let mut ids = vec![];
    for (i, (rating, comment)) in [(5, "Best cake in town"), (1, "Rude words"), (4, "Nice")]
        .iter()
        .enumerate()
    {
        let p = paid_customer_order(&t, &format!("c{i}@example.com")).await;
        let r = leave(
            &t,
            Some(&p.token),
            p.id(),
            json!({"rating": rating, "comment": comment}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let f: Value = r.json().await.unwrap();
        ids.push(f["id"].as_str().unwrap().to_string());
    }
    let pending = list(&t, &admin, "?status=pending").await;
    assert_eq!(pending["feedback"].as_array().unwrap().len(), 3);
    assert_eq!(pending["feedback"][0]["comment"], "Nice", "newest first");
    assert_eq!(
        list(&t, &admin, "?status=approved").await["feedback"],
        json!([])
    );
    let public: Value = t
        .get("/api/feedback/public", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public, json!({"feedback": []}));

    let r = moderate(&t, Some(&admin), &ids[0], json!({"decision": "approve"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let f: Value = r.json().await.unwrap();
    assert_eq!(f["status"], "approved");
    assert!(f["moderated_at"].is_string());
    let r = moderate(&t, Some(&admin), &ids[1], json!({"decision": "reject"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = moderate(&t, Some(&admin), &ids[2], json!({"decision": "approve"})).await;
    assert_eq!(r.status(), StatusCode::OK);

    // Anyone (no sign-in) reads the approved ones, newest first, with a
    // first name and nothing else about the customer or the order.
    let public: Value = t
        .get("/api/feedback/public", None)
        .await
        .json()
        .await
        .unwrap();
    let shown = public["feedback"].as_array().unwrap();
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0]["comment"], "Nice");
    assert_eq!(shown[1]["comment"], "Best cake in town");
    assert_eq!(shown[1]["rating"], 5);
    assert_eq!(shown[1]["name"], "Cleo");
    let mut keys: Vec<_> = shown[0].as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["comment", "created_at", "id", "name", "rating"]);

    // All, pending first: none is pending now; the rejected one is kept.
    let all = list(&t, &admin, "").await;
    assert_eq!(all["feedback"].as_array().unwrap().len(), 3);
    let rejected = list(&t, &admin, "?status=rejected").await;
    assert_eq!(rejected["feedback"][0]["comment"], "Rude words");
    // A change of mind takes one off the public list.
    moderate(&t, Some(&admin), &ids[2], json!({"decision": "reject"})).await;
    let public: Value = t
        .get("/api/feedback/public", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["feedback"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn moderation_is_for_admins_and_refuses_what_it_does_not_know() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let p = paid_customer_order(&t, "cleo@example.com").await;
    let f: Value = leave(&t, Some(&p.token), p.id(), json!({"rating": 5}))
        .await
        .json()
        .await
        .unwrap();
    let id = f["id"].as_str().unwrap();
    let approve = json!({"decision": "approve"});
    for token in [
        t.login(CASHIER).await,
        t.login(KITCHEN).await,
        p.token.clone(),
    ] {
        assert_eq!(
            t.get("/api/feedback", Some(&token)).await.status(),
            StatusCode::FORBIDDEN
        );
        let r = moderate(&t, Some(&token), id, approve.clone()).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        t.get("/api/feedback", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        moderate(&t, None, id, approve.clone()).await.status(),
        StatusCode::UNAUTHORIZED
    );

    let r = moderate(
        &t,
        Some(&admin),
        "0190f0f0-0000-7000-8000-000000000000",
        approve.clone(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = moderate(&t, Some(&admin), "nope", approve).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = moderate(&t, Some(&admin), id, json!({"decision": "maybe"})).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t.get("/api/feedback?status=lost", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(r).await, "invalid_request");
    // Still pending: nothing was changed by the refusals.
    let pending = list(&t, &admin, "?status=pending").await;
    assert_eq!(pending["feedback"].as_array().unwrap().len(), 1);
}
