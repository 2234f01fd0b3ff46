//! Regulars rewarded: tiers by lifetime spend, points earned, taken back and
//! redeemed, coupons limited to some customers, and coupon batches.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// Sets the shop's loyalty programme (and `regular_after_visits`).
async fn set_loyalty(t: &TestApp, admin: &str, loyalty: Value, regular_after: u32) {
    let mut s: Value = t.get("/api/settings", None).await.json().await.unwrap();
    s["loyalty"] = loyalty;
    s["regular_after_visits"] = json!(regular_after);
    let r = t
        .send(reqwest::Method::PUT, "/api/settings", Some(admin), Some(s))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{:?}", r.text().await);
}

/// 5 % from €10 spent, 10 % from €50; 1 point per euro, 100 points = €1.
fn programme() -> Value {
    json!({"tiers": [{"min_spend": 1000, "basis_points": 500}, {"min_spend": 5000, "basis_points": 1000}],
           "points_per_unit": 1, "points_for_unit": 100})
}

async fn new_customer(t: &TestApp, cashier: &str, name: &str) -> String {
    let r = t
        .post("/api/customers", Some(cashier), json!({"name": name}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let c: Value = r.json().await.unwrap();
    c["id"].as_str().unwrap().to_string()
}

/// `n` carrot cakes (4.20 each) for `customer`, with extra fields.
async fn cakes_for(t: &TestApp, customer: Option<&str>, n: i64, extra: Value) -> Value {
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

async fn pay(t: &TestApp, token: &str, order: &Value) -> Value {
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

async fn place_ok(t: &TestApp, token: &str, body: Value) -> Value {
    let r = t.place(token, None, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

async fn loyalty_of(t: &TestApp, token: &str, customer: &str) -> Value {
    let r = t
        .get(&format!("/api/customers/{customer}/loyalty"), Some(token))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

fn kinds(o: &Value) -> Vec<String> {
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

async fn add_coupon(t: &TestApp, admin: &str, code: &str, limit: &str) {
    let r = t
        .post(
            "/api/coupons",
            Some(admin),
            json!({"code": code, "kind": "percent", "value": 1000, limit: true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let c: Value = r.json().await.unwrap();
    assert_eq!(c[limit], true);
}

#[tokio::test]
async fn limited_coupons_are_refused_with_their_codes() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    set_loyalty(&t, &admin, json!({}), 2).await;
    add_coupon(&t, &admin, "ONCE", "once_per_customer").await;
    add_coupon(&t, &admin, "FIRST", "first_order_only").await;
    add_coupon(&t, &admin, "REGULAR", "regulars_only").await;
    let cleo = new_customer(&t, &cashier, "Cleo").await;
    let with = |code: &str| json!({"coupon_code": code});

    // A first order may use FIRST and ONCE; REGULAR needs 2 visits.
    let refuse = |body: Value, code: &'static str| {
        let t = &t;
        let cashier = cashier.clone();
        async move {
            let before = t.order_count().await;
            let r = t
                .post("/api/orders/quote", Some(&cashier), body.clone())
                .await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(error_code(r).await, code);
            let r = t.place(&cashier, None, body).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(error_code(r).await, code);
            assert_eq!(t.order_count().await, before, "nothing written");
        }
    };
    refuse(
        cakes_for(&t, Some(&cleo), 1, with("REGULAR")).await,
        "coupon_regulars_only",
    )
    .await;
    for code in ["ONCE", "FIRST", "REGULAR"] {
        refuse(
            cakes_for(&t, None, 1, with(code)).await,
            "customer_required",
        )
        .await;
    }
    let o = place_ok(
        &t,
        &cashier,
        cakes_for(&t, Some(&cleo), 1, with("FIRST")).await,
    )
    .await;
    assert_eq!(kinds(&o), ["coupon"]);
    refuse(
        cakes_for(&t, Some(&cleo), 1, with("FIRST")).await,
        "coupon_first_order_only",
    )
    .await;
    place_ok(
        &t,
        &cashier,
        cakes_for(&t, Some(&cleo), 1, with("ONCE")).await,
    )
    .await;
    refuse(
        cakes_for(&t, Some(&cleo), 1, with("ONCE")).await,
        "coupon_already_used",
    )
    .await;
    // Two visits now: a regular.
    let o = place_ok(
        &t,
        &cashier,
        cakes_for(&t, Some(&cleo), 1, with("REGULAR")).await,
    )
    .await;
    assert_eq!(o["coupon_code"], "REGULAR");
    // Unlimited coupons still work for anyone.
    place_ok(
        &t,
        &cashier,
        cakes_for(&t, None, 1, with("WELCOME10")).await,
    )
    .await;
}

#[tokio::test]
async fn a_batch_of_random_coupons_is_made_at_once_and_exported_as_csv() {
    let t = spawn_app().await;
    let (admin, cashier) = (t.login(ADMIN).await, t.login(CASHIER).await);
    let body = json!({"prefix": "sum", "count": 5, "kind": "fixed", "value": 100, "first_order_only": true});
    assert_eq!(
        t.post("/api/coupons/batch", None, body.clone())
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.post("/api/coupons/batch", Some(&cashier), body.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let before = t.table_count("coupons").await;
    for (bad, code) in [
        (
            json!({"count": 0, "kind": "fixed", "value": 100}),
            "out_of_range",
        ),
        (
            json!({"count": 1001, "kind": "fixed", "value": 100}),
            "out_of_range",
        ),
        (
            json!({"count": 2, "prefix": "no-dash", "kind": "fixed", "value": 100}),
            "invalid_value",
        ),
        (
            json!({"count": 2, "kind": "percent", "value": 0}),
            "out_of_range",
        ),
    ] {
        let r = t.post("/api/coupons/batch", Some(&admin), bad).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_code(r).await, code);
    }
    assert_eq!(t.table_count("coupons").await, before, "nothing written");
    assert_eq!(t.table_count("coupon_batches").await, 0);

    let r = t.post("/api/coupons/batch", Some(&admin), body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let b: Value = r.json().await.unwrap();
    let codes: Vec<String> = b["coupons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 5);
    for c in &codes {
        assert!(c.starts_with("SUM-") && c.len() == 16, "{c}");
        assert!(!c[4..].contains(['0', 'O', '1', 'I']), "{c}");
    }
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5);
    assert_eq!(b["coupons"][0]["usage_limit"], 1);
    assert_eq!(b["coupons"][0]["first_order_only"], true);

    let id = b["id"].as_str().unwrap();
    let r = t
        .client
        .get(t.url(&format!("/api/coupons/batch/{id}")))
        .bearer_auth(&admin)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with("code,kind,value"));
    assert!(codes.iter().all(|c| csv.contains(c.as_str())));
    let json: Value = t
        .get(&format!("/api/coupons/batch/{id}"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["coupons"].as_array().unwrap().len(), 5);
    let r = t
        .get(
            &format!("/api/coupons/batch/{}", uuid::Uuid::nil()),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        t.get(&format!("/api/coupons/batch/{id}"), Some(&cashier))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // A batch coupon works once, for a first order.
    let cleo = new_customer(&t, &cashier, "Cleo").await;
    let o = place_ok(
        &t,
        &cashier,
        cakes_for(&t, Some(&cleo), 1, json!({"coupon_code": codes[0]})).await,
    )
    .await;
    assert_eq!(o["discount"], eur(100));
    let dan = new_customer(&t, &cashier, "Dan").await;
    let r = t
        .place(
            &cashier,
            None,
            cakes_for(&t, Some(&dan), 1, json!({"coupon_code": codes[0]})).await,
        )
        .await;
    assert_eq!(error_of(r).await["params"]["reason"], "used_up");
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
