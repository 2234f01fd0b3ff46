//! Tables and ordering from them: admins keep tables and their codes; a
//! scanned code gives a guest a session for that table alone; guests order
//! to their table, read only their own orders, and are capped.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn table(t: &TestApp, admin: &str, name: &str) -> Value {
    let r = t
        .post(
            "/api/tables",
            Some(admin),
            json!({"name": name, "area": "Terrace"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

async fn guest(t: &TestApp, code: &str) -> String {
    let r = t
        .post(&format!("/api/tables/{code}/session"), None, json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let s: Value = r.json().await.unwrap();
    s["access_token"].as_str().unwrap().to_string()
}

fn cake_order(cake: &Value, table: Option<&str>) -> Value {
    let mut o = json!({"lines": [{"item_id": cake["id"], "quantity": 1}], "type": "dine_in"});
    if let Some(t) = table {
        o["table"] = json!(t);
    }
    o
}

#[tokio::test]
async fn admins_keep_tables_and_their_codes() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let one = table(&t, &admin, "1").await;
    let code = one["code"].as_str().unwrap();
    assert_eq!(code.len(), 10);
    assert!(code
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
    assert_ne!(table(&t, &admin, "2").await["code"], one["code"]);

    let r = t
        .post("/api/tables", Some(&admin), json!({"name": "1"}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "table_name_taken");
    let r = t
        .post("/api/tables", Some(&admin), json!({"name": "  "}))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .post("/api/tables", Some(&admin), json!({"name": "x".repeat(17)}))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let cashier = t.login(CASHIER).await;
    let r = t
        .post("/api/tables", Some(&cashier), json!({"name": "9"}))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        t.get("/api/tables", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let list: Value = t
        .get("/api/tables", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["tables"].as_array().unwrap().len(), 2);

    // A new code: the old one stops working, and so do its guests' sessions.
    let token = guest(&t, code).await;
    let path = format!("/api/tables/{}", one["id"].as_str().unwrap());
    let r = t
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"new_code": true, "area": "Inside"})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let renewed: Value = r.json().await.unwrap();
    assert_ne!(renewed["code"], one["code"]);
    assert_eq!(renewed["area"], "Inside");
    let r = t
        .post(&format!("/api/tables/{code}/session"), None, json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "unknown_table_code");
    let r = t.get("/api/events", Some(&token)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "invalid_token");

    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_guest_orders_to_their_own_table_and_follows_only_their_orders() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let seven = table(&t, &admin, "7").await;
    let eight = table(&t, &admin, "8").await;
    let cake = t.item("Carrot cake").await;
    for bad in ["nope", "0000000000", "abc/../x"] {
        let r = t
            .post(&format!("/api/tables/{bad}/session"), None, json!({}))
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    let guest7 = guest(&t, seven["code"].as_str().unwrap()).await;
    let other7 = guest(&t, seven["code"].as_str().unwrap()).await;
    let guest8 = guest(&t, eight["code"].as_str().unwrap()).await;

    // Without a key, for another table, for a customer: refused, nothing written.
    let before = t.order_count().await;
    let r = t.place(&guest7, None, cake_order(&cake, None)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = t
        .place(&guest7, Some("k-1"), cake_order(&cake, Some("8")))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let mut with_customer = cake_order(&cake, None);
    with_customer["customer_id"] = json!("0190a000-0000-7000-8000-000000000000");
    let r = t.place(&guest7, Some("k-2"), with_customer).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(t.order_count().await, before);

    // A guest prices their cart before ordering: for their own table only.
    let r = t
        .post("/api/orders/quote", Some(&guest7), cake_order(&cake, None))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let quote: Value = r.json().await.unwrap();
    assert_eq!(quote["total"], cake["price"]);
    let r = t
        .post(
            "/api/orders/quote",
            Some(&guest7),
            cake_order(&cake, Some("8")),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Their own table: eaten in there, whatever the request says.
    let mut takeaway = cake_order(&cake, Some("7"));
    takeaway["type"] = json!("takeaway");
    let r = t.place(&guest7, Some("k-3"), takeaway.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["table"], "7");
    assert_eq!(order["type"], "dine_in");
    assert_eq!(order["channel"], "customer");
    assert_eq!(order["awaiting_accept"], false);
    assert!(order["estimated_ready_at"].is_string());
    // The same key again: the same order.
    let again = t.place(&guest7, Some("k-3"), takeaway).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["id"], order["id"]);

    let path = format!("/api/orders/{}", order["id"].as_str().unwrap());
    assert_eq!(t.get(&path, Some(&guest7)).await.status(), StatusCode::OK);
    for other in [&other7, &guest8] {
        let r = t.get(&path, Some(other)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    // Once paid, the guest rates their own order; nobody else may.
    crate::feedback::pay_card(&t, &t.login(CASHIER).await, &order).await;
    let id = order["id"].as_str().unwrap();
    for other in [&other7, &guest8] {
        let r = crate::feedback::leave(&t, Some(other), id, json!({"rating": 1})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    let r = crate::feedback::leave(&t, Some(&guest7), id, json!({"rating": 5})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(t.table_count("feedback").await, 1);

    // Nothing else of the shop.
    for p in [
        "/api/orders",
        "/api/tables",
        "/api/printer/settings",
        "/api/feedback?status=pending",
    ] {
        let r = t.get(p, Some(&guest7)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{p}");
    }
    let r = t
        .post(
            &format!("{path}/status"),
            Some(&guest7),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The menu and the live stream are theirs to see.
    assert_eq!(
        t.get("/api/menu", Some(&guest7)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn guests_at_a_table_have_a_cap_of_unpaid_orders() {
    let t = spawn_with(|c| c.table_open_orders_max = 2).await;
    let admin = t.login(ADMIN).await;
    let five = table(&t, &admin, "5").await;
    let six = table(&t, &admin, "6").await;
    let cake = t.item("Carrot cake").await;
    let a = guest(&t, five["code"].as_str().unwrap()).await;
    let b = guest(&t, five["code"].as_str().unwrap()).await;
    let mut ids = Vec::new();
    for (token, key) in [(&a, "a-1"), (&b, "b-1")] {
        let r = t.place(token, Some(key), cake_order(&cake, None)).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(r.json::<Value>().await.unwrap()["id"].clone());
    }
    // A third at the same table, from any phone: 429.
    let before = t.order_count().await;
    let r = t.place(&a, Some("a-2"), cake_order(&cake, None)).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let e = error_of(r).await;
    assert_eq!(e["code"], "table_order_limit");
    assert_eq!(e["params"]["max"], 2);
    assert_eq!(t.order_count().await, before);
    // Another table is not affected.
    let c = guest(&t, six["code"].as_str().unwrap()).await;
    let r = t.place(&c, Some("c-1"), cake_order(&cake, None)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Paid at the counter: room again.
    let cashier = t.login(CASHIER).await;
    let r = t
        .post(
            &format!("/api/orders/{}/payments", ids[0].as_str().unwrap()),
            Some(&cashier),
            json!({"method": "card", "amount": eur(420)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{:?}", r.text().await);
    let r = t.place(&a, Some("a-3"), cake_order(&cake, None)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn where_staff_accept_guests_orders_the_kitchen_waits_for_them() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let mut settings: Value = t.get("/api/settings", None).await.json().await.unwrap();
    settings["guest_orders_need_accept"] = json!(true);
    let r = t
        .send(Method::PUT, "/api/settings", Some(&admin), Some(settings))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{:?}", r.text().await);
    let three = table(&t, &admin, "3").await;
    let cake = t.item("Carrot cake").await;
    let g = guest(&t, three["code"].as_str().unwrap()).await;
    let r = t.place(&g, Some("w-1"), cake_order(&cake, None)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["awaiting_accept"], true);
    assert_eq!(order["estimated_ready_at"], Value::Null);
    let accept = format!("/api/orders/{}/accept", order["id"].as_str().unwrap());
    let kitchen = t.login(KITCHEN).await;
    // Until staff accept it, the kitchen can neither start it nor bump it.
    let id = order["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/orders/{id}/status"),
            Some(&kitchen),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "order_not_accepted");
    let r = t
        .post(
            &format!("/api/orders/{id}/lines/0/bump"),
            Some(&kitchen),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "order_not_accepted");
    assert_eq!(
        t.post(&accept, Some(&kitchen), json!({})).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.post(&accept, Some(&g), json!({})).await.status(),
        StatusCode::FORBIDDEN
    );
    let cashier = t.login(CASHIER).await;
    let r = t.post(&accept, Some(&cashier), json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let accepted: Value = r.json().await.unwrap();
    assert_eq!(accepted["awaiting_accept"], false);
    assert!(accepted["estimated_ready_at"].is_string());
    let r = t.post(&accept, Some(&cashier), json!({})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "not_awaiting_accept");
}

#[tokio::test]
async fn a_guest_follows_their_own_order_live_and_no_one_elses() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let five = table(&t, &admin, "5").await;
    let code = five["code"].as_str().unwrap();
    let (guest5, other5) = (guest(&t, code).await, guest(&t, code).await);
    let cake = t.item("Carrot cake").await;
    let r = t.get("/api/events", Some(&guest5)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut feed = crate::events::SseReader::new(r);
    let mut others = crate::events::SseReader::new(t.get("/api/events", Some(&other5)).await);

    let order: Value = t
        .place(&guest5, Some("g-1"), cake_order(&cake, None))
        .await
        .json()
        .await
        .unwrap();
    let id = order["id"].as_str().unwrap();
    let (name, data) = feed.next().await;
    assert_eq!(
        (name.as_str(), &data["id"]),
        ("order.created", &order["id"])
    );
    // The kitchen starts it and makes it: the guest hears each move (and
    // any refined ready time), about their order only.
    let kitchen = t.login(KITCHEN).await;
    for status in ["in_progress", "ready"] {
        let path = format!("/api/orders/{id}/status");
        let r = t
            .post(&path, Some(&kitchen), json!({ "status": status }))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        loop {
            let (name, data) = feed.next().await;
            assert!(name == "order.updated" || name == "order.eta", "{name}");
            assert_eq!(data["id"], order["id"]);
            if name == "order.updated" {
                assert_eq!(data["status"], status);
                break;
            }
        }
    }
    // The other phone at the table heard none of it: its next event is the
    // menu change, which everyone hears.
    let r = t
        .send(
            Method::PATCH,
            &format!("/api/items/{}", cake["id"].as_str().unwrap()),
            Some(&admin),
            Some(json!({"available": false})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(others.next().await.0, "menu.updated");
}
