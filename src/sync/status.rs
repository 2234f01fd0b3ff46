//! Where the shop stands with head office: enrolled or not, how much waits
//! to be sent, and how the last push went (`crema sync status`, the admin
//! panel, the counter's badge).

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::store::{outbox, parse_ts, StoreResult};

/// The file in the data dir with the shop's head-office credential.
pub const CREDENTIAL_FILE: &str = "hq.json";

/// Sync state keys.
pub const LAST_SUCCESS_AT: &str = "last_success_at";
pub const LAST_ERROR: &str = "last_error";
/// Why the shop did not apply head office's newest menu (kept until it
/// applies one, so the status says it after later pushes succeed).
pub const MENU_REFUSAL: &str = "menu_refusal";

/// What `crema sync status` prints (one JSON object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncStatus {
    pub enrolled: bool,
    pub hq_url: Option<String>,
    /// Events not yet acknowledged by head office.
    pub pending: i64,
    /// When the oldest of them happened.
    pub oldest_pending_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// The version of head office's menu the shop runs (none: its own).
    pub menu_version: Option<i64>,
}

/// The part of the credential file the status shows.
#[derive(Deserialize)]
struct Enrolment {
    hq_url: String,
}

/// The shop's sync status from its data dir and store (`conn`).
pub fn read(data_dir: &Path, conn: &rusqlite::Connection) -> StoreResult<SyncStatus> {
    let hq_url = std::fs::read(data_dir.join(CREDENTIAL_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Enrolment>(&bytes).ok())
        .map(|e| e.hq_url);
    let (pending, oldest_pending_at) = outbox::backlog(conn)?;
    let last_success_at = outbox::state(conn, LAST_SUCCESS_AT)?
        .as_deref()
        .map(parse_ts)
        .transpose()?;
    Ok(SyncStatus {
        enrolled: hq_url.is_some(),
        hq_url,
        pending,
        oldest_pending_at,
        last_success_at,
        last_error: match outbox::state(conn, LAST_ERROR)? {
            Some(e) => Some(e),
            None => outbox::state(conn, MENU_REFUSAL)?,
        },
        menu_version: crate::store::menu_rollout::version(conn)?,
    })
}
