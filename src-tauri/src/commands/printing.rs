//! Receipts, refund slips, reports on paper and the cash drawer.

use crema::app::parse_id;
use crema::app::printing::{self, PrintJobView, PrinterSettings, PrinterStatus};
use crema::app::reports::parse_date;

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn printer_status(s: S<'_>, token: Option<String>) -> CmdResult<PrinterStatus> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::status(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn get_printer_settings(s: S<'_>, token: Option<String>) -> CmdResult<PrinterSettings> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::settings(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn update_printer_settings(
    s: S<'_>,
    token: Option<String>,
    settings: Arg<PrinterSettings>,
) -> CmdResult<PrinterSettings> {
    let actor = s.actor(token.as_deref()).await?;
    let settings = settings.value("settings")?;
    Ok(printing::update_settings(&s.app, &actor, settings).await?)
}

#[tauri::command]
pub async fn print_test_page(s: S<'_>, token: Option<String>) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::print_test_page(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn retry_prints(s: S<'_>, token: Option<String>) -> CmdResult<PrinterStatus> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::retry_now(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn open_drawer(s: S<'_>, token: Option<String>) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::open_drawer(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn print_receipt(s: S<'_>, token: Option<String>, id: String) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "order")?;
    Ok(printing::print_receipt(&s.app, &actor, id).await?)
}

#[tauri::command]
pub async fn print_refund_slip(
    s: S<'_>,
    token: Option<String>,
    id: String,
    refund_id: String,
) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "order")?;
    let refund_id = parse_id(&refund_id, "refund")?;
    Ok(printing::print_refund_slip(&s.app, &actor, id, refund_id).await?)
}

#[tauri::command]
pub async fn print_z_report(
    s: S<'_>,
    token: Option<String>,
    date: String,
) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::print_z_report(&s.app, &actor, parse_date(&date)?).await?)
}

#[tauri::command]
pub async fn print_x_report(s: S<'_>, token: Option<String>) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::print_x_report(&s.app, &actor).await?)
}
