//! The shop's order defaults: what each sale starts as, whether eat-in
//! orders need their table, and how long a kiosk shows a customer's number.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn settings(t: &TestApp) -> Value {
    t.get("/api/settings", None).await.json().await.unwrap()
}

async fn put_settings(t: &TestApp, admin: &str, s: &Value) -> reqwest::Response {
    t.send(Method::PUT, "/api/settings", Some(admin), Some(s.clone()))
        .await
}

#[tokio::test]
async fn eat_in_needs_a_table_only_where_the_shop_serves_at_the_tables() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let s = settings(&t).await;
    assert_eq!(s["default_order_type"], "takeaway");
    assert_eq!(s["uses_tables"], false);
    assert_eq!(s["kiosk_return_seconds"], Value::Null);
    assert_eq!(s["kitchen_gets_unpaid_orders"], true);

    let cake = t.item("Carrot cake").await;
    let eat_in = |table: Option<&str>| {
        let mut o = simple_order(cake["id"].as_str().unwrap(), 1);
        o["type"] = json!("dine_in");
        if let Some(table) = table {
            o["table"] = json!(table);
        }
        o
    };
    // Without tables, eat-in needs none.
    let r = t.place(&cashier, None, eat_in(None)).await;
    assert_eq!(r.status(), StatusCode::CREATED);

    let mut changed = s.clone();
    changed["default_order_type"] = json!("dine_in");
    changed["uses_tables"] = json!(true);
    changed["kiosk_return_seconds"] = json!(45);
    changed["kitchen_gets_unpaid_orders"] = json!(false);
    let r = put_settings(&t, &admin, &changed).await;
    assert_eq!(r.status(), StatusCode::OK);
    let s = settings(&t).await;
    assert_eq!(s["kitchen_gets_unpaid_orders"], false);
    assert_eq!(s["default_order_type"], "dine_in");
    assert_eq!(s["uses_tables"], true);
    assert_eq!(s["kiosk_return_seconds"], 45);

    let r = t.place(&cashier, None, eat_in(None)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "table_required");
    let r = t.place(&cashier, None, eat_in(Some("   "))).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "blank is none"
    );
    let r = t.place(&cashier, None, eat_in(Some("12"))).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let takeaway = simple_order(cake["id"].as_str().unwrap(), 1);
    let r = t.place(&cashier, None, takeaway).await;
    assert_eq!(r.status(), StatusCode::CREATED, "takeaway has no table");
}

#[tokio::test]
async fn the_kiosk_return_is_five_to_six_hundred_seconds_or_each_tablets_own() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let s = settings(&t).await;
    for bad in [json!(4), json!(601), json!("soon"), json!(-5)] {
        let mut changed = s.clone();
        changed["kiosk_return_seconds"] = bad.clone();
        let r = put_settings(&t, &admin, &changed).await;
        assert!(r.status().is_client_error(), "{bad}: {}", r.status());
    }
    let mut changed = s.clone();
    changed["kiosk_return_seconds"] = json!(5);
    assert_eq!(
        put_settings(&t, &admin, &changed).await.status(),
        StatusCode::OK
    );
    changed["kiosk_return_seconds"] = Value::Null;
    assert_eq!(
        put_settings(&t, &admin, &changed).await.status(),
        StatusCode::OK
    );
    assert_eq!(settings(&t).await["kiosk_return_seconds"], Value::Null);
    // An order type the shop does not know is refused.
    changed["default_order_type"] = json!("delivery");
    assert!(put_settings(&t, &admin, &changed)
        .await
        .status()
        .is_client_error());
}

#[tokio::test]
async fn the_shop_time_zone_is_set_in_the_app_and_dates_new_orders() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let s = settings(&t).await;
    assert_eq!(
        s["timezone"],
        Value::Null,
        "the configuration's zone until set"
    );

    let mut changed = s.clone();
    changed["timezone"] = json!("Mars/Olympus");
    let r = put_settings(&t, &admin, &changed).await;
    assert!(r.status().is_client_error());

    // Kiritimati is UTC+14, Pago Pago UTC-11: their calendar days always differ.
    let mut placed = Vec::new();
    for (zone, hours) in [("Pacific/Kiritimati", 14), ("Pacific/Pago_Pago", -11)] {
        changed["timezone"] = json!(zone);
        assert_eq!(
            put_settings(&t, &admin, &changed).await.status(),
            StatusCode::OK
        );
        assert_eq!(settings(&t).await["timezone"], zone);
        let r = t
            .place(
                &cashier,
                None,
                simple_order(cake["id"].as_str().unwrap(), 1),
            )
            .await;
        let o: Value = r.json().await.unwrap();
        let day = (chrono::Utc::now() + chrono::Duration::hours(hours)).date_naive();
        placed.push((o["id"].clone(), day));
    }
    assert_ne!(placed[0].1, placed[1].1);
    for (n, (id, day)) in placed.iter().enumerate() {
        let list: Value = t
            .get(
                &format!("/api/orders?status=placed&date={day}"),
                Some(&cashier),
            )
            .await
            .json()
            .await
            .unwrap();
        let ids: Vec<&Value> = list["orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| &o["id"])
            .collect();
        assert_eq!(ids, vec![id], "order {n} belongs to {day} in its zone");
    }
}
