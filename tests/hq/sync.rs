//! Shops and head office through the real pusher: two shops sell while head
//! office is down and every sale arrives once it is back; a full replay of
//! both outboxes changes nothing; a connection cut mid-batch, before or
//! after head office commits, leaves every sale held exactly once.

use std::time::{Duration, Instant};

use crema::sync::{enrol, pusher};
use reqwest::StatusCode;

use crate::on_both;
use crate::proxy::{Cut, Proxy};
use crate::shop::{LiveShop, Sold};
use crate::support::{add_owner, add_shop, Backend, Server, TestDb};

on_both!(two_shops_sell_while_head_office_is_down_and_every_sale_arrives_once);

/// Waits until `shop` has nothing left to send (at most `secs`).
async fn drained(shop: &LiveShop, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let left = shop.pending().await;
        if left == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{left} events still waiting after {secs} s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

async fn two_shops_sell_while_head_office_is_down_and_every_sale_arrives_once(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let codes = [add_shop(&db, "Nord"), add_shop(&db, "Süd")];
    let first = Server::start(&db, &[], &[]);
    let proxy = Proxy::start(Some(&first.base)).await;
    let mut shops = Vec::new();
    for code in &codes {
        let shop = LiveShop::open(1).await;
        enrol::enrol(shop.dir.path(), &proxy.url, code)
            .await
            .expect("enrol");
        pusher::start(&shop.app);
        shops.push(shop);
    }
    // Head office goes down; the shops sell on.
    drop(first);
    proxy.point_at(None);
    let mut tallies = Vec::new();
    for shop in &mut shops {
        tallies.push(shop.sell(50).await);
    }
    for shop in &shops {
        assert!(shop.pending().await > 0, "nothing could be sent");
        // The pusher's next try (within an interval or two) fails, and says so.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let status = crema::app::sync::status(&shop.app, &crema::app::Actor::System)
                .await
                .expect("status");
            if status.last_error.is_some() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the failure is not in the status"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    // Head office is back (another process over the same database).
    let back = Server::start(&db, &[], &[]);
    proxy.point_at(Some(&back.base));
    for shop in &shops {
        drained(shop, 40).await;
    }
    let token = back.token().await;
    let day = today();
    let summary = back.summary(&token, &day, &day).await;
    let orders: i64 = tallies.iter().map(|t| t.orders).sum();
    let revenue: i64 = tallies.iter().map(|t| t.revenue).sum();
    let refunds: i64 = tallies.iter().map(|t| t.refunds).sum();
    assert_eq!(summary["orders"], orders);
    assert_eq!(summary["revenue"]["amount"], revenue);
    assert_eq!(summary["refunds"]["amount"], refunds);
    for (name, t) in ["Nord", "Süd"].iter().zip(&tallies) {
        let shop = summary["shops"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == *name)
            .unwrap();
        assert_eq!(
            (shop["orders"].clone(), shop["revenue"]["amount"].clone()),
            (t.orders.into(), t.revenue.into())
        );
    }
    let events = db.count("SELECT count(*) FROM hq_events").await;

    // Every event of both outboxes once more: nothing changes.
    for shop in &shops {
        let e = enrol::load(shop.dir.path()).expect("enrolled");
        let all = shop.outbox().await;
        for chunk in all.chunks(200) {
            let r = back.push(&e.credential, &Sold::batch(chunk), true).await;
            assert_eq!(r.status(), StatusCode::OK);
        }
    }
    assert_eq!(back.summary(&token, &day, &day).await, summary);
    assert_eq!(db.count("SELECT count(*) FROM hq_events").await, events);
    for shop in shops {
        shop.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_cut_before_or_after_head_office_commits_is_held_once() {
    let db = TestDb::new(Backend::Postgres).await;
    add_owner(&db);
    let code = add_shop(&db, "Hafen");
    let hq = Server::start(&db, &[], &[]);
    let proxy = Proxy::start(Some(&hq.base)).await;
    let mut shop = LiveShop::open(1).await;
    enrol::enrol(shop.dir.path(), &proxy.url, &code)
        .await
        .expect("enrol");
    let token = hq.token().await;
    let day = today();
    let mut orders = 0;
    for (round, cut) in [Cut::BeforeCommit, Cut::AfterCommit]
        .into_iter()
        .enumerate()
    {
        orders += shop.sell(10).await.orders;
        proxy.cut_next(cut);
        let sent = pusher::push_once(&shop.app).await;
        assert!(sent.is_err(), "{cut:?}: the cut push fails: {sent:?}");
        assert_eq!(proxy.cut_count(), round + 1);
        assert!(shop.pending().await > 0, "{cut:?}: nothing is marked sent");
        // The next push goes through: head office keeps each event once.
        while shop.pending().await > 0 {
            pusher::push_once(&shop.app).await.expect("a push through");
        }
        let s = hq.summary(&token, &day, &day).await;
        assert_eq!(s["orders"], orders, "{cut:?}");
        let held = db.count("SELECT count(*) FROM hq_events").await;
        assert_eq!(
            held as usize,
            shop.outbox().await.len(),
            "{cut:?}: each event once"
        );
    }
    shop.close().await;
}
