//! The pusher: while Crema runs and the shop is enrolled, it sends the
//! outbox to head office in batches (gzip, the shop's credential as a bearer
//! token) and marks events sent only once head office has acknowledged
//! their ids. Head office unreachable or failing: it waits longer each time
//! (doubling from `sync_interval_seconds` up to twelve intervals or five
//! minutes, whichever is less, with jitter)
//! and says so in the sync status. It only reads the store and writes one
//! small row per push, so a sale never waits for it.

use std::io::Write;
use std::sync::{Arc, Weak};
use std::time::Duration;

use rand::Rng;
use serde::Deserialize;
use uuid::Uuid;

use super::enrol;
use super::status::{LAST_ERROR, LAST_SUCCESS_AT};
use super::wire::{Batch, WIRE_VERSION};
use crate::app::{App, AppResult, Inner};
use crate::store::{outbox, ts, StoreResult};

/// Most events in one push.
pub const BATCH_MAX: u32 = 500;
/// The longest wait between failed pushes: twelve intervals, at most five
/// minutes (head office back from an outage hears from every shop soon).
pub fn max_backoff(every: Duration) -> Duration {
    (every * 12).min(Duration::from_secs(300))
}

/// What one push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The shop is not linked to head office.
    NotEnrolled,
    /// Nothing was waiting.
    Nothing,
    /// Head office acknowledged this many events; `more` waits.
    Sent { events: usize, more: bool },
}

/// Why a push failed (recorded as the sync status's `last_error`).
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("head office cannot be reached: {0}")]
    Unreachable(String),
    #[error("head office answered {0}: {1}")]
    Refused(u16, String),
    #[error("head office's menu version {0} was not applied: {1}")]
    Menu(i64, String),
    #[error(transparent)]
    App(#[from] crate::app::AppError),
}

#[derive(Deserialize)]
struct Acknowledged {
    acknowledged: Vec<Uuid>,
}

/// Starts pushing in the background (`crema serve`, the counter app); once.
pub fn start(app: &App) {
    let every = Duration::from_secs(u64::from(app.config().sync_interval_seconds));
    let weak = Arc::downgrade(&app.inner);
    app.inner.pusher.start(|| run(weak, every));
}

async fn run(app: Weak<Inner>, every: Duration) {
    let mut backoff = every;
    loop {
        let Some(inner) = app.upgrade() else { return };
        let app = App { inner };
        let delay = match sync_once(&app).await {
            Ok(Pushed::Sent { more: true, .. }) => Duration::ZERO,
            Ok(_) => {
                backoff = every;
                every
            }
            Err(e) => {
                tracing::warn!(error = %e, "push to head office failed");
                backoff = (backoff * 2).min(max_backoff(every));
                // Between half and all of the backoff: shops cut off together
                // do not all come back at the same instant.
                backoff.mul_f64(rand::thread_rng().gen_range(0.5..=1.0))
            }
        };
        drop(app);
        tokio::time::sleep(delay).await;
    }
}

/// One sync: a push, then (once nothing waits) the menu both ways. A menu
/// that fails is said in the status but does not slow the sales' pushes.
async fn sync_once(app: &App) -> Result<Pushed, PushError> {
    let pushed = push_once(app).await?;
    if matches!(pushed, Pushed::Sent { more: true, .. }) {
        return Ok(pushed);
    }
    if let Some(enrolment) = enrol::load(app.data_dir()) {
        if let Err(e) = super::menu::sync(app, &enrolment).await {
            tracing::warn!(error = %e, "head office's menu not synced");
            let message = e.to_string();
            record(app, move |c| {
                outbox::set_state(c, LAST_ERROR, Some(&message))
            })
            .await?;
        }
    }
    Ok(pushed)
}

/// One push: the oldest waiting events (up to [`BATCH_MAX`]) to head office.
pub async fn push_once(app: &App) -> Result<Pushed, PushError> {
    let Some(enrolment) = enrol::load(app.data_dir()) else {
        return Ok(Pushed::NotEnrolled);
    };
    let events = app
        .store()
        .read(|c| -> StoreResult<_> { outbox::pending(c, BATCH_MAX) })
        .await
        .map_err(crate::app::AppError::from)?;
    if events.is_empty() {
        return Ok(Pushed::Nothing);
    }
    let full = events.len() == BATCH_MAX as usize;
    let result = send(
        &enrolment,
        Batch {
            version: WIRE_VERSION,
            events,
        },
    )
    .await;
    let now = app.now();
    match result {
        Ok(ids) => {
            let n = ids.len();
            record(app, move |c| {
                outbox::mark_sent(c, &ids, now)?;
                outbox::set_state(c, LAST_SUCCESS_AT, Some(&ts(now)))?;
                outbox::set_state(c, LAST_ERROR, None)
            })
            .await?;
            Ok(Pushed::Sent {
                events: n,
                more: full,
            })
        }
        Err(e) => {
            let message = e.to_string();
            record(app, move |c| {
                outbox::set_state(c, LAST_ERROR, Some(&message))
            })
            .await?;
            Err(e)
        }
    }
}

/// Writes the outcome of a push (one small transaction).
async fn record(
    app: &App,
    work: impl FnOnce(&rusqlite::Connection) -> StoreResult<()> + Send + 'static,
) -> AppResult<()> {
    Ok(app.store().write(work).await?)
}

/// Sends `batch` gzip'd; the ids head office acknowledged.
async fn send(e: &enrol::Enrolment, batch: Batch) -> Result<Vec<Uuid>, PushError> {
    let json = serde_json::to_vec(&batch).map_err(|e| PushError::Refused(0, e.to_string()))?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&json)
        .and_then(|()| gz.flush())
        .map_err(|e| PushError::Refused(0, e.to_string()))?;
    let body = gz
        .finish()
        .map_err(|e| PushError::Refused(0, e.to_string()))?;
    let client = super::client(Duration::from_secs(30))
        .map_err(|e| PushError::Unreachable(e.to_string()))?;
    let answer = client
        .post(format!("{}/api/hq/events", e.hq_url))
        .bearer_auth(&e.credential)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(reqwest::header::CONTENT_ENCODING, "gzip")
        .body(body)
        .send()
        .await
        .map_err(|err| PushError::Unreachable(crate::with_causes(&err)))?;
    let status = answer.status();
    if !status.is_success() {
        let text = answer.text().await.unwrap_or_default();
        return Err(PushError::Refused(
            status.as_u16(),
            super::error_message(&text),
        ));
    }
    let ack: Acknowledged = answer
        .json()
        .await
        .map_err(|err| PushError::Refused(status.as_u16(), err.to_string()))?;
    Ok(ack.acknowledged)
}
