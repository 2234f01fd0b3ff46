//! `POST /api/hq/events`: every event stored once, whatever is replayed,
//! reordered or pushed at the same time; bad pushes refused.

use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::on_both;
use crate::shop::{sell, Sold};
use crate::support::{add_owner, add_shop, error_code, Backend, Server, TestDb};

on_both!(
    replays_and_reversed_batches_are_stored_exactly_once,
    overlapping_pushes_at_once_store_each_event_once,
    bad_pushes_are_refused_and_store_nothing,
);

async fn acknowledged(r: reqwest::Response) -> Vec<Uuid> {
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    serde_json::from_value(body["acknowledged"].clone()).unwrap()
}

/// Rows of `table` for the shop `id`.
async fn rows(db: &TestDb, table: &str, shop: &str) -> i64 {
    db.count(&format!(
        "SELECT COUNT(*) FROM {table} WHERE shop_id = '{shop}'"
    ))
    .await
}

async fn shop_id(server: &Server, token: &str, name: &str) -> String {
    let shops: Value = server
        .get(token, "/api/hq/shops")
        .await
        .json()
        .await
        .unwrap();
    shops["shops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn assert_held_once(db: &TestDb, shop: &str, sold: &Sold) {
    assert_eq!(rows(db, "hq_events", shop).await, sold.events.len() as i64);
    assert_eq!(rows(db, "hq_orders", shop).await, sold.finals.len() as i64);
    assert_eq!(rows(db, "hq_payments", shop).await, sold.payments as i64);
    assert_eq!(rows(db, "hq_shifts", shop).await, 1);
}

async fn replays_and_reversed_batches_are_stored_exactly_once(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let (code_a, code_b) = (add_shop(&db, "A"), add_shop(&db, "B"));
    let server = Server::start(&db, &[], &[]);
    let (cred_a, cred_b) = (server.enrol(&code_a).await, server.enrol(&code_b).await);
    let sold = sell(30).await;
    let ids: Vec<Uuid> = sold.events.iter().map(|e| e.id).collect();

    // Shop A: the whole outbox, gzip'd, then the same batch again.
    let batch = Sold::batch(&sold.events);
    assert_eq!(
        acknowledged(server.push(&cred_a, &batch, true).await).await,
        ids
    );
    assert_eq!(
        acknowledged(server.push(&cred_a, &batch, false).await).await,
        ids
    );

    // Shop B: the same sales arriving backwards, in small batches, the
    // newest first (statuses and payments before their orders), then all of
    // it again, backwards, in one batch.
    let mut reversed = sold.events.clone();
    reversed.reverse();
    for chunk in reversed.chunks(7) {
        let got = acknowledged(server.push(&cred_b, &Sold::batch(chunk), false).await).await;
        assert_eq!(got.len(), chunk.len());
    }
    let got = acknowledged(server.push(&cred_b, &Sold::batch(&reversed), true).await).await;
    assert_eq!(got.len(), ids.len());

    let token = server.token().await;
    let (a, b_id) = (
        shop_id(&server, &token, "A").await,
        shop_id(&server, &token, "B").await,
    );
    assert_held_once(&db, &a, &sold).await;
    assert_held_once(&db, &b_id, &sold).await;

    // Both shops end with the same figures and every order's last status.
    let today = chrono::Utc::now().date_naive().to_string();
    let summary = server.summary(&token, &today, &today).await;
    for shop in summary["shops"].as_array().unwrap() {
        assert_eq!(shop["orders"], sold.orders, "{shop}");
        assert_eq!(shop["revenue"]["amount"], sold.revenue, "{shop}");
        assert_eq!(shop["refunds"]["amount"], sold.refunds, "{shop}");
    }
    for shop in [&a, &b_id] {
        let list: Value = server
            .get(
                &token,
                &format!("/api/hq/orders?shop_id={shop}&from={today}&to={today}"),
            )
            .await
            .json()
            .await
            .unwrap();
        let list = list["orders"].as_array().unwrap();
        assert_eq!(list.len(), sold.finals.len());
        for (id, status, number) in &sold.finals {
            let o = list.iter().find(|o| o["id"] == id.to_string()).unwrap();
            assert_eq!(
                o["status"],
                status.as_str(),
                "order {number} of shop {shop}"
            );
            assert_eq!(o["number"], *number);
            assert_eq!(o["shop_id"], shop.as_str());
        }
    }
}

async fn overlapping_pushes_at_once_store_each_event_once(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let code = add_shop(&db, "Busy");
    let server = Server::start(&db, &[], &[]);
    let cred = server.enrol(&code).await;
    let sold = sell(40).await;
    let n = sold.events.len();
    let windows = [
        (0, n / 2),
        (n / 4, 3 * n / 4),
        (0, n),
        (n / 3, n),
        (n / 2, n),
    ];
    let pushes = windows.iter().map(|&(from, to)| {
        let batch = Sold::batch(&sold.events[from..to]);
        let (server, cred) = (&server, &cred);
        async move {
            acknowledged(server.push(cred, &batch, false).await)
                .await
                .len()
        }
    });
    let acked = futures_util::future::join_all(pushes).await;
    for (&(from, to), got) in windows.iter().zip(acked) {
        assert_eq!(got, to - from);
    }
    let token = server.token().await;
    let shop = shop_id(&server, &token, "Busy").await;
    assert_held_once(&db, &shop, &sold).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let summary = server.summary(&token, &today, &today).await;
    assert_eq!(summary["orders"], sold.orders);
    assert_eq!(summary["revenue"]["amount"], sold.revenue);
    assert_eq!(summary["refunds"]["amount"], sold.refunds);
    assert_eq!(summary["revenue"]["currency"], sold.currency.to_string());
}

async fn bad_pushes_are_refused_and_store_nothing(b: Backend) {
    let db = TestDb::new(b).await;
    let code = add_shop(&db, "Careful");
    let server = Server::start(&db, &[], &[]);
    let cred = server.enrol(&code).await;
    let sold = sell(3).await;
    let good = Sold::batch(&sold.events);

    let r = server
        .http
        .post(server.url("/api/hq/events"))
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "unauthorized"
    );
    let r = server.push("not-a-credential", &good, false).await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_shop_credential"
    );

    let mut v2 = good.clone();
    v2["version"] = json!(2);
    let r = server.push(&cred, &v2, false).await;
    assert_eq!(
        error_code(r, StatusCode::BAD_REQUEST).await,
        "unsupported_version"
    );
    let mut broken = good.clone();
    broken["events"][0]["kind"] = json!("order_teleported");
    let r = server.push(&cred, &broken, true).await;
    assert_eq!(
        error_code(r, StatusCode::BAD_REQUEST).await,
        "invalid_request"
    );
    let r = server
        .http
        .post(server.url("/api/hq/events"))
        .bearer_auth(&cred)
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body("not gzip at all")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(r, StatusCode::BAD_REQUEST).await,
        "invalid_request"
    );
    let r = server
        .http
        .post(server.url("/api/hq/events"))
        .bearer_auth(&cred)
        .header("content-type", "text/plain")
        .body(good.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await,
        "unsupported_media_type"
    );

    // Above 1000 events (the same event over and over: the count decides).
    let many = Sold::batch(&vec![sold.events[0].clone(); 1001]);
    let r = server.push(&cred, &many, true).await;
    assert_eq!(
        error_code(r, StatusCode::PAYLOAD_TOO_LARGE).await,
        "payload_too_large"
    );
    // Above 8 MiB once decompressed, though small on the wire.
    let mut bomb = good.clone();
    bomb["padding"] = json!("x".repeat(9 * 1024 * 1024));
    let r = server.push(&cred, &bomb, true).await;
    assert_eq!(
        error_code(r, StatusCode::PAYLOAD_TOO_LARGE).await,
        "payload_too_large"
    );

    assert_eq!(db.count("SELECT COUNT(*) FROM hq_events").await, 0);
    assert_eq!(db.count("SELECT COUNT(*) FROM hq_orders").await, 0);
    let r = server.push(&cred, &good, false).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        db.count("SELECT COUNT(*) FROM hq_events").await,
        sold.events.len() as i64
    );
}
