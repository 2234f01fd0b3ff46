//! Where notifications come from: one task follows the event bus and turns
//! the events worth a look into notices, and now and then checks how long
//! sales have waited for head office. It never floods: the printer's
//! "offline" is said once until it prints again, an item's "sold out" once
//! per time it is marked so, a refund, a shift or a feedback once.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Weak};
use std::time::Duration;

use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

use super::notice::{sold_out_key, station_printer_key, Notice, PRINTER_KEY, SYNC_KEY};
use super::{raise, release};
use crate::app::feedback::Feedback;
use crate::app::printing::{PrinterStatus, StationPrinterStatus};
use crate::app::shifts::Shift;
use crate::app::{App, AppResult, Event, Inner};
use crate::domain::Money;

/// How long the oldest sale may wait for head office before admins hear.
pub const SYNC_BEHIND_AFTER: Duration = Duration::from_secs(15 * 60);
/// How often the head-office backlog is checked.
const SYNC_CHECK_EVERY: Duration = Duration::from_secs(60);

/// Starts following the event bus (once; `http::serve` calls it). The
/// subscription is taken before this returns, so no later event is missed.
pub fn start(app: &App) {
    let weak = Arc::downgrade(&app.inner);
    app.inner.notifier.start(|| {
        let rx = app.subscribe();
        run(weak, rx)
    });
}

/// What the watcher remembers between events.
#[derive(Default)]
struct Seen {
    /// Whether the printer was last known offline (`None`: not known).
    printer_offline: Option<bool>,
    /// The same of each station's printer.
    station_offline: HashMap<String, bool>,
    /// Each item's availability in the last menu.
    available: HashMap<Uuid, bool>,
    /// Refunds above the limit already told.
    refunds: HashSet<Uuid>,
}

async fn run(app: Weak<Inner>, mut rx: tokio::sync::broadcast::Receiver<Event>) {
    let mut seen = Seen::default();
    if let Some(inner) = app.upgrade() {
        let app = App { inner };
        match crate::app::menu::get(&app).await {
            Ok(menu) => {
                seen.available = menu
                    .view
                    .categories
                    .iter()
                    .flat_map(|c| c.items.iter().map(|i| (i.id, i.available)))
                    .collect();
            }
            Err(e) => tracing::warn!(error = %e.message, "notifications: menu not read"),
        }
    }
    let mut tick = tokio::time::interval(SYNC_CHECK_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let event = tokio::select! {
            r = rx.recv() => match r {
                Ok(e) => Some(e),
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!(missed = n, "notifications: events missed");
                    None
                }
                Err(RecvError::Closed) => return,
            },
            _ = tick.tick() => None,
        };
        let Some(inner) = app.upgrade() else { return };
        let app = App { inner };
        let done = match event {
            Some(e) => on_event(&app, &mut seen, &e).await,
            None => check_sync(&app, SYNC_BEHIND_AFTER).await,
        };
        if let Err(e) = done {
            tracing::warn!(error = %e.message, "notification not written");
        }
    }
}

#[derive(Deserialize)]
struct MenuEvent {
    categories: Vec<MenuCategory>,
}
#[derive(Deserialize)]
struct MenuCategory {
    items: Vec<MenuItem>,
}
#[derive(Deserialize)]
struct MenuItem {
    id: Uuid,
    name: String,
    available: bool,
}

#[derive(Deserialize)]
struct OrderEvent {
    id: Uuid,
    number: i64,
    #[serde(default)]
    refunds: Vec<RefundEvent>,
}
#[derive(Deserialize)]
struct RefundEvent {
    id: Uuid,
    amount: Money,
}

fn parse<'a, T: Deserialize<'a>>(e: &'a Event) -> Option<T> {
    serde_json::from_str(&e.data)
        .map_err(
            |err| tracing::warn!(error = %err, event = e.name, "notifications: event not read"),
        )
        .ok()
}

