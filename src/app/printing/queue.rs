//! The print queue: the jobs not printed yet, oldest first, and what the
//! last try said. Adding a job never waits for the printer; `worker.rs`
//! sends them.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;
use uuid::Uuid;

use super::worker::ensure_worker;
use super::{publish_status, PrintJobKind, PrintJobView};
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
}

#[derive(Debug, Clone)]
pub(super) struct Job {
    pub(super) view: PrintJobView,
    pub(super) content: Content,
    pub(super) enqueued: Instant,
    /// Kept in `print_jobs` until printed (receipts).
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
    pub(super) state: Mutex<QueueState>,
    pub(super) wake: Notify,
    pub(super) worker: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Queue {
    pub(super) fn new() -> Self {
        Queue {
            state: Mutex::new(QueueState::default()),
            wake: Notify::new(),
            worker: Mutex::new(None),
        }
    }
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Adds a job, drops the oldest receipt when the queue is full, makes sure
/// the worker runs and wakes it. Never waits for the printer.
/// `kept` is the id of the job's `print_jobs` row, when it has one.
pub(super) fn enqueue(
    app: &App,
    kind: PrintJobKind,
    content: Content,
    kept: Option<Uuid>,
) -> PrintJobView {
    let order = match &content {
        Content::Receipt { order, .. } | Content::RefundSlip { order, .. } => {
            Some((order.id, order.number))
        }
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
    ensure_worker(app);
    app.inner.printing.queue.wake.notify_one();
    publish_status(app);
}

/// Deletes a kept job's row, without waiting (a sync caller).
pub(super) fn forget(app: &App, id: Uuid) {
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
