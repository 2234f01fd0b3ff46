//! Coupons limited to some customers (once each, first orders, regulars)
//! and coupon batches with random codes, exported as CSV.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::loyalty::{cakes_for, kinds, new_customer, place_ok, set_loyalty};

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
