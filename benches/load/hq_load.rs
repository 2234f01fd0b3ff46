//! The head-office stage's loads (see `hq.rs`): a real shop's outbox, made
//! once through the app layer; the simulated shops pushing it as the pusher
//! does; the same rows written by a bare batched insert (the ceiling).

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::{NaiveDate, Utc};
use crema::app::orders::{self, PlaceOrder};
use crema::app::{demo, menu, shifts, Actor, App, AppError};
use crema::config::Config;
use crema::domain::order::OrderStatus;
use crema::store::{outbox, StoreResult};
use crema::sync::pusher::{max_backoff, BATCH_MAX};
use crema::sync::wire::{Batch, Event, Payload, WIRE_VERSION};
use rand::Rng;
use serde_json::{json, Value};
use sqlx_core::any::AnyPool;
use sqlx_core::column::Column as _;
use sqlx_core::query::query;
use sqlx_core::row::Row as _;
use tokio::task::JoinSet;
use uuid::Uuid;

fn msg(e: AppError) -> String {
    e.message
}

pub(crate) fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A request of the app layer, from its JSON (as the HTTP API takes it).
fn req<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(text)
}

/// A shop over a fresh data dir with the demo café: it, its currency, and
/// an order of each available item (required choices: the first options).
pub(crate) async fn open_shop(
    dir: &Path,
    interval: u32,
) -> Result<(App, String, Vec<PlaceOrder>), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(text)?;
    let config = Config {
        sync_interval_seconds: interval,
        ..Config::default()
    };
    let app = App::open(dir, config).map_err(|e| e.report())?;
    demo::load(&app, &Actor::System).await.map_err(msg)?;
    let snapshot = menu::get(&app).await.map_err(msg)?;
    let menu: Value = serde_json::from_slice(&snapshot.json).map_err(text)?;
    let currency = menu["currency"].as_str().ok_or("no currency")?.to_string();
    let items = menu["categories"].as_array().into_iter().flatten();
    let items = items.flat_map(|c| c["items"].as_array().into_iter().flatten());
    let mut baskets = Vec::new();
    for (k, item) in items.filter(|i| i["available"] == true).enumerate() {
        let groups = item["modifier_groups"].as_array().into_iter().flatten();
        let options: Vec<&Value> = groups
            .flat_map(|g| {
                let min = g["min"].as_u64().unwrap_or(0) as usize;
                g["options"].as_array().into_iter().flatten().take(min)
            })
            .map(|o| &o["id"])
            .collect();
        let line =
            json!({"item_id": item["id"], "quantity": 1 + k % 3, "modifier_option_ids": options});
        baskets.push(req(json!({"lines": [line], "type": "takeaway"}))?);
    }
    if baskets.is_empty() {
        return Err("no available item on the demo menu".into());
    }
    Ok((app, currency, baskets))
}

/// Sale `i` of the mix `tests/hq/shop.rs` sells: every tenth cancelled
/// unpaid, the others paid by card, every seventh of those partly refunded,
/// every third taken through the kitchen to completed. The order's id,
/// and the time (µs) its placing returned, committed.
pub(crate) async fn sale(app: App, basket: PlaceOrder, i: usize) -> Result<(Uuid, i64), String> {
    let sys = Actor::System;
    let order = orders::place(&app, &sys, basket, None)
        .await
        .map_err(msg)?
        .order;
    let (id, committed) = (order.id, Utc::now().timestamp_micros());
    let moves: &[&str] = match i {
        _ if i % 10 == 9 => &["cancelled"],
        _ if i.is_multiple_of(3) => &["in_progress", "ready", "completed"],
        _ => &[],
    };
    if i % 10 != 9 {
        let pay = req(json!({"method": "card", "amount": order.total}))?;
        orders::pay(&app, &sys, id, pay, None).await.map_err(msg)?;
    }
    if i % 10 != 9 && i % 7 == 3 {
        let cur = order.total.currency;
        let refund = json!({"amount": {"amount": 100, "currency": cur}, "method": "card", "reason": "cold coffee"});
        orders::refund(&app, &sys, id, req(refund)?, None)
            .await
            .map_err(msg)?;
    }
    for &status in moves {
        let reason = (status == "cancelled").then_some("customer left");
        let change = req(json!({"status": status, "reason": reason}))?;
        orders::set_status(&app, &sys, id, change)
            .await
            .map_err(msg)?;
    }
    Ok((id, committed))
}

