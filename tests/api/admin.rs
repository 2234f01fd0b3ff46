use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn admins_build_the_menu_and_tablets_see_it() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let r = t
        .post(
            "/api/categories",
            Some(&admin),
            json!({"name": "Smoothies"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let cat: Value = r.json().await.unwrap();
    let r = t
        .post(
            "/api/items",
            Some(&admin),
            json!({"category_id": cat["id"], "name": "Berry smoothie", "price": eur(550),
                   "modifier_groups": [{"name": "Size", "min": 1, "max": 1,
                     "options": [{"name": "Small", "price_delta": eur(0)}, {"name": "Large", "price_delta": eur(150)}]}]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let item: Value = r.json().await.unwrap();
    let smoothie = t.item("Berry smoothie").await;
    assert_eq!(smoothie["id"], item["id"]);
    let large = option_id(&smoothie, "Size", "Large");
    let cashier = t.login(CASHIER).await;
    let o: Value = t
        .place(&cashier, None, json!({"lines": [{"item_id": item["id"], "quantity": 1, "modifier_option_ids": [large]}], "type": "takeaway"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(o["total"]["amount"], 700);

    // replace the groups: syrups only, optional
    let r = t
        .send(
            Method::PUT,
            &format!("/api/items/{}/modifier-groups", item["id"].as_str().unwrap()),
            Some(&admin),
            Some(json!([{"name": "Boost", "min": 0, "max": 2, "options": [{"name": "Protein", "price_delta": eur(80)}]}])),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let smoothie = t.item("Berry smoothie").await;
    assert_eq!(smoothie["modifier_groups"][0]["name"], "Boost");
    // the old order keeps the modifier it was sold with
    let old: Value = t
        .get(
            &format!("/api/orders/{}", o["id"].as_str().unwrap()),
            Some(&cashier),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(old["lines"][0]["modifiers"][0]["name"], "Large");

    // bad groups are refused
    let r = t
        .send(
            Method::PUT,
            &format!("/api/items/{}/modifier-groups", item["id"].as_str().unwrap()),
            Some(&admin),
            Some(json!([{"name": "Size", "min": 2, "max": 1, "options": [{"name": "A", "price_delta": eur(0)}]}])),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // a category with items cannot go; an empty one can
    let path = format!("/api/categories/{}", cat["id"].as_str().unwrap());
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "category_not_empty");
    let r = t
        .send(
            Method::DELETE,
            &format!("/api/items/{}", item["id"].as_str().unwrap()),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = t
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"name": "Juices", "sort_order": -1})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let menu = t.menu().await;
    assert_eq!(
        menu["categories"][0]["name"], "Juices",
        "sort order applies"
    );
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    // the past order is still readable
    assert_eq!(
        t.get(
            &format!("/api/orders/{}", o["id"].as_str().unwrap()),
            Some(&cashier)
        )
        .await
        .status(),
        StatusCode::OK
    );
    // cashiers cannot change the menu
    assert_eq!(
        t.post("/api/categories", Some(&cashier), json!({"name": "X"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let cats: Value = t.get("/api/categories", None).await.json().await.unwrap();
    assert_eq!(cats["categories"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn admins_manage_coupons() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let r = t
        .post("/api/coupons", Some(&admin), json!({"code": "coffee2", "kind": "fixed", "value": 200, "min_subtotal": eur(500), "usage_limit": 1}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let c: Value = r.json().await.unwrap();
    assert_eq!(c["code"], "COFFEE2");
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 1);
    body["coupon_code"] = json!("COFFEE2");
    let r = t.place(&cashier, None, body.clone()).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "4.20 is under the 5.00 minimum"
    );
    body["lines"][0]["quantity"] = json!(2);
    let o: Value = t
        .place(&cashier, None, body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(o["discount"]["amount"], 200);
    let r = t.place(&cashier, None, body.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "used up");
    let list: Value = t
        .get("/api/coupons", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let coffee = list["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "COFFEE2")
        .unwrap()
        .clone();
    assert_eq!(coffee["used_count"], 1);
    let r = t
        .send(
            Method::PUT,
            "/api/coupons/COFFEE2",
            Some(&admin),
            Some(json!({"kind": "percent", "value": 2000, "active": false})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = t.place(&cashier, None, body.clone()).await;
    assert!(error_code(r).await == "coupon_invalid");
    assert_eq!(
        t.send(Method::DELETE, "/api/coupons/COFFEE2", Some(&admin), None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        t.send(Method::DELETE, "/api/coupons/COFFEE2", Some(&admin), None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let r = t
        .post(
            "/api/coupons",
            Some(&admin),
            json!({"code": "WELCOME10", "kind": "percent", "value": 500}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = t
        .post(
            "/api/coupons",
            Some(&admin),
            json!({"code": "BIG", "kind": "percent", "value": 20000}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        t.get("/api/coupons", Some(&cashier)).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn admins_manage_staff_and_disabling_signs_out() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let r = t
        .post(
            "/api/users",
            Some(&admin),
            json!({"username": "bea", "role": "cashier", "pin": "735104"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let bea: Value = r.json().await.unwrap();
    let r = t
        .post(
            "/api/users",
            Some(&admin),
            json!({"username": "bea2", "role": "cashier", "pin": "735104"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "PINs are unique");
    let r = t
        .post(
            "/api/users",
            Some(&admin),
            json!({"username": "x", "role": "customer", "password": "long-enough"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let pair: Value = t
        .post("/api/auth/pin", None, json!({"pin": "735104"}))
        .await
        .json()
        .await
        .unwrap();
    let bea_token = pair["access_token"].as_str().unwrap();
    assert_eq!(
        t.get("/api/orders", Some(bea_token)).await.status(),
        StatusCode::OK
    );

    let path = format!("/api/users/{}", bea["id"].as_str().unwrap());
    let r = t
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"pin": "846205"})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        t.post("/api/auth/pin", None, json!({"pin": "735104"}))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.post("/api/auth/pin", None, json!({"pin": "846205"}))
            .await
            .status(),
        StatusCode::OK
    );
    let r = t
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let acct: Value = r.json().await.unwrap();
    assert_eq!(acct["disabled"], true);
    assert_eq!(
        t.get("/api/orders", Some(bea_token)).await.status(),
        StatusCode::UNAUTHORIZED,
        "signed out at once"
    );
    assert_eq!(
        t.post("/api/auth/pin", None, json!({"pin": "846205"}))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let list: Value = t
        .get("/api/users", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["users"].as_array().unwrap().len(), 5);
    // admins cannot lock themselves out
    let me = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "anna")
        .unwrap()
        .clone();
    let r = t
        .send(
            Method::PATCH,
            &format!("/api/users/{}", me["id"].as_str().unwrap()),
            Some(&admin),
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let cashier = t.login(CASHIER).await;
    assert_eq!(
        t.get("/api/users", Some(&cashier)).await.status(),
        StatusCode::FORBIDDEN
    );
}
