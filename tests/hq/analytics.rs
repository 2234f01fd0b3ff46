//! The owners' reports by day, item and payment method (and the days as
//! CSV), against sales made through two real shops: a tip, a refund, a
//! cancelled order, one item sold in both.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

use crate::on_both;
use crate::sales::{sale, sell, Expected, Sale};
use crate::shop::Sold;
use crate::support::{add_owner, add_shop, error_code, Backend, Server, TestDb};

on_both!(reports_by_day_item_and_method_hold_exactly_what_two_shops_sold);

fn money(v: &Value) -> (i64, &str) {
    (
        v["amount"].as_i64().unwrap(),
        v["currency"].as_str().unwrap(),
    )
}

async fn get(server: &Server, token: &str, path: &str) -> Value {
    let r = server.get(token, path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.json().await.unwrap()
}

/// `a / b` rounded half away from zero (both positive here).
fn average(a: i64, b: i64) -> i64 {
    if b == 0 {
        0
    } else {
        (2 * a + b) / (2 * b)
    }
}

async fn reports_by_day_item_and_method_hold_exactly_what_two_shops_sold(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    // A name a spreadsheet would read as a formula, with a comma and a quote.
    let (code_n, code_s) = (add_shop(&db, "Nord"), add_shop(&db, "=Süd, \"Markt\""));
    add_shop(&db, "Quiet");
    let server = Server::start(&db, &[], &[]);
    let (cred_n, cred_s) = (server.enrol(&code_n).await, server.enrol(&code_s).await);

    let (mut exp_n, mut exp_s) = (Expected::default(), Expected::default());
    let nord = sell(
        &[
            Sale {
                refund: 100,
                ..sale(0, 2, "card", 50)
            },
            sale(1, 1, "cash", 0),
            Sale {
                cancel: true,
                ..sale(0, 4, "card", 0)
            },
        ],
        &mut exp_n,
    )
    .await;
    let sud = sell(
        &[sale(0, 3, "card", 120), sale(2, 1, "card", 0)],
        &mut exp_s,
    )
    .await;
    for (cred, events) in [(&cred_n, &nord), (&cred_s, &sud)] {
        let r = server.push(cred, &Sold::batch(events), true).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let token = server.token().await;
    let days: Vec<NaiveDate> = exp_n
        .days
        .keys()
        .chain(exp_s.days.keys())
        .copied()
        .collect();
    let (from, to) = (days.iter().min().unwrap(), days.iter().max().unwrap());
    let range = format!("from={from}&to={to}");

    // By shop and day.
    let daily = get(&server, &token, &format!("/api/hq/reports/daily?{range}")).await;
    let rows = daily["days"].as_array().unwrap();
    let mut seen = 0;
    for (name, exp) in [("Nord", &exp_n), ("=Süd, \"Markt\"", &exp_s)] {
        for (day, (orders, revenue, refunds, tips)) in &exp.days {
            let row = rows
                .iter()
                .find(|r| r["name"] == name && r["date"] == day.to_string())
                .unwrap_or_else(|| panic!("{name} {day}: {daily}"));
            seen += 1;
            assert_eq!(row["orders"], *orders, "{row}");
            assert_eq!(money(&row["revenue"]), (*revenue, "EUR"), "{row}");
            assert_eq!(
                money(&row["average_ticket"]).0,
                average(*revenue, *orders),
                "{row}"
            );
            assert_eq!(money(&row["refunds"]).0, *refunds, "{row}");
            assert_eq!(money(&row["tips"]).0, *tips, "{row}");
            assert!(row["shop_id"].as_str().unwrap().parse::<Uuid>().is_ok());
        }
    }
    // Only those: the quiet shop and the cancelled order add nothing.
    assert_eq!(rows.len(), seen, "{daily}");
    let total = |k: usize| -> i64 {
        rows.iter()
            .map(|r| match k {
                0 => r["orders"].as_i64().unwrap(),
                1 => money(&r["refunds"]).0,
                _ => money(&r["tips"]).0,
            })
            .sum()
    };
    assert_eq!((total(0), total(1), total(2)), (4, 100, 170));

    // One shop's days only.
    let sud_id = rows.iter().find(|r| r["name"] != "Nord").unwrap()["shop_id"]
        .as_str()
        .unwrap()
        .to_string();
    let one = get(
        &server,
        &token,
        &format!("/api/hq/reports/daily?{range}&shop_id={sud_id}"),
    )
    .await;
    assert!(one["days"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["shop_id"] == sud_id.as_str()));
    assert_eq!(one["days"].as_array().unwrap().len(), exp_s.days.len());

    // Items across shops: the one both sold adds up; the cancelled four do not.
    let mut items: BTreeMap<String, (i64, i64)> = exp_n.items.clone();
    for (name, (q, r)) in &exp_s.items {
        let e = items.entry(name.clone()).or_default();
        e.0 += q;
        e.1 += r;
    }
    let mut want: Vec<(String, i64, i64)> =
        items.into_iter().map(|(n, (q, r))| (n, q, r)).collect();
    want.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    assert_eq!(want[0].1, 5, "2 in Nord and 3 in Süd: {want:?}");
    let got = get(&server, &token, &format!("/api/hq/reports/items?{range}")).await;
    let got: Vec<(String, i64, i64)> = got["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["revenue"]["currency"], "EUR");
            (
                i["name"].as_str().unwrap().to_string(),
                i["quantity"].as_i64().unwrap(),
                money(&i["revenue"]).0,
            )
        })
        .collect();
    assert_eq!(got, want);
    let top = get(
        &server,
        &token,
        &format!("/api/hq/reports/items?{range}&limit=1"),
    )
    .await;
    assert_eq!(top["items"].as_array().unwrap().len(), 1);
    assert_eq!(top["items"][0]["name"], want[0].0.as_str());

    // Payment methods: card three times (two tips), cash once.
    let methods = get(
        &server,
        &token,
        &format!("/api/hq/reports/payments?{range}"),
    )
    .await;
    let mut want: BTreeMap<String, (i64, i64, i64)> = exp_n.methods.clone();
    for (m, (n, a, t)) in &exp_s.methods {
        let e = want.entry(m.clone()).or_default();
        (e.0, e.1, e.2) = (e.0 + n, e.1 + a, e.2 + t);
    }
    let got: BTreeMap<String, (i64, i64, i64)> = methods["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let key = m["method"].as_str().unwrap().to_string();
            (
                key,
                (
                    m["payments"].as_i64().unwrap(),
                    money(&m["amount"]).0,
                    money(&m["tips"]).0,
                ),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!((got["card"].0, got["card"].2, got["cash"].0), (3, 170, 1));
    let amounts: Vec<i64> = methods["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| money(&m["amount"]).0)
        .collect();
    assert!(
        amounts.windows(2).all(|w| w[0] >= w[1]),
        "largest first: {amounts:?}"
    );

    // The days as CSV: the same figures, the shop's name quoted and defused.
    let r = server
        .get(&token, &format!("/api/hq/reports/daily.csv?{range}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"crema-hq-daily-{from}-{to}.csv\"")
    );
    let csv = r.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("date,shop_id,shop,orders,revenue,average_ticket,refunds,tips,currency")
    );
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), rows.len());
    for (line, row) in body.iter().zip(rows) {
        let dec = |v: &Value| format!("{:.2}", money(v).0 as f64 / 100.0);
        let name = if row["name"] == "Nord" {
            "Nord".to_string()
        } else {
            "\"'=Süd, \"\"Markt\"\"\"".to_string()
        };
        let want = [
            row["date"].as_str().unwrap().to_string(),
            row["shop_id"].as_str().unwrap().to_string(),
            name,
            row["orders"].to_string(),
            dec(&row["revenue"]),
            dec(&row["average_ticket"]),
            dec(&row["refunds"]),
            dec(&row["tips"]),
            "EUR".to_string(),
        ]
        .join(",");
        assert_eq!(*line, want);
    }

    // Orders received before the lines table existed get their lines from
    // the stored orders when it is made: the same best sellers.
    let before = get(
        &server,
        &token,
        &format!("/api/hq/reports/items?{range}&limit=100"),
    )
    .await;
    drop(server);
    db.execute("DROP TABLE hq_order_lines").await;
    db.execute("DELETE FROM _sqlx_migrations WHERE version = 3")
        .await;
    let server = Server::start(&db, &[], &[]);
    let token = server.token().await;
    let after = get(
        &server,
        &token,
        &format!("/api/hq/reports/items?{range}&limit=100"),
    )
    .await;
    assert_eq!(after["items"], before["items"]);
    assert_eq!(after["items"].as_array().unwrap().len(), 3);

    // Bad asks answer as the summary's do.
    let day = from.to_string();
    for bad in [
        format!("/api/hq/reports/daily?from={to}&to=2000-01-01"),
        format!("/api/hq/reports/daily?from={day}"),
        format!("/api/hq/reports/daily?from={day}&to={day}&shop_id=nope"),
        format!("/api/hq/reports/daily.csv?from={day}&to={day}&colour=blue"),
        format!("/api/hq/reports/items?from={day}&to={day}&limit=0"),
        format!("/api/hq/reports/items?from={day}&to={day}&limit=101"),
        format!("/api/hq/reports/items?from={day}&to={day}&limit=ten"),
        format!("/api/hq/reports/payments?from={day}&to={day}&shop_id={sud_id}"),
    ] {
        let r = server.get(&token, &bad).await;
        assert_eq!(
            error_code(r, StatusCode::BAD_REQUEST).await,
            "invalid_request",
            "{bad}"
        );
    }
    for path in ["daily", "daily.csv", "items", "payments"] {
        let r = server
            .http
            .get(server.url(&format!("/api/hq/reports/{path}?from={day}&to={day}")))
            .send()
            .await
            .unwrap();
        assert_eq!(
            error_code(r, StatusCode::UNAUTHORIZED).await,
            "unauthorized",
            "{path}"
        );
    }
}
