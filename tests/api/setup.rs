//! First-run setup over HTTP: once, from the server's own machine, all or nothing.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{error_code, error_of, spawn_app, spawn_empty, TestApp};

/// The setup a browser on the counter PC sends, with the token the server
/// printed there.
fn setup_for(t: &TestApp) -> Value {
    let mut run = first_run();
    run["setup_token"] = json!(t.app.setup_token());
    run
}

fn first_run() -> Value {
    json!({
        "shop_name": "Kaffeehaus Lena",
        "currency": "CHF",
        "tax_mode": "exclusive",
        "tax_rate_bps": 810,
        "admin_username": "lena",
        "admin_password": "owner-pass-1",
        "cashiers": [{"name": "Tom Berg", "pin": "246810"}, {"name": "Ida", "pin": "135799"}],
        "demo_menu": true
    })
}

#[tokio::test]
async fn a_new_store_is_set_up_once_and_then_sells() {
    let t = spawn_empty().await;
    let s: Value = t.get("/api/setup", None).await.json().await.unwrap();
    assert_eq!(s, json!({"needed": true}));

    let r = t.post("/api/setup", None, setup_for(&t)).await;
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
    let r = t
        .post("/api/auth/pin", None, json!({"pin": "246810"}))
        .await;
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
    let mut again = setup_for(&t);
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
    // Each with the code and the field a client words it with.
    let cases = [
        ("admin_password", json!("short"), "too_short", "password"),
        ("shop_name", json!("  "), "required", "shop_name"),
        ("tax_rate_bps", json!(20_000), "out_of_range", "tax_rate"),
        (
            "cashiers",
            json!([{"name": "A", "pin": "111111"}, {"name": "B", "pin": "111111"}]),
            "duplicate_value",
            "pin",
        ),
        (
            "cashiers",
            json!([{"name": "lena", "pin": "123456"}]),
            "duplicate_value",
            "username",
        ),
    ];
    for (field, value, code, param) in cases {
        let mut body = setup_for(&t);
        body[field] = value.clone();
        let r = t.post("/api/setup", None, body).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{field} = {value}");
        let e = error_of(r).await;
        assert_eq!(e["code"], code, "{field} = {value}");
        assert_eq!(e["params"]["field"], param, "{field} = {value}");
    }
    // New PINs have at least six digits.
    for pin in ["12", "1234", "12345"] {
        let mut body = setup_for(&t);
        body["cashiers"] = json!([{"name": "A", "pin": pin}]);
        let r = t.post("/api/setup", None, body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{pin}");
        assert_eq!(error_code(r).await, "weak_pin", "{pin}");
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
    let r = t.post("/api/setup", None, setup_for(&t)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn setup_from_another_machine_is_forbidden() {
    use crema::app::setup::{self, SetupOrigin};
    use crema::app::ErrorCode;
    let t = spawn_empty().await;
    let run: setup::FirstRun = serde_json::from_value(setup_for(&t)).unwrap();
    let e = setup::complete(&t.app, SetupOrigin::Remote, run)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::SetupNotAllowed);
    assert_eq!(t.table_count("users").await, 0);
}

#[tokio::test]
async fn nobody_on_the_network_can_block_or_take_the_setup() {
    use crema::app::users::{self, Credential};
    use crema::app::Actor;
    use crema::domain::user::Role;
    let t = spawn_empty().await;
    // Registering a customer or pairing a tablet before setup is refused,
    // so neither can end "setup needed".
    let r = t
        .post(
            "/api/customers/register",
            None,
            json!({"name": "Mallory", "email": "m@example.com", "password": "mallory-pass-1"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "setup_required");
    let r = t
        .post("/api/devices/pair", None, json!({"code": "123456"}))
        .await;
    assert_eq!(error_code(r).await, "setup_required");
    // Setup is needed while there is no admin, whoever else exists.
    users::create_staff(
        &t.app,
        &Actor::System,
        "kim",
        Role::Kitchen,
        Credential::Password("kitchen-pass-1".into()),
    )
    .await
    .unwrap();
    let s: Value = t.get("/api/setup", None).await.json().await.unwrap();
    assert_eq!(s, json!({"needed": true}));
    // Without the token, with a wrong one, through a proxy, or addressed by
    // another host name (DNS rebinding): refused, nothing written.
    let attempts: [(Value, &[(&str, &str)]); 5] = [
        (first_run(), &[]),
        (
            {
                let mut r = first_run();
                r["setup_token"] = json!("WRONGTOKEN");
                r
            },
            &[],
        ),
        (setup_for(&t), &[("x-forwarded-for", "10.0.0.9")]),
        (setup_for(&t), &[("x-real-ip", "10.0.0.9")]),
        (setup_for(&t), &[("host", "rebind.example:8080")]),
    ];
    for (body, headers) in attempts {
        let mut req = t.client.post(t.url("/api/setup")).json(&body);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(error_code(r).await, "setup_not_allowed");
    }
    assert_eq!(t.table_count("users").await, 1);
    // The owner at the counter PC, with the token it printed, may.
    let mut run = setup_for(&t);
    run["setup_token"] = json!(t.app.setup_token().to_lowercase());
    let r = t.post("/api/setup", None, run).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = t
        .post(
            "/api/customers/register",
            None,
            json!({"name": "Cleo", "email": "O'Brien@Example.com", "password": "cleo-pass-12"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // What registration accepts signs in.
    t.login(("o'brien@example.com", "cleo-pass-12")).await;
    t.login((" O'Brien@example.COM", "cleo-pass-12")).await;
}
