//! The library of modifier groups refuses what it must: a group in use is
//! not deleted (the items are named), only an admin may use it, and bad
//! groups and attachments get their codes with nothing written.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::modifier_library::{attached, create, option, own_size, plant_milk, put_groups};

#[tokio::test]
async fn a_library_group_in_use_is_not_deleted_and_the_items_are_named() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let group = attached(&t, &admin).await;
    let path = format!("/api/modifier-groups/{}", group["id"].as_str().unwrap());
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let e = error_of(r).await;
    assert_eq!(e["code"], "modifier_group_in_use");
    assert_eq!(e["params"]["group"], "Plant milk");
    assert_eq!(e["params"]["items"], "Filter coffee, Green tea");
    assert_eq!(e["params"]["count"], 2);
    assert_eq!(
        t.item("Green tea").await["modifier_groups"][0]["id"],
        group["id"]
    );

    // Deleting an item takes its attachment with it.
    let tea = t.item("Green tea").await;
    let r = t
        .send(
            Method::DELETE,
            &format!("/api/items/{}", tea["id"].as_str().unwrap()),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = put_groups(&t, &admin, "Filter coffee", json!([own_size()])).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_an_admin_may_use_the_library() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let group = create(&t, &admin, plant_milk()).await;
    let path = format!("/api/modifier-groups/{}", group["id"].as_str().unwrap());
    let r = t.get("/api/modifier-groups", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    for who in [CASHIER, KITCHEN] {
        let token = t.login(who).await;
        for (method, path, body) in [
            (Method::GET, "/api/modifier-groups", None),
            (Method::POST, "/api/modifier-groups", Some(plant_milk())),
            (Method::PUT, path.as_str(), Some(plant_milk())),
            (Method::DELETE, path.as_str(), None),
        ] {
            let r = t.send(method.clone(), path, Some(&token), body).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(error_code(r).await, "forbidden");
        }
    }
    let list: Value = t
        .get("/api/modifier-groups", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["modifier_groups"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_library_groups_and_attachments_are_refused_with_their_codes() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let group = create(&t, &admin, plant_milk()).await;
    let gid = group["id"].as_str().unwrap();
    let unknown = "01900000-0000-7000-8000-000000000abc";

    // 404: no such group to change or delete.
    let r = t
        .send(
            Method::PUT,
            &format!("/api/modifier-groups/{unknown}"),
            Some(&admin),
            Some(plant_milk()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = t
        .send(
            Method::DELETE,
            &format!("/api/modifier-groups/{unknown}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Bounds, options and names are checked as for an item's own groups.
    let mut bad = plant_milk();
    bad["min"] = json!(2);
    let e = error_of(t.post("/api/modifier-groups", Some(&admin), bad).await).await;
    assert_eq!(e["code"], "out_of_range");
    assert_eq!(e["params"]["field"], "modifier_min");
    let mut bad = plant_milk();
    bad["options"] = json!([]);
    let e = error_of(t.post("/api/modifier-groups", Some(&admin), bad).await).await;
    assert_eq!(e["code"], "out_of_range");
    assert_eq!(e["params"]["field"], "modifier_options");
    let mut bad = plant_milk();
    bad["name"] = json!("  ");
    let e = error_of(t.post("/api/modifier-groups", Some(&admin), bad).await).await;
    assert_eq!(e["code"], "required");
    let mut bad = plant_milk();
    bad["options"][0]["price_delta"] = json!({"amount": 40, "currency": "USD"});
    let e = error_of(t.post("/api/modifier-groups", Some(&admin), bad).await).await;
    assert_eq!(e["code"], "wrong_currency");
    let mut bad = plant_milk();
    bad["colour"] = json!("green");
    let r = t.post("/api/modifier-groups", Some(&admin), bad).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(r).await, "invalid_request");

    // 422: keeping an option that is not the group's.
    let latte = t.item("Latte").await;
    let mut bad = plant_milk();
    bad["options"][0]["id"] = json!(option_id(&latte, "Milk", "Oat milk"));
    let r = t
        .send(
            Method::PUT,
            &format!("/api/modifier-groups/{gid}"),
            Some(&admin),
            Some(bad),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error_of(r).await;
    assert_eq!(e["code"], "unknown_modifier_option");
    // An option kept twice.
    let oat = option(&group, "Oat");
    let mut bad = plant_milk();
    bad["options"][0]["id"] = oat["id"].clone();
    bad["options"][1]["id"] = oat["id"].clone();
    let r = t
        .send(
            Method::PUT,
            &format!("/api/modifier-groups/{gid}"),
            Some(&admin),
            Some(bad),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e = error_of(r).await;
    assert_eq!(e["code"], "duplicate_value");
    assert_eq!(e["params"]["field"], "modifier_option");

    // 422: attaching a group that does not exist; 400: the same one twice.
    let r = put_groups(
        &t,
        &admin,
        "Green tea",
        json!([{"library_group_id": unknown}]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error_of(r).await;
    assert_eq!(e["code"], "unknown_modifier_group");
    assert_eq!(e["params"]["group_id"], unknown);
    let lib = json!({"library_group_id": gid});
    let r = put_groups(&t, &admin, "Green tea", json!([lib, lib])).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e = error_of(r).await;
    assert_eq!(e["code"], "duplicate_value");
    assert_eq!(e["params"]["field"], "library_group");
    let r = put_groups(
        &t,
        &admin,
        "Green tea",
        json!([{"library_group_id": gid, "name": "x"}]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Nothing of the refused requests was written.
    assert_eq!(t.item("Green tea").await["modifier_groups"], json!([]));
    let list: Value = t
        .get("/api/modifier-groups", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["modifier_groups"][0]["options"], group["options"]);
}
