//! Receipts and the cash drawer on a network ESC/POS printer.
//!
//! Nothing a sale does waits for the printer: paying an order only puts a
//! job in the queue. One worker task (started on the first job) sends the
//! jobs in order over raw TCP; a job that fails stays at the head of the
//! queue and is tried again after 1, 2, 4, 8 and then every 15 seconds, or
//! at once when someone asks ([`retry_now`]) or the settings change. Every
//! change of the queue is published as `printer.status` to staff.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode, Inner};
use crate::domain::order::{Order, PaymentMethod};
use crate::domain::user::Role;
use crate::printing::{self, PaperWidth, ReceiptContext};

/// The raw TCP port of network receipt printers.
pub const DEFAULT_PORT: u16 = 9100;
/// Most jobs kept; beyond, the oldest receipt is dropped.
pub const MAX_QUEUE: usize = 200;
/// Connecting and writing each give up after this long.
const SEND_TIMEOUT: Duration = Duration::from_secs(3);
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(15);
/// A drawer opening this long after the payment would open for nobody: a
/// drawer job that old is dropped, and a late receipt prints without it.
const DRAWER_FRESH_FOR: Duration = Duration::from_secs(60);

/// The receipt printer (admin panel). Stored in the settings table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrinterSettings {
    /// Name or IP address of a network ESC/POS printer, without scheme or
    /// port. Empty: no network printer (the counter uses the system print
    /// dialog).
    pub host: String,
    /// Raw TCP port, usually 9100.
    #[serde(default = "default_port")]
    pub port: u16,
    /// Paper roll width: 58 (32 columns) or 80 (48 columns).
    #[serde(default = "default_width")]
    pub paper_width_mm: u8,
    /// Print a receipt when an order becomes fully paid.
    #[serde(default = "yes")]
    pub auto_print: bool,
    /// Open the cash drawer when a payment is taken in cash.
    #[serde(default = "yes")]
    pub open_drawer_on_cash: bool,
}

fn default_port() -> u16 {
    DEFAULT_PORT
}
fn default_width() -> u8 {
    80
}
fn yes() -> bool {
    true
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            host: String::new(),
            port: DEFAULT_PORT,
            paper_width_mm: default_width(),
            auto_print: true,
            open_drawer_on_cash: true,
        }
    }
}

const KEY_HOST: &str = "printer_host";
const KEY_PORT: &str = "printer_port";
const KEY_WIDTH: &str = "printer_paper_width_mm";
const KEY_AUTO: &str = "printer_auto_print";
const KEY_DRAWER: &str = "printer_open_drawer_on_cash";

impl PrinterSettings {
    /// From the settings table; missing or unreadable keys take defaults.
    pub fn from_map(m: &HashMap<String, String>) -> Self {
        let d = PrinterSettings::default();
        fn parsed<T: std::str::FromStr>(m: &HashMap<String, String>, k: &str, default: T) -> T {
            match m.get(k).map(|v| v.parse()) {
                None => default,
                Some(Ok(v)) => v,
                Some(Err(_)) => {
                    tracing::warn!(key = k, "unreadable printer setting; using the default");
                    default
                }
            }
        }
        let s = PrinterSettings {
            host: m.get(KEY_HOST).cloned().unwrap_or_default(),
            port: parsed(m, KEY_PORT, d.port),
            paper_width_mm: parsed(m, KEY_WIDTH, d.paper_width_mm),
            auto_print: parsed(m, KEY_AUTO, d.auto_print),
            open_drawer_on_cash: parsed(m, KEY_DRAWER, d.open_drawer_on_cash),
        };
        match s.clone().checked() {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, "stored printer settings are invalid; printing is off");
                PrinterSettings::default()
            }
        }
    }

    /// Validated and normalised (host trimmed).
    pub fn checked(mut self) -> AppResult<Self> {
        self.host = self.host.trim().to_string();
        check_host(&self.host)?;
        if self.port == 0 {
            return Err(AppError::invalid("the printer port is 1 to 65535"));
        }
        if PaperWidth::from_mm(self.paper_width_mm).is_none() {
            return Err(AppError::invalid("the paper width is 58 or 80 (mm)"));
        }
        Ok(self)
    }

    /// Whether a network printer is set.
    pub fn configured(&self) -> bool {
        !self.host.is_empty()
    }

    pub fn paper_width(&self) -> PaperWidth {
        PaperWidth::from_mm(self.paper_width_mm).unwrap_or(PaperWidth::Mm80)
    }
}

