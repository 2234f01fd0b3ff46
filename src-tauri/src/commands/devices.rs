//! Paired tablets (admin).

use crema::app::devices::{self, DeviceList, PairingCode};
use crema::app::parse_id;
use crema::store::users::DeviceKind;

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn create_pairing_code(
    s: S<'_>,
    token: Option<String>,
    name: String,
    kind: Option<DeviceKind>,
) -> CmdResult<PairingCode> {
    let actor = s.actor(token.as_deref()).await?;
    let kind = kind.unwrap_or(DeviceKind::Kiosk);
    Ok(devices::create_code(&s.app, &actor, &name, kind).await?)
}

#[tauri::command]
pub async fn list_devices(s: S<'_>, token: Option<String>) -> CmdResult<DeviceList> {
    let actor = s.actor(token.as_deref()).await?;
    let devices = devices::list(&s.app, &actor).await?;
    Ok(DeviceList { devices })
}

#[tauri::command]
pub async fn revoke_device(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "device")?;
    Ok(devices::revoke(&s.app, &actor, id).await?)
}
