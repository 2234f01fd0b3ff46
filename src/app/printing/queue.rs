//! The print queues: one per printer (the receipt printer's, and one per
//! kitchen station with a printer), each with its jobs not printed yet,
//! oldest first, and what the last try said. Adding a job never waits for
//! the printer; `worker.rs` sends each queue on its own, so one printer
//! being offline holds up none of the others.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;
use uuid::Uuid;

use super::worker::ensure_worker;
use super::{publish_status, stations, PrintJobKind, PrintJobView};
use crate::app::App;
use crate::domain::order::{Order, Refund};
use crate::printing::Report;

/// Most jobs kept; beyond, the oldest receipt is dropped.
pub const MAX_QUEUE: usize = 200;

#[derive(Debug, Clone)]
pub(super) enum Content {
    Receipt {
        order: Box<Order>,
        open_drawer: bool,
    },
    Test,
    Drawer,
    RefundSlip {
        order: Box<Order>,
        refund: Box<Refund>,
    },
    Report(Box<Report>),
    /// A kitchen station's ticket (the station is the queue's).
    StationTicket(Box<Order>),
}

/// Where a queue's jobs go.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Destination {
    /// The receipt printer: receipts, slips, reports, its test page, the drawer.
    Receipt,
    /// A kitchen station's printer: its tickets and its test page.
    Station(String),
}

#[derive(Debug, Clone)]
pub(super) struct Job {
    pub(super) view: PrintJobView,
    pub(super) content: Content,
    pub(super) enqueued: Instant,
    /// Kept in `print_jobs` (receipts) or `station_print_jobs` (station
    /// tickets) until printed.
    pub(super) persisted: bool,
}

#[derive(Default)]
pub(super) struct QueueState {
    pub(super) jobs: VecDeque<Job>,
    pub(super) online: Option<bool>,
    pub(super) last_error: Option<String>,
    pub(super) last_error_code: Option<String>,
    /// Failed tries in a row (sets the wait before the next).
    pub(super) failures: u32,
}

pub(super) struct Queue {
    pub(super) dest: Destination,
    pub(super) state: Mutex<QueueState>,
    pub(super) wake: Notify,
    pub(super) worker: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Queue {
    pub(super) fn new(dest: Destination) -> Self {
        Queue {
            dest,
            state: Mutex::new(QueueState::default()),
            wake: Notify::new(),
            worker: Mutex::new(None),
        }
    }
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Tells the queue's audience what changed: `printer.status` for the
/// receipt printer, `printer.station_status` for a station's.
pub(super) fn publish(app: &App, dest: &Destination) {
    match dest {
        Destination::Receipt => publish_status(app),
        Destination::Station(station) => stations::publish_status(app, station),
    }
}

/// Adds a job to the receipt printer's queue (see [`enqueue_on`]).
pub(super) fn enqueue(
    app: &App,
    kind: PrintJobKind,
    content: Content,
    kept: Option<Uuid>,
) -> PrintJobView {
    let queue = app.inner.printing.queue.clone();
    enqueue_on(app, &queue, kind, content, kept)
}

/// Adds a job, drops the oldest receipt or ticket when the queue is full,
/// makes sure the queue's worker runs and wakes it. Never waits for the
/// printer. `kept` is the id of the job's row (`print_jobs`,
/// `station_print_jobs`), when it has one.
pub(super) fn enqueue_on(
    app: &App,
    queue: &Arc<Queue>,
    kind: PrintJobKind,
    content: Content,
    kept: Option<Uuid>,
) -> PrintJobView {
    let order = match &content {
        Content::Receipt { order, .. }
        | Content::RefundSlip { order, .. }
        | Content::StationTicket(order) => Some((order.id, order.number)),
        _ => None,
    };
    let view = PrintJobView {
        id: kept.unwrap_or_else(|| app.new_id()),
        kind,
        order_id: order.map(|o| o.0),
        order_number: order.map(|o| o.1),
        attempts: 0,
        last_error: None,
        last_error_code: None,
        queued_at: app.now(),
    };
    {
        let mut st = lock(&queue.state);
        for dropped in make_room(&mut st.jobs, MAX_QUEUE, |j| {
            matches!(
                j.view.kind,
                PrintJobKind::Receipt | PrintJobKind::StationTicket
            )
        }) {
            tracing::warn!(
                job = %dropped.view.id,
                kind = ?dropped.view.kind,
                order_number = ?dropped.view.order_number,
                "print queue full: dropped the oldest receipt"
            );
            if dropped.persisted {
                forget(app, &queue.dest, dropped.view.id);
            }
        }
        st.jobs.push_back(Job {
            view: view.clone(),
            content,
            enqueued: Instant::now(),
            persisted: kept.is_some(),
        });
    }
    ensure_worker(app, queue);
    queue.wake.notify_one();
    publish(app, &queue.dest);
    view
}

/// Queues receipts kept from before a restart: (job id, order, queued at).
/// Their drawer kicks are not repeated.
pub(super) fn restore(app: &App, kept: Vec<(Uuid, Order, DateTime<Utc>)>) {
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
                last_error_code: None,
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
    let queue = app.inner.printing.queue.clone();
    ensure_worker(app, &queue);
    queue.wake.notify_one();
    publish_status(app);
}

/// Deletes a kept job's row (in the table of its destination).
pub(super) async fn delete_kept(
    app: &App,
    dest: &Destination,
    id: Uuid,
) -> crate::app::AppResult<()> {
    let station = matches!(dest, Destination::Station(_));
    app.store()
        .write(move |c| {
            if station {
                crate::store::printing::delete_station_job(c, id)
            } else {
                crate::store::printing::delete(c, id)
            }
        })
        .await?;
    Ok(())
}

/// Deletes a kept job's row, without waiting (a sync caller).
pub(super) fn forget(app: &App, dest: &Destination, id: Uuid) {
    let app = app.clone();
    let dest = dest.clone();
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(async move {
            if let Err(e) = delete_kept(&app, &dest, id).await {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
