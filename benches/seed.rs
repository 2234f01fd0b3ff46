//! `bench-seed`: a store as a café has it after a few months, fast, through
//! the app layer (no HTTP): the demo café, an admin with a password, a
//! cashier with a PIN, and `--orders` past orders spread over `--days` days,
//! each placed, paid in cash and taken through the kitchen to completed.
//! `make bench` opens the counter app over it to time its cold start.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use clap::Parser;
use crema::app::orders::{self, PaymentRequest, PlaceOrder, StatusChange};
use crema::app::users::{self, Credential};
use crema::app::{demo, menu, Actor, App, Clock, UuidV7};
use crema::config::Config;
use crema::domain::order::{OrderStatus, PaymentMethod};
use crema::domain::user::Role;
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "bench-seed",
    about = "A store with the demo café and past orders"
)]
struct Cli {
    /// The data directory to fill (must hold no store yet).
    #[arg(long)]
    dir: PathBuf,
    #[arg(long, default_value_t = 10_000)]
    orders: usize,
    #[arg(long, default_value_t = 60)]
    days: i64,
    /// USERNAME:PASSWORD of the admin.
    #[arg(long, default_value = "owner:owner-pass-1")]
    admin: String,
    /// NAME:PIN of the cashier.
    #[arg(long, default_value = "mia:258046")]
    cashier: String,
}

/// A clock the seeder sets: orders carry the time of their day.
struct SetClock(Arc<AtomicI64>);

impl Clock for SetClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.0.load(Ordering::Relaxed)).unwrap_or_default()
    }
}

fn main() {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    if let Err(e) = rt.block_on(seed(cli)) {
        eprintln!("bench-seed: {e}");
        std::process::exit(1);
    }
}

fn split(pair: &str) -> Result<(&str, &str), String> {
    pair.split_once(':')
        .ok_or_else(|| format!("{pair}: expected NAME:SECRET"))
}

async fn seed(cli: Cli) -> Result<(), String> {
    let started = std::time::Instant::now();
    let now = Utc::now();
    let first = now - Duration::days(cli.days);
    let time = Arc::new(AtomicI64::new(first.timestamp_micros()));
    let app = App::open_with(
        &cli.dir,
        Config::default(),
        Box::new(SetClock(time.clone())),
        Box::new(UuidV7),
    )
    .map_err(|e| e.report())?;
    let system = Actor::System;
    let (admin, password) = split(&cli.admin)?;
    let (cashier, pin) = split(&cli.cashier)?;
    let e = |e: crema::app::AppError| e.message;
    users::create_staff(
        &app,
        &system,
        admin,
        Role::Admin,
        Credential::Password(password.into()),
    )
    .await
    .map_err(e)?;
    users::create_staff(
        &app,
        &system,
        cashier,
        Role::Cashier,
        Credential::Pin(pin.into()),
    )
    .await
    .map_err(e)?;
    demo::load(&app, &system).await.map_err(e)?;
    let snapshot = menu::get(&app).await.map_err(e)?;
    let menu: Value = serde_json::from_slice(&snapshot.json).map_err(|e| e.to_string())?;
    let baskets = baskets(&menu)?;

    // Batches of concurrent orders (the writer groups their commits), each
    // batch a little later in the period.
    let batch = 64;
    let step = (now - first).num_microseconds().unwrap_or(0) / cli.orders.max(1) as i64;
    let mut done = 0;
    while done < cli.orders {
        let n = batch.min(cli.orders - done);
        time.store(
            first.timestamp_micros() + step * done as i64,
            Ordering::Relaxed,
        );
        let mut tasks = tokio::task::JoinSet::new();
        for k in 0..n {
            let app = app.clone();
            let basket = baskets[(done + k) % baskets.len()].clone();
            tasks.spawn(async move { sell(&app, basket).await });
        }
        while let Some(r) = tasks.join_next().await {
            r.map_err(|e| e.to_string())??;
        }
        done += n;
    }
    app.shutdown();
    println!(
        "seeded {} orders over {} days into {} in {:.1} s",
        cli.orders,
        cli.days,
        cli.dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One sale as the counter makes it: placed, paid in cash (exact), then the
/// kitchen's moves to completed.
async fn sell(app: &App, basket: PlaceOrder) -> Result<(), String> {
    let system = Actor::System;
    let e = |e: crema::app::AppError| e.message;
    let placed = orders::place(app, &system, basket, None).await.map_err(e)?;
    let order = placed.order;
    let payment = PaymentRequest {
        method: PaymentMethod::Cash,
        amount: order.total,
        tendered: Some(order.total),
        tip: None,
    };
    orders::pay(app, &system, order.id, payment, None)
        .await
        .map_err(e)?;
    for status in [
        OrderStatus::InProgress,
        OrderStatus::Ready,
        OrderStatus::Completed,
    ] {
        let change = StatusChange {
            status,
            reason: None,
        };
        orders::set_status(app, &system, order.id, change)
            .await
            .map_err(e)?;
    }
    Ok(())
}

/// A few orders of the demo menu: each available item on its own (its
/// required choices made with the first options), and pairs of them.
fn baskets(menu: &Value) -> Result<Vec<PlaceOrder>, String> {
    let lines: Vec<Value> = menu["categories"]
        .as_array()
        .ok_or("the menu has no categories")?
        .iter()
        .flat_map(|c| c["items"].as_array().into_iter().flatten())
        .filter(|i| i["available"].as_bool() == Some(true))
        .map(|i| {
            let options: Vec<Value> = i["modifier_groups"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|g| {
                    let min = g["min"].as_u64().unwrap_or(0) as usize;
                    g["options"].as_array().into_iter().flatten().take(min)
                })
                .map(|o| o["id"].clone())
                .collect();
            json!({"item_id": i["id"], "quantity": 1, "modifier_option_ids": options})
        })
        .collect();
    if lines.is_empty() {
        return Err("no available item on the menu".into());
    }
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let other = &lines[(k * 7 + 3) % lines.len()];
        for body in [
            json!({"lines": [line], "type": "takeaway"}),
            json!({"lines": [line, other], "type": "takeaway"}),
        ] {
            out.push(serde_json::from_value(body).map_err(|e| e.to_string())?);
        }
    }
    Ok(out)
}
