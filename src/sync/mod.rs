//! The shop's side of head office (`crema hq`).
//!
//! Every order, payment, refund, status change and shift close is written
//! to the outbox (`store::outbox`) in the same SQLite transaction as the
//! sale itself, so nothing sold is ever missing from what head office will
//! receive, whatever happens to the network or the process. `wire` is the
//! batch format both sides share; `status` is what `crema sync status`
//! and the admin panel report.

pub mod enrol;
pub mod master_menu;
pub mod menu;
pub mod pusher;
pub mod status;
pub mod wire;

use std::time::Duration;

/// The HTTP client for head office (rustls; no proxy from the environment
/// is needed in a café, but one set is honoured).
fn client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("crema/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// The message of an error answer in the contract's shape, else its text.
fn error_message(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| body.chars().take(200).collect())
}
