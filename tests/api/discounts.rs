//! Manual discounts at the till: a percentage or an amount with a reason,
//! after any coupon; a cashier's above the shop's limit needs an admin's
//! approval; only staff give them; every one is in the audit log.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// Two carrot cakes (8.40) with `discount` as the manual discount.
async fn cakes_with(t: &TestApp, discount: Value) -> Value {
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), 2);
    body["manual_discount"] = discount;
    body
}

/// The newest `discount_given` entry of the audit log (asked as `admin`).
async fn last_discount_given(t: &TestApp, admin: &str) -> Value {
    let log: Value = t.get("/api/audit", Some(admin)).await.json().await.unwrap();
    log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "discount_given")
        .expect("the discount is in the audit log")
        .clone()
}

#[tokio::test]
async fn a_cashier_takes_ten_percent_off_with_a_reason_and_it_is_recorded() {
    let t = spawn_app().await; // the demo café: 10 % included tax, cashiers up to 10 %
    let cashier = t.login(CASHIER).await;
    let body = cakes_with(&t, json!({"basis_points": 1000, "reason": " Staff meal "})).await;
    let quote: Value = t
        .post("/api/orders/quote", Some(&cashier), body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(quote["discount"], eur(84));
    assert_eq!(quote["approval_needed"], false);

    let r = t.place(&cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["subtotal"], eur(840));
    assert_eq!(o["discount"], eur(84));
    assert_eq!(o["total"], eur(756));
    assert_eq!(
        o["tax"],
        eur(69),
        "tax on the discounted total: 7.56 * 10/110"
    );
    assert_eq!(
        o["discounts"],
        json!([{"kind": "manual", "code": null, "amount": eur(84), "reason": "Staff meal"}])
    );
    // Read back from the store, the same.
    let id = o["id"].as_str().unwrap();
    let back: Value = t
        .get(&format!("/api/orders/{id}"), Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back["discounts"], o["discounts"]);
    assert_eq!(back["total"], eur(756));

    let admin = t.login(ADMIN).await;
    let given = last_discount_given(&t, &admin).await;
    assert_eq!(given["actor_name"], CASHIER.0);
    assert_eq!(given["subject"], o["number"].to_string());
    assert_eq!(given["detail"]["amount"], eur(84));
    assert_eq!(given["detail"]["reason"], "Staff meal");
    assert_eq!(given["detail"]["approved_by"], Value::Null);
}

#[tokio::test]
async fn the_manual_discount_applies_to_what_the_coupon_left() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let mut body = cakes_with(&t, json!({"basis_points": 500, "reason": "Regular"})).await;
    body["coupon_code"] = json!("WELCOME10");
    let r = t.place(&cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    // 8.40 − 0.84 (coupon) = 7.56; 5 % of that is 0.378 → 0.38.
    assert_eq!(o["discount"], eur(84 + 38));
    assert_eq!(o["total"], eur(840 - 122));
    assert_eq!(o["discounts"][0]["kind"], "coupon");
    assert_eq!(o["discounts"][0]["amount"], eur(84));
    assert_eq!(o["discounts"][1]["kind"], "manual");
    assert_eq!(o["discounts"][1]["amount"], eur(38));

    // An amount larger than what is left is refused, naming the most.
    let mut body = cakes_with(&t, json!({"amount": eur(800), "reason": "x"})).await;
    body["coupon_code"] = json!("WELCOME10");
    let r = t.place(&cashier, None, body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error_of(r).await;
    assert_eq!(e["code"], "discount_exceeds_subtotal");
    assert_eq!(e["params"]["max"], eur(756));
}

#[tokio::test]
async fn a_cashier_discount_above_the_limit_needs_an_admin_approval() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let half = |approval: Value| json!({"basis_points": 5000, "reason": "Complaint", "approval": approval});
    let before = t.order_count().await;

    // The quote says so before anything is placed.
    let q: Value = t
        .post(
            "/api/orders/quote",
            Some(&cashier),
            cakes_with(&t, half(Value::Null)).await,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(q["approval_needed"], true);
    assert_eq!(q["discount"], eur(420));

    let r = t
        .place(&cashier, None, cakes_with(&t, half(Value::Null)).await)
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let e = error_of(r).await;
    assert_eq!(e["code"], "discount_approval_required");
    assert_eq!(e["params"]["limit"], 1000);

    let (user, pw) = CASHIER;
    let own = half(json!({"username": user, "password": pw}));
    let r = t.place(&cashier, None, cakes_with(&t, own).await).await;
    assert_eq!(
        error_code(r).await,
        "discount_approval_required",
        "a cashier cannot approve"
    );
    let (admin, admin_pw) = ADMIN;
    let wrong = half(json!({"username": admin, "password": "wrong"}));
    let r = t
        .post(
            "/api/orders/quote",
            Some(&cashier),
            cakes_with(&t, wrong).await,
        )
        .await;
    assert_eq!(
        error_code(r).await,
        "discount_approval_required",
        "a quote with a wrong approval says so at once"
    );
    assert_eq!(t.order_count().await, before, "nothing was placed");

    let approved = half(json!({"username": admin, "password": admin_pw}));
    let r = t
        .place(&cashier, Some("half-1"), cakes_with(&t, approved).await)
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["total"], eur(420));
    // The same request again (its answer was lost) is the same order, not a
    // second discount.
    let approved = half(json!({"username": admin, "password": admin_pw}));
    let again = t
        .place(&cashier, Some("half-1"), cakes_with(&t, approved).await)
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], o["id"]);
    assert_eq!(t.order_count().await, before + 1);

    let admin_token = t.login(ADMIN).await;
    let given = last_discount_given(&t, &admin_token).await;
    assert_eq!(
        given["detail"]["approved_by"],
        json!(t.user_id(&admin_token, admin).await)
    );

    // An admin gives any discount without asking anyone: all of it.
    let all = json!({"basis_points": 10000, "reason": "Broken cup"});
    let r = t.place(&admin_token, None, cakes_with(&t, all).await).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["total"], eur(0));
    assert_eq!(o["paid"], true);
}