/// A host name or an IP address: no scheme, port, path or spaces.
fn check_host(host: &str) -> AppResult<()> {
    if host.is_empty() {
        return Ok(());
    }
    let bad = || {
        AppError::invalid(
            "the printer host is a name or IP address without scheme or port, e.g. 192.168.1.50",
        )
    };
    if host.len() > 253 {
        return Err(bad());
    }
    let ipv6 = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if ipv6.parse::<std::net::Ipv6Addr>().is_ok() {
        return Ok(());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(bad())
    }
}

/// What a print job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PrintJobKind {
    Receipt,
    Test,
    Drawer,
}

/// A job waiting in the print queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PrintJobView {
    pub id: Uuid,
    pub kind: PrintJobKind,
    /// For receipts: the order.
    pub order_id: Option<Uuid>,
    /// For receipts: the order's ticket number.
    pub order_number: Option<i64>,
    /// Tries so far (0: not tried yet).
    pub attempts: u32,
    /// Why the last try failed.
    pub last_error: Option<String>,
    pub queued_at: DateTime<Utc>,
}

/// The printer as the counter shows it. Also the `printer.status` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PrinterStatus {
    /// A network printer is set up.
    pub configured: bool,
    /// Whether the last try to print worked; null before the first.
    pub online: Option<bool>,
    /// Jobs not printed yet, oldest first.
    pub pending: Vec<PrintJobView>,
    /// Why the last try failed, while the printer is not back.
    pub last_error: Option<String>,
}

#[derive(Debug, Clone)]
enum Content {
    Receipt {
        order: Box<Order>,
        open_drawer: bool,
    },
    Test,
    Drawer,
}

#[derive(Debug, Clone)]
struct Job {
    view: PrintJobView,
    content: Content,
    enqueued: Instant,
    /// Kept in `print_jobs` until printed (receipts).
    persisted: bool,
}

#[derive(Default)]
struct QueueState {
    jobs: VecDeque<Job>,
    online: Option<bool>,
    last_error: Option<String>,
    /// Failed tries in a row (sets the wait before the next).
    failures: u32,
}