/// One shop's day, as its outbox holds it, and what head office must report.
pub(crate) struct Outbox {
    pub(crate) events: Vec<Event>,
    /// The pusher's batches: gzip'd JSON, and the ids each must get back.
    pub(crate) batches: Vec<(Bytes, Vec<Uuid>)>,
    /// Orders not cancelled, the sum of their totals, their currency.
    pub(crate) orders: i64,
    pub(crate) revenue: i64,
    pub(crate) currency: String,
    /// The business dates of its orders.
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
}

/// Sells `n` orders in a fresh shop, one shift around them, and reads its
/// outbox, as `tests/hq/shop.rs` does (there over the shop's HTTP API).
pub(crate) async fn make_outbox(dir: &Path, n: usize) -> Result<Outbox, String> {
    let (app, currency, baskets) = open_shop(dir, 5).await?;
    let (sys, float) = (
        Actor::System,
        json!({"amount": 10_000, "currency": currency}),
    );
    let open = req(json!({"opening_float": float}))?;
    shifts::open(&app, &sys, open).await.map_err(msg)?;
    // Fifty sales at a time: the store's writer groups their commits.
    for chunk in (0..n).collect::<Vec<_>>().chunks(50) {
        let mut tasks = JoinSet::new();
        for &i in chunk {
            tasks.spawn(sale(app.clone(), baskets[i % baskets.len()].clone(), i));
        }
        while let Some(r) = tasks.join_next().await {
            r.map_err(text)??;
        }
    }
    let close = req(json!({"counted_cash": float}))?;
    shifts::close(&app, &sys, close).await.map_err(msg)?;
    let all = app.store().read(|c| -> StoreResult<_> { outbox::all(c) });
    let events = all.await.map_err(text)?;
    app.shutdown();
    // What head office must report: an order counts unless its latest
    // status (the outbox is in the shop's order) is cancelled.
    let mut status = HashMap::new();
    for e in &events {
        if let Payload::StatusChanged {
            order_id,
            status: s,
            ..
        } = &e.payload
        {
            status.insert(*order_id, *s);
        }
    }
    let placed = events.iter().filter_map(|e| match &e.payload {
        Payload::OrderPlaced {
            order,
            business_date,
        } => Some((order.total, *business_date, order.id)),
        _ => None,
    });
    let placed: Vec<_> = placed.collect();
    let counted: Vec<_> = placed
        .iter()
        .filter(|o| status.get(&o.2) != Some(&OrderStatus::Cancelled))
        .collect();
    let mut batches = Vec::new();
    for chunk in events.chunks(BATCH_MAX as usize) {
        let batch = Batch {
            version: WIRE_VERSION,
            events: chunk.to_vec(),
        };
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&serde_json::to_vec(&batch).map_err(text)?)
            .map_err(text)?;
        let body = Bytes::from(gz.finish().map_err(text)?);
        batches.push((body, chunk.iter().map(|e| e.id).collect()));
    }
    let dates = placed.iter().map(|o| o.1);
    Ok(Outbox {
        orders: counted.len() as i64,
        revenue: counted.iter().map(|o| o.0.amount).sum(),
        currency: counted.first().ok_or("no order")?.0.currency.to_string(),
        from: dates.clone().min().ok_or("no order")?,
        to: dates.max().ok_or("no order")?,
        batches,
        events,
    })
}

/// How long a load took in all, and each of its requests or transactions.
pub(crate) struct Timed {
    pub(crate) wall: Duration,
    pub(crate) ms: Vec<f64>,
    /// Pushes head office refused (503) and that were sent again.
    pub(crate) refused: usize,
}

