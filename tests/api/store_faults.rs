//! The store's writer under a bug (a panicking write) and `GET /api/health`
//! telling the truth about whether the store can write.

use crema::store::{StoreError, StoreResult};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn a_panic_inside_a_write_leaves_writes_working_and_health_honest() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let orders = t.order_count().await;

    let boom = t
        .app
        .store()
        .write(|c| -> StoreResult<()> {
            c.execute("DELETE FROM orders", [])?;
            panic!("a bug inside a write");
        })
        .await;
    assert!(matches!(boom, Err(StoreError::Panicked(_))), "{boom:?}");
    assert_eq!(
        t.order_count().await,
        orders,
        "the panicking write left nothing"
    );

    // Writes still work …
    t.cakes(&token, 1, None).await;
    assert_eq!(t.order_count().await, orders + 1);
    // … and health says so, with exactly the contract's body.
    let r = t.get("/api/health", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})
    );

    // A store that cannot write any more is not reported as healthy.
    t.app.store().close();
    let r = t.get("/api/health", None).await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"status": "degraded", "version": env!("CARGO_PKG_VERSION"), "store": "stopped"})
    );
}