struct Queue {
    state: Mutex<QueueState>,
    wake: Notify,
    worker: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// The printer settings and the print queue, owned by the `App`.
pub(crate) struct Printing {
    settings: RwLock<Arc<PrinterSettings>>,
    queue: Arc<Queue>,
    /// Receipts kept from before a restart are queued once.
    resumed: std::sync::atomic::AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Printing {
    pub(crate) fn new(settings: PrinterSettings) -> Self {
        Printing {
            settings: RwLock::new(Arc::new(settings)),
            queue: Arc::new(Queue {
                state: Mutex::new(QueueState::default()),
                wake: Notify::new(),
                worker: Mutex::new(None),
            }),
            resumed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn settings(&self) -> Arc<PrinterSettings> {
        self.settings
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }
}

fn status_of(app: &App) -> PrinterStatus {
    let configured = app.inner.printing.settings().configured();
    let st = lock(&app.inner.printing.queue.state);
    PrinterStatus {
        configured,
        online: st.online,
        pending: st.jobs.iter().map(|j| j.view.clone()).collect(),
        last_error: st.last_error.clone(),
    }
}

fn publish_status(app: &App) {
    let status = status_of(app);
    app.inner.events.publish("printer.status", &status);
}

/// Adds a job, drops the oldest receipt when the queue is full, makes sure
/// the worker runs and wakes it. Never waits for the printer.
/// `kept` is the id of the job's `print_jobs` row, when it has one.
fn enqueue(app: &App, kind: PrintJobKind, content: Content, kept: Option<Uuid>) -> PrintJobView {
    let order = match &content {
        Content::Receipt { order, .. } => Some((order.id, order.number)),
        _ => None,
    };
    let view = PrintJobView {
        id: kept.unwrap_or_else(|| app.new_id()),
        kind,
        order_id: order.map(|o| o.0),
        order_number: order.map(|o| o.1),
        attempts: 0,
        last_error: None,
        queued_at: app.now(),
    };
    {
        let mut st = lock(&app.inner.printing.queue.state);
        for dropped in make_room(&mut st.jobs, MAX_QUEUE, |j| {
            j.view.kind == PrintJobKind::Receipt
        }) {
            tracing::warn!(
                job = %dropped.view.id,
                kind = ?dropped.view.kind,
                order_number = ?dropped.view.order_number,
                "print queue full: dropped the oldest receipt"
            );
            if dropped.persisted {
                forget(app, dropped.view.id);
            }
        }
        st.jobs.push_back(Job {
            view: view.clone(),
            content,
            enqueued: Instant::now(),
            persisted: kept.is_some(),
        });
    }
    ensure_worker(app);
    app.inner.printing.queue.wake.notify_one();
    publish_status(app);
    view
}

/// Deletes a kept job's row, without waiting (a sync caller).
fn forget(app: &App, id: Uuid) {
    let app = app.clone();
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(async move {
            if let Err(e) = app
                .store()
                .write(move |c| crate::store::printing::delete(c, id))
                .await
            {
                tracing::warn!(job = %id, error = %e, "could not remove a finished print job");
            }
        });
    }
}

/// Removes jobs until one more fits under `max`: the oldest receipts first
/// (a copy can be reprinted), then the oldest jobs. Returns what it removed.
fn make_room<T>(jobs: &mut VecDeque<T>, max: usize, is_receipt: impl Fn(&T) -> bool) -> Vec<T> {
    let mut dropped = Vec::new();
    while !jobs.is_empty() && jobs.len() >= max {
        let victim = jobs.iter().position(&is_receipt).unwrap_or(0);
        dropped.extend(jobs.remove(victim));
    }
    dropped
}

/// Starts the worker on the current runtime unless it is running.
fn ensure_worker(app: &App) {
    let queue = &app.inner.printing.queue;
    let mut worker = lock(&queue.worker);
    if worker.as_ref().is_some_and(|h| !h.is_finished()) {
        return;
    }
    match tokio::runtime::Handle::try_current() {
        Ok(rt) => {
            *worker = Some(rt.spawn(run(queue.clone(), Arc::downgrade(&app.inner))));
        }
        Err(_) => tracing::warn!("no async runtime: print jobs wait until the next one"),
    }
}

fn backoff(failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(8);
    (FIRST_BACKOFF * 2u32.pow(exp)).min(MAX_BACKOFF)
}

/// The bytes for a job, as the settings are now.
fn render(
    app: &App,
    settings: &PrinterSettings,
    job: &Job,
) -> Result<Vec<u8>, printing::RenderError> {
    let fresh = job.enqueued.elapsed() < DRAWER_FRESH_FOR;
    let shop = app.settings();
    let ctx = |open_drawer| ReceiptContext {
        shop_name: &shop.shop_name,
        header: &shop.receipt_header,
        footer: &shop.receipt_footer,
        tax_mode: shop.tax_mode,
        tax_rate_bps: shop.tax_rate_bps,
        tz: app.inner.tz,
        width: settings.paper_width(),
        open_drawer,
    };
    match &job.content {
        Content::Receipt { order, open_drawer } => {
            printing::render_receipt(order, &ctx(*open_drawer && fresh))
        }
        Content::Test => printing::render_test_page(&ctx(false), job.view.queued_at),
        Content::Drawer => printing::render_drawer_kick(),
    }
}

enum Next {
    /// Nothing to do, or nowhere to print: wait to be woken.
    Idle,
    /// Wait this long (or to be woken), then try again.
    Retry(Duration),
    /// Go on with the next job.
    Continue,
}

/// The worker: sends the head of the queue until the queue is empty.
/// Holds the app only while it works, so a dropped app ends it.
async fn run(queue: Arc<Queue>, app: Weak<Inner>) {
    loop {
        let next = match app.upgrade() {
            None => return,
            Some(inner) => step(&App { inner }).await,
        };
        match next {
            Next::Continue => {}
            Next::Idle => queue.wake.notified().await,
            Next::Retry(wait) => {
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = queue.wake.notified() => {}
                }
            }
        }
    }
}

/// Tries the job at the head of the queue once.
async fn step(app: &App) -> Next {
    let queue = &app.inner.printing.queue;
    let (head, dropped) = {
        let mut st = lock(&queue.state);
        let mut dropped = false;
        // A drawer kick long after the payment is not wanted any more.
        while st.jobs.front().is_some_and(|j| {
            j.view.kind == PrintJobKind::Drawer && j.enqueued.elapsed() >= DRAWER_FRESH_FOR
        }) {
            if let Some(j) = st.jobs.pop_front() {
                tracing::info!(job = %j.view.id, "dropped a stale drawer kick");
                dropped = true;
            }
        }
        (st.jobs.front().cloned(), dropped)
    };
    if dropped {
        publish_status(app);
    }
    let Some(job) = head else {
        return Next::Idle;
    };
    let settings = app.inner.printing.settings();
    if !settings.configured() {
        return Next::Idle;
    }
    let bytes = match render(app, &settings, &job) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(job = %job.view.id, error = %e, "cannot render a print job; dropped");
            lock(&queue.state).jobs.retain(|j| j.view.id != job.view.id);
            if job.persisted {
                forget(app, job.view.id);
            }
            publish_status(app);
            return Next::Continue;
        }
    };
    let result = printing::net::send(&settings.host, settings.port, &bytes, SEND_TIMEOUT).await;
    if result.is_ok() && job.persisted {
        let id = job.view.id;
        if let Err(e) = app
            .store()
            .write(move |c| crate::store::printing::delete(c, id))
            .await
        {
            tracing::warn!(job = %id, error = %e, "could not remove a printed job");
        }
    }
    let next = {
        let mut st = lock(&queue.state);
        match result {
            Ok(()) => {
                st.jobs.retain(|j| j.view.id != job.view.id);
                st.online = Some(true);
                st.last_error = None;
                st.failures = 0;
                tracing::info!(job = %job.view.id, kind = ?job.view.kind, "printed");
                Next::Continue
            }
            Err(e) => {
                if let Some(j) = st.jobs.iter_mut().find(|j| j.view.id == job.view.id) {
                    j.view.attempts += 1;
                    j.view.last_error = Some(e.clone());
                }
                st.online = Some(false);
                st.last_error = Some(e.clone());
                st.failures += 1;
                let wait = backoff(st.failures);
                tracing::warn!(job = %job.view.id, error = %e, retry_in = ?wait, "printing failed; will retry");
                Next::Retry(wait)
            }
        }
    };
    publish_status(app);
    next
}

