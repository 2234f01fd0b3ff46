//! The shop and head office (admin).

use crema::sync::status::SyncStatus;

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn get_sync_status(s: S<'_>, token: Option<String>) -> CmdResult<SyncStatus> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(crema::app::sync::status(&s.app, &actor).await?)
}
