//! Kitchen stations, featured items, preparation times and ready times:
//! lines keep their category's station, a station bumps its lines, an
//! order's ready time is its longest item behind the queue, refined as the
//! kitchen moves orders.

use chrono::{DateTime, Duration, DurationRound, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .unwrap_or_else(|| panic!("a time: {v}"))
        .parse()
        .expect("RFC 3339")
}

fn round_up(t: DateTime<Utc>) -> DateTime<Utc> {
    let down = t.duration_trunc(Duration::minutes(1)).unwrap();
    if down == t {
        t
    } else {
        down + Duration::minutes(1)
    }
}

async fn order_of(t: &TestApp, token: &str, items: &[&Value]) -> Value {
    let lines: Vec<Value> = items
        .iter()
        .map(|i| json!({"item_id": i["id"], "quantity": 1}))
        .collect();
    let r = t
        .place(token, None, json!({"lines": lines, "type": "takeaway"}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

async fn bump(
    t: &TestApp,
    token: Option<&str>,
    id: &Value,
    line: &str,
    done: bool,
) -> reqwest::Response {
    let id = id.as_str().unwrap();
    t.post(
        &format!("/api/orders/{id}/lines/{line}/bump"),
        token,
        json!({ "done": done }),
    )
    .await
}

async fn get_order(t: &TestApp, token: &str, id: &Value) -> Value {
    let r = t
        .get(
            &format!("/api/orders/{}", id.as_str().unwrap()),
            Some(token),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn lines_keep_their_station_and_ready_times_follow_the_queue() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let toast = t.item("Avocado toast").await; // kitchen, 7 min
    let tea = t.item("Green tea").await; // bar, 3 min
    let cake = t.item("Carrot cake").await; // kitchen, 1 min
    assert_eq!(toast["prep_minutes"], 7);
    let menu = t.menu().await;
    let bar: Vec<&str> = menu["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["station"] == "bar")
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(bar, ["Espresso bar", "Filter & cold", "Tea & more"]);

    let first = order_of(&t, &cashier, &[&toast, &cake]).await;
    assert_eq!(first["lines"][0]["station"], "kitchen");
    assert_eq!(first["lines"][0]["prep_minutes"], 7);
    assert_eq!(first["lines"][0]["done_at"], Value::Null);
    let created = time(&first["created_at"]);
    // The longest item, on an empty queue.
    assert_eq!(
        time(&first["estimated_ready_at"]),
        round_up(created + Duration::minutes(7))
    );
    // The bar works beside the kitchen.
    let second = order_of(&t, &cashier, &[&tea]).await;
    assert_eq!(second["lines"][0]["station"], "bar");
    assert_eq!(
        time(&second["estimated_ready_at"]),
        round_up(time(&second["created_at"]) + Duration::minutes(3))
    );
    // Another toast waits for the first.
    let third = order_of(&t, &cashier, &[&toast]).await;
    let third_eta = time(&third["estimated_ready_at"]);
    assert_eq!(third_eta, round_up(created + Duration::minutes(14)));
    assert!(third_eta >= time(&third["created_at"]));

    // The kitchen finishes the first order at once: the third moves up.
    let kitchen = t.login(KITCHEN).await;
    let r = t
        .post(
            &format!("/api/orders/{}/status", first["id"].as_str().unwrap()),
            Some(&kitchen),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = t
        .post(
            &format!("/api/orders/{}/status", first["id"].as_str().unwrap()),
            Some(&kitchen),
            json!({"status": "ready"}),
        )
        .await;
    let ready: Value = r.json().await.unwrap();
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["estimated_ready_at"], Value::Null);
    let now = Utc::now();
    let refined = time(&get_order(&t, &cashier, &third["id"]).await["estimated_ready_at"]);
    assert!(refined < third_eta, "{refined} moved up from {third_eta}");
    assert!(refined >= now + Duration::minutes(7) - Duration::seconds(5));
    // Nothing changed for the bar.
    assert_eq!(
        get_order(&t, &cashier, &second["id"]).await["estimated_ready_at"],
        second["estimated_ready_at"]
    );
}

#[tokio::test]
async fn a_station_bumps_its_lines_and_the_order_follows() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let tea = t.item("Green tea").await;
    let cake = t.item("Carrot cake").await;
    let o = order_of(&t, &cashier, &[&tea, &cake]).await;
    let id = &o["id"];

    // The bar makes the tea: the order is started, the cake still to make.
    let r = bump(&t, Some(&kitchen), id, "0", true).await;
    assert_eq!(r.status(), StatusCode::OK);
    let after: Value = r.json().await.unwrap();
    assert_eq!(after["status"], "in_progress");
    assert!(after["lines"][0]["done_at"].is_string());
    assert_eq!(after["lines"][1]["done_at"], Value::Null);
    // Bumping again keeps the first time.
    let again: Value = bump(&t, Some(&kitchen), id, "0", true)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["lines"][0]["done_at"], after["lines"][0]["done_at"]);

    // The kitchen makes the cake: the order is ready.
    let ready: Value = bump(&t, Some(&kitchen), id, "1", true)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["estimated_ready_at"], Value::Null);

    // Recalled: the cake is to make again, the order back in progress.
    let recalled: Value = bump(&t, Some(&cashier), id, "1", false)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(recalled["status"], "in_progress");
    assert_eq!(recalled["lines"][1]["done_at"], Value::Null);
    assert!(recalled["estimated_ready_at"].is_string());
    assert!(recalled["lines"][0]["done_at"].is_string());
}

#[tokio::test]
async fn bumps_are_refused_clearly_and_write_nothing() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let cake = t.item("Carrot cake").await;
    let o = order_of(&t, &cashier, &[&cake]).await;
    let id = &o["id"];

    let r = bump(&t, None, id, "0", true).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let customer = t.register_customer("cleo@example.com").await;
    let customer = customer["access_token"].as_str().unwrap().to_string();
    let r = bump(&t, Some(&customer), id, "0", true).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for line in ["1", "-1", "x"] {
        let r = bump(&t, Some(&kitchen), id, line, true).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "line {line}");
        assert_eq!(error_code(r).await, "not_found");
    }
    let r = bump(&t, Some(&kitchen), &json!("not-an-id"), "0", true).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = t
        .post(
            &format!("/api/orders/{}/lines/0/bump", id.as_str().unwrap()),
            Some(&kitchen),
            json!({"done": "yes"}),
        )
        .await;
    assert!(r.status().is_client_error());
    // Nothing of that was written.
    let same = get_order(&t, &cashier, id).await;
    assert_eq!(same["status"], "placed");
    assert_eq!(same["lines"][0]["done_at"], Value::Null);
    assert_eq!(same["updated_at"], o["updated_at"]);

    // A cancelled order's lines are done with.
    let r = t
        .post(
            &format!("/api/orders/{}/status", id.as_str().unwrap()),
            Some(&cashier),
            json!({"status": "cancelled", "reason": "left"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = bump(&t, Some(&kitchen), id, "0", true).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "invalid_transition");
}

#[tokio::test]
async fn admins_set_stations_preparation_times_and_featured_items() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let r = t
        .post(
            "/api/categories",
            Some(&admin),
            json!({"name": "Juices", "station": "juice-bar"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let cat: Value = r.json().await.unwrap();
    assert_eq!(cat["station"], "juice-bar");
    let path = format!("/api/categories/{}", cat["id"].as_str().unwrap());
    for bad in ["Bar!", "two words", &"x".repeat(33)] {
        let r = t
            .send(
                Method::PATCH,
                &path,
                Some(&admin),
                Some(json!({"station": bad})),
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
        let e = error_of(r).await;
        assert_eq!(e["code"], "invalid_value");
        assert_eq!(e["params"]["field"], "station");
    }
    // Blank: every board again.
    let r = t
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"station": " "})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["station"], Value::Null);

    let r = t
        .post(
            "/api/items",
            Some(&admin),
            json!({"category_id": cat["id"], "name": "Orange juice", "price": eur(350),
                   "featured": true, "prep_minutes": 2}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let juice: Value = r.json().await.unwrap();
    assert_eq!(juice["featured"], true);
    assert_eq!(juice["prep_minutes"], 2);
    let item_path = format!("/api/items/{}", juice["id"].as_str().unwrap());
    for bad in [json!(-1), json!(181)] {
        let r = t
            .send(
                Method::PATCH,
                &item_path,
                Some(&admin),
                Some(json!({"prep_minutes": bad})),
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
        let e = error_of(r).await;
        assert_eq!(e["code"], "out_of_range");
        assert_eq!(e["params"]["field"], "prep_minutes");
    }
    let r = t
        .send(
            Method::PATCH,
            &item_path,
            Some(&admin),
            Some(json!({"featured": false, "prep_minutes": 0})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let menu = t.menu().await;
    let served = menu["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .find(|i| i["id"] == juice["id"])
        .cloned()
        .unwrap();
    assert_eq!(served["featured"], false);
    assert_eq!(served["prep_minutes"], 0);
    // Without a default given, 3 minutes; the cashier may not change them.
    let cashier = t.login(CASHIER).await;
    let r = t
        .send(
            Method::PATCH,
            &item_path,
            Some(&cashier),
            Some(json!({"featured": true})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
