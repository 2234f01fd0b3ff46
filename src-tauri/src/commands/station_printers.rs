//! Kitchen stations' printers.

use crema::app::printing::{
    stations, PrintJobView, StationPrinter, StationPrinterStatus, StationPrinterView,
};

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn list_station_printers(
    s: S<'_>,
    token: Option<String>,
) -> CmdResult<Vec<StationPrinterView>> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(stations::list(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn station_printer_status(
    s: S<'_>,
    token: Option<String>,
) -> CmdResult<Vec<StationPrinterStatus>> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(stations::statuses(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn update_station_printer(
    s: S<'_>,
    token: Option<String>,
    station: String,
    printer: Arg<StationPrinter>,
) -> CmdResult<StationPrinterView> {
    let actor = s.actor(token.as_deref()).await?;
    let printer = printer.value("printer")?;
    Ok(stations::update(&s.app, &actor, &station, printer).await?)
}

#[tauri::command]
pub async fn print_station_test_page(
    s: S<'_>,
    token: Option<String>,
    station: String,
) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(stations::print_test_page(&s.app, &actor, &station).await?)
}