/// Decided before a payment's transaction: the id of the receipt job that
/// `orders::pay` writes with the payment when it completes the order
/// (`None` when receipts are not printed on payment).
pub(crate) fn receipt_job_id(app: &App) -> Option<Uuid> {
    let s = app.inner.printing.settings();
    (s.configured() && s.auto_print).then(|| app.new_id())
}

/// Called by `orders::pay` after its commit: queues the receipt when the
/// order is now fully paid (`kept`: the job row written with the payment),
/// and opens the drawer for cash. Never waits for the printer.
pub(crate) fn after_payment(app: &App, order: &Order, method: PaymentMethod, kept: Option<Uuid>) {
    let s = app.inner.printing.settings();
    if !s.configured() {
        return;
    }
    let open_drawer = method == PaymentMethod::Cash && s.open_drawer_on_cash;
    if order.paid && (kept.is_some() || s.auto_print) {
        enqueue(
            app,
            PrintJobKind::Receipt,
            Content::Receipt {
                order: Box::new(order.clone()),
                open_drawer,
            },
            kept,
        );
    } else if open_drawer {
        enqueue(app, PrintJobKind::Drawer, Content::Drawer, None);
    }
}

/// How long a receipt kept across a restart is still worth printing.
const KEEP_RECEIPTS_FOR: chrono::Duration = chrono::Duration::hours(12);

