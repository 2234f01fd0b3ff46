//! Kitchen stations' printers and their tickets.
//!
//! A station is a `station` value of the categories (e.g. `bar`); the admin
//! may give it a network ESC/POS printer (`station_printers`). When an
//! order reaches the kitchen — placed, or accepted when it waited for staff
//! — the transaction doing it writes one ticket per station that has lines
//! in the order and a printer ([`tickets_in`], into `station_print_jobs`).
//! After the commit the order's event wakes [`listen`], which reads the
//! kept tickets back ([`load`]) into each station's own queue; a ticket's
//! row goes once its printer took it, so tickets survive a restart like
//! receipts. Lines without a station are on no station's ticket.

use std::collections::BTreeMap;
use std::sync::{Arc, Weak};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::error::RecvError;
use utoipa::ToSchema;
use uuid::Uuid;

use super::queue::{enqueue_on, lock, Content, Queue};
use super::worker::ensure_worker;
use super::{not_configured, PrintJobKind, PrintJobView, PrinterSettings, DEFAULT_PORT};
use crate::app::{Actor, App, AppError, AppResult, Inner};
use crate::domain::order::{Order, OrderStatus};
use crate::domain::user::Role;
use crate::printing::PaperWidth;
use crate::store::printing as store;

/// A station's network printer (admin panel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StationPrinter {
    /// Name or IP address of a network ESC/POS printer, without scheme or
    /// port. Empty: the station has no printer (its waiting tickets go).
    pub host: String,
    /// Raw TCP port, usually 9100.
    #[serde(default = "default_port")]
    pub port: u16,
    /// Paper roll width: 58 (32 columns) or 80 (48 columns).
    #[serde(default = "default_width")]
    pub paper_width_mm: u8,
}

fn default_port() -> u16 {
    DEFAULT_PORT
}
fn default_width() -> u8 {
    80
}

impl StationPrinter {
    fn none() -> Self {
        StationPrinter {
            host: String::new(),
            port: DEFAULT_PORT,
            paper_width_mm: default_width(),
        }
    }

    /// Checked like the receipt printer's address and paper.
    fn checked(self) -> AppResult<Self> {
        let s = PrinterSettings {
            host: self.host,
            port: self.port,
            paper_width_mm: self.paper_width_mm,
            ..PrinterSettings::default()
        }
        .checked()?;
        Ok(StationPrinter {
            host: s.host,
            port: s.port,
            paper_width_mm: s.paper_width_mm,
        })
    }

    pub(super) fn paper_width(&self) -> PaperWidth {
        PaperWidth::from_mm(self.paper_width_mm).unwrap_or(PaperWidth::Mm80)
    }
}

/// A station printer and its queue. Also the `printer.station_status` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StationPrinterStatus {
    pub station: String,
    /// The station has a printer.
    pub configured: bool,
    /// Whether the last try to print worked; null before the first.
    pub online: Option<bool>,
    /// Tickets (and test pages) not printed yet, oldest first.
    pub pending: Vec<PrintJobView>,
    /// Why the last try failed, while the printer is not back (English).
    pub last_error: Option<String>,
    /// The same as a code (see `PrintJobView::last_error_code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error_code: Option<String>,
}

/// A station as the admin panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StationPrinterView {
    pub station: String,
    /// Some category is routed to the station (false: a printer left from
    /// a station no category uses any more).
    pub routed: bool,
    /// Its printer (`host` empty: none).
    pub printer: StationPrinter,
    pub status: StationPrinterStatus,
}

fn status_of(app: &App, station: &str, configured: bool) -> StationPrinterStatus {
    let queue = app.inner.printing.station_queue(station);
    let st = lock(&queue.state);
    StationPrinterStatus {
        station: station.to_string(),
        configured,
        online: st.online,
        pending: st.jobs.iter().map(|j| j.view.clone()).collect(),
        last_error: st.last_error.clone(),
        last_error_code: st.last_error_code.clone(),
    }
}

/// Publishes `printer.station_status` for `station` (to staff).
pub(super) fn publish_status(app: &App, station: &str) {
    let configured = printer_of(app, station).is_some();
    let status = status_of(app, station, configured);
    app.inner.events.publish("printer.station_status", &status);
}

/// The station printers as stored: (station, (host, port, width)).
pub(crate) type Stored = Vec<(String, store::StationPrinterRow)>;

