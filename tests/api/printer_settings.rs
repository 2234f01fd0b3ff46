//! The printer's settings (validated, admins only) and a receipt waiting
//! for the printer across a restart.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::printer_support::{decode, place_order, status, FakePrinter};
use tokio::net::TcpListener;

#[tokio::test]
async fn printer_settings_are_validated_and_nothing_is_saved_when_wrong() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let good = json!({"host": "192.168.1.50", "port": 9100, "paper_width_mm": 58,
                      "auto_print": true, "open_drawer_on_cash": false});
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(&admin),
            Some(good.clone()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap(), good);

    let mut bad = Vec::new();
    for (field, value) in [
        ("host", json!("http://192.168.1.50")),
        ("host", json!("192.168.1.50:9100")),
        ("host", json!("the printer")),
        ("port", json!(0)),
        ("port", json!(70000)),
        ("port", json!("9100")),
        ("paper_width_mm", json!(72)),
        ("auto_print", json!("yes")),
    ] {
        let mut body = good.clone();
        body[field] = value;
        bad.push(body);
    }
    let mut unknown = good.clone();
    unknown["ip"] = json!("10.0.0.1");
    bad.push(unknown);
    for body in bad {
        let r = t
            .send(
                Method::PUT,
                "/api/printer/settings",
                Some(&admin),
                Some(body.clone()),
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
        let e = error_of(r).await;
        // An unknown field is a malformed request; a bad value names its field.
        let code = e["code"].as_str().unwrap().to_string();
        assert!(
            code == "invalid_request" || e["params"]["field"].is_string(),
            "{body}: {e}"
        );
    }
    let now: Value = t
        .get("/api/printer/settings", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now, good);

    // Saved in the store: a restarted app reads them back.
    let stored = crema::app::printing::settings(&t.app, &crema::app::Actor::System)
        .await
        .unwrap();
    assert_eq!(stored.host, "192.168.1.50");
    assert_eq!(stored.paper_width_mm, 58);
    let reopened = crema::app::printing::PrinterSettings::from_map(
        &t.app
            .store()
            .read(crema::store::settings::all)
            .await
            .unwrap(),
    );
    assert_eq!(reopened, stored);

    // An empty host turns network printing off.
    let mut off = good.clone();
    off["host"] = json!("  ");
    let r = t
        .send(
            Method::PUT,
            "/api/printer/settings",
            Some(&admin),
            Some(off),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["host"], "");
    assert_eq!(status(&t, &admin).await["configured"], false);
}

#[tokio::test]
async fn only_the_counter_staff_see_the_printer_and_only_admins_set_it_up() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let customer = t.register_customer("cleo@example.com").await;
    let customer = customer["access_token"].as_str().unwrap().to_string();
    let code: Value = t
        .post(
            "/api/devices/pairing-codes",
            Some(&admin),
            json!({"name": "Window tablet"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let kiosk: Value = t
        .post("/api/devices/pair", None, json!({"code": code["code"]}))
        .await
        .json()
        .await
        .unwrap();
    let kiosk = kiosk["access_token"].as_str().unwrap().to_string();
    let settings = json!({"host": "10.0.0.9", "port": 9100, "paper_width_mm": 80,
                          "auto_print": true, "open_drawer_on_cash": true});
    let order = place_order(&t, &cashier).await;
    let receipt = format!("/api/orders/{}/receipt", order["id"].as_str().unwrap());

    let calls: Vec<(Method, &str, Option<Value>)> = vec![
        (Method::GET, "/api/printer", None),
        (Method::GET, "/api/printer/settings", None),
        (Method::PUT, "/api/printer/settings", Some(settings.clone())),
        (Method::POST, "/api/printer/test", Some(json!({}))),
        (Method::POST, "/api/printer/retry", Some(json!({}))),
        (Method::POST, "/api/printer/drawer", Some(json!({}))),
        (Method::POST, &receipt, Some(json!({}))),
    ];
    for (method, path, body) in &calls {
        let r = t.send(method.clone(), path, None, body.clone()).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        assert!(r.headers().contains_key("www-authenticate"));
        for token in [&kitchen, &kiosk, &customer] {
            let r = t
                .send(method.clone(), path, Some(token), body.clone())
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(error_code(r).await, "forbidden");
        }
    }
    // Cashiers see the printer and reprint, but do not set it up.
    for (method, path, body) in &calls[1..4] {
        let r = t
            .send(method.clone(), path, Some(&cashier), body.clone())
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "cashier {method} {path}");
    }
    assert_eq!(
        t.get("/api/printer", Some(&cashier)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        t.post("/api/printer/retry", Some(&cashier), json!({}))
            .await
            .status(),
        StatusCode::ACCEPTED
    );
    // Nothing was changed by the refused calls.
    let s: Value = t
        .get("/api/printer/settings", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["host"], "");
}

#[tokio::test]
async fn a_receipt_waiting_for_the_printer_survives_a_restart() {
    use crema::app::{demo, orders, printing, Actor, App};
    use crema::config::Config;

    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let number = {
        let app = App::open(dir.path(), Config::default()).unwrap();
        demo::load(&app, &Actor::System).await.unwrap();
        let settings = serde_json::from_value(json!({
            "host": "127.0.0.1", "port": port, "paper_width_mm": 80,
            "auto_print": true, "open_drawer_on_cash": true
        }))
        .unwrap();
        printing::update_settings(&app, &Actor::System, settings)
            .await
            .unwrap();
        let menu = crema::app::menu::get(&app).await.unwrap();
        let item = menu
            .view
            .categories
            .iter()
            .flat_map(|c| &c.items)
            .find(|i| i.available && i.modifier_groups.is_empty())
            .unwrap()
            .clone();
        let placed = orders::place(
            &app,
            &Actor::System,
            serde_json::from_value(simple_order(&item.id.to_string(), 2)).unwrap(),
            None,
        )
        .await
        .unwrap()
        .order;
        let paid = orders::pay(
            &app,
            &Actor::System,
            placed.id,
            orders::PaymentRequest {
                method: crema::domain::order::PaymentMethod::Card,
                amount: placed.total,
                tendered: None,
                tip: None,
            },
            None,
        )
        .await
        .unwrap();
        assert!(paid.paid);
        // Kept in the store with the payment, while the printer is off.
        let kept = app.store().read(crema::store::printing::all).await.unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].1, placed.id);
        // And one left over from two days ago, no longer wanted.
        let stale = uuid::Uuid::now_v7();
        let long_ago = chrono::Utc::now() - chrono::Duration::days(2);
        app.store()
            .write(move |c| crema::store::printing::insert(c, stale, placed.id, long_ago))
            .await
            .unwrap();
        app.shutdown();
        placed.number
    };

    // The shop reopens; the printer is back.
    let printer = FakePrinter::on(TcpListener::bind(("127.0.0.1", port)).await.unwrap());
    let app = App::open(dir.path(), Config::default()).unwrap();
    printing::resume(&app).await.unwrap();
    printing::resume(&app).await.unwrap(); // once only
    let jobs = printer.wait_for_jobs(1).await;
    let receipt = decode(&jobs[0]);
    assert!(receipt.text().contains(&format!("Order #{number}")));
    assert!(!receipt.drawer_kick, "no late drawer kick after a restart");

    // Printed: the job is gone from the store, and it printed once.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let kept = app.store().read(crema::store::printing::all).await.unwrap();
        if kept.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the printed job stays kept");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(printer.jobs.lock().unwrap().len(), 1);
    app.shutdown();
}
