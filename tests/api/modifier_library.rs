//! The library of modifier groups: defined once, attached to many items,
//! changed once for all of them; `GET /api/menu` keeps its shape.

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::events::SseReader;
use crate::helpers::*;

pub(crate) fn plant_milk() -> Value {
    json!({"name": "Plant milk", "min": 0, "max": 1, "options": [
        {"name": "Oat", "price_delta": eur(40)},
        {"name": "Soy", "price_delta": eur(30)},
    ]})
}

/// A size of the item's own, as the admin screen sends it back.
pub(crate) fn own_size() -> Value {
    json!({"name": "Size", "min": 1, "max": 1, "options": [
        {"name": "Regular", "price_delta": eur(0)},
        {"name": "Large", "price_delta": eur(80)},
    ]})
}

pub(crate) async fn create(t: &TestApp, admin: &str, body: Value) -> Value {
    let r = t.post("/api/modifier-groups", Some(admin), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

pub(crate) async fn put_groups(t: &TestApp, admin: &str, item: &str, groups: Value) -> Response {
    let id = t.item(item).await["id"].as_str().unwrap().to_string();
    t.send(
        Method::PUT,
        &format!("/api/items/{id}/modifier-groups"),
        Some(admin),
        Some(groups),
    )
    .await
}

/// Plant milk in the library, attached to Green tea (alone) and to
/// Filter coffee (after its own Size).
pub(crate) async fn attached(t: &TestApp, admin: &str) -> Value {
    let group = create(t, admin, plant_milk()).await;
    let lib = json!({"library_group_id": group["id"]});
    let r = put_groups(t, admin, "Green tea", json!([lib])).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = put_groups(t, admin, "Filter coffee", json!([own_size(), lib])).await;
    assert_eq!(r.status(), StatusCode::OK);
    let item: Value = r.json().await.unwrap();
    assert_eq!(item["modifier_groups"][1]["id"], group["id"]);
    group
}

pub(crate) fn option(group: &Value, name: &str) -> Value {
    group["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("no option {name} in {group}"))
        .clone()
}

#[tokio::test]
async fn a_library_group_appears_in_every_item_it_is_attached_to_and_prices_orders() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let group = attached(&t, &admin).await;
    assert_eq!(group["used_by"], json!([]));
    assert_eq!(group["options"][0]["price_delta"], eur(40));

    // In the menu, in the contract's shape, with the library's ids.
    let tea = t.item("Green tea").await;
    let filter = t.item("Filter coffee").await;
    assert_eq!(tea["modifier_groups"].as_array().unwrap().len(), 1);
    let names: Vec<&str> = filter["modifier_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Size", "Plant milk"]);
    for g in [&tea["modifier_groups"][0], &filter["modifier_groups"][1]] {
        assert_eq!(
            *g,
            json!({"id": group["id"], "name": "Plant milk", "min": 0, "max": 1,
            "options": group["options"]})
        );
    }

    // The list names the items that have it.
    let list: Value = t
        .get("/api/modifier-groups", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let used: Vec<&str> = list["modifier_groups"][0]["used_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(used, ["Filter coffee", "Green tea"]);

    // An order with a library option is priced with it.
    let cashier = t.login(CASHIER).await;
    let oat = option(&group, "Oat")["id"].clone();
    let body = json!({"type": "takeaway", "lines": [
        {"item_id": tea["id"], "quantity": 2, "modifier_option_ids": [oat]},
        {"item_id": filter["id"], "quantity": 1, "modifier_option_ids": [
            option_id(&filter, "Size", "Large"), oat]},
    ]});
    let r = t.place(&cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["lines"][0]["line_total"], eur((300 + 40) * 2));
    assert_eq!(order["lines"][1]["line_total"], eur(280 + 80 + 40));
    assert_eq!(order["lines"][0]["modifiers"][0]["name"], "Oat");
}

#[tokio::test]
async fn a_price_changed_in_the_library_changes_every_attached_item_the_etag_and_tells_clients() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let group = attached(&t, &admin).await;
    let etag = t.get("/api/menu", None).await.headers()["etag"].clone();
    let kitchen = t.login(KITCHEN).await;
    let mut board = SseReader::new(t.get("/api/events", Some(&kitchen)).await);

    let oat = option(&group, "Oat");
    let soy = option(&group, "Soy");
    let path = format!("/api/modifier-groups/{}", group["id"].as_str().unwrap());
    let r = t
        .send(
            Method::PUT,
            &path,
            Some(&admin),
            Some(json!({"name": "Plant milk", "min": 0, "max": 1,
            "options": [
                {"id": oat["id"], "name": "Oat", "price_delta": eur(50)},
                {"name": "Almond", "price_delta": eur(60)},
            ]})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let edited: Value = r.json().await.unwrap();
    assert_eq!(
        option(&edited, "Oat")["id"],
        oat["id"],
        "a kept option keeps its id"
    );
    assert!(edited["options"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["id"] != soy["id"]));

    let (name, data) = board.next().await;
    assert_eq!(name, "menu.updated");
    assert!(data["categories"].is_array());
    let r = t.get("/api/menu", None).await;
    assert_ne!(r.headers()["etag"], etag, "the menu's ETag changes");
    for item in ["Green tea", "Filter coffee"] {
        let item = t.item(item).await;
        let g = item["modifier_groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == group["id"])
            .unwrap()
            .clone();
        assert_eq!(g["options"], edited["options"], "{item}");
    }

    // Orders follow the new price; the option that left is refused.
    let cashier = t.login(CASHIER).await;
    let tea = t.item("Green tea").await;
    let line = |opt: &Value| {
        json!({"type": "takeaway", "lines": [
        {"item_id": tea["id"], "quantity": 1, "modifier_option_ids": [opt]}]})
    };
    let r = t.place(&cashier, None, line(&oat["id"])).await;
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["lines"][0]["line_total"], eur(350));
    let r = t.place(&cashier, None, line(&soy["id"])).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(r).await, "invalid_modifiers");
}

#[tokio::test]
async fn an_item_is_created_with_a_library_group_and_loses_it_when_detached() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let group = create(&t, &admin, plant_milk()).await;
    let cat = t.item("Green tea").await;
    let category = t.menu().await["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == cat["id"])
        })
        .unwrap()["id"]
        .clone();
    let r = t
        .post(
            "/api/items",
            Some(&admin),
            json!({"category_id": category, "name": "Rooibos",
            "price": eur(290), "modifier_groups": [own_size(), {"library_group_id": group["id"]}]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let item: Value = r.json().await.unwrap();
    assert_eq!(item["modifier_groups"][1]["name"], "Plant milk");
    assert_eq!(item["modifier_groups"][1]["options"], group["options"]);

    let r = put_groups(&t, &admin, "Rooibos", json!([own_size()])).await;
    assert_eq!(r.status(), StatusCode::OK);
    let item: Value = r.json().await.unwrap();
    assert_eq!(item["modifier_groups"].as_array().unwrap().len(), 1);
    let path = format!("/api/modifier-groups/{}", group["id"].as_str().unwrap());
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let list: Value = t
        .get("/api/modifier-groups", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["modifier_groups"], json!([]));
}
