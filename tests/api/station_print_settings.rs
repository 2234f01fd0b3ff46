//! The stations' printers: who may set them, what is refused, their test
//! page, and a ticket waiting for its printer across a restart.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::helpers::*;
use crate::printer_support::{decode, FakePrinter};
use crate::station_print::set_station;

async fn put(t: &TestApp, token: &str, station: &str, body: Value) -> reqwest::Response {
    t.send(
        Method::PUT,
        &format!("/api/printer/stations/{station}"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn admins_set_station_printers_and_others_may_not() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;

    // The stations are those of the categories, none with a printer yet.
    let r = t.get("/api/printer/stations", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let list: Value = r.json().await.unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["station"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bar", "kitchen"]);
    assert_eq!(list[0]["routed"], true);
    assert_eq!(list[0]["printer"]["host"], "");
    assert_eq!(list[0]["status"]["configured"], false);

    let good = json!({"host": "10.0.0.7", "port": 9100, "paper_width_mm": 58});
    for who in [&cashier, &kitchen] {
        let r = put(&t, who, "bar", good.clone()).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            t.get("/api/printer/stations", Some(who)).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        t.get("/api/printer/stations", None).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Refused: a bad address, port or width (400), a station no category
    // is routed to (404), an unknown field (400).
    for (body, field) in [
        (json!({"host": "http://10.0.0.7"}), "printer_host"),
        (json!({"host": "10.0.0.7:9100"}), "printer_host"),
        (json!({"host": "10.0.0.7", "port": 0}), "printer_port"),
        (
            json!({"host": "10.0.0.7", "paper_width_mm": 60}),
            "paper_width",
        ),
    ] {
        let r = put(&t, &admin, "bar", body.clone()).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
        let e = error_of(r).await;
        assert_eq!(e["params"]["field"], field, "{e}");
    }
    let r = put(&t, &admin, "bar", json!({"host": "p", "colour": "red"})).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = put(&t, &admin, "pastry", good.clone()).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Nothing was written.
    let list: Value = t
        .get("/api/printer/stations", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["printer"]["host"] == ""));

    // Saved, trimmed, and shown to the admin; the status to staff.
    let r = put(
        &t,
        &admin,
        "bar",
        json!({"host": " 10.0.0.7 ", "port": 9101, "paper_width_mm": 58}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let view: Value = r.json().await.unwrap();
    assert_eq!(
        view["printer"],
        json!({"host": "10.0.0.7", "port": 9101, "paper_width_mm": 58})
    );
    assert_eq!(view["status"]["configured"], true);
    assert_eq!(view["status"]["online"], Value::Null);
    for who in [&admin, &cashier, &kitchen] {
        let r = t.get("/api/printer/stations/status", Some(who)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let s: Value = r.json().await.unwrap();
        assert_eq!(s.as_array().unwrap().len(), 1);
        assert_eq!(s[0]["station"], "bar");
    }
}

#[tokio::test]
async fn a_station_test_page_goes_to_its_printer_only() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let cashier = t.login(CASHIER).await;
    let r = t
        .post("/api/printer/stations/bar/test", Some(&admin), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "printer_not_configured");
    let r = t
        .post(
            "/api/printer/stations/nowhere/test",
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let bar = FakePrinter::start().await;
    set_station(&t, &admin, "bar", bar.port).await;
    let r = t
        .post("/api/printer/stations/bar/test", Some(&cashier), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = t
        .post("/api/printer/stations/bar/test", Some(&admin), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["kind"], "test");
    let page = decode(&bar.wait_for_jobs(1).await[0]);
    assert!(page.text().contains("PRINTER TEST PAGE"), "{}", page.text());
    // The receipt printer is not set up and got nothing.
    let s: Value = t
        .get("/api/printer", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["configured"], false);
    assert_eq!(s["pending"], json!([]));
}

#[tokio::test]
async fn a_station_ticket_waiting_for_its_printer_survives_a_restart() {
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
        let printer = serde_json::from_value(
            json!({"host": "127.0.0.1", "port": port, "paper_width_mm": 80}),
        )
        .unwrap();
        printing::stations::update(&app, &Actor::System, "bar", printer)
            .await
            .unwrap();
        let menu = crema::app::menu::get(&app).await.unwrap();
        let tea = menu
            .view
            .categories
            .iter()
            .flat_map(|c| &c.items)
            .find(|i| i.name == "Green tea")
            .unwrap()
            .clone();
        let placed = orders::place(
            &app,
            &Actor::System,
            serde_json::from_value(simple_order(&tea.id.to_string(), 3)).unwrap(),
            None,
        )
        .await
        .unwrap()
        .order;
        // Kept in the store with the order, while the printer is off (and
        // this app never started its printing).
        let kept = app
            .store()
            .read(crema::store::printing::station_jobs)
            .await
            .unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!((kept[0].1, kept[0].2.as_str()), (placed.id, "bar"));
        app.shutdown();
        placed.number
    };

    // The shop reopens; the printer is back.
    let printer = FakePrinter::on(TcpListener::bind(("127.0.0.1", port)).await.unwrap());
    let app = App::open(dir.path(), Config::default()).unwrap();
    printing::resume(&app).await.unwrap();
    let jobs = printer.wait_for_jobs(1).await;
    let ticket = decode(&jobs[0]);
    assert!(
        ticket.text().contains(&format!("#{number}")),
        "{}",
        ticket.text()
    );
    assert!(ticket.lines.iter().any(|l| l == "3 x Green tea"));

    // Printed: gone from the store, printed once.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let kept = app
            .store()
            .read(crema::store::printing::station_jobs)
            .await
            .unwrap();
        if kept.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the printed ticket stayed kept");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(printer.jobs.lock().unwrap().len(), 1);
    app.shutdown();
}
