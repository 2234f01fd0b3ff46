//! The worker: one task that sends the head of the queue to the printer,
//! job after job, and after a failure waits 1, 2, 4, 8 and then every 15
//! seconds (or until woken) before it tries again.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::queue::{forget, lock, Content, Job, Queue};
use super::{publish_status, PrintJobKind, PrinterSettings};
use crate::app::{App, Inner};
use crate::printing::{
    net, render_drawer_kick, render_receipt, render_refund_slip, render_report, render_test_page,
    ReceiptContext, RenderError,
};

/// Connecting and writing each give up after this long.
const SEND_TIMEOUT: Duration = Duration::from_secs(3);
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(15);
/// A drawer opening this long after the payment would open for nobody: a
/// drawer job that old is dropped, and a late receipt prints without it.
const DRAWER_FRESH_FOR: Duration = Duration::from_secs(60);

/// Starts the worker on the current runtime unless it is running.
pub(super) fn ensure_worker(app: &App) {
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
fn render(app: &App, settings: &PrinterSettings, job: &Job) -> Result<Vec<u8>, RenderError> {
    let fresh = job.enqueued.elapsed() < DRAWER_FRESH_FOR;
    let shop = app.settings();
    let ctx = |open_drawer| ReceiptContext {
        shop_name: &shop.shop_name,
        header: &shop.receipt_header,
        footer: &shop.receipt_footer,
        tax_mode: shop.tax_mode,
        tax_rate_bps: shop.tax_rate_bps,
        tz: app.time_zone(),
        width: settings.paper_width(),
        open_drawer,
    };
    match &job.content {
        Content::Receipt { order, open_drawer } => {
            render_receipt(order, &ctx(*open_drawer && fresh))
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
    let result = net::send(&settings.host, settings.port, &bytes, SEND_TIMEOUT).await;
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
                st.last_error_code = None;
                st.failures = 0;
                tracing::info!(job = %job.view.id, kind = ?job.view.kind, "printed");
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
                tracing::warn!(job = %job.view.id, error = %e.message, retry_in = ?wait, "printing failed; will retry");
                Next::Retry(wait)
            }
        }
    };
    publish_status(app);
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
