//! `crema hq owner add`, `shop add`, and a shop's enrolment.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both;
use crate::support::{add_shop, error_code, hq_cli, Backend, Server, TestDb, OWNER};

on_both!(
    owners_are_added_once_with_a_password_from_stdin,
    enrolment_codes_work_once_within_a_day
);

async fn owners_are_added_once_with_a_password_from_stdin(b: Backend) {
    let db = TestDb::new(b).await;
    let args = ["owner", "add", OWNER.0, "--password-stdin"];
    let (ok, out, err) = hq_cli(&db.url, &args, &format!("{}\n", OWNER.1));
    assert!(ok, "{err}");
    assert!(
        out.starts_with(&format!("created owner {}", OWNER.0)),
        "{out}"
    );
    let (ok, _, err) = hq_cli(&db.url, &args, "another-pass-1\n");
    assert!(!ok);
    assert!(err.contains("already an owner"), "{err}");
    let (ok, _, err) = hq_cli(
        &db.url,
        &["owner", "add", "shorty", "--password-stdin"],
        "short\n",
    );
    assert!(!ok);
    assert!(err.contains("at least 8"), "{err}");
    let (ok, _, err) = hq_cli(&db.url, &["owner", "add", "nopass"], "");
    assert!(!ok, "--password-stdin is required: {err}");
    let server = Server::start(&db, &[], &[]);
    server.login().await;
}

async fn enrolment_codes_work_once_within_a_day(b: Backend) {
    let db = TestDb::new(b).await;
    let code = add_shop(&db, "Café Nord");
    assert_eq!(code.len(), 19, "{code}");
    let stale = add_shop(&db, "Café Süd");
    let server = Server::start(&db, &[], &[]);

    // Case and dashes do not matter to a person typing it.
    let r = server
        .post(
            "/api/hq/enrol",
            &json!({"code": code.to_lowercase().replace('-', " ")}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["name"], "Café Nord");
    assert!(body["shop_id"]
        .as_str()
        .unwrap()
        .parse::<uuid::Uuid>()
        .is_ok());
    let credential = body["credential"].as_str().unwrap();
    assert!(credential.len() >= 43, "32 bytes, base64url: {credential}");
    // Only a digest is kept.
    let plain = format!("SELECT COUNT(*) FROM hq_shops WHERE credential_hash = '{credential}'");
    assert_eq!(db.count(&plain).await, 0);

    let again = server.post("/api/hq/enrol", &json!({ "code": code })).await;
    assert_eq!(
        error_code(again, StatusCode::UNAUTHORIZED).await,
        "invalid_enrolment_code"
    );
    let unknown = server
        .post("/api/hq/enrol", &json!({"code": "AAAA-BBBB-CCCC-DDDD"}))
        .await;
    assert_eq!(
        error_code(unknown, StatusCode::UNAUTHORIZED).await,
        "invalid_enrolment_code"
    );

    // A day later (the stored expiry moved into the past).
    let n = db
        .execute("UPDATE hq_enrolment_codes SET expires_at = created_at - 1 WHERE used_at IS NULL")
        .await;
    assert_eq!(n, 1);
    let expired = server
        .post("/api/hq/enrol", &json!({ "code": stale }))
        .await;
    assert_eq!(
        error_code(expired, StatusCode::UNAUTHORIZED).await,
        "invalid_enrolment_code"
    );

    let extra = server
        .post("/api/hq/enrol", &json!({"code": code, "shop": "x"}))
        .await;
    assert_eq!(
        error_code(extra, StatusCode::BAD_REQUEST).await,
        "invalid_request"
    );
    let r = server
        .http
        .post(server.url("/api/hq/enrol"))
        .body("code")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await,
        "unsupported_media_type"
    );

    // The credential works for pushing; the owner sees the shop enrolled.
    let push = server
        .push(credential, &json!({"version": 1, "events": []}), false)
        .await;
    assert_eq!(push.status(), StatusCode::OK);
    crate::support::add_owner(&db);
    let token = server.token().await;
    let shops: Value = server
        .get(&token, "/api/hq/shops")
        .await
        .json()
        .await
        .unwrap();
    let shops = shops["shops"].as_array().unwrap();
    assert_eq!(shops.len(), 2);
    let nord = shops.iter().find(|s| s["name"] == "Café Nord").unwrap();
    assert!(nord["enrolled_at"].is_string());
    assert!(nord["last_sync_at"].is_string());
    assert_eq!(nord["orders"], 0);
    let sud = shops.iter().find(|s| s["name"] == "Café Süd").unwrap();
    assert!(sud["enrolled_at"].is_null());

    // Süd's code ran out: a new one works. Nord's PC is replaced: its new
    // code gives a new credential, and the old one stops working.
    let (ok, fresh, _) = crate::support::hq_cli(&db.url, &["shop", "code", "Café Süd"], "");
    assert!(ok);
    let r = server
        .post("/api/hq/enrol", &json!({"code": fresh.trim()}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let nord_id = nord["id"].as_str().unwrap();
    let (ok, again, _) = crate::support::hq_cli(&db.url, &["shop", "code", nord_id], "");
    assert!(ok);
    let r = server
        .post("/api/hq/enrol", &json!({"code": again.trim()}))
        .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["name"], "Café Nord");
    let push = server
        .push(credential, &json!({"version": 1, "events": []}), false)
        .await;
    assert_eq!(
        error_code(push, StatusCode::UNAUTHORIZED).await,
        "invalid_shop_credential"
    );
    let (ok, _, err) = crate::support::hq_cli(&db.url, &["shop", "code", "Café Ost"], "");
    assert!(!ok);
    assert!(err.contains("no shop is called"), "{err}");
}
