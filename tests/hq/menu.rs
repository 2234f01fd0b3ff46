//! Menu roll-out through the real pusher: an owner starts the master menu
//! from one shop's menu, changes it and publishes; the shop online applies
//! it on its next sync, the shop offline when it returns; local items and
//! sold-out toggles survive; head office shows who runs which version.

use std::time::{Duration, Instant};

use crema::app::menu::{self, ItemInput, ItemPatch, MenuView};
use crema::app::Actor;
use crema::sync::{enrol, pusher};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::on_both;
use crate::proxy::Proxy;
use crate::shop::LiveShop;
use crate::support::{add_owner, add_shop, error_code, Backend, Server, TestDb};

on_both!(a_published_menu_reaches_every_shop_and_leaves_what_is_local);

async fn view(shop: &LiveShop) -> MenuView {
    menu::get(&shop.app).await.expect("menu").view.clone()
}

/// The shop's menu once it holds `name`: a shop records the version it runs
/// in the roll-out's transaction and drops its cached menu just after, so
/// a read between the two still sees the old menu (at most 5 s).
async fn view_with(shop: &LiveShop, name: &str) -> MenuView {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let m = view(shop).await;
        if item(&m, name).is_some() || Instant::now() >= deadline {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn item<'a>(m: &'a MenuView, name: &str) -> Option<&'a menu::ItemView> {
    m.categories
        .iter()
        .flat_map(|c| &c.items)
        .find(|i| i.name == name)
}

