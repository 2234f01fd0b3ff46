//! The shop's settings and its first-run setup.

use crema::app::settings::{self, ShopSettings};
use crema::app::setup::{self, FirstRun, SetupOrigin, SetupStatus};

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub fn get_settings(s: S<'_>) -> ShopSettings {
    s.app.settings().as_ref().clone()
}

#[tauri::command]
pub async fn update_settings(
    s: S<'_>,
    token: Option<String>,
    settings: Arg<ShopSettings>,
) -> CmdResult<ShopSettings> {
    let actor = s.actor(token.as_deref()).await?;
    let settings = settings.value("settings")?;
    Ok(settings::update(&s.app, &actor, settings)
        .await?
        .as_ref()
        .clone())
}

#[tauri::command]
pub async fn setup_status(s: S<'_>) -> CmdResult<SetupStatus> {
    Ok(setup::status(&s.app).await?)
}

/// The person at the counter is the operator of this machine.
#[tauri::command]
pub async fn complete_setup(s: S<'_>, setup: Arg<FirstRun>) -> CmdResult<()> {
    let setup = setup.value("setup")?;
    Ok(setup::complete(&s.app, SetupOrigin::Operator, setup).await?)
}
