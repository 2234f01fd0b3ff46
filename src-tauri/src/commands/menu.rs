//! The menu: reading it, and the admin panel's categories and items.

use crema::app::menu::{
    self, CategoryInfo, CategoryInput, CategoryList, CategoryPatch, GroupEntry, ItemInput,
    ItemPatch, ItemView, LibraryGroupInput, LibraryGroupList, LibraryGroupView, MenuView,
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
    groups: Arg<Vec<GroupEntry>>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let groups = groups.value("groups")?;
    let id = parse_id(&id, "item")?;
    Ok(menu::replace_groups(&s.app, &actor, id, groups).await?)
}

#[tauri::command]
pub async fn list_modifier_groups(s: S<'_>, token: Option<String>) -> CmdResult<LibraryGroupList> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(menu::library_groups(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn create_modifier_group(
    s: S<'_>,
    token: Option<String>,
    group: Arg<LibraryGroupInput>,
) -> CmdResult<LibraryGroupView> {
    let actor = s.actor(token.as_deref()).await?;
    let group = group.value("group")?;
    Ok(menu::create_library_group(&s.app, &actor, group).await?)
}

#[tauri::command]
pub async fn update_modifier_group(
    s: S<'_>,
    token: Option<String>,
    id: String,
    group: Arg<LibraryGroupInput>,
) -> CmdResult<LibraryGroupView> {
    let actor = s.actor(token.as_deref()).await?;
    let group = group.value("group")?;
    let id = parse_id(&id, "modifier group")?;
    Ok(menu::update_library_group(&s.app, &actor, id, group).await?)
}

#[tauri::command]
pub async fn delete_modifier_group(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "modifier group")?;
    Ok(menu::delete_library_group(&s.app, &actor, id).await?)
}