/// Waits until `shop` runs head office's menu `version` (at most `secs`).
async fn runs(shop: &LiveShop, version: i64, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let status = crema::app::sync::status(&shop.app, &Actor::System)
            .await
            .expect("status");
        if status.menu_version == Some(version) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the shop does not run version {version} after {secs} s: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `GET /api/hq/menu/versions` once every shop named runs its version (at
/// most 20 s).
async fn versions_until(hq: &Server, token: &str, want: &[(&str, Value)]) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let r = hq.get(token, "/api/hq/menu/versions").await;
        let v: Value = r.json().await.expect("versions");
        let runs = |name: &str| {
            v["shops"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["name"] == name)
                .unwrap()["menu_version"]
                .clone()
        };
        if want.iter().all(|(name, version)| runs(name) == *version) {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "head office does not show {want:?}: {v}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn put_draft(hq: &Server, token: &str, menu: &Value) -> reqwest::Response {
    send(
        hq,
        token,
        reqwest::Method::PUT,
        "/api/hq/menu",
        Some(json!({ "menu": menu })),
    )
    .await
}

async fn publish(hq: &Server, token: &str) -> reqwest::Response {
    send(
        hq,
        token,
        reqwest::Method::POST,
        "/api/hq/menu/publish",
        None,
    )
    .await
}

async fn send(
    hq: &Server,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut r = hq.http.request(method, hq.url(path)).bearer_auth(token);
    if let Some(b) = body {
        r = r.json(&b);
    }
    r.send().await.expect("request")
}

async fn a_published_menu_reaches_every_shop_and_leaves_what_is_local(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let codes = [add_shop(&db, "Nord"), add_shop(&db, "Süd")];
    let hq = Server::start(&db, &[], &[]);
    let token = hq.token().await;
    // Süd reaches head office through a proxy the test can unplug.
    let proxy = Proxy::start(Some(&hq.base)).await;
    let nord = LiveShop::open(1).await;
    let sud = LiveShop::open(1).await;
    enrol::enrol(nord.dir.path(), &hq.base, &codes[0])
        .await
        .expect("enrol");
    enrol::enrol(sud.dir.path(), &proxy.url, &codes[1])
        .await
        .expect("enrol");

    // Each shop has an item of its own; Süd has sold out of one item.
    let before = view(&nord).await;
    for (shop, name) in [(&nord, "Nord's bun"), (&sud, "Süd's cake")] {
        let coffee = view(shop).await.categories[0].id;
        let input: ItemInput = serde_json::from_value(json!({
            "category_id": coffee, "name": name, "local": true,
            "price": {"amount": 250, "currency": shop.currency.to_string()},
        }))
        .expect("item input");
        menu::create_item(&shop.app, &Actor::System, input)
            .await
            .expect("local item");
    }
    let sold_out = before.categories[0].items[0].name.clone();
    let sold_out_id = before.categories[0].items[0].id;
    // The demo café has its own ids in each shop: Süd's differ from Nord's.
    let sud_before = view(&sud).await;
    let sud_sold_out = item(&sud_before, &sold_out).expect("same demo").id;
    menu::update_item(
        &sud.app,
        &Actor::System,
        sud_sold_out,
        ItemPatch {
            available: Some(false),
            ..ItemPatch::default()
        },
    )
    .await
    .expect("sold out");
    pusher::start(&nord.app);
    pusher::start(&sud.app);

    // Nothing to import before a shop has sent its menu; nothing to publish.
    let r = publish(&hq, &token).await;
    assert_eq!(
        error_code(r, StatusCode::CONFLICT).await,
        "nothing_to_publish"
    );
    let unknown = json!({"shop_id": uuid::Uuid::now_v7()});
    let r = send(
        &hq,
        &token,
        reqwest::Method::POST,
        "/api/hq/menu/import",
        Some(unknown),
    )
    .await;
    assert_eq!(error_code(r, StatusCode::NOT_FOUND).await, "not_found");

    // The owner starts from Nord's menu once Nord has sent it.
    let shops: Value = hq
        .get(&token, "/api/hq/shops")
        .await
        .json()
        .await
        .expect("shops");
    let nord_id = shops["shops"]
        .as_array()
        .expect("shops")
        .iter()
        .find(|s| s["name"] == "Nord")
        .expect("Nord")["id"]
        .clone();
    let deadline = Instant::now() + Duration::from_secs(20);
    let state: Value = loop {
        let r = send(
            &hq,
            &token,
            reqwest::Method::POST,
            "/api/hq/menu/import",
            Some(json!({"shop_id": nord_id})),
        )
        .await;
        if r.status() == StatusCode::OK {
            break r.json().await.expect("menu state");
        }
        assert_eq!(error_code(r, StatusCode::CONFLICT).await, "no_shop_menu");
        assert!(Instant::now() < deadline, "Nord never sent its menu");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(state["draft_source"]["name"], "Nord");
    assert_eq!(state["unpublished_changes"], true);
    assert!(state["published"].is_null());
    let mut draft = state["draft"].clone();
    let names: Vec<String> = draft["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        !names.contains(&"Nord's bun".to_string()),
        "a local item went to head office"
    );
    assert_eq!(
        names.len(),
        before
            .categories
            .iter()
            .map(|c| c.items.len())
            .sum::<usize>()
    );

    // The owner raises one price, drops one item, adds a category.
    let raised = draft["categories"][0]["items"][0].clone();
    assert_eq!(raised["name"].as_str(), Some(sold_out.as_str()));
    let new_price = raised["price"]["amount"].as_i64().unwrap() + 30;
    draft["categories"][0]["items"][0]["price"]["amount"] = json!(new_price);
    let dropped = draft["categories"][0]["items"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    let currency = draft["currency"].clone();
    draft["categories"].as_array_mut().unwrap().push(json!({
        "id": uuid::Uuid::now_v7(), "name": "Seasonal", "sort_order": 99,
        "items": [{"id": uuid::Uuid::now_v7(), "name": "Pumpkin latte", "tax_class": "standard",
                   "price": {"amount": 520, "currency": currency}}],
    }));
    let mut bad = draft.clone();
    bad["categories"][0]["items"][0]["price"]["amount"] = json!(-5);
    let r = put_draft(&hq, &token, &bad).await;
    assert_eq!(
        error_code(r, StatusCode::UNPROCESSABLE_ENTITY).await,
        "invalid_menu"
    );
    let r = put_draft(&hq, &token, &draft).await;
    assert_eq!(r.status(), StatusCode::OK);

    // Süd is offline when the owner publishes.
    proxy.point_at(None);
    let r = publish(&hq, &token).await;
    assert_eq!(r.status(), StatusCode::OK);
    let published: Value = r.json().await.expect("published");
    assert_eq!(published["version"], 1);
    let r = publish(&hq, &token).await;
    assert_eq!(
        error_code(r, StatusCode::CONFLICT).await,
        "nothing_to_publish"
    );

    runs(&nord, 1, 20).await;
    let m = view(&nord).await;
    assert_eq!(item(&m, &sold_out).expect("raised").price.amount, new_price);
    assert!(
        item(&m, dropped["name"].as_str().unwrap()).is_none(),
        "the dropped item is gone"
    );
    assert_eq!(
        item(&m, "Pumpkin latte").expect("new item").price.amount,
        520
    );
    assert!(
        item(&m, "Nord's bun").is_some_and(|i| i.local),
        "the local item stays"
    );
    assert!(m.categories.iter().any(|c| c.name == "Seasonal"));
    // Nord's `menu_applied` event reaches head office; Süd is offline.
    let v = versions_until(&hq, &token, &[("Nord", json!(1)), ("Süd", Value::Null)]).await;
    assert_eq!(v["versions"][0]["version"], 1);
    assert_eq!(
        view(&sud).await.categories.len(),
        sud_before.categories.len(),
        "Süd is untouched while offline"
    );

    // Süd comes back and catches up; its sold-out toggle and local item stay.
    proxy.point_at(Some(&hq.base));
    runs(&sud, 1, 40).await;
    let m = view(&sud).await;
    let raised = item(&m, &sold_out).expect("raised");
    assert_eq!(raised.price.amount, new_price);
    assert!(
        !raised.available,
        "Süd's sold-out toggle survives its first roll-out"
    );
    assert_eq!(raised.id, sold_out_id, "the master's ids reach every shop");
    assert!(item(&view(&nord).await, &sold_out).is_some_and(|i| i.available));
    assert!(item(&m, "Süd's cake").is_some_and(|i| i.local && i.available));
    assert_eq!(
        item(&m, "Pumpkin latte").expect("new item").price.amount,
        520
    );
    assert!(item(&m, dropped["name"].as_str().unwrap()).is_none());
    // The next version renames the item: the toggle stays with its id.
    let mut again = draft.clone();
    again["categories"][0]["items"][0]["name"] = json!(format!("{sold_out} (new)"));
    let r = put_draft(&hq, &token, &again).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = publish(&hq, &token).await;
    assert_eq!(r.status(), StatusCode::OK);
    runs(&sud, 2, 20).await;
    runs(&nord, 2, 20).await;
    let m = view_with(&sud, &format!("{sold_out} (new)")).await;
    let renamed = item(&m, &format!("{sold_out} (new)")).expect("renamed");
    assert!(
        !renamed.available,
        "the sold-out toggle survives the roll-out"
    );
    let n = view_with(&nord, &format!("{sold_out} (new)")).await;
    assert!(item(&n, &format!("{sold_out} (new)")).is_some_and(|i| i.available));
    assert!(item(&m, "Süd's cake").is_some());

    // Head office shows both on version 2.
    let v = versions_until(&hq, &token, &[("Nord", json!(2)), ("Süd", json!(2))]).await;
    assert_eq!(v["versions"].as_array().unwrap().len(), 2);
    nord.close().await;
    sud.close().await;
}

/// A shop selling in another currency refuses the menu, says why in its
/// sync status, and its sales still reach head office.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_menu_in_another_currency_is_refused_and_sales_still_flow() {
    let db = TestDb::new(Backend::Postgres).await;
    add_owner(&db);
    let code = add_shop(&db, "Zürich");
    let hq = Server::start(&db, &[], &[]);
    let token = hq.token().await;
    let mut shop = LiveShop::open(1).await;
    let chf = crema::domain::Currency::parse("CHF").expect("CHF");
    let settings = crema::app::settings::ShopSettings {
        currency: chf,
        ..(*shop.app.settings()).clone()
    };
    crema::app::settings::update(&shop.app, &Actor::System, settings)
        .await
        .expect("CHF");
    shop.currency = chf;
    enrol::enrol(shop.dir.path(), &hq.base, &code)
        .await
        .expect("enrol");
    let draft = json!({"currency": "EUR", "categories": [{
        "id": uuid::Uuid::now_v7(), "name": "Coffee", "items": [{
            "id": uuid::Uuid::now_v7(), "name": "Roll-out espresso", "tax_class": "standard",
            "price": {"amount": 250, "currency": "EUR"}}]}]});
    let r = put_draft(&hq, &token, &draft).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = publish(&hq, &token).await;
    assert_eq!(r.status(), StatusCode::OK);
    let before = view(&shop).await;
    pusher::start(&shop.app);
    let tally = shop.sell(5).await;

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = crema::app::sync::status(&shop.app, &Actor::System)
            .await
            .expect("status");
        if status.pending == 0
            && status
                .last_error
                .as_deref()
                .is_some_and(|e| e.contains("version 1") && e.contains("CHF"))
        {
            assert_eq!(status.menu_version, None);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the refusal is not in the status, or sales wait: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let after = view(&shop).await;
    assert_eq!(after.categories.len(), before.categories.len());
    assert!(
        item(&after, "Roll-out espresso").is_none(),
        "nothing of the menu was applied"
    );
    let day = chrono::Utc::now().date_naive().to_string();
    let summary = hq.summary(&token, &day, &day).await;
    assert_eq!(
        summary["orders"], tally.orders,
        "the sales arrived all the same"
    );
    shop.close().await;
}
