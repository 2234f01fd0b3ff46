//! Categories of the menu (admin): listing, adding, renaming, reordering
//! and deleting empty ones.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{changed, check_name};
use crate::app::{Actor, App, AppError, AppResult, NotFoundAs};
use crate::domain::menu;
use crate::domain::user::Role;
use crate::store::menu as store;

// A category with its sort order and how many items it holds.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CategoryInfo {
    pub id: Uuid,
    pub name: String,
    pub sort_order: i64,
    /// The kitchen station its lines go to (e.g. `bar`); absent: every board.
    pub station: Option<String>,
    /// Items in it.
    pub items: i64,
}

// Categories, as lists are answered.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CategoryList {
    pub categories: Vec<CategoryInfo>,
}

// `POST /api/categories`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryInput {
    pub name: String,
    #[serde(default)]
    pub sort_order: Option<i64>,
    /// A kitchen station (1 to 32 of `a-z 0-9 - _`, e.g. `bar`); absent or
    /// blank: every board.
    #[serde(default)]
    pub station: Option<String>,
}

// `PATCH /api/categories/{id}`: absent fields stay as they are.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryPatch {
    pub name: Option<String>,
    pub sort_order: Option<i64>,
    /// A kitchen station; blank routes the category to every board again.
    #[serde(default)]
    pub station: Option<String>,
}

/// Categories with their sort order and item counts (anyone: it is the menu).
pub async fn categories(app: &App) -> AppResult<Vec<CategoryInfo>> {
    let rows = app.store().read(store::categories).await?;
    Ok(rows
        .into_iter()
        .map(|c| CategoryInfo {
            id: c.id,
            name: c.name,
            sort_order: c.sort_order,
            station: c.station,
            items: c.items,
        })
        .collect())
}

/// Adds an empty category (admin).
pub async fn create_category(
    app: &App,
    actor: &Actor,
    input: CategoryInput,
) -> AppResult<CategoryInfo> {
    actor.require(&[Role::Admin], "change the menu")?;
    let name = check_name(&input.name, "category")?;
    let station = match input.station.as_deref() {
        Some(s) => menu::check_station(s)?,
        None => None,
    };
    let st = station.clone();
    let sort_order = input.sort_order;
    let id = app.new_id();
    let n = name.clone();
    let sort = app
        .store()
        .write(move |c| -> AppResult<_> {
            let sort = match sort_order {
                Some(s) => s,
                None => store::categories(c)?
                    .iter()
                    .map(|c| c.sort_order + 1)
                    .max()
                    .unwrap_or(0),
            };
            store::insert_category(c, id, &n, sort, st.as_deref())?;
            Ok(sort)
        })
        .await?;
    changed(app).await?;
    Ok(CategoryInfo {
        id,
        name,
        sort_order: sort,
        station,
        items: 0,
    })
}

/// Renames or reorders a category (admin).
pub async fn update_category(
    app: &App,
    actor: &Actor,
    id: Uuid,
    patch: CategoryPatch,
) -> AppResult<CategoryInfo> {
    actor.require(&[Role::Admin], "change the menu")?;
    let sort_order = patch.sort_order;
    let station = patch
        .station
        .as_deref()
        .map(menu::check_station)
        .transpose()?;
    let name = patch
        .name
        .as_deref()
        .map(|n| check_name(n, "category"))
        .transpose()?;
    let info = app
        .store()
        .write(move |c| -> AppResult<_> {
            let cur = store::categories(c)?
                .into_iter()
                .find(|x| x.id == id)
                .ok_or_else(|| AppError::not_found("no such category"))?;
            let name = name.unwrap_or(cur.name);
            let sort = sort_order.unwrap_or(cur.sort_order);
            let station = station.unwrap_or(cur.station);
            store::update_category(c, id, &name, sort, station.as_deref())?;
            Ok(CategoryInfo {
                id,
                name,
                sort_order: sort,
                station,
                items: cur.items,
            })
        })
        .await?;
    changed(app).await?;
    Ok(info)
}

/// Deletes an empty category (admin); 409 `category_not_empty` otherwise.
pub async fn delete_category(app: &App, actor: &Actor, id: Uuid) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the menu")?;
    app.store()
        .write(move |c| store::delete_category(c, id))
        .await
        .not_found_as("no such category")?;
    changed(app).await
}
