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
use super::status::MENU_REFUSAL;
use crate::app::{menu, sha256_hex, App, AppError};
use crate::store::outbox;

/// The sync-state key of the hash of the menu head office last received.
const MENU_SENT: &str = "menu_sent_hash";
/// The sync-state key of a published version the shop could not apply (it
/// is not fetched again; a newer one is).
const MENU_REFUSED: &str = "menu_refused_version";

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
    let declined: Option<i64> = app
        .store()
        .read(|c| outbox::state(c, MENU_REFUSED))
        .await
        .map_err(AppError::from)?
        .and_then(|v| v.parse().ok());
    let mut request = client
        .get(format!("{}/api/hq/menu/published", e.hq_url))
        .bearer_auth(&e.credential);
    let known: Vec<String> = running
        .into_iter()
        .chain(declined)
        .map(|v| format!("\"v{v}\""))
        .collect();
    if !known.is_empty() {
        request = request.header(reqwest::header::IF_NONE_MATCH, known.join(", "));
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
    let version = published.version;
    if let Err(err) = menu::apply_master(app, published.menu, version).await {
        let e = PushError::Menu(version, err.message);
        let why = e.to_string();
        app.store()
            .write(move |c| {
                outbox::set_state(c, MENU_REFUSED, Some(&version.to_string()))?;
                outbox::set_state(c, MENU_REFUSAL, Some(&why))
            })
            .await
            .map_err(AppError::from)?;
        return Err(e);
    }
    app.store()
        .write(|c| {
            outbox::set_state(c, MENU_REFUSED, None)?;
            outbox::set_state(c, MENU_REFUSAL, None)
        })
        .await
        .map_err(AppError::from)?;
    Ok(Some(version))
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
