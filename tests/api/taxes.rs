//! Tax per item: tax classes with a rate for eat-in and one for takeaway,
//! on orders, quotes and the Z report by rate.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn settings(t: &TestApp) -> Value {
    t.get("/api/settings", None).await.json().await.unwrap()
}

async fn put_settings(t: &TestApp, admin: &str, body: Value) -> reqwest::Response {
    t.send(Method::PUT, "/api/settings", Some(admin), Some(body))
        .await
}

async fn patch_item(t: &TestApp, admin: &str, id: &Value, body: Value) -> reqwest::Response {
    let path = format!("/api/items/{}", id.as_str().unwrap());
    t.send(Method::PATCH, &path, Some(admin), Some(body)).await
}

fn rates(order: &Value) -> Vec<(i64, i64, i64)> {
    order["taxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["rate"].as_i64().unwrap(),
                x["net"]["amount"].as_i64().unwrap(),
                x["tax"]["amount"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn items_are_taxed_by_their_class_eaten_in_or_taken_away() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;

    // The demo's one rate is the standard class.
    let mut s = settings(&t).await;
    assert_eq!(
        s["tax_classes"],
        json!([{"id": "standard", "name": "Standard", "eat_in_bps": 1000, "takeaway_bps": 1000}])
    );
    // Food: 19 % eaten in, 7 % taken away (German VAT).
    s["tax_classes"] = json!([
        {"id": "standard", "name": "Standard", "eat_in_bps": 1000, "takeaway_bps": 1000},
        {"id": "food", "name": "Food", "eat_in_bps": 1900, "takeaway_bps": 700}
    ]);
    let r = put_settings(&t, &admin, s.clone()).await;
    assert_eq!(r.status(), StatusCode::OK);

    let cake = t.item("Carrot cake").await;
    let r = patch_item(&t, &admin, &cake["id"], json!({"tax_class": "drinks"})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "unknown_tax_class");
    let r = patch_item(&t, &admin, &cake["id"], json!({"tax_class": "food"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(t.item("Carrot cake").await["tax_class"], "food");

    // 2 cakes (8.40 at 7 %) and a brownie (standard, 10 %), taken away.
    let brownie = t.item("Brownie").await;
    let lines =
        json!([{"item_id": cake["id"], "quantity": 2}, {"item_id": brownie["id"], "quantity": 1}]);
    let body = json!({"lines": lines, "type": "takeaway"});
    let quote: Value = t
        .post("/api/orders/quote", Some(&cashier), body.clone())
        .await
        .json()
        .await
        .unwrap();
    let o: Value = t.place(&cashier, None, body).await.json().await.unwrap();
    let brownie_price = brownie["price"]["amount"].as_i64().unwrap();
    // Inclusive prices: tax = part * rate / (10000 + rate), rounded half away from zero.
    let incl = |part: i64, rate: i64| (part * rate * 2 + (10_000 + rate)) / (2 * (10_000 + rate));
    assert_eq!(
        rates(&o),
        vec![
            (700, 840 - incl(840, 700), incl(840, 700)),
            (
                1000,
                brownie_price - incl(brownie_price, 1000),
                incl(brownie_price, 1000)
            ),
        ]
    );
    assert_eq!(
        o["tax"]["amount"].as_i64().unwrap(),
        incl(840, 700) + incl(brownie_price, 1000)
    );
    assert_eq!(
        quote["taxes"], o["taxes"],
        "the quote shows the same tax by rate"
    );

    // The same cakes eaten in: 19 %.
    let body =
        json!({"lines": [{"item_id": cake["id"], "quantity": 2}], "type": "dine_in", "table": "4"});
    let o2: Value = t.place(&cashier, None, body).await.json().await.unwrap();
    assert_eq!(
        rates(&o2),
        vec![(1900, 840 - incl(840, 1900), incl(840, 1900))]
    );

    // The Z report lists the tax by rate of the orders paid.
    for o in [&o, &o2] {
        let path = format!("/api/orders/{}/payments", o["id"].as_str().unwrap());
        let r = t
            .post(
                &path,
                Some(&cashier),
                json!({"method": "card", "amount": o["total"]}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let date = t.app.business_date(t.app.now());
    let z: Value = t
        .get(&format!("/api/reports/z?date={date}"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let z_rates: Vec<i64> = z["tax"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["rate"].as_i64().unwrap())
        .collect();
    assert_eq!(z_rates, vec![700, 1000, 1900]);
    let sum: i64 = z["tax"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["net"]["amount"].as_i64().unwrap() + x["tax"]["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(
        sum,
        o["total"]["amount"].as_i64().unwrap() + o2["total"]["amount"].as_i64().unwrap()
    );

    // A class in use cannot go; nothing changes.
    let mut without = settings(&t).await;
    without["tax_classes"] =
        json!([{"id": "standard", "name": "Standard", "eat_in_bps": 1000, "takeaway_bps": 1000}]);
    let r = put_settings(&t, &admin, without).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "tax_class_in_use");
    assert_eq!(
        settings(&t).await["tax_classes"].as_array().unwrap().len(),
        2
    );

    // A change with only the one rate (as before classes) sets the standard
    // class and keeps the others.
    let mut legacy = settings(&t).await;
    legacy.as_object_mut().unwrap().remove("tax_classes");
    legacy["tax_rate_bps"] = json!(1200);
    let r = put_settings(&t, &admin, legacy).await;
    assert_eq!(r.status(), StatusCode::OK);
    let s = settings(&t).await;
    assert_eq!(
        s["tax_classes"][0],
        json!({"id": "standard", "name": "Standard", "eat_in_bps": 1200, "takeaway_bps": 1200})
    );
    assert_eq!(s["tax_classes"][1]["id"], "food");
    assert_eq!(s["tax_rate_bps"], 1200);

    for bad in [
        json!([]),
        json!([{"id": "food", "name": "Food", "eat_in_bps": 1900, "takeaway_bps": 700}]),
        json!([{"id": "standard", "name": "S", "eat_in_bps": 10_001, "takeaway_bps": 0}]),
        json!([{"id": "Standard!", "name": "S", "eat_in_bps": 0, "takeaway_bps": 0}]),
    ] {
        let mut s = settings(&t).await;
        s["tax_classes"] = bad.clone();
        let r = put_settings(&t, &admin, s).await;
        let empty_keeps = bad.as_array().unwrap().is_empty();
        if empty_keeps {
            assert_eq!(
                r.status(),
                StatusCode::OK,
                "no classes: they stay as they are"
            );
        } else {
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
        }
    }
}