async fn on_event(app: &App, seen: &mut Seen, e: &Event) -> AppResult<()> {
    match e.name {
        "feedback.created" => {
            if let Some(f) = parse::<Feedback>(e) {
                let notice = Notice::FeedbackReceived {
                    feedback_id: f.id,
                    order_number: f.order_number,
                    rating: f.rating,
                };
                raise(app, notice).await?;
            }
        }
        "printer.status" => {
            if let Some(s) = parse::<PrinterStatus>(e) {
                on_printer(app, seen, s).await?;
            }
        }
        "printer.station_status" => {
            if let Some(s) = parse::<StationPrinterStatus>(e) {
                on_station_printer(app, seen, s).await?;
            }
        }
        "menu.updated" => {
            if let Some(menu) = parse::<MenuEvent>(e) {
                on_menu(app, seen, menu).await?;
            }
        }
        // Most order events have no refund: only those are read.
        "order.updated" if e.data.contains("\"refunds\":[{") => {
            if let Some(order) = parse::<OrderEvent>(e) {
                on_refunds(app, seen, order).await?;
            }
        }
        "shift.closed" => {
            if let Some(shift) = parse::<Shift>(e) {
                if let Some(difference) = shift.difference.filter(|d| d.amount != 0) {
                    let notice = Notice::ShiftCashDifference {
                        shift_id: shift.id,
                        difference,
                    };
                    raise(app, notice).await?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

async fn on_printer(app: &App, seen: &mut Seen, s: PrinterStatus) -> AppResult<()> {
    let offline = s.configured && s.online == Some(false);
    let back = !s.configured || s.online == Some(true);
    if offline && seen.printer_offline != Some(true) {
        let error_code = s.last_error_code.clone();
        let station = None;
        raise(
            app,
            Notice::PrinterOffline {
                error_code,
                station,
            },
        )
        .await?;
        seen.printer_offline = Some(true);
    } else if back && seen.printer_offline != Some(false) {
        release(app, PRINTER_KEY.to_string()).await?;
        seen.printer_offline = Some(false);
    }
    Ok(())
}

async fn on_station_printer(app: &App, seen: &mut Seen, s: StationPrinterStatus) -> AppResult<()> {
    let offline = s.configured && s.online == Some(false);
    let back = !s.configured || s.online == Some(true);
    let before = seen.station_offline.get(&s.station).copied();
    if offline && before != Some(true) {
        let notice = Notice::PrinterOffline {
            error_code: s.last_error_code.clone(),
            station: Some(s.station.clone()),
        };
        raise(app, notice).await?;
        seen.station_offline.insert(s.station, true);
    } else if back && before != Some(false) {
        release(app, station_printer_key(&s.station)).await?;
        seen.station_offline.insert(s.station, false);
    }
    Ok(())
}

async fn on_menu(app: &App, seen: &mut Seen, menu: MenuEvent) -> AppResult<()> {
    let mut now = HashMap::new();
    for c in menu.categories {
        for item in c.items {
            let before = seen.available.get(&item.id).copied();
            now.insert(item.id, item.available);
            match (before, item.available) {
                (Some(true), false) => {
                    let notice = Notice::ItemSoldOut {
                        item_id: item.id,
                        item_name: item.name,
                    };
                    raise(app, notice).await?;
                }
                (Some(false), true) => release(app, sold_out_key(item.id)).await?,
                _ => {}
            }
        }
    }
    seen.available = now;
    Ok(())
}

async fn on_refunds(app: &App, seen: &mut Seen, order: OrderEvent) -> AppResult<()> {
    let limit = i64::from(app.settings().cashier_refund_limit);
    for r in order.refunds {
        if r.amount.amount <= limit || seen.refunds.contains(&r.id) {
            continue;
        }
        let notice = Notice::RefundAboveLimit {
            order_id: order.id,
            order_number: order.number,
            refund_id: r.id,
            amount: r.amount,
            limit: Money::new(limit, r.amount.currency),
        };
        raise(app, notice).await?;
        seen.refunds.insert(r.id);
    }
    Ok(())
}

/// Tells admins once when the oldest sale not yet sent to head office has
/// waited `after` or longer (an enrolled shop only), and frees that notice
/// once the backlog is within it again. The watcher runs it every minute
/// with [`SYNC_BEHIND_AFTER`].
pub async fn check_sync(app: &App, after: Duration) -> AppResult<()> {
    let dir = app.data_dir().to_path_buf();
    let status = app
        .store()
        .read(move |c| crate::sync::status::read(&dir, c))
        .await?;
    let now = app.now();
    let after = chrono::Duration::from_std(after).unwrap_or(chrono::Duration::MAX);
    let waited = status.oldest_pending_at.map(|t| now - t);
    match waited {
        Some(w) if status.enrolled && w >= after => {
            let notice = Notice::SyncBehind {
                minutes: w.num_minutes(),
                pending: status.pending,
            };
            raise(app, notice).await.map(|_| ())
        }
        _ => release(app, SYNC_KEY.to_string()).await,
    }
}