#[tokio::test]
async fn the_limit_is_a_setting_and_only_staff_give_discounts() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let mut settings: Value = t
        .get("/api/settings", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(settings["cashier_discount_limit"], 1000);
    settings["cashier_discount_limit"] = json!(10_001);
    let r = t
        .send(
            reqwest::Method::PUT,
            "/api/settings",
            Some(&admin),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e = error_of(r).await;
    assert_eq!(e["code"], "out_of_range");
    assert_eq!(e["params"]["field"], "discount_limit");
    settings["cashier_discount_limit"] = json!(0);
    let r = t
        .send(
            reqwest::Method::PUT,
            "/api/settings",
            Some(&admin),
            Some(settings),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let cashier = t.login(CASHIER).await;
    let small = json!({"amount": eur(10), "reason": "Regular"});
    let r = t.place(&cashier, None, cakes_with(&t, small).await).await;
    assert_eq!(
        error_code(r).await,
        "discount_approval_required",
        "a 0 limit: every discount is approved"
    );

    // Bad discounts, each with its code.
    let bad = [
        (
            json!({"basis_points": 1000, "amount": eur(10), "reason": "x"}),
            "invalid_value",
            "discount",
        ),
        (json!({"reason": "x"}), "invalid_value", "discount"),
        (
            json!({"basis_points": 0, "reason": "x"}),
            "out_of_range",
            "percentage",
        ),
        (
            json!({"amount": eur(0), "reason": "x"}),
            "amount_not_positive",
            "discount",
        ),
        (
            json!({"basis_points": 1000, "reason": "  "}),
            "required",
            "reason",
        ),
    ];
    for (discount, code, field) in bad {
        let r = t
            .place(&admin, None, cakes_with(&t, discount.clone()).await)
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{discount}");
        let e = error_of(r).await;
        assert_eq!(
            (e["code"].as_str(), e["params"]["field"].as_str()),
            (Some(code), Some(field)),
            "{discount}"
        );
    }

    // A customer cannot discount their own order.
    let customer = t.register_customer("cleo@example.com").await;
    let token = customer["access_token"].as_str().unwrap();
    let own = json!({"basis_points": 10000, "reason": "free"});
    let r = t.place(token, Some("c-1"), cakes_with(&t, own).await).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "forbidden");
}