/// Queues the receipts that were waiting when the app last stopped (once;
/// `crema serve` and the desktop app call it at start). Their drawer kicks
/// are not repeated; receipts older than 12 hours are dropped.
pub async fn resume(app: &App) -> AppResult<()> {
    use std::sync::atomic::Ordering;
    if app.inner.printing.resumed.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    // A receipt from an earlier day is not wanted any more: forget it.
    let oldest = app.now() - KEEP_RECEIPTS_FOR;
    let kept = app
        .store()
        .write(move |c| -> AppResult<_> {
            let mut out = Vec::new();
            for (id, order_id, queued_at) in crate::store::printing::all(c)? {
                match crate::store::orders::get(c, order_id)? {
                    Some(order) if queued_at >= oldest => out.push((id, order, queued_at)),
                    _ => crate::store::printing::delete(c, id)?,
                }
            }
            Ok(out)
        })
        .await?;
    if kept.is_empty() {
        return Ok(());
    }
    tracing::info!(
        receipts = kept.len(),
        "receipts waiting from before the restart"
    );
    {
        let mut st = lock(&app.inner.printing.queue.state);
        for (id, order, queued_at) in kept {
            let view = PrintJobView {
                id,
                kind: PrintJobKind::Receipt,
                order_id: Some(order.id),
                order_number: Some(order.number),
                attempts: 0,
                last_error: None,
                queued_at,
            };
            st.jobs.push_back(Job {
                view,
                content: Content::Receipt {
                    order: Box::new(order),
                    open_drawer: false,
                },
                enqueued: Instant::now(),
                persisted: true,
            });
        }
    }
    ensure_worker(app);
    app.inner.printing.queue.wake.notify_one();
    publish_status(app);
    Ok(())
}

fn not_configured() -> AppError {
    AppError::new(
        ErrorCode::PrinterNotConfigured,
        "no network printer is set up: add its address in the printer settings",
    )
}

fn configured_or_409(app: &App) -> AppResult<()> {
    if app.inner.printing.settings().configured() {
        Ok(())
    } else {
        Err(not_configured())
    }
}

/// The printer and its queue (admin, cashier).
pub async fn status(app: &App, actor: &Actor) -> AppResult<PrinterStatus> {
    actor.require(&[Role::Admin, Role::Cashier], "see the printer")?;
    Ok(status_of(app))
}

/// The printer settings (admin).
pub async fn settings(app: &App, actor: &Actor) -> AppResult<PrinterSettings> {
    actor.require(&[Role::Admin], "see the printer settings")?;
    Ok(app.inner.printing.settings().as_ref().clone())
}

/// Changes the printer settings (admin). Queued jobs are tried again at once
/// with the new settings.
pub async fn update_settings(
    app: &App,
    actor: &Actor,
    new: PrinterSettings,
) -> AppResult<PrinterSettings> {
    actor.require(&[Role::Admin], "change the printer settings")?;
    let new = new.checked()?;
    let saved = new.clone();
    app.store()
        .write(move |c| -> AppResult<_> {
            use crate::store::settings::set;
            set(c, KEY_HOST, &saved.host)?;
            set(c, KEY_PORT, &saved.port.to_string())?;
            set(c, KEY_WIDTH, &saved.paper_width_mm.to_string())?;
            set(c, KEY_AUTO, &saved.auto_print.to_string())?;
            set(c, KEY_DRAWER, &saved.open_drawer_on_cash.to_string())?;
            Ok(())
        })
        .await?;
    if let Ok(mut s) = app.inner.printing.settings.write() {
        *s = Arc::new(new.clone());
    }
    {
        let mut st = lock(&app.inner.printing.queue.state);
        st.failures = 0;
        // A new printer: what the old one did says nothing about it.
        st.online = None;
        st.last_error = None;
    }
    app.inner.printing.queue.wake.notify_one();
    publish_status(app);
    Ok(new)
}

/// Queues the test page (admin). 409 `printer_not_configured` without a host.
pub async fn print_test_page(app: &App, actor: &Actor) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin], "print a test page")?;
    configured_or_409(app)?;
    Ok(enqueue(app, PrintJobKind::Test, Content::Test, None))
}

/// Queues a receipt for an order (admin, cashier): a reprint. It does not
/// open the drawer.
pub async fn print_receipt(app: &App, actor: &Actor, order_id: Uuid) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin, Role::Cashier], "print receipts")?;
    let order = app
        .store()
        .read(move |c| crate::store::orders::get(c, order_id))
        .await?
        .ok_or_else(|| AppError::not_found("no such order"))?;
    configured_or_409(app)?;
    // A reprint is kept like any receipt until it printed.
    let id = app.new_id();
    let now = app.now();
    app.store()
        .write(move |c| crate::store::printing::insert(c, id, order_id, now))
        .await?;
    Ok(enqueue(
        app,
        PrintJobKind::Receipt,
        Content::Receipt {
            order: Box::new(order),
            open_drawer: false,
        },
        Some(id),
    ))
}

