//! The workers: one task per queue (per printer) that sends the head of
//! its queue to its printer, job after job, and after a failure waits 1, 2,
//! 4, 8 and then every 15 seconds (or until woken) before it tries again.
//! A printer that is down holds up only its own queue.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::queue::{delete_kept, forget, lock, publish, Content, Destination, Job, Queue};
use super::{stations, PrintJobKind};
use crate::app::{App, Inner};
use crate::printing::{
    net, render_drawer_kick, render_receipt_with, render_refund_slip, render_report,
    render_station_ticket, render_test_page, PaperWidth, ReceiptContext, ReceiptPoints,
    RenderError,
};

/// Connecting and writing each give up after this long.
const SEND_TIMEOUT: Duration = Duration::from_secs(3);
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(15);
/// A drawer opening this long after the payment would open for nobody: a
/// drawer job that old is dropped, and a late receipt prints without it.
const DRAWER_FRESH_FOR: Duration = Duration::from_secs(60);

/// Starts the queue's worker on the current runtime unless it is running.
pub(super) fn ensure_worker(app: &App, queue: &Arc<Queue>) {
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

/// Where a queue's printer is, as its settings are now.
struct Target {
    host: String,
    port: u16,
    width: PaperWidth,
}

fn target(app: &App, dest: &Destination) -> Option<Target> {
    match dest {
        Destination::Receipt => {
            let s = app.inner.printing.settings();
            s.configured().then(|| Target {
                host: s.host.clone(),
                port: s.port,
                width: s.paper_width(),
            })
        }
        Destination::Station(station) => {
            let p = stations::printer_of(app, station)?;
            Some(Target {
                width: p.paper_width(),
                host: p.host,
                port: p.port,
            })
        }
    }
}

/// What a receipt says of the order's loyalty points (from the ledger).
async fn points_of(app: &App, job: &Job) -> ReceiptPoints {
    let Content::Receipt { order, .. } = &job.content else {
        return ReceiptPoints::default();
    };
    if order.customer_id.is_none() {
        return ReceiptPoints::default();
    }
    let id = order.id;
    match app
        .store()
        .read(move |c| crate::store::loyalty::of_order(c, id))
        .await
    {
        Ok((earned, redeemed)) => ReceiptPoints { earned, redeemed },
        Err(e) => {
            tracing::warn!(job = %job.view.id, error = %e, "points not read for the receipt");
            ReceiptPoints::default()
        }
    }
}

/// The bytes for a job, as the settings are now.
fn render(
    app: &App,
    width: PaperWidth,
    job: &Job,
    points: ReceiptPoints,
    dest: &Destination,
) -> Result<Vec<u8>, RenderError> {
    let fresh = job.enqueued.elapsed() < DRAWER_FRESH_FOR;
    let shop = app.settings();
    let ctx = |open_drawer| ReceiptContext {
        shop_name: &shop.shop_name,
        header: &shop.receipt_header,
        footer: &shop.receipt_footer,
        tax_mode: shop.tax_mode,
        tax_rate_bps: shop.tax_rate_bps,
        tz: app.time_zone(),
        width,
        open_drawer,
    };
    match &job.content {
        Content::Receipt { order, open_drawer } => {
            render_receipt_with(order, &ctx(*open_drawer && fresh), points)
        }
        Content::StationTicket(order) => {
            let station = match dest {
                Destination::Station(s) => s.as_str(),
                Destination::Receipt => "",
            };
            render_station_ticket(order, station, app.time_zone(), width)
        }
        Content::Test => render_test_page(&ctx(false), job.view.queued_at),
        Content::Drawer => render_drawer_kick(),
        Content::RefundSlip { order, refund } => render_refund_slip(order, refund, &ctx(false)),
        Content::Report(report) => render_report(report, &ctx(false)),
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
            Some(inner) => step(&App { inner }, &queue).await,
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
async fn step(app: &App, queue: &Arc<Queue>) -> Next {
    let dest = &queue.dest;
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
        publish(app, dest);
    }
    let Some(job) = head else {
        return Next::Idle;
    };
    let Some(target) = target(app, dest) else {
        return Next::Idle;
    };
    let points = points_of(app, &job).await;
    let bytes = match render(app, target.width, &job, points, dest) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(job = %job.view.id, error = %e, "cannot render a print job; dropped");
            lock(&queue.state).jobs.retain(|j| j.view.id != job.view.id);
            if job.persisted {
                forget(app, dest, job.view.id);
            }
            publish(app, dest);
            return Next::Continue;
        }
    };
    let result = net::send(&target.host, target.port, &bytes, SEND_TIMEOUT).await;
    // Kept tickets are read back from the store while orders reach the
    // kitchen: the row goes and the job leaves the queue under one lock,
    // so a printed ticket is never queued again.
    let kept_lock = if result.is_ok() && job.persisted {
        Some(app.inner.printing.loading.lock().await)
    } else {
        None
    };
    if result.is_ok() && job.persisted {
        let id = job.view.id;
        if let Err(e) = delete_kept(app, dest, id).await {
            tracing::warn!(job = %id, error = %e.message, "could not remove a printed job");
        }
    }
    let next = {
        let mut st = lock(&queue.state);
        match result {
            Ok(()) => {
                st.jobs.retain(|j| j.view.id != job.view.id);
                st.online = Some(true);
                st.last_error = None;
                st.last_error_code = None;
                st.failures = 0;
                tracing::info!(job = %job.view.id, kind = ?job.view.kind, printer = ?dest, "printed");
                Next::Continue
            }
            Err(e) => {
                if let Some(j) = st.jobs.iter_mut().find(|j| j.view.id == job.view.id) {
                    j.view.attempts += 1;
                    j.view.last_error = Some(e.message.clone());
                    j.view.last_error_code = Some(e.code.to_string());
                }
                st.online = Some(false);
                st.last_error = Some(e.message.clone());
                st.last_error_code = Some(e.code.to_string());
                st.failures += 1;
                let wait = backoff(st.failures);
                tracing::warn!(job = %job.view.id, printer = ?dest, error = %e.message, retry_in = ?wait, "printing failed; will retry");
                Next::Retry(wait)
            }
        }
    };
    drop(kept_lock);
    publish(app, dest);
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_fifteen_seconds() {
        let waits: Vec<u64> = (1..=7).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 15, 15, 15]);
    }
}
