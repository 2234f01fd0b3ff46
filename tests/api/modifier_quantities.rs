//! An option taken more than once (a double extra shot): every repetition
//! counts towards its group's min and max, is priced, stored and listed
//! once per unit on the order's line.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// A takeaway latte (regular, whole milk) with `extra` more option ids.
fn latte_with(latte: &Value, extra: &[String]) -> Value {
    let mut ids = vec![
        option_id(latte, "Size", "Regular"),
        option_id(latte, "Milk", "Whole milk"),
    ];
    ids.extend_from_slice(extra);
    json!({"lines": [{"item_id": latte["id"], "quantity": 2, "modifier_option_ids": ids}], "type": "takeaway"})
}

fn names(line: &Value) -> Vec<&str> {
    line["modifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_extra_shot_taken_twice_is_priced_stored_and_listed_twice() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let latte = t.item("Latte").await;
    let shot = option_id(&latte, "Extra shot", "Extra shot");
    let body = latte_with(&latte, &[shot.clone(), shot.clone()]);

    let quote: Value = t
        .post("/api/orders/quote", Some(&token), body.clone())
        .await
        .json()
        .await
        .unwrap();
    // (3.80 + 2 × 0.60) × 2
    assert_eq!(quote["lines"][0]["line_total"], eur(1000), "{quote}");
    assert_eq!(quote["subtotal"], eur(1000));

    let r = t.place(&token, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    let line = &order["lines"][0];
    assert_eq!(line["line_total"], eur(1000));
    assert_eq!(
        names(line),
        ["Regular", "Whole milk", "Extra shot", "Extra shot"]
    );
    // A client summing the deltas of `modifiers` gets the unit price right.
    let deltas: i64 = line["modifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["price_delta"]["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(
        (line["unit_price"]["amount"].as_i64().unwrap() + deltas) * 2,
        1000
    );

    // Read back (the board's list and the order itself) as it was sold.
    let id = order["id"].as_str().unwrap();
    let again: Value = t
        .get(&format!("/api/orders/{id}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["lines"], order["lines"]);
    let kitchen = t.login(KITCHEN).await;
    let board: Value = t
        .get("/api/orders?status=placed", Some(&kitchen))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        board["orders"][0]["lines"][0]["modifiers"],
        line["modifiers"]
    );
}

#[tokio::test]
async fn taking_options_beyond_the_groups_max_is_refused_however_they_repeat() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let latte = t.item("Latte").await;
    let shot = option_id(&latte, "Extra shot", "Extra shot");
    let decaf = option_id(&latte, "Extra shot", "Decaf shot");
    for extra in [
        vec![shot.clone(), shot.clone(), shot.clone()],
        vec![shot.clone(), decaf.clone(), shot.clone()],
    ] {
        let r = t.place(&token, None, latte_with(&latte, &extra)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let e = error_of(r).await;
        assert_eq!(e["code"], "invalid_modifiers");
        assert_eq!(e["params"]["reason"], "max");
        assert_eq!(e["params"]["group"], "Extra shot");
        assert_eq!(e["params"]["max"], 2);
    }
    // Two different shots are two as well, and fit.
    let r = t
        .place(&token, None, latte_with(&latte, &[shot, decaf]))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(t.order_count().await, 1);
}

#[tokio::test]
async fn an_option_of_a_single_choice_group_cannot_be_taken_twice() {
    let t = spawn_app().await;
    let token = t.login(CASHIER).await;
    let latte = t.item("Latte").await;
    let oat = option_id(&latte, "Milk", "Oat milk");
    let body = json!({"lines": [{"item_id": latte["id"], "quantity": 1, "modifier_option_ids": [
        option_id(&latte, "Size", "Regular"), oat, oat]}], "type": "takeaway"});
    let r = t.place(&token, None, body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error_of(r).await;
    assert_eq!(e["code"], "invalid_modifiers");
    assert_eq!(e["params"]["reason"], "twice");
    assert_eq!(e["params"]["item"], "Latte");
    assert_eq!(e["params"]["group"], "Milk");
    assert_eq!(e["params"]["max"], 1);
    assert_eq!(t.order_count().await, 0);
}
