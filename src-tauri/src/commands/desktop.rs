//! What only the counter app has: live events over IPC, its embedded LAN
//! server, updates.

use crema::app::desktop::{self, ServerInfo, UpdateInfo};
use crema::app::{AppError, ErrorCode};

use super::S;
use crate::error::CmdResult;

/// Follows live events: they arrive as the Tauri event `crema://event`
/// tagged with the returned subscription id.
#[tauri::command]
pub async fn subscribe_events(s: S<'_>, token: Option<String>) -> CmdResult<String> {
    let actor = s.actor(token.as_deref()).await?;
    s.subscribe(&actor).await
}

#[tauri::command]
pub fn unsubscribe_events(s: S<'_>, id: String) {
    s.unsubscribe(&id);
}

#[tauri::command]
pub async fn server_info(s: S<'_>, token: Option<String>) -> CmdResult<ServerInfo> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_view_server(&actor)?;
    Ok(s.server.lock().await.info())
}

#[tauri::command]
pub async fn restart_server(s: S<'_>, token: Option<String>, port: u16) -> CmdResult<ServerInfo> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_move_server(&actor)?;
    Ok(s.server.lock().await.restart_on(port).await)
}

#[tauri::command]
pub async fn check_update(s: S<'_>, token: Option<String>) -> CmdResult<UpdateInfo> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_check_updates(&actor)?;
    match s.updates() {
        Some(u) => u.check().await,
        None => Ok(s.updates_off()),
    }
}

#[tauri::command]
pub async fn install_update(s: S<'_>, token: Option<String>) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_install_updates(&actor)?;
    match s.updates() {
        Some(u) => u.install().await,
        None => Err(AppError::new(
            ErrorCode::UpdatesOff,
            "no update endpoint and public key are configured",
        )
        .into()),
    }
}
