//! Receipts and the cash drawer on a network ESC/POS printer.
//!
//! Nothing a sale does waits for the printer: paying an order only puts a
//! job in the queue. One worker task (started on the first job) sends the
//! jobs in order over raw TCP; a job that fails stays at the head of the
//! queue and is tried again after 1, 2, 4, 8 and then every 15 seconds, or
//! at once when someone asks ([`retry_now`]) or the settings change. Every
//! change of the queue is published as `printer.status` to staff.
//!
//! Kitchen stations may have printers of their own (`stations.rs`): each
//! printer has its own queue and worker, so a station's printer being
//! offline holds up neither the receipts nor the other stations.
//!
//! This file holds the use cases and what they return; `refunds.rs` the
//! refund slips, `reports.rs` the Z and X reports on paper; `settings.rs`
//! the printer settings (validation, their keys in the settings table),
//! `stations.rs` the stations' printers and tickets, `queue.rs` the queues
//! and `worker.rs` the tasks that send them. The bytes come from
//! [`crate::printing`].

mod queue;
mod refunds;
mod reports;
mod settings;
pub mod stations;
mod worker;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::order::{Order, PaymentMethod};
use crate::domain::user::Role;
use queue::{enqueue, lock, Content, Destination, Queue};
use worker::ensure_worker;

pub use queue::MAX_QUEUE;
pub(crate) use refunds::after_refund;
pub use refunds::print_refund_slip;
pub use reports::{print_x_report, print_z_report};
pub use settings::{PrinterSettings, DEFAULT_PORT};
pub use stations::{StationPrinter, StationPrinterStatus, StationPrinterView};

/// What a print job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PrintJobKind {
    Receipt,
    Test,
    Drawer,
    /// A refund's slip, after the refund or reprinted.
    RefundSlip,
    /// A report on paper: the Z report of a day or the open shift's X report.
    Report,
    /// A kitchen station's ticket: the order's lines for that station.
    StationTicket,
}

/// A job waiting in the print queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PrintJobView {
    pub id: Uuid,
    pub kind: PrintJobKind,
    /// For receipts, refund slips and station tickets: the order.
    pub order_id: Option<Uuid>,
    /// For receipts, refund slips and station tickets: the order's ticket number.
    pub order_number: Option<i64>,
    /// Tries so far (0: not tried yet).
    pub attempts: u32,
    /// Why the last try failed (English, for the log).
    pub last_error: Option<String>,
    /// The same as a code a client words itself: `no_answer`,
    /// `cannot_connect`, `stalled` or `send_failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error_code: Option<String>,
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
    /// Why the last try failed, while the printer is not back (English).
    pub last_error: Option<String>,
    /// The same as a code (see `PrintJobView::last_error_code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error_code: Option<String>,
}

/// The printer settings and the print queues, owned by the `App`.
pub(crate) struct Printing {
    settings: RwLock<Arc<PrinterSettings>>,
    /// The receipt printer's queue.
    queue: Arc<Queue>,
    /// The stations' printers (as in `station_printers`), by station.
    station_printers: RwLock<Arc<BTreeMap<String, StationPrinter>>>,
    /// Each station printer's queue, made when first used.
    stations: Mutex<HashMap<String, Arc<Queue>>>,
    /// Held while kept jobs are read back from the store, and while a
    /// printed one's row goes and it leaves its queue.
    loading: tokio::sync::Mutex<()>,
    /// Receipts kept from before a restart are queued once.
    resumed: AtomicBool,
}

impl Printing {
    pub(crate) fn new(settings: PrinterSettings, stations: stations::Stored) -> Self {
        Printing {
            settings: RwLock::new(Arc::new(settings)),
            station_printers: RwLock::new(Arc::new(stations::by_station(stations))),
            queue: Arc::new(Queue::new(Destination::Receipt)),
            stations: Mutex::new(HashMap::new()),
            loading: tokio::sync::Mutex::new(()),
            resumed: AtomicBool::new(false),
        }
    }

    fn station_printers(&self) -> Arc<BTreeMap<String, StationPrinter>> {
        self.station_printers
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    fn set_station_printers(&self, printers: BTreeMap<String, StationPrinter>) {
        match self.station_printers.write() {
            Ok(mut s) => *s = Arc::new(printers),
            Err(p) => *p.into_inner() = Arc::new(printers),
        }
    }

    /// The queue of `station`'s printer.
    fn station_queue(&self, station: &str) -> Arc<Queue> {
        lock(&self.stations)
            .entry(station.to_string())
            .or_insert_with(|| Arc::new(Queue::new(Destination::Station(station.to_string()))))
            .clone()
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
        last_error_code: st.last_error_code.clone(),
    }
}

fn publish_status(app: &App) {
    let status = status_of(app);
    app.inner.events.publish("printer.status", &status);
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
    if app.inner.printing.resumed.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    // Station tickets: those kept from before, then each order reaching
    // the kitchen from now on.
    stations::listen(app);
    if let Err(e) = stations::load(app, Some(app.now() - KEEP_RECEIPTS_FOR)).await {
        tracing::warn!(error = %e.message, "could not queue the waiting station tickets");
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
    queue::restore(app, kept);
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

async fn order_or_404(app: &App, order_id: Uuid) -> AppResult<Order> {
    app.store()
        .read(move |c| crate::store::orders::get(c, order_id))
        .await?
        .ok_or_else(|| AppError::not_found("no such order"))
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
            for (key, value) in saved.entries() {
                crate::store::settings::set(c, key, &value)?;
            }
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
        st.last_error_code = None;
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
    let order = order_or_404(app, order_id).await?;
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
        ensure_worker(app, &app.inner.printing.queue);
    }
    app.inner.printing.queue.wake.notify_one();
    stations::retry_all(app);
    Ok(status_of(app))
}

/// Opens the cash drawer (admin, cashier). 409 `printer_not_configured`
/// without a host (the drawer hangs off the printer).
pub async fn open_drawer(app: &App, actor: &Actor) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin, Role::Cashier], "open the cash drawer")?;
    configured_or_409(app)?;
    Ok(enqueue(app, PrintJobKind::Drawer, Content::Drawer, None))
}
