//! Liveness: the answer of `GET /api/health` and of the desktop command.

use serde::Serialize;
use utoipa::ToSchema;

use crate::app::App;
use crate::store::WriteState;

/// `{"status":"ok","version"}` while the store can write; otherwise
/// `status` is `degraded` and `store` says why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `degraded` while the store cannot write.
    #[schema(example = "ok")]
    pub status: &'static str,
    pub version: &'static str,
    /// Only when degraded: `full` (the disk is full), `read_only` (the disk
    /// refuses writes), `unavailable` (the disk failed) or `stopped` (the
    /// store was shut down).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "full")]
    pub store: Option<&'static str>,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.store.is_none()
    }
}

/// This build's liveness answer, without looking at the store.
pub fn current() -> Health {
    Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        store: None,
    }
}

/// The liveness answer with the store's ability to write. A store that could
/// not write is tried again with a small write first, so health turns back
/// to ok as soon as the disk takes writes again.
pub async fn check(app: &App) -> Health {
    match app.store().check_writable().await {
        WriteState::Ok => current(),
        state => Health {
            status: "degraded",
            store: Some(state.as_str()),
            ..current()
        },
    }
}
