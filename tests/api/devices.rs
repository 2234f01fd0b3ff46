use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn pair_tablet(t: &TestApp, admin: &str, name: &str) -> Value {
    let r = t
        .post(
            "/api/devices/pairing-codes",
            Some(admin),
            json!({"name": name}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let code: Value = r.json().await.unwrap();
    let digits = code["code"].as_str().unwrap();
    assert_eq!(digits.len(), 6);
    assert!(digits.bytes().all(|b| b.is_ascii_digit()));
    let r = t
        .post("/api/devices/pair", None, json!({"code": digits}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let pair: Value = r.json().await.unwrap();
    assert_eq!(pair["role"], "kiosk");
    // one time only
    let again = t
        .post("/api/devices/pair", None, json!({"code": digits}))
        .await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(again).await, "invalid_pairing_code");
    pair
}

#[tokio::test]
async fn a_paired_tablet_orders_as_a_kiosk_and_sees_only_its_orders() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let tablet = pair_tablet(&t, &admin, "Window tablet").await;
    let kiosk = tablet["access_token"].as_str().unwrap();
    let other = pair_tablet(&t, &admin, "Door tablet").await;
    let cake = t.item("Carrot cake").await;
    let body = simple_order(cake["id"].as_str().unwrap(), 1);
    assert_eq!(
        t.place(kiosk, None, body.clone()).await.status(),
        StatusCode::BAD_REQUEST,
        "key required"
    );
    let r = t.place(kiosk, Some("tablet-1-1"), body.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["channel"], "kiosk");
    let path = format!("/api/orders/{}", order["id"].as_str().unwrap());
    assert_eq!(t.get(&path, Some(kiosk)).await.status(), StatusCode::OK);
    assert_eq!(
        t.get(&path, other["access_token"].as_str()).await.status(),
        StatusCode::NOT_FOUND
    );
    // kiosks cannot move orders or list them
    assert_eq!(
        t.get("/api/orders", Some(kiosk)).await.status(),
        StatusCode::FORBIDDEN
    );
    // the long-lived refresh works
    let r = t
        .post(
            "/api/auth/refresh",
            None,
            json!({"refresh_token": tablet["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn admins_list_and_revoke_devices() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    assert_eq!(
        t.post(
            "/api/devices/pairing-codes",
            Some(&cashier),
            json!({"name": "x"})
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.post(
            "/api/devices/pairing-codes",
            Some(&admin),
            json!({"name": " "})
        )
        .await
        .status(),
        StatusCode::BAD_REQUEST
    );
    let tablet = pair_tablet(&t, &admin, "Window tablet").await;
    let list: Value = t
        .get("/api/devices", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let devices = list["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0]["name"], "Window tablet");
    assert_eq!(devices[0]["revoked"], false);
    assert_eq!(
        t.get("/api/devices", Some(&cashier)).await.status(),
        StatusCode::FORBIDDEN
    );

    let id = devices[0]["id"].as_str().unwrap();
    let r = t
        .send(
            Method::DELETE,
            &format!("/api/devices/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let kiosk = tablet["access_token"].as_str().unwrap();
    let cake = t.item("Carrot cake").await;
    let r = t
        .place(
            kiosk,
            Some("after-revoke"),
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = t
        .post(
            "/api/auth/refresh",
            None,
            json!({"refresh_token": tablet["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let list: Value = t
        .get("/api/devices", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["devices"][0]["revoked"], true);
    let r = t
        .send(
            Method::DELETE,
            "/api/devices/01939f7a-0000-7000-8000-000000000000",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn wrong_pairing_codes_are_refused() {
    let t = spawn_app().await;
    for code in ["000000", "12345", "abcdef", ""] {
        let r = t
            .post("/api/devices/pair", None, json!({"code": code}))
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{code:?}");
    }
}

#[tokio::test]
async fn the_counter_learns_the_address_tablets_reach_the_server_at() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let r = t.get("/api/server", Some(&cashier)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let info: Value = r.json().await.unwrap();
    // The test server listens on 127.0.0.1 only: that is all it can name.
    let port = t.addr.port();
    assert_eq!(info["bind"], format!("127.0.0.1:{port}"));
    assert_eq!(info["port"], port);
    assert_eq!(info["urls"], json!([format!("http://127.0.0.1:{port}/")]));
    let kitchen = t.login(KITCHEN).await;
    let r = t.get("/api/server", Some(&kitchen)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t.get("/api/server", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
