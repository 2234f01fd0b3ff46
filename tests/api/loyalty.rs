//! Regulars rewarded: tiers by lifetime spend, points earned, taken back and
//! redeemed, coupons limited to some customers, and coupon batches.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// Sets the shop's loyalty programme (and `regular_after_visits`).
pub(crate) async fn set_loyalty(t: &TestApp, admin: &str, loyalty: Value, regular_after: u32) {
    let mut s: Value = t.get("/api/settings", None).await.json().await.unwrap();
    s["loyalty"] = loyalty;
    s["regular_after_visits"] = json!(regular_after);
    let r = t
        .send(reqwest::Method::PUT, "/api/settings", Some(admin), Some(s))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{:?}", r.text().await);
}

/// 5 % from €10 spent, 10 % from €50; 1 point per euro, 100 points = €1.
pub(crate) fn programme() -> Value {
    json!({"tiers": [{"min_spend": 1000, "basis_points": 500}, {"min_spend": 5000, "basis_points": 1000}],
           "points_per_unit": 1, "points_for_unit": 100})
}

pub(crate) async fn new_customer(t: &TestApp, cashier: &str, name: &str) -> String {
    let r = t
        .post("/api/customers", Some(cashier), json!({"name": name}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let c: Value = r.json().await.unwrap();
    c["id"].as_str().unwrap().to_string()
}

/// `n` carrot cakes (4.20 each) for `customer`, with extra fields.
pub(crate) async fn cakes_for(t: &TestApp, customer: Option<&str>, n: i64, extra: Value) -> Value {
    let cake = t.item("Carrot cake").await;
    let mut body = simple_order(cake["id"].as_str().unwrap(), n);
    if let Some(c) = customer {
        body["customer_id"] = json!(c);
    }
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

pub(crate) async fn pay(t: &TestApp, token: &str, order: &Value) -> Value {
    let id = order["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/payments"),
            Some(token),
            json!({"method": "card", "amount": order["total"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

pub(crate) async fn place_ok(t: &TestApp, token: &str, body: Value) -> Value {
    let r = t.place(token, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

pub(crate) async fn loyalty_of(t: &TestApp, token: &str, customer: &str) -> Value {
    let r = t
        .get(&format!("/api/customers/{customer}/loyalty"), Some(token))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

pub(crate) fn kinds(o: &Value) -> Vec<String> {
    o["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_customer_reaches_a_tier_by_spending_and_gets_its_discount_line() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    set_loyalty(&t, &admin, programme(), 5).await;
    let cleo = new_customer(&t, &cashier, "Cleo").await;

    // Nothing spent yet: no tier, no loyalty line.
    let q: Value = t
        .post(
            "/api/orders/quote",
            Some(&cashier),
            cakes_for(&t, Some(&cleo), 2, json!({})).await,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(q["discounts"], json!([]));
    assert_eq!(q["loyalty_tier"], Value::Null);

    // 3 cakes paid: 12.60 spent, the 5 % tier.
    let first = place_ok(&t, &cashier, cakes_for(&t, Some(&cleo), 3, json!({})).await).await;
    pay(&t, &cashier, &first).await;
    let l = loyalty_of(&t, &cashier, &cleo).await;
    assert_eq!(l["lifetime_spend"], eur(1260));
    assert_eq!(l["tier"]["basis_points"], 500);
    assert_eq!(l["next_tier"]["min_spend"], 5000);

    let body = cakes_for(&t, Some(&cleo), 2, json!({})).await;
    let q: Value = t
        .post("/api/orders/quote", Some(&cashier), body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        q["discounts"],
        json!([{"kind": "loyalty", "code": null, "amount": eur(42)}])
    );
    assert_eq!(q["loyalty_tier"]["basis_points"], 500);
    assert_eq!(q["total"], eur(798));

    let o = place_ok(&t, &cashier, body).await;
    assert_eq!(o["discount"], eur(42));
    assert_eq!(o["total"], eur(798));
    assert_eq!(
        o["tax"],
        eur(73),
        "tax on the discounted total: 7.98 * 10/110"
    );
    let id = o["id"].as_str().unwrap();
    let back: Value = t
        .get(&format!("/api/orders/{id}"), Some(&cashier))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back["discounts"], o["discounts"], "read back the same");

    // Anonymous orders get nothing.
    let anon = place_ok(&t, &cashier, cakes_for(&t, None, 2, json!({})).await).await;
    assert_eq!(anon["discount"], eur(0));
    assert_eq!(anon["discounts"], json!([]));

    // A refund lowers the lifetime spend.
    let r = t
        .post(
            &format!("/api/orders/{}/refunds", first["id"].as_str().unwrap()),
            Some(&admin),
            json!({"amount": eur(500), "method": "card", "reason": "cold"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let l = loyalty_of(&t, &cashier, &cleo).await;
    assert_eq!(l["lifetime_spend"], eur(760));
    assert_eq!(l["tier"], Value::Null);
}

#[tokio::test]
async fn the_coupon_comes_first_then_the_tier_then_staff() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    set_loyalty(&t, &admin, programme(), 5).await;
    let cleo = new_customer(&t, &cashier, "Cleo").await;
    let o = place_ok(&t, &cashier, cakes_for(&t, Some(&cleo), 3, json!({})).await).await;
    pay(&t, &cashier, &o).await;
    // 8.40: WELCOME10 −0.84 → 7.56; 5 % −0.38 → 7.18; staff 10 % −0.72 → 6.46.
    let body = cakes_for(
        &t,
        Some(&cleo),
        2,
        json!({"coupon_code": "welcome10", "manual_discount": {"basis_points": 1000, "reason": "Regular"}}),
    )
    .await;
    let o = place_ok(&t, &cashier, body).await;
    assert_eq!(kinds(&o), ["coupon", "loyalty", "manual"]);
    let amounts: Vec<&Value> = o["discounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["amount"])
        .collect();
    assert_eq!(amounts, [&eur(84), &eur(38), &eur(72)]);
    assert_eq!(o["discount"], eur(194));
    assert_eq!(o["total"], eur(646));
}

#[tokio::test]
async fn points_are_earned_on_payment_taken_back_by_refunds_and_redeemed() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    set_loyalty(&t, &admin, programme(), 5).await;
    let cleo = new_customer(&t, &cashier, "Cleo").await;

    let o = place_ok(&t, &cashier, cakes_for(&t, Some(&cleo), 3, json!({})).await).await;
    assert_eq!(
        loyalty_of(&t, &cashier, &cleo).await["points"],
        0,
        "not before it is paid"
    );
    pay(&t, &cashier, &o).await;
    let l = loyalty_of(&t, &cashier, &cleo).await;
    assert_eq!(l["points"], 12, "1 point per whole euro of 12.60");
    assert_eq!(l["points_value"], eur(12));

    // Refund 5.00: 7.60 kept earns 7, so 5 go back.
    let id = o["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/refunds"),
            Some(&admin),
            json!({"amount": eur(500), "method": "card", "reason": "cold"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(loyalty_of(&t, &cashier, &cleo).await["points"], 7);

    // Redeem 5 points: 0.05 off, after the tier (none: 7.60 spent).
    let body = cakes_for(&t, Some(&cleo), 1, json!({"redeem_points": 5})).await;
    let q: Value = t
        .post("/api/orders/quote", Some(&cashier), body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        q["discounts"],
        json!([{"kind": "points", "code": null, "amount": eur(5)}])
    );
    assert_eq!(
        loyalty_of(&t, &cashier, &cleo).await["points"],
        7,
        "a quote spends nothing"
    );
    let r2 = place_ok(&t, &cashier, body).await;
    assert_eq!(r2["total"], eur(415));
    assert_eq!(loyalty_of(&t, &cashier, &cleo).await["points"], 2);

    // Cancelling that order gives them back.
    let r = t
        .post(
            &format!("/api/orders/{}/status", r2["id"].as_str().unwrap()),
            Some(&admin),
            json!({"status": "cancelled", "reason": "changed mind"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(loyalty_of(&t, &cashier, &cleo).await["points"], 7);

    // Refusals, with nothing written.
    let (orders, ledger) = (t.order_count().await, t.table_count("points_ledger").await);
    for (body, code) in [
        (
            cakes_for(&t, Some(&cleo), 1, json!({"redeem_points": 8})).await,
            "points_insufficient",
        ),
        (
            cakes_for(&t, None, 1, json!({"redeem_points": 1})).await,
            "customer_required",
        ),
        (
            cakes_for(&t, Some(&cleo), 1, json!({"redeem_points": 500})).await,
            "points_insufficient",
        ),
    ] {
        let r = t.place(&cashier, None, body.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_code(r).await, code);
        let r = t.post("/api/orders/quote", Some(&cashier), body).await;
        assert_eq!(error_code(r).await, code);
    }
    assert_eq!(t.order_count().await, orders);
    assert_eq!(t.table_count("points_ledger").await, ledger);

    // Points worth more than the order is left to pay are refused.
    set_loyalty(
        &t,
        &admin,
        json!({"points_per_unit": 1, "points_for_unit": 1}),
        5,
    )
    .await;
    let r = t
        .place(
            &cashier,
            None,
            cakes_for(&t, Some(&cleo), 1, json!({"redeem_points": 5})).await,
        )
        .await;
    assert_eq!(error_code(r).await, "discount_exceeds_subtotal");
    // A shop without points refuses them.
    set_loyalty(&t, &admin, json!({"tiers": []}), 5).await;
    let r = t
        .place(
            &cashier,
            None,
            cakes_for(&t, Some(&cleo), 1, json!({"redeem_points": 1})).await,
        )
        .await;
    assert_eq!(error_code(r).await, "points_off");
    assert_eq!(t.table_count("points_ledger").await, ledger);
}

#[tokio::test]
async fn tiers_are_validated_and_loyalty_is_read_by_whom_it_belongs_to() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    let mut s: Value = t.get("/api/settings", None).await.json().await.unwrap();
    for (loyalty, code) in [
        (
            json!({"tiers": [{"min_spend": 5000, "basis_points": 500}, {"min_spend": 1000, "basis_points": 1000}]}),
            "invalid_value",
        ),
        (
            json!({"tiers": [{"min_spend": 1000, "basis_points": 0}]}),
            "out_of_range",
        ),
        (
            json!({"tiers": [{"min_spend": 1000, "basis_points": 10001}]}),
            "out_of_range",
        ),
        (
            json!({"tiers": (1..=6).map(|i| json!({"min_spend": i * 100, "basis_points": 100})).collect::<Vec<_>>()}),
            "out_of_range",
        ),
        (json!({"points_per_unit": 1001}), "out_of_range"),
    ] {
        s["loyalty"] = loyalty;
        let r = t
            .send(
                reqwest::Method::PUT,
                "/api/settings",
                Some(&admin),
                Some(s.clone()),
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_code(r).await, code);
    }
    let now: Value = t.get("/api/settings", None).await.json().await.unwrap();
    assert_eq!(
        now["loyalty"],
        json!({"tiers": [], "points_per_unit": 0, "points_for_unit": 0})
    );

    // A customer's own account; staff read anyone's; nobody else.
    let pair = t.register_customer("cleo@example.com").await;
    let token = pair["access_token"].as_str().unwrap();
    let r = t.get("/api/customers/me/loyalty", Some(token)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mine: Value = r.json().await.unwrap();
    assert_eq!(mine["points"], 0);
    assert_eq!(mine["lifetime_spend"], eur(0));
    let id = mine["customer_id"].as_str().unwrap();
    assert_eq!(
        t.get("/api/customers/me/loyalty", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.get("/api/customers/me/loyalty", Some(&cashier))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.get(&format!("/api/customers/{id}/loyalty"), Some(token))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.get(&format!("/api/customers/{id}/loyalty"), Some(&cashier))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        t.get(
            &format!("/api/customers/{}/loyalty", uuid::Uuid::nil()),
            Some(&admin)
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_customer_ordering_for_themselves_gets_their_tier() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    set_loyalty(&t, &admin, programme(), 5).await;
    let pair = t.register_customer("dora@example.com").await;
    let token = pair["access_token"].as_str().unwrap().to_string();
    let me: Value = t
        .get("/api/customers/me/loyalty", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let id = me["customer_id"].as_str().unwrap().to_string();
    // Staff seed their spend: 12.60 paid.
    let o = place_ok(&t, &cashier, cakes_for(&t, Some(&id), 3, json!({})).await).await;
    pay(&t, &cashier, &o).await;
    let body = cakes_for(&t, None, 2, json!({})).await;
    let q: Value = t
        .post("/api/orders/quote", Some(&token), body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kinds(&q), ["loyalty"]);
    let r = t.place(&token, Some("dora-1"), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let o: Value = r.json().await.unwrap();
    assert_eq!(o["discounts"][0]["amount"], eur(42));
    // Not for someone else.
    let other = new_customer(&t, &cashier, "Eve").await;
    let r = t
        .post(
            "/api/orders/quote",
            Some(&token),
            cakes_for(&t, Some(&other), 1, json!({})).await,
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
