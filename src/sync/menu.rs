//! The menu's half of a sync, after the events: the shop sends its menu
//! when it changed (so an owner can start head office's master menu from
//! it), then asks for head office's published menu and applies a version
//! newer than the one it runs. Both are idempotent: a cut connection only
//! means the next sync does it again.

use std::time::Duration;

use serde::Deserialize;

use super::enrol::Enrolment;
use super::master_menu::MasterMenu;
use super::pusher::PushError;
use crate::app::{menu, sha256_hex, App, AppError};
use crate::store::outbox;

/// The sync-state key of the hash of the menu head office last received.
const MENU_SENT: &str = "menu_sent_hash";

/// What head office publishes (`GET /api/hq/menu/published`).
#[derive(Deserialize)]
struct Published {
    version: i64,
    menu: MasterMenu,
}

/// What the menu's half of a sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuSynced {
    /// The shop's menu was sent (it had changed since last time).
    pub sent: bool,
    /// The version applied now, if a newer one was published.
    pub applied: Option<i64>,
}

/// Sends the shop's menu if it changed, then pulls and applies a newer
/// published version.
pub async fn sync(app: &App, e: &Enrolment) -> Result<MenuSynced, PushError> {
    let client = super::client(Duration::from_secs(30))
        .map_err(|err| PushError::Unreachable(err.to_string()))?;
    let sent = send_own(app, e, &client).await?;
    let applied = pull(app, e, &client).await?;
    Ok(MenuSynced { sent, applied })
}

async fn send_own(app: &App, e: &Enrolment, client: &reqwest::Client) -> Result<bool, PushError> {
    let own = menu::master_snapshot(app).await?;
    let json = serde_json::to_vec(&own).map_err(AppError::internal)?;
    let hash = sha256_hex(&json);
    let last = app
        .store()
        .read(|c| outbox::state(c, MENU_SENT))
        .await
        .map_err(AppError::from)?;
    if last.as_deref() == Some(hash.as_str()) {
        return Ok(false);
    }
    let answer = client
        .put(format!("{}/api/hq/shop-menu", e.hq_url))
        .bearer_auth(&e.credential)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(json)
        .send()
        .await
        .map_err(|err| PushError::Unreachable(crate::with_causes(&err)))?;
    refused(answer).await?;
    app.store()
        .write(move |c| outbox::set_state(c, MENU_SENT, Some(&hash)))
        .await
        .map_err(AppError::from)?;
    Ok(true)
}

async fn pull(
    app: &App,
    e: &Enrolment,
    client: &reqwest::Client,
) -> Result<Option<i64>, PushError> {
    let running = menu::running_version(app).await?;
    let mut request = client
        .get(format!("{}/api/hq/menu/published", e.hq_url))
        .bearer_auth(&e.credential);
    if let Some(v) = running {
        request = request.header(reqwest::header::IF_NONE_MATCH, format!("\"v{v}\""));
    }
    let answer = request
        .send()
        .await
        .map_err(|err| PushError::Unreachable(crate::with_causes(&err)))?;
    let status = answer.status();
    if status == reqwest::StatusCode::NOT_MODIFIED || status == reqwest::StatusCode::NO_CONTENT {
        return Ok(None);
    }
    let answer = refused(answer).await?;
    let published: Published = answer
        .json()
        .await
        .map_err(|err| PushError::Refused(status.as_u16(), err.to_string()))?;
    if running.is_some_and(|v| v >= published.version) {
        return Ok(None);
    }
    menu::apply_master(app, published.menu, published.version)
        .await
        .map_err(|err| PushError::Menu(published.version, err.message))?;
    Ok(Some(published.version))
}

/// The answer if it is a success, else why not.
async fn refused(answer: reqwest::Response) -> Result<reqwest::Response, PushError> {
    let status = answer.status();
    if status.is_success() {
        return Ok(answer);
    }
    let text = answer.text().await.unwrap_or_default();
    Err(PushError::Refused(
        status.as_u16(),
        super::error_message(&text),
    ))
}
