//! The owners' reports against what the shops sent.

use reqwest::StatusCode;
use serde_json::Value;

use crate::on_both;
use crate::shop::{sell, Sold};
use crate::support::{add_owner, add_shop, error_code, Backend, Server, TestDb};

on_both!(summary_and_orders_hold_exactly_what_the_shops_sold);

async fn summary_and_orders_hold_exactly_what_the_shops_sold(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let (code_n, code_s, code_x) = (
        add_shop(&db, "Nord"),
        add_shop(&db, "Süd"),
        add_shop(&db, "Quiet"),
    );
    let server = Server::start(&db, &[], &[]);
    let (nord, sud) = (server.enrol(&code_n).await, server.enrol(&code_s).await);
    server.enrol(&code_x).await;
    let (sold_n, sold_s) = (sell(12).await, sell(25).await);
    for (cred, sold) in [(&nord, &sold_n), (&sud, &sold_s)] {
        let r = server.push(cred, &Sold::batch(&sold.events), true).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let token = server.token().await;
    let today = chrono::Utc::now().date_naive();
    let day = today.to_string();

    let s = server.summary(&token, &day, &day).await;
    assert_eq!(s["orders"], sold_n.orders + sold_s.orders);
    assert_eq!(s["revenue"]["amount"], sold_n.revenue + sold_s.revenue);
    assert_eq!(s["refunds"]["amount"], sold_n.refunds + sold_s.refunds);
    assert_eq!(s["revenue"]["currency"], "EUR");
    let shops = s["shops"].as_array().unwrap();
    assert_eq!(shops.len(), 3);
    for (name, sold) in [("Nord", &sold_n), ("Süd", &sold_s)] {
        let shop = shops.iter().find(|x| x["name"] == name).unwrap();
        assert_eq!(shop["orders"], sold.orders);
        assert_eq!(shop["revenue"]["amount"], sold.revenue);
        assert_eq!(shop["refunds"]["amount"], sold.refunds);
        assert!(shop["shop_id"].is_string());
    }
    let quiet = shops.iter().find(|x| x["name"] == "Quiet").unwrap();
    assert_eq!(quiet["orders"], 0);

    // Another day holds nothing.
    let yesterday = (today - chrono::Days::new(1)).to_string();
    let s = server.summary(&token, &yesterday, &yesterday).await;
    assert_eq!(s["orders"], 0);
    assert_eq!(s["revenue"]["amount"], 0);

    let all: Value = server
        .get(&token, &format!("/api/hq/orders?from={day}&to={day}"))
        .await
        .json()
        .await
        .unwrap();
    let all = all["orders"].as_array().unwrap();
    assert_eq!(all.len(), sold_n.finals.len() + sold_s.finals.len());
    let paid = all
        .iter()
        .filter(|o| !o["payments"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(paid, sold_n.payments + sold_s.payments);
    let refunded: i64 = all
        .iter()
        .flat_map(|o| o["refunds"].as_array().unwrap())
        .map(|r| r["amount"]["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(refunded, sold_n.refunds + sold_s.refunds);
    for o in all {
        assert!(o["shop_id"].is_string() && o["id"].is_string() && o["number"].is_i64());
        assert_eq!(o["business_date"], day.as_str());
        assert!(o["lines"].as_array().is_some_and(|l| !l.is_empty()));
    }

    // A shop selling in another currency: no totals across shops.
    let usd = add_shop(&db, "Boston");
    let boston = server.enrol(&usd).await;
    let sold_b = sell(2).await;
    let batch: Value = serde_json::from_str(
        &Sold::batch(&sold_b.events)
            .to_string()
            .replace("\"EUR\"", "\"USD\""),
    )
    .unwrap();
    assert_eq!(
        server.push(&boston, &batch, false).await.status(),
        StatusCode::OK
    );
    let s = server.summary(&token, &day, &day).await;
    assert!(s["revenue"].is_null() && s["refunds"].is_null(), "{s}");
    let b_shop = s["shops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Boston")
        .unwrap()
        .clone();
    assert_eq!(b_shop["revenue"]["currency"], "USD");
    assert_eq!(b_shop["revenue"]["amount"], sold_b.revenue);

    for bad in [
        format!("/api/hq/reports/summary?from={day}&to={yesterday}"),
        format!("/api/hq/reports/summary?from={day}"),
        "/api/hq/reports/summary?from=monday&to=friday".to_string(),
        format!("/api/hq/orders?from={day}&to={day}&shop_id=nope"),
        format!("/api/hq/orders?from={day}&to={day}&colour=blue"),
    ] {
        let r = server.get(&token, &bad).await;
        assert_eq!(
            error_code(r, StatusCode::BAD_REQUEST).await,
            "invalid_request",
            "{bad}"
        );
    }
    let r = server
        .http
        .get(server.url(&format!("/api/hq/orders?from={day}&to={day}")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "unauthorized"
    );
}
