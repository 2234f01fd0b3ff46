//! Staff accounts (admin).

use crema::app::parse_id;
use crema::app::users::{self, NewStaff, StaffAccount, StaffChange, StaffList, StaffUser};

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn list_users(s: S<'_>, token: Option<String>) -> CmdResult<StaffList> {
    let actor = s.actor(token.as_deref()).await?;
    let users = users::list(&s.app, &actor).await?;
    Ok(StaffList { users })
}

#[tauri::command]
pub async fn create_user(
    s: S<'_>,
    token: Option<String>,
    user: Arg<NewStaff>,
) -> CmdResult<StaffUser> {
    let actor = s.actor(token.as_deref()).await?;
    let user = user.value("user")?;
    Ok(users::create(&s.app, &actor, user).await?)
}

#[tauri::command]
pub async fn update_user(
    s: S<'_>,
    token: Option<String>,
    id: String,
    change: Arg<StaffChange>,
) -> CmdResult<StaffAccount> {
    let actor = s.actor(token.as_deref()).await?;
    let change = change.value("change")?;
    let id = parse_id(&id, "staff account")?;
    Ok(users::update(&s.app, &actor, id, change).await?)
}
