//! Reports for the owner (admin).

use crema::app::reports::{self, parse_date, Summary};

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn get_summary(
    s: S<'_>,
    token: Option<String>,
    from: String,
    to: String,
) -> CmdResult<Summary> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(reports::summary(&s.app, &actor, parse_date(&from)?, parse_date(&to)?).await?)
}

#[tauri::command]
pub async fn orders_csv(
    s: S<'_>,
    token: Option<String>,
    from: String,
    to: String,
) -> CmdResult<String> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(reports::orders_csv(&s.app, &actor, parse_date(&from)?, parse_date(&to)?).await?)
}
