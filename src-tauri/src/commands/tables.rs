//! The shop's tables and their QR codes (admin), and accepting guests'
//! orders (cashier, admin): the same use cases as `/api/tables` and
//! `POST /api/orders/{id}/accept`.

use crema::app::tables::{self, TableInput, TableList, TablePatch, TableView};
use crema::app::{parse_id, AppError, ErrorCode};
use crema::domain::order::Order;

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn list_tables(s: S<'_>, token: Option<String>) -> CmdResult<TableList> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(TableList {
        tables: tables::list(&s.app, &actor).await?,
    })
}

#[tauri::command]
pub async fn create_table(
    s: S<'_>,
    token: Option<String>,
    table: TableInput,
) -> CmdResult<TableView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(tables::create(&s.app, &actor, table).await?)
}

#[tauri::command]
pub async fn update_table(
    s: S<'_>,
    token: Option<String>,
    id: String,
    patch: TablePatch,
) -> CmdResult<TableView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(tables::update(&s.app, &actor, parse_id(&id, "table")?, patch).await?)
}

#[tauri::command]
pub async fn delete_table(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(tables::delete(&s.app, &actor, parse_id(&id, "table")?).await?)
}

/// The tables' QR sheet as the PDF's bytes (an `ArrayBuffer` in the web
/// view). Without `base`, the codes point at the embedded LAN server's first
/// shop-network address; while it is not running a base must be given.
#[tauri::command]
pub async fn tables_sheet(
    s: S<'_>,
    token: Option<String>,
    base: Option<String>,
) -> CmdResult<tauri::ipc::Response> {
    let actor = s.actor(token.as_deref()).await?;
    let base = match base {
        Some(b) => b,
        None => {
            let info = s.server.lock().await.info();
            info.urls.into_iter().next().ok_or_else(|| {
                AppError::new(
                    ErrorCode::InvalidBaseUrl,
                    "the LAN server is not running: give the address guests' phones open",
                )
            })?
        }
    };
    let pdf = tables::sheet_pdf(&s.app, &actor, &base).await?;
    Ok(tauri::ipc::Response::new(pdf))
}

#[tauri::command]
pub async fn accept_order(s: S<'_>, token: Option<String>, id: String) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(tables::accept(&s.app, &actor, parse_id(&id, "order")?).await?)
}
