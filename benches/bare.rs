//! `bench-bare`: the ceilings `make bench` measures Crema against, on the same
//! machine in the same run.
//!
//! - `menu`: a bare axum server answering `GET /api/menu` with the same JSON
//!   bytes Crema serves, from memory (and 304 on a matching `If-None-Match`).
//! - `orders`: the same bare server with `POST /api/orders` handing the real
//!   rows of an order (order, lines, modifiers, idempotency record; the real
//!   schema from `migrations/`, WAL, `synchronous=FULL`) to one writer
//!   thread, either one order per transaction or everything queued in one
//!   commit. Each request is answered after its own commit returned.
//! - `store`: Crema's own store (`Store::write` + `store::orders::insert`)
//!   driven directly by concurrent tasks, without HTTP.
//!
//! `menu` and `orders` print `listening on http://ADDR` once bound and run
//! until killed; `store` prints one `BENCHJSON {...}` line.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use clap::{Parser, Subcommand};
use rusqlite::{params, Connection};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Parser)]
#[command(name = "bench-bare", about = "Ceiling servers for make bench")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve the menu bytes of FILE from memory.
    Menu {
        #[arg(long, default_value = "127.0.0.1:0")]
        bind: SocketAddr,
        #[arg(long)]
        menu_file: PathBuf,
        /// The ETag to answer 304 for.
        #[arg(long, default_value = "\"bare\"")]
        etag: String,
    },
    /// Durable order inserts behind HTTP.
    Orders {
        #[arg(long, default_value = "127.0.0.1:0")]
        bind: SocketAddr,
        /// SQLite file to create (must not exist).
        #[arg(long)]
        db: PathBuf,
        /// Commit each order on its own instead of grouping what is queued.
        #[arg(long)]
        per_tx: bool,
    },
    /// Crema's store insert driven directly, without HTTP.
    Store {
        /// Empty directory for the store.
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 5)]
        seconds: u64,
        /// Concurrent writers (like concurrent HTTP connections).
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
        #[arg(long)]
        no_group_commit: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match cli.command {
        Cmd::Menu {
            bind,
            menu_file,
            etag,
        } => {
            let bytes = std::fs::read(&menu_file).expect("menu file");
            let state = MenuState {
                json: Bytes::from(bytes),
                etag: HeaderValue::from_str(&etag).expect("etag"),
            };
            let app = Router::new()
                .route("/api/menu", get(menu))
                .with_state(Arc::new(state));
            rt.block_on(serve(bind, app));
        }
        Cmd::Orders { bind, db, per_tx } => {
            let conn = open_db(&db);
            let (tx, rx) = mpsc::channel::<WriteJob>();
            let max_group = if per_tx { 1 } else { 128 };
            std::thread::Builder::new()
                .name("bare-writer".into())
                .spawn(move || writer(conn, rx, max_group))
                .expect("writer thread");
            let state = OrdersState {
                tx: std::sync::Mutex::new(tx),
                number: AtomicI64::new(0),
            };
            let app = Router::new()
                .route("/api/orders", post(place))
                .with_state(Arc::new(state));
            rt.block_on(serve(bind, app));
        }
        Cmd::Store {
            dir,
            seconds,
            concurrency,
            no_group_commit,
        } => rt.block_on(store_direct(&dir, seconds, concurrency, !no_group_commit)),
    }
}

async fn serve(bind: SocketAddr, app: Router) {
    let listener = tokio::net::TcpListener::bind(bind).await.expect("bind");
    println!(
        "listening on http://{}",
        listener.local_addr().expect("addr")
    );
    // As Crema does (src/http/mod.rs).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await.expect("serve");
}

// ---- (a) the menu from memory ------------------------------------------------

struct MenuState {
    json: Bytes,
    etag: HeaderValue,
}

async fn menu(State(s): State<Arc<MenuState>>, headers: HeaderMap) -> Response {
    let cache = HeaderValue::from_static("no-cache");
    if headers.get(header::IF_NONE_MATCH) == Some(&s.etag) {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, s.etag.clone()),
                (header::CACHE_CONTROL, cache),
            ],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, s.etag.clone()),
            (header::CACHE_CONTROL, cache),
        ],
        s.json.clone(),
    )
        .into_response()
}

