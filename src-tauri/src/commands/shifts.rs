//! The till's shift, and the Z report of a day.

use crema::app::reports::{self, parse_date, ZReport};
use crema::app::shifts::{self, CashMovement, CloseShift, OpenShift, Shift};

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn open_shift(
    s: S<'_>,
    token: Option<String>,
    shift: Arg<OpenShift>,
) -> CmdResult<Shift> {
    let actor = s.actor(token.as_deref()).await?;
    let shift = shift.value("shift")?;
    Ok(shifts::open(&s.app, &actor, shift).await?)
}

#[tauri::command]
pub async fn current_shift(s: S<'_>, token: Option<String>) -> CmdResult<Shift> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(shifts::current(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn move_shift_cash(
    s: S<'_>,
    token: Option<String>,
    movement: Arg<CashMovement>,
) -> CmdResult<Shift> {
    let actor = s.actor(token.as_deref()).await?;
    let movement = movement.value("movement")?;
    Ok(shifts::move_cash(&s.app, &actor, movement).await?)
}

#[tauri::command]
pub async fn close_shift(
    s: S<'_>,
    token: Option<String>,
    close: Arg<CloseShift>,
) -> CmdResult<Shift> {
    let actor = s.actor(token.as_deref()).await?;
    let close = close.value("close")?;
    Ok(shifts::close(&s.app, &actor, close).await?)
}

#[tauri::command]
pub async fn z_report(s: S<'_>, token: Option<String>, date: String) -> CmdResult<ZReport> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(reports::z_report(&s.app, &actor, parse_date(&date)?).await?)
}
