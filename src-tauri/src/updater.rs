//! Updates through tauri-plugin-updater, configured at run time from
//! `update_endpoint` and `update_pubkey` (crema.toml or CREMA_UPDATE_*); off
//! when either is missing. Every package is checked against the public key
//! before it is installed.

use tauri::{AppHandle, Runtime, Url};
use tauri_plugin_updater::{Update, UpdaterExt};

use crate::error::{CmdResult, CommandError};
use crate::state::{BoxFuture, Updates};
use crema::app::desktop::UpdateInfo;
use crema::app::{AppError, ErrorCode};

pub struct TauriUpdates<R: Runtime> {
    handle: AppHandle<R>,
    endpoint: Url,
    pubkey: String,
}

impl<R: Runtime> TauriUpdates<R> {
    /// `None` when updates are not configured.
    pub fn from_config(
        handle: AppHandle<R>,
        endpoint: Option<&str>,
        pubkey: Option<&str>,
    ) -> Result<Option<Self>, String> {
        let (Some(endpoint), Some(pubkey)) = (endpoint, pubkey) else {
            return Ok(None);
        };
        if endpoint.trim().is_empty() || pubkey.trim().is_empty() {
            return Ok(None);
        }
        let endpoint = Url::parse(endpoint.trim())
            .map_err(|e| format!("update_endpoint {endpoint:?} is not a URL: {e}"))?;
        Ok(Some(TauriUpdates {
            handle,
            endpoint,
            pubkey: pubkey.trim().to_string(),
        }))
    }
}

fn failed(e: tauri_plugin_updater::Error) -> CommandError {
    tracing::warn!(error = %e, "update failed");
    AppError::new(ErrorCode::UpdateFailed, format!("The update failed: {e}")).into()
}

/// Looks for a newer version at `endpoint`.
pub async fn check<R: Runtime>(
    handle: &AppHandle<R>,
    endpoint: &Url,
    pubkey: &str,
) -> Result<Option<Update>, tauri_plugin_updater::Error> {
    handle
        .updater_builder()
        .endpoints(vec![endpoint.clone()])?
        .pubkey(pubkey)
        .build()?
        .check()
        .await
}

/// Downloads the package of `update` and verifies its signature against the
/// configured public key; a package signed with another key is an error.
pub async fn download_verified(update: &Update) -> Result<Vec<u8>, tauri_plugin_updater::Error> {
    update.download(|_, _| {}, || {}).await
}

fn info(current: String, update: Option<&Update>) -> UpdateInfo {
    UpdateInfo {
        enabled: true,
        current_version: current,
        available: update.is_some(),
        version: update.map(|u| u.version.clone()),
        notes: update.and_then(|u| u.body.clone()),
    }
}

impl<R: Runtime> Updates for TauriUpdates<R> {
    fn check(&self) -> BoxFuture<CmdResult<UpdateInfo>> {
        let handle = self.handle.clone();
        let endpoint = self.endpoint.clone();
        let pubkey = self.pubkey.clone();
        Box::pin(async move {
            let current = handle.package_info().version.to_string();
            let update = check(&handle, &endpoint, &pubkey).await.map_err(failed)?;
            Ok(info(current, update.as_ref()))
        })
    }

    fn install(&self) -> BoxFuture<CmdResult<()>> {
        let handle = self.handle.clone();
        let endpoint = self.endpoint.clone();
        let pubkey = self.pubkey.clone();
        Box::pin(async move {
            let Some(update) = check(&handle, &endpoint, &pubkey).await.map_err(failed)? else {
                return Err(AppError::new(
                    ErrorCode::NoUpdate,
                    "this is already the newest version",
                )
                .into());
            };
            let bytes = download_verified(&update).await.map_err(failed)?;
            update.install(bytes).map_err(failed)?;
            tracing::info!(version = %update.version, "update installed; restarting");
            handle.restart()
        })
    }
}
