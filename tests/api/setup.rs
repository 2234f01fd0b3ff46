//! First-run setup over HTTP: once, from the server's own machine, all or nothing.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{error_code, spawn_app, spawn_empty};

fn first_run() -> Value {
    json!({
        "shop_name": "Kaffeehaus Lena",
        "currency": "CHF",
        "tax_mode": "exclusive",
        "tax_rate_bps": 810,
        "admin_username": "lena",
        "admin_password": "owner-pass-1",
        "cashiers": [{"name": "Tom Berg", "pin": "2468"}, {"name": "Ida", "pin": "1357"}],
        "demo_menu": true
    })
}

#[tokio::test]
async fn a_new_store_is_set_up_once_and_then_sells() {
    let t = spawn_empty().await;
    let s: Value = t.get("/api/setup", None).await.json().await.unwrap();
    assert_eq!(s, json!({"needed": true}));

    let r = t.post("/api/setup", None, first_run()).await;
    assert_eq!(
        r.status(),
        StatusCode::NO_CONTENT,
        "{}",
        r.text().await.unwrap()
    );

    let s: Value = t.get("/api/setup", None).await.json().await.unwrap();
    assert_eq!(s, json!({"needed": false}));
    let settings: Value = t.get("/api/settings", None).await.json().await.unwrap();
    assert_eq!(settings["shop_name"], "Kaffeehaus Lena");
    assert_eq!(settings["currency"], "CHF");
    assert_eq!(settings["tax_mode"], "exclusive");
    assert_eq!(settings["tax_rate_bps"], 810);

    // The owner signs in with the password, a cashier with a PIN, and the
    // demo menu is there to sell from.
    let admin = t.login(("lena", "owner-pass-1")).await;
    let r = t.post("/api/auth/pin", None, json!({"pin": "2468"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let cashier = r.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let users: Value = t
        .get("/api/users", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"tom.berg") && names.contains(&"ida") && names.contains(&"lena"));
    let espresso = t.item("Espresso").await;
    let r = t
        .place(
            &cashier,
            None,
            crate::helpers::simple_order(espresso["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["total"]["currency"], "CHF");

    // A second setup is refused and changes nothing.
    let mut again = first_run();
    again["shop_name"] = json!("Someone Else");
    let r = t.post("/api/setup", None, again).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "already_set_up");
    let settings: Value = t.get("/api/settings", None).await.json().await.unwrap();
    assert_eq!(settings["shop_name"], "Kaffeehaus Lena");
}

#[tokio::test]
async fn bad_setup_input_writes_nothing() {
    let t = spawn_empty().await;
    let cases = [
        ("admin_password", json!("short")),
        ("shop_name", json!("  ")),
        ("tax_rate_bps", json!(20_000)),
        (
            "cashiers",
            json!([{"name": "A", "pin": "1111"}, {"name": "B", "pin": "1111"}]),
        ),
        ("cashiers", json!([{"name": "A", "pin": "12"}])),
        ("cashiers", json!([{"name": "lena", "pin": "1234"}])),
    ];
    for (field, value) in cases {
        let mut body = first_run();
        body[field] = value.clone();
        let r = t.post("/api/setup", None, body).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{field} = {value}");
        assert_eq!(error_code(r).await, "invalid_request", "{field} = {value}");
    }
    let r = t
        .post("/api/setup", None, json!({"shop_name": "x", "extra": 1}))
        .await;
    assert!(r.status().is_client_error());
    assert_eq!(t.table_count("users").await, 0);
    let s: Value = t.get("/api/setup", None).await.json().await.unwrap();
    assert_eq!(s, json!({"needed": true}));
}

#[tokio::test]
async fn a_set_up_shop_refuses_setup() {
    let t = spawn_app().await;
    let s: Value = t.get("/api/setup", None).await.json().await.unwrap();
    assert_eq!(s, json!({"needed": false}));
    let r = t.post("/api/setup", None, first_run()).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn setup_from_another_machine_is_forbidden() {
    use crema::app::{setup, Actor, ErrorCode};
    let t = spawn_empty().await;
    let run: setup::FirstRun = serde_json::from_value(first_run()).unwrap();
    let e = setup::complete(&t.app, &Actor::Anonymous, run)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(t.table_count("users").await, 0);
}