/// The station printers by station, from the store's rows.
pub(crate) fn by_station(rows: Stored) -> BTreeMap<String, StationPrinter> {
    rows.into_iter()
        .map(|(station, (host, port, paper_width_mm))| {
            let p = StationPrinter {
                host,
                port,
                paper_width_mm,
            };
            (station, p)
        })
        .collect()
}

/// `station`'s printer, when it has one.
pub(super) fn printer_of(app: &App, station: &str) -> Option<StationPrinter> {
    app.inner.printing.station_printers().get(station).cloned()
}

/// Inside the transaction sending `order` to the kitchen: keeps one ticket
/// for each station with lines in it and a printer.
pub(crate) fn tickets_in(c: &Connection, order: &Order, now: DateTime<Utc>) -> AppResult<()> {
    let mut stations: Vec<&str> = order
        .lines
        .iter()
        .filter_map(|l| l.station.as_deref())
        .filter(|s| !s.is_empty())
        .collect();
    stations.sort_unstable();
    stations.dedup();
    for station in store::stations_with_printer(c, &stations)? {
        store::insert_station_job(c, Uuid::now_v7(), order.id, &station, now)?;
    }
    Ok(())
}

/// Queues the kept tickets not queued yet. Those queued before `oldest`,
/// and those of orders cancelled or gone, are dropped.
pub(super) async fn load(app: &App, oldest: Option<DateTime<Utc>>) -> AppResult<()> {
    let _loading = app.inner.printing.loading.lock().await;
    let queued = |id: Uuid, station: &str| {
        let queue = app.inner.printing.station_queue(station);
        let st = lock(&queue.state);
        st.jobs.iter().any(|j| j.view.id == id)
    };
    let rows: Vec<_> = app
        .store()
        .read(store::station_jobs)
        .await?
        .into_iter()
        .filter(|(id, _, station, _)| !queued(*id, station))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let (kept, gone) = app
        .store()
        .read(move |c| -> AppResult<_> {
            let (mut kept, mut gone) = (Vec::new(), Vec::new());
            for (id, order_id, station, queued_at) in rows {
                let stale = oldest.is_some_and(|o| queued_at < o);
                match crate::store::orders::get(c, order_id)? {
                    Some(order) if !stale && order.status != OrderStatus::Cancelled => {
                        kept.push((id, order, station))
                    }
                    _ => gone.push(id),
                }
            }
            Ok((kept, gone))
        })
        .await?;
    if !gone.is_empty() {
        app.store()
            .write(move |c| -> AppResult<_> {
                for id in gone {
                    store::delete_station_job(c, id)?;
                }
                Ok(())
            })
            .await?;
    }
    for (id, order, station) in kept {
        let queue = app.inner.printing.station_queue(&station);
        let content = Content::StationTicket(Box::new(order));
        enqueue_on(app, &queue, PrintJobKind::StationTicket, content, Some(id));
    }
    Ok(())
}

/// Follows the event bus: each order placed (reaching the kitchen, or
/// accepted) has its kept tickets queued. Started once, by `resume`.
pub(super) fn listen(app: &App) {
    let rx = app.subscribe();
    let weak = Arc::downgrade(&app.inner);
    match tokio::runtime::Handle::try_current() {
        Ok(rt) => {
            rt.spawn(follow(weak, rx));
        }
        Err(_) => tracing::warn!("no async runtime: station tickets are not printed"),
    }
}

async fn follow(app: Weak<Inner>, mut rx: tokio::sync::broadcast::Receiver<crate::app::Event>) {
    loop {
        let wanted = match rx.recv().await {
            // An order reaching the kitchen is placed (its status).
            Ok(e) => {
                matches!(e.name, "order.created" | "order.updated")
                    && e.data.contains("\"status\":\"placed\"")
            }
            Err(RecvError::Lagged(_)) => true,
            Err(RecvError::Closed) => return,
        };
        if !wanted {
            continue;
        }
        let Some(inner) = app.upgrade() else { return };
        if let Err(e) = load(&App { inner }, None).await {
            tracing::warn!(error = %e.message, "station tickets not queued");
        }
    }
}