/// Runs `each(k)` for every k of `0..n` at once; each gives its steps' ms.
async fn at_once<F, Fut>(n: usize, each: F) -> Result<Timed, String>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<Vec<f64>, String>> + Send + 'static,
{
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for k in 0..n {
        tasks.spawn(each(k));
    }
    let mut ms = Vec::new();
    while let Some(r) = tasks.join_next().await {
        ms.extend(r.map_err(text)??);
    }
    let wall = started.elapsed();
    Ok(Timed {
        wall,
        ms,
        refused: 0,
    })
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

#[derive(serde::Deserialize)]
struct Acknowledged {
    acknowledged: Vec<Uuid>,
}

/// Every shop (its credential) pushes the batches one after the other, as
/// its pusher does, all shops at once; each answer must acknowledge
/// exactly its batch's ids, in order. A push head office refuses with 503
/// (its database busy) is sent again as the pusher would at a 1 s interval
/// (after 1–2 s, doubling), and counted in `refused`.
pub(crate) async fn push_all(
    hq_url: &str,
    credentials: &[String],
    batches: &[(Bytes, Vec<Uuid>)],
) -> Result<Timed, String> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(300));
    let client = client.build().map_err(text)?;
    let url = format!("{hq_url}/api/hq/events");
    let batches = Arc::new(batches.to_vec());
    let refused = Arc::new(AtomicUsize::new(0));
    let every = Duration::from_secs(1);
    let mut timed = at_once(credentials.len(), |k| {
        let (client, url, batches) = (client.clone(), url.clone(), batches.clone());
        let (credential, refused) = (credentials[k].clone(), refused.clone());
        async move {
            let (mut ms, mut backoff) = (Vec::new(), every);
            for (body, ids) in batches.iter() {
                let t = Instant::now();
                let answer = loop {
                    let answer = client
                        .post(&url)
                        .bearer_auth(&credential)
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .header(reqwest::header::CONTENT_ENCODING, "gzip")
                        .body(body.clone())
                        .send()
                        .await
                        .map_err(text)?;
                    let status = answer.status();
                    if status.is_success() {
                        backoff = every;
                        break answer;
                    }
                    let body = answer.text().await.unwrap_or_default();
                    if status != reqwest::StatusCode::SERVICE_UNAVAILABLE {
                        return Err(format!("POST /api/hq/events: {status} {body}"));
                    }
                    refused.fetch_add(1, Ordering::Relaxed);
                    backoff = (backoff * 2).min(max_backoff(every));
                    let jitter = rand::thread_rng().gen_range(0.5..=1.0);
                    tokio::time::sleep(backoff.mul_f64(jitter)).await;
                };
                let ack: Acknowledged = answer.json().await.map_err(text)?;
                if &ack.acknowledged != ids {
                    let (n, of) = (ack.acknowledged.len(), ids.len());
                    return Err(format!("{n} ids acknowledged of {of}"));
                }
                ms.push(ms_since(t));
            }
            Ok(ms)
        }
    })
    .await?;
    timed.refused = refused.load(Ordering::Relaxed);
    Ok(timed)
}

/// A value of the ceiling's rows; `Shop` and `Now` are the writing shop's
/// id and the batch's time.
#[derive(Clone)]
pub(crate) enum V {
    S(Option<String>),
    I(i64),
    Shop,
    Now,
}

pub(crate) struct Stmt {
    sql: String,
    binds: Vec<V>,
}

/// Head office's tables of events and their projection.
const TABLES: [&str; 5] = [
    "hq_events",
    "hq_orders",
    "hq_payments",
    "hq_refunds",
    "hq_shifts",
];

