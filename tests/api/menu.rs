use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_menu_has_the_contract_shape() {
    let t = spawn_app().await;
    let menu = t.menu().await;
    assert_eq!(menu["currency"], "EUR");
    let cats = menu["categories"].as_array().unwrap();
    assert_eq!(cats.len(), 6);
    let items: Vec<&Value> = cats
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .collect();
    assert!(items.len() >= 25);
    assert!(items.iter().any(|i| i["available"] == false));
    let latte = t.item("Latte").await;
    let keys: Vec<&String> = latte.as_object().unwrap().keys().collect();
    for k in [
        "id",
        "name",
        "description",
        "price",
        "available",
        "modifier_groups",
    ] {
        assert!(keys.iter().any(|x| *x == k), "item has {k}");
    }
    let size = &latte["modifier_groups"][0];
    assert_eq!(size["name"], "Size");
    assert_eq!(size["min"], 1);
    assert_eq!(size["max"], 1);
    assert_eq!(
        size["options"][1]["price_delta"],
        json!({"amount": 80, "currency": "EUR"})
    );
}

#[tokio::test]
async fn the_menu_answers_if_none_match_with_304() {
    let t = spawn_app().await;
    let r = t.get("/api/menu", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'));
    let r = t
        .client
        .get(t.url("/api/menu"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), etag);
    assert!(r.bytes().await.unwrap().is_empty());
    let r = t
        .client
        .get(t.url("/api/menu"))
        .header("if-none-match", "\"stale\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_admin_edit_changes_the_menu_and_its_etag_at_once() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let before = t.get("/api/menu", None).await;
    let etag = before.headers()["etag"].to_str().unwrap().to_string();
    let cake = t.item("Carrot cake").await;
    let path = format!("/api/items/{}", cake["id"].as_str().unwrap());
    let r = t
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"available": false, "price": {"amount": 450, "currency": "EUR"}})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = t
        .client
        .get(t.url("/api/menu"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the old ETag no longer matches");
    let cake = t.item("Carrot cake").await;
    assert_eq!(cake["available"], false);
    assert_eq!(cake["price"]["amount"], 450);
    // and ordering it now fails
    let cashier = t.login(CASHIER).await;
    let r = t
        .place(
            &cashier,
            None,
            simple_order(cake["id"].as_str().unwrap(), 1),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn only_admins_edit_the_menu() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let cake = t.item("Carrot cake").await;
    let path = format!("/api/items/{}", cake["id"].as_str().unwrap());
    let r = t
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(&cashier),
            Some(json!({"available": false})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t
        .send(
            reqwest::Method::PATCH,
            &path,
            None,
            Some(json!({"available": false})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let admin = t.login(ADMIN).await;
    let r = t
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"price": {"amount": -5, "currency": "EUR"}})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(t.item("Carrot cake").await["available"], true);
}