/// The stations (those categories are routed to, and those with a
/// printer) with their printers and queues (admin).
pub async fn list(app: &App, actor: &Actor) -> AppResult<Vec<StationPrinterView>> {
    actor.require(&[Role::Admin], "see the station printers")?;
    let routed = app.store().read(store::routed_stations).await?;
    let printers = app.inner.printing.station_printers();
    let mut names: Vec<String> = routed.clone();
    names.extend(printers.keys().cloned());
    names.sort();
    names.dedup();
    Ok(names
        .into_iter()
        .map(|station| {
            let printer = printers
                .get(&station)
                .cloned()
                .unwrap_or_else(StationPrinter::none);
            let status = status_of(app, &station, !printer.host.is_empty());
            StationPrinterView {
                routed: routed.contains(&station),
                station,
                printer,
                status,
            }
        })
        .collect())
}

/// The station printers' queues (admin, cashier, kitchen): those with a
/// printer.
pub async fn statuses(app: &App, actor: &Actor) -> AppResult<Vec<StationPrinterStatus>> {
    actor.require(
        &[Role::Admin, Role::Cashier, Role::Kitchen],
        "see the station printers",
    )?;
    let printers = app.inner.printing.station_printers();
    Ok(printers
        .keys()
        .map(|station| status_of(app, station, true))
        .collect())
}

async fn view_of(app: &App, actor: &Actor, station: &str) -> AppResult<StationPrinterView> {
    list(app, actor)
        .await?
        .into_iter()
        .find(|v| v.station == station)
        .ok_or_else(|| AppError::not_found("no category is routed to this station"))
}

/// Sets or (empty host) removes a station's printer (admin). 404 for a
/// station no category is routed to and with no printer; 400 for a bad
/// address, port or paper width. Its queue is tried again at once.
pub async fn update(
    app: &App,
    actor: &Actor,
    station: &str,
    new: StationPrinter,
) -> AppResult<StationPrinterView> {
    actor.require(&[Role::Admin], "change the station printers")?;
    let new = new.checked()?;
    view_of(app, actor, station).await?;
    let name = station.to_string();
    let row = (!new.host.is_empty()).then(|| (new.host.clone(), new.port, new.paper_width_mm));
    let rows = app
        .store()
        .write(move |c| -> AppResult<_> {
            store::set_station_printer(c, &name, row.as_ref())?;
            Ok(store::station_printers(c)?)
        })
        .await?;
    app.inner.printing.set_station_printers(by_station(rows));
    let queue = app.inner.printing.station_queue(station);
    {
        let mut st = lock(&queue.state);
        if new.host.is_empty() {
            // No printer: its waiting tickets went with it.
            st.jobs.clear();
        }
        st.failures = 0;
        st.online = None;
        st.last_error = None;
        st.last_error_code = None;
    }
    if !lock(&queue.state).jobs.is_empty() {
        ensure_worker(app, &queue);
    }
    queue.wake.notify_one();
    publish_status(app, station);
    // A printer removed from a station no category uses any more: the
    // station is gone from the list, its (empty) view is still the answer.
    let routed = app.store().read(store::routed_stations).await?;
    let configured = !new.host.is_empty();
    Ok(StationPrinterView {
        station: station.to_string(),
        routed: routed.iter().any(|s| s == station),
        printer: if configured {
            new
        } else {
            StationPrinter::none()
        },
        status: status_of(app, station, configured),
    })
}

/// Queues a test page on a station's printer (admin). 404 for an unknown
/// station, 409 `printer_not_configured` when it has no printer.
pub async fn print_test_page(app: &App, actor: &Actor, station: &str) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin], "print a test page")?;
    let view = view_of(app, actor, station).await?;
    if view.printer.host.is_empty() {
        return Err(not_configured());
    }
    let queue = app.inner.printing.station_queue(station);
    Ok(enqueue_on(
        app,
        &queue,
        PrintJobKind::Test,
        Content::Test,
        None,
    ))
}

/// Every station printer's queue is tried again now (`retry_now`).
pub(super) fn retry_all(app: &App) {
    let queues: Vec<Arc<Queue>> = lock(&app.inner.printing.stations)
        .values()
        .cloned()
        .collect();
    for queue in queues {
        lock(&queue.state).failures = 0;
        if !lock(&queue.state).jobs.is_empty() {
            ensure_worker(app, &queue);
        }
        queue.wake.notify_one();
    }
}
