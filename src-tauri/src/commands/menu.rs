//! The menu: reading it, and the admin panel's categories and items.

use crema::app::menu::{
    self, CategoryInfo, CategoryInput, CategoryList, CategoryPatch, GroupInput, ItemInput,
    ItemPatch, ItemView, MenuView,
};
use crema::app::parse_id;

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn get_menu(s: S<'_>) -> CmdResult<MenuView> {
    Ok(menu::get(&s.app).await?.view.clone())
}

#[tauri::command]
pub async fn patch_item(
    s: S<'_>,
    token: Option<String>,
    id: String,
    patch: Arg<ItemPatch>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let patch = patch.value("patch")?;
    let id = parse_id(&id, "item")?;
    Ok(menu::update_item(&s.app, &actor, id, patch).await?)
}

#[tauri::command]
pub async fn list_categories(s: S<'_>) -> CmdResult<CategoryList> {
    let categories = menu::categories(&s.app).await?;
    Ok(CategoryList { categories })
}

#[tauri::command]
pub async fn create_category(
    s: S<'_>,
    token: Option<String>,
    category: Arg<CategoryInput>,
) -> CmdResult<CategoryInfo> {
    let actor = s.actor(token.as_deref()).await?;
    let category = category.value("category")?;
    Ok(menu::create_category(&s.app, &actor, category).await?)
}

#[tauri::command]
pub async fn update_category(
    s: S<'_>,
    token: Option<String>,
    id: String,
    patch: Arg<CategoryPatch>,
) -> CmdResult<CategoryInfo> {
    let actor = s.actor(token.as_deref()).await?;
    let patch = patch.value("patch")?;
    let id = parse_id(&id, "category")?;
    Ok(menu::update_category(&s.app, &actor, id, patch).await?)
}

#[tauri::command]
pub async fn delete_category(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "category")?;
    Ok(menu::delete_category(&s.app, &actor, id).await?)
}

#[tauri::command]
pub async fn create_item(
    s: S<'_>,
    token: Option<String>,
    item: Arg<ItemInput>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let item = item.value("item")?;
    Ok(menu::create_item(&s.app, &actor, item).await?)
}

#[tauri::command]
pub async fn delete_item(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "item")?;
    Ok(menu::delete_item(&s.app, &actor, id).await?)
}

#[tauri::command]
pub async fn replace_modifier_groups(
    s: S<'_>,
    token: Option<String>,
    id: String,
    groups: Arg<Vec<GroupInput>>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let groups = groups.value("groups")?;
    let id = parse_id(&id, "item")?;
    Ok(menu::replace_groups(&s.app, &actor, id, groups).await?)
}
