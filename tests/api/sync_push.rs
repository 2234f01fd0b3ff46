//! The shop's side of head office against a stand-in head office on
//! 127.0.0.1:0 that speaks the enrol and events protocol (the real
//! `crema hq` has its own tests): enrolment keeps the credential private
//! and changes nothing when refused; a push sends the outbox gzip'd with the
//! credential, marks only acknowledged events sent, and a failing head
//! office leaves everything waiting with the error in the status.

use std::collections::BTreeSet;
use std::io::Read;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use crema::sync::enrol::{self, EnrolError};
use crema::sync::pusher::{self, PushError, Pushed};
use crema::sync::wire::Batch;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

const CREDENTIAL: &str = "shop-credential-of-the-stand-in";

#[derive(Default)]
struct Hq {
    received: Mutex<Vec<Uuid>>,
    /// Answer 503 to pushes while set.
    down: Mutex<bool>,
    /// Acknowledge only the first N events of a batch.
    ack_only: Mutex<Option<usize>>,
}

async fn enrol_route(Json(body): Json<Value>) -> (StatusCode, Json<Value>) {
    if body["code"] == "GOOD-CODE" {
        let id = Uuid::from_u128(42);
        (
            StatusCode::OK,
            Json(json!({"shop_id": id, "name": "Hafen", "credential": CREDENTIAL})),
        )
    } else {
        let e = json!({"error": {"code": "invalid_enrolment_code", "message": "no"}});
        (StatusCode::UNAUTHORIZED, Json(e))
    }
}

async fn events_route(
    State(hq): State<Arc<Hq>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    if *hq.down.lock().unwrap() {
        let e = json!({"error": {"code": "unavailable", "message": "database restarting"}});
        return (StatusCode::SERVICE_UNAVAILABLE, Json(e));
    }
    assert_eq!(
        headers["authorization"],
        format!("Bearer {CREDENTIAL}").as_str()
    );
    assert_eq!(headers["content-encoding"], "gzip");
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut json)
        .unwrap();
    let batch: Batch = serde_json::from_slice(&json).unwrap();
    assert_eq!(batch.version, 1);
    let mut ids: Vec<Uuid> = batch.events.iter().map(|e| e.id).collect();
    if let Some(n) = *hq.ack_only.lock().unwrap() {
        ids.truncate(n);
    }
    hq.received.lock().unwrap().extend(ids.iter().copied());
    (StatusCode::OK, Json(json!({ "acknowledged": ids })))
}

async fn stand_in() -> (String, Arc<Hq>) {
    let hq = Arc::new(Hq::default());
    let app = Router::new()
        .route("/api/hq/enrol", post(enrol_route))
        .route("/api/hq/events", post(events_route))
        .with_state(hq.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, hq)
}

async fn status(t: &TestApp) -> Value {
    let admin = t.login(ADMIN).await;
    t.get("/api/sync/status", Some(&admin))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn enrolment_keeps_the_credential_private_and_a_refusal_changes_nothing() {
    let t = spawn_app().await;
    let (url, _hq) = stand_in().await;
    let file = t.dir.path().join("hq.json");
    let e = enrol::enrol(t.dir.path(), &format!("{url}/"), "BAD")
        .await
        .unwrap_err();
    assert!(matches!(e, EnrolError::BadCode), "{e}");
    assert!(e
        .to_string()
        .contains("unknown, already used or older than 24 hours"));
    assert!(!file.exists(), "a refused code writes nothing");
    let e = enrol::enrol(t.dir.path(), "http://127.0.0.1:9", "GOOD-CODE")
        .await
        .unwrap_err();
    assert!(matches!(e, EnrolError::Unreachable(..)), "{e}");
    assert!(!file.exists());
    assert!(matches!(
        enrol::enrol(t.dir.path(), "ftp://hq", "GOOD-CODE").await,
        Err(EnrolError::BadUrl(_))
    ));

    let done = enrol::enrol(t.dir.path(), &format!("{url}/"), "GOOD-CODE")
        .await
        .unwrap();
    assert_eq!(
        (done.name.as_str(), done.hq_url.as_str()),
        ("Hafen", url.as_str())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner reads the credential");
    }
    assert!(
        !format!("{done:?}").contains(CREDENTIAL),
        "the credential is never logged"
    );
    let again = enrol::enrol(t.dir.path(), &url, "GOOD-CODE")
        .await
        .unwrap_err();
    assert!(matches!(again, EnrolError::AlreadyEnrolled(..)), "{again}");
    let s = status(&t).await;
    assert_eq!(
        (s["enrolled"].clone(), s["hq_url"].clone()),
        (json!(true), json!(url))
    );
}

#[tokio::test]
async fn a_push_sends_the_outbox_and_marks_only_what_head_office_acknowledged() {
    let t = spawn_app().await;
    let (url, hq) = stand_in().await;
    let cashier = t.login(CASHIER).await;
    for _ in 0..3 {
        t.cakes(&cashier, 1, None).await;
    }
    assert_eq!(
        pusher::push_once(&t.app).await.unwrap(),
        Pushed::NotEnrolled
    );
    enrol::enrol(t.dir.path(), &url, "GOOD-CODE").await.unwrap();

    // Head office keeps only two of three: the third waits for the next push.
    *hq.ack_only.lock().unwrap() = Some(2);
    let first = pusher::push_once(&t.app).await.unwrap();
    assert_eq!(
        first,
        Pushed::Sent {
            events: 2,
            more: false
        }
    );
    assert_eq!(status(&t).await["pending"], 1);
    *hq.ack_only.lock().unwrap() = None;

    // Head office down: nothing is lost, the error is in the status.
    *hq.down.lock().unwrap() = true;
    let e = pusher::push_once(&t.app).await.unwrap_err();
    assert!(matches!(e, PushError::Refused(503, _)), "{e}");
    let s = status(&t).await;
    assert_eq!(s["pending"], 1);
    assert_eq!(
        s["last_error"],
        "head office answered 503: database restarting"
    );
    assert!(s["last_success_at"].is_string());

    *hq.down.lock().unwrap() = false;
    assert_eq!(
        pusher::push_once(&t.app).await.unwrap(),
        Pushed::Sent {
            events: 1,
            more: false
        }
    );
    assert_eq!(pusher::push_once(&t.app).await.unwrap(), Pushed::Nothing);
    let s = status(&t).await;
    assert_eq!(
        (s["pending"].clone(), s["last_error"].clone()),
        (json!(0), Value::Null)
    );
    let received: BTreeSet<Uuid> = hq.received.lock().unwrap().iter().copied().collect();
    assert_eq!(received.len(), 3, "each order once");
}

#[tokio::test]
async fn the_running_server_pushes_on_its_own() {
    let t = spawn_with(|c| c.sync_interval_seconds = 1).await;
    let (url, hq) = stand_in().await;
    enrol::enrol(t.dir.path(), &url, "GOOD-CODE").await.unwrap();
    pusher::start(&t.app);
    let cashier = t.login(CASHIER).await;
    t.cakes(&cashier, 2, None).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while hq.received.lock().unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing pushed within 20 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status(&t).await["pending"], 0);
}