/// The ceiling's statements, batch by batch: the rows head office holds
/// for `shop` (read back after its run, final statuses included) in the
/// pusher's batches, one multi-row INSERT per table and batch, and the
/// shop's sync time and currency as head office notes them.
pub(crate) async fn ceiling_batches(
    pool: &AnyPool,
    shop: &str,
    o: &Outbox,
) -> Result<Vec<Vec<Stmt>>, String> {
    let mut batch_of = HashMap::new();
    for (k, chunk) in o.events.chunks(BATCH_MAX as usize).enumerate() {
        for e in chunk {
            let id = match &e.payload {
                Payload::OrderPlaced { order, .. } => Some(("hq_orders", order.id)),
                Payload::PaymentRecorded { payment, .. } => Some(("hq_payments", payment.id)),
                Payload::RefundRecorded { refund, .. } => Some(("hq_refunds", refund.id)),
                Payload::ShiftClosed { shift } => Some(("hq_shifts", shift.id)),
                _ => None,
            };
            for (t, id) in id.into_iter().chain([("hq_events", e.id)]) {
                batch_of.insert((t, id.to_string()), k);
            }
        }
    }
    let sync = "UPDATE bare.hq_shops SET last_sync_at = $1, currency = COALESCE(currency, $2) WHERE id = $3";
    let cur = V::S(Some(o.currency.clone()));
    let mut batches: Vec<Vec<Stmt>> = (0..o.batches.len())
        .map(|_| {
            vec![Stmt {
                sql: sync.into(),
                binds: vec![V::Now, cur.clone(), V::Shop],
            }]
        })
        .collect();
    for t in TABLES {
        let select = format!("SELECT * FROM {t} WHERE shop_id = $1");
        let mut rows: Vec<Vec<Vec<V>>> = batches.iter().map(|_| Vec::new()).collect();
        let mut names = Vec::new();
        for r in query(&select)
            .bind(shop)
            .fetch_all(pool)
            .await
            .map_err(text)?
        {
            names = r.columns().iter().map(|c| c.name().to_string()).collect();
            // Text, or (a type mismatch) a BIGINT; the only NULLs are text.
            let cell = |(i, name): (usize, &String)| match name.as_str() {
                "shop_id" => Ok(V::Shop),
                "received_at" => Ok(V::Now),
                _ => r.try_get(i).map(V::S).or_else(|_| r.try_get(i).map(V::I)),
            };
            let row = names
                .iter()
                .enumerate()
                .map(cell)
                .collect::<Result<Vec<_>, _>>();
            let row = row.map_err(text)?;
            let id: String = r.try_get("id").map_err(text)?;
            let k = batch_of
                .get(&(t, id))
                .ok_or(format!("a row of {t} of no event"))?;
            rows[*k].push(row);
        }
        for (k, rows) in rows.into_iter().enumerate().filter(|(_, r)| !r.is_empty()) {
            let mut sql = format!("INSERT INTO bare.{t} ({}) VALUES ", names.join(", "));
            let mut binds = Vec::new();
            for (i, row) in rows.into_iter().enumerate() {
                let first = binds.len() + 1;
                binds.extend(row);
                let marks: Vec<String> = (first..=binds.len()).map(|n| format!("${n}")).collect();
                sql.push_str(&format!(
                    "{}({})",
                    if i == 0 { "" } else { ", " },
                    marks.join(", ")
                ));
            }
            sql.push_str(" ON CONFLICT DO NOTHING");
            batches[k].push(Stmt { sql, binds });
        }
    }
    Ok(batches)
}

/// The ceiling: `shops` new shops at once, each writing `batches` into an
/// empty copy of head office's tables (schema `bare`: same columns, keys,
/// indexes and foreign key). Per transaction, ms.
pub(crate) async fn ceiling(
    pool: &AnyPool,
    shops: usize,
    batches: Vec<Vec<Stmt>>,
) -> Result<Timed, String> {
    let like = |t| format!("CREATE TABLE bare.{t} (LIKE public.{t} INCLUDING ALL)");
    let mut ddl = vec!["CREATE SCHEMA bare".to_string(), like("hq_shops")];
    ddl.extend(TABLES.map(like));
    ddl.push(
        "ALTER TABLE bare.hq_events ADD FOREIGN KEY (shop_id) REFERENCES bare.hq_shops (id)".into(),
    );
    for sql in &ddl {
        query(sql).execute(pool).await.map_err(text)?;
    }
    let add = "INSERT INTO bare.hq_shops (id, name, created_at) SELECT gen_random_uuid()::text,
        'bare ' || n, $1 FROM generate_series(1, $2) AS n RETURNING id";
    let q = query(add)
        .bind(Utc::now().timestamp_micros())
        .bind(shops as i64);
    let ids = q.fetch_all(pool).await.map_err(text)?;
    let ids: Vec<String> = ids
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()
        .map_err(text)?;
    crate::hq::checkpoint(pool).await;
    let (batches, ids) = (Arc::new(batches), Arc::new(ids));
    at_once(shops, |k| {
        let (pool, batches, ids) = (pool.clone(), batches.clone(), ids.clone());
        async move {
            let (shop, mut ms) = (ids[k].as_str(), Vec::new());
            for stmts in batches.iter() {
                let (t, now) = (Instant::now(), Utc::now().timestamp_micros());
                let mut tx = pool.begin().await.map_err(text)?;
                for st in stmts {
                    let mut q = query(&st.sql);
                    for v in &st.binds {
                        q = match v {
                            V::S(s) => q.bind(s.as_deref()),
                            V::I(i) => q.bind(*i),
                            V::Shop => q.bind(shop),
                            V::Now => q.bind(now),
                        };
                    }
                    q.execute(&mut *tx).await.map_err(text)?;
                }
                tx.commit().await.map_err(text)?;
                ms.push(ms_since(t));
            }
            Ok(ms)
        }
    })
    .await
}