// ---- (b) durable orders behind HTTP -------------------------------------------

/// The schema Crema runs on: every `migrations/V*.sql`, in version order.
fn open_db(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("open db");
    conn.busy_timeout(Duration::from_secs(5)).expect("busy");
    conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .expect("wal");
    assert!(mode.eq_ignore_ascii_case("wal"));
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("sync");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<(u32, PathBuf)> = std::fs::read_dir(&dir)
        .expect("migrations dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let version = name.strip_prefix('V')?.split("__").next()?.parse().ok()?;
            name.ends_with(".sql").then(|| (version, e.path()))
        })
        .collect();
    files.sort();
    for (_, f) in files {
        let sql = std::fs::read_to_string(&f).expect("migration");
        conn.execute_batch(&sql).expect("apply migration");
    }
    conn
}

#[derive(Deserialize)]
struct Body {
    lines: Vec<Line>,
}

#[derive(Deserialize)]
struct Line {
    item_id: String,
    quantity: i64,
    #[serde(default)]
    modifier_option_ids: Vec<String>,
}

struct WriteJob {
    id: String,
    number: i64,
    key: String,
    body: Body,
    reply: tokio::sync::oneshot::Sender<bool>,
}

struct OrdersState {
    tx: std::sync::Mutex<mpsc::Sender<WriteJob>>,
    number: AtomicI64,
}