/// Tries the queue again now instead of after the wait (admin, cashier).
pub async fn retry_now(app: &App, actor: &Actor) -> AppResult<PrinterStatus> {
    actor.require(&[Role::Admin, Role::Cashier], "retry printing")?;
    lock(&app.inner.printing.queue.state).failures = 0;
    if !lock(&app.inner.printing.queue.state).jobs.is_empty() {
        ensure_worker(app);
    }
    app.inner.printing.queue.wake.notify_one();
    Ok(status_of(app))
}

/// Opens the cash drawer (admin, cashier). 409 `printer_not_configured`
/// without a host (the drawer hangs off the printer).
pub async fn open_drawer(app: &App, actor: &Actor) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin, Role::Cashier], "open the cash drawer")?;
    configured_or_409(app)?;
    Ok(enqueue(app, PrintJobKind::Drawer, Content::Drawer, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(host: &str, port: u16, width: u8) -> AppResult<PrinterSettings> {
        PrinterSettings {
            host: host.into(),
            port,
            paper_width_mm: width,
            ..PrinterSettings::default()
        }
        .checked()
    }

    #[test]
    fn hosts_are_names_or_addresses_without_scheme_or_port() {
        for ok in [
            "",
            "192.168.1.50",
            "printer.local",
            "epson-tm",
            "fe80::1",
            "[::1]",
        ] {
            assert!(with(ok, 9100, 80).is_ok(), "{ok}");
        }
        assert_eq!(with("  10.0.0.9 ", 9100, 58).unwrap().host, "10.0.0.9");
        for bad in [
            "http://10.0.0.9",
            "10.0.0.9:9100",
            "printer/x",
            "two words",
            "-bad.local",
            "a..b",
        ] {
            assert!(with(bad, 9100, 80).is_err(), "{bad}");
        }
    }

    #[test]
    fn port_and_width_are_checked() {
        assert!(with("p", 0, 80).is_err());
        assert!(with("p", 65535, 80).is_ok());
        assert!(with("p", 9100, 57).is_err());
        assert!(with("p", 9100, 58).is_ok());
    }

    #[test]
    fn stored_settings_round_trip_and_bad_ones_fall_back() {
        let mut m = HashMap::new();
        assert_eq!(PrinterSettings::from_map(&m), PrinterSettings::default());
        m.insert(KEY_HOST.into(), "10.0.0.9".into());
        m.insert(KEY_PORT.into(), "9101".into());
        m.insert(KEY_WIDTH.into(), "58".into());
        m.insert(KEY_AUTO.into(), "false".into());
        let s = PrinterSettings::from_map(&m);
        assert_eq!(
            (s.host.as_str(), s.port, s.paper_width_mm, s.auto_print),
            ("10.0.0.9", 9101, 58, false)
        );
        m.insert(KEY_PORT.into(), "not a port".into());
        assert_eq!(PrinterSettings::from_map(&m).port, DEFAULT_PORT);
    }

    #[test]
    fn a_full_queue_drops_the_oldest_receipt_first() {
        let mut jobs: VecDeque<(&str, u32)> = VecDeque::new();
        jobs.extend([("test", 1), ("receipt", 2), ("drawer", 3), ("receipt", 4)]);
        let dropped = make_room(&mut jobs, 4, |j| j.0 == "receipt");
        assert_eq!(dropped, vec![("receipt", 2)]);
        assert_eq!(jobs.len(), 3);
        let dropped = make_room(&mut jobs, 2, |j| j.0 == "receipt");
        assert_eq!(dropped, vec![("receipt", 4), ("test", 1)]);
        assert_eq!(jobs, VecDeque::from([("drawer", 3)]));
        assert!(make_room(&mut jobs, 5, |_| true).is_empty());
    }

    #[test]
    fn the_wait_doubles_up_to_fifteen_seconds() {
        let waits: Vec<u64> = (1..=7).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 15, 15, 15]);
    }
}