async fn place(State(s): State<Arc<OrdersState>>, headers: HeaderMap, body: Bytes) -> Response {
    let Ok(body) = serde_json::from_slice::<Body>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let id = Uuid::now_v7().to_string();
    let (reply, rx) = tokio::sync::oneshot::channel();
    let job = WriteJob {
        id: id.clone(),
        number: s.number.fetch_add(1, Ordering::Relaxed) + 1,
        key,
        body,
        reply,
    };
    if s.tx.lock().expect("sender").send(job).is_err() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    match rx.await {
        Ok(true) => (
            StatusCode::CREATED,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            format!("{{\"id\":\"{id}\"}}"),
        )
            .into_response(),
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn insert_rows(conn: &Connection, j: &WriteJob, now: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO orders (id, business_date, number, status, type, table_label, channel, currency,
             subtotal, discount, tax, total, coupon_code, customer_id, placed_by, cancel_reason, created_at, updated_at)
         VALUES (?1, '2024-01-01', ?2, 'placed', 'takeaway', NULL, 'counter', 'EUR', 1000, 0, 91, 1000,
                 NULL, NULL, NULL, NULL, ?3, ?3)",
    )?
    .execute(params![j.id, j.number, now])?;
    let mut line = conn.prepare_cached(
        "INSERT INTO order_lines (order_id, line_no, item_id, name, quantity, unit_price, line_total, note)
         VALUES (?1, ?2, ?3, 'item', ?4, 350, 700, NULL)",
    )?;
    let mut modifier = conn.prepare_cached(
        "INSERT INTO order_line_modifiers (order_id, line_no, position, option_id, name, price_delta)
         VALUES (?1, ?2, ?3, ?4, 'option', 50)",
    )?;
    for (n, l) in j.body.lines.iter().enumerate() {
        line.execute(params![j.id, n as i64, l.item_id, l.quantity])?;
        for (p, m) in l.modifier_option_ids.iter().enumerate() {
            modifier.execute(params![j.id, n as i64, p as i64, m])?;
        }
    }
    conn.prepare_cached(
        "INSERT INTO idempotency_keys (scope, key, request_hash, order_id, created_at)
         VALUES ('bench', ?1, 'hash', ?2, ?3)",
    )?
    .execute(params![j.key, j.id, now])?;
    Ok(())
}

/// One writer thread: takes what is queued (up to `max_group`), runs each
/// in a savepoint of one transaction, commits, then answers each.
fn writer(conn: Connection, rx: mpsc::Receiver<WriteJob>, max_group: usize) {
    let mut batch = Vec::with_capacity(max_group);
    while let Ok(job) = rx.recv() {
        batch.push(job);
        while batch.len() < max_group {
            match rx.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut results = Vec::with_capacity(batch.len());
        let began = conn.execute_batch("BEGIN IMMEDIATE").is_ok();
        for j in &batch {
            let ok = began
                && conn.execute_batch("SAVEPOINT job").is_ok()
                && insert_rows(&conn, j, &now).is_ok();
            let _ = if ok {
                conn.execute_batch("RELEASE job")
            } else {
                conn.execute_batch("ROLLBACK TO job; RELEASE job")
            };
            results.push(ok);
        }
        let committed = began && conn.execute_batch("COMMIT").is_ok();
        for (j, ok) in batch.drain(..).zip(results) {
            let _ = j.reply.send(ok && committed);
        }
    }
}

// ---- (c) Crema's store, no HTTP ----------------------------------------------

async fn store_direct(dir: &Path, seconds: u64, concurrency: usize, group_commit: bool) {
    use crema::domain::order::{Channel, LineModifier, Order, OrderLine, OrderStatus, OrderType};
    use crema::domain::{Currency, Money};
    use crema::store::{orders, Store, StoreOptions};

    let store = Store::open(
        &dir.join("crema.db"),
        StoreOptions {
            group_commit,
            ..StoreOptions::default()
        },
    )
    .expect("open store");
    let eur = |a| Money::new(a, Currency::EUR);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..concurrency {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut n = 0u64;
            while Instant::now() < deadline {
                n += 1;
                let now = chrono::Utc::now();
                let line = |item: Uuid, mods: usize| OrderLine {
                    item_id: item,
                    name: "item".into(),
                    quantity: 2,
                    unit_price: eur(350),
                    modifiers: (0..mods)
                        .map(|_| LineModifier {
                            id: Uuid::now_v7(),
                            name: "option".into(),
                            price_delta: eur(50),
                        })
                        .collect(),
                    line_total: eur(800),
                    note: None,
                    station: None,
                    prep_minutes: 0,
                    done_at: None,
                };
                let mut order = Order {
                    id: Uuid::now_v7(),
                    number: 0,
                    status: OrderStatus::Placed,
                    order_type: OrderType::Takeaway,
                    table: None,
                    channel: Channel::Counter,
                    lines: vec![line(Uuid::now_v7(), 2), line(Uuid::now_v7(), 0)],
                    subtotal: eur(1600),
                    discount: eur(0),
                    tax: eur(145),
                    taxes: Vec::new(),
                    total: eur(1600),
                    coupon_code: None,
                    discounts: Vec::new(),
                    customer_id: None,
                    payments: Vec::new(),
                    paid: false,
                    change_due: eur(0),
                    refunds: Vec::new(),
                    refunded: eur(0),
                    tips: eur(0),
                    cancel_reason: None,
                    estimated_ready_at: None,
                    awaiting_accept: false,
                    created_at: now,
                    updated_at: now,
                };
                let key = format!("store-{t}-{n}");
                let t0 = Instant::now();
                let date = now.date_naive();
                store
                    .write(move |c| -> crema::store::StoreResult<()> {
                        order.number = orders::next_number(c, date)?;
                        orders::insert(c, &order, date, None)?;
                        orders::insert_idempotent(c, "bench", &key, "hash", order.id, now)?;
                        Ok(())
                    })
                    .await
                    .expect("store write");
                lat.push(t0.elapsed().as_micros() as u64);
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("task"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    store.close();
    all.sort_unstable();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((p / 100.0) * (all.len() - 1) as f64).round() as usize;
        all[i] as f64 / 1000.0
    };
    println!(
        "BENCHJSON {}",
        serde_json::json!({
            "requests": all.len(),
            "seconds": elapsed,
            "rps": all.len() as f64 / elapsed,
            "p50_ms": pct(50.0), "p90_ms": pct(90.0), "p99_ms": pct(99.0),
            "p999_ms": pct(99.9), "max_ms": pct(100.0),
        })
    );
}
