//! The menu as clients see it (cached, with an ETag), and menu changes:
//! categories in [`categories`], items in [`items`], the modifier groups
//! an admin writes in [`groups`], the library of shared groups in
//! [`modifier_library`].

mod cache;
mod categories;
mod groups;
mod items;
mod modifier_library;
mod rollout;

pub use cache::MenuCache;
pub use rollout::{apply_master, master_snapshot, running_version};

pub use categories::{
    categories, create_category, delete_category, update_category, CategoryInfo, CategoryInput,
    CategoryList, CategoryPatch,
};
pub use groups::{GroupEntry, GroupInput, LibraryGroupRef, OptionInput};
pub(crate) use items::build_item;
pub use items::{create_item, delete_item, replace_groups, update_item, ItemInput, ItemPatch};
pub use modifier_library::{
    create_library_group, delete_library_group, library_groups, update_library_group,
    LibraryGroupInput, LibraryGroupList, LibraryGroupView, LibraryOptionInput, UsedBy,
};

use std::sync::Arc;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{sha256_hex, Actor, App, AppError, AppResult};
use crate::domain::menu::{Category, Item};
use crate::domain::user::Role;
use crate::domain::{Currency, Field, Money};
use crate::store::menu as store;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MenuView {
    pub currency: Currency,
    pub categories: Vec<CategoryView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CategoryView {
    pub id: Uuid,
    pub name: String,
    /// The kitchen station its lines go to (e.g. `bar`); absent: every board.
    pub station: Option<String>,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemView {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub available: bool,
    /// The item's tax class (see the shop settings' `tax_classes`).
    pub tax_class: String,
    /// The shop's own item: head office's menu roll-outs leave it alone.
    pub local: bool,
    /// Shown first on the kiosk and the table-ordering pages.
    pub featured: bool,
    /// Minutes the kitchen needs for one: an order's ready time is
    /// estimated from them.
    pub prep_minutes: u32,
    pub modifier_groups: Vec<ModifierGroupView>,
    /// The item's picture for tablets and the kiosk (a JPEG, 480 px on its
    /// long side at most), at an address that changes with the picture.
    pub image_url: Option<String>,
    /// The same picture small (160 px), for the counter's buttons.
    pub image_thumb_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ModifierGroupView {
    pub id: Uuid,
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub options: Vec<ModifierOptionView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ModifierOptionView {
    pub id: Uuid,
    pub name: String,
    pub price_delta: Money,
}

impl From<&Item> for ItemView {
    fn from(i: &Item) -> Self {
        ItemView {
            id: i.id,
            name: i.name.clone(),
            description: i.description.clone(),
            price: i.price,
            available: i.available,
            tax_class: i.tax_class.clone(),
            local: i.local,
            featured: i.featured,
            prep_minutes: i.prep_minutes,
            image_url: i.image.as_ref().map(|p| super::images::url(&p.large)),
            image_thumb_url: i.image.as_ref().map(|p| super::images::url(&p.thumb)),
            modifier_groups: i
                .modifier_groups
                .iter()
                .map(|g| ModifierGroupView {
                    id: g.id,
                    name: g.name.clone(),
                    min: g.min,
                    max: g.max,
                    options: g
                        .options
                        .iter()
                        .map(|o| ModifierOptionView {
                            id: o.id,
                            name: o.name.clone(),
                            price_delta: o.price_delta,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The menu serialised once, with its ETag, shared by every request until
/// the menu changes.
#[derive(Debug)]
pub struct MenuSnapshot {
    pub view: MenuView,
    pub json: Bytes,
    /// A strong entity tag, quoted, e.g. `"3f2a…"`.
    pub etag: String,
    /// The same bytes, shared: an HTTP header value without a copy.
    pub etag_bytes: Bytes,
}

/// The public menu (anyone may read it), served from the cache.
pub async fn get(app: &App) -> AppResult<Arc<MenuSnapshot>> {
    if let Some(s) = app.inner.menu_cache.get() {
        return Ok(s);
    }
    let generation = app.inner.menu_cache.generation();
    let currency = app.settings().currency;
    let categories = app.store().read(move |c| store::load(c, currency)).await?;
    let view = MenuView {
        currency,
        categories: categories
            .iter()
            .map(|c: &Category| CategoryView {
                id: c.id,
                name: c.name.clone(),
                station: c.station.clone(),
                items: c.items.iter().map(ItemView::from).collect(),
            })
            .collect(),
    };
    let json = serde_json::to_vec(&view).map_err(AppError::internal)?;
    let etag = format!("\"{}\"", &sha256_hex(&json)[..24]);
    let snapshot = Arc::new(MenuSnapshot {
        view,
        json: Bytes::from(json),
        etag_bytes: Bytes::from(etag.clone()),
        etag,
    });
    app.inner.menu_cache.put(generation, snapshot.clone());
    Ok(snapshot)
}

/// Drops the cached menu; the next read rebuilds it.
pub fn invalidate(app: &App) {
    app.inner.menu_cache.invalidate();
}

/// After any committed menu change: drop the cache and tell live clients.
pub(super) async fn changed(app: &App) -> AppResult<()> {
    invalidate(app);
    let menu = get(app).await?;
    app.inner.events.publish("menu.updated", &menu.view);
    Ok(())
}

/// A new category with items, as an admin or the demo loader writes it.
#[derive(Debug, Clone)]
pub struct NewCategory {
    pub name: String,
    /// The kitchen station its lines go to.
    pub station: Option<String>,
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone)]
pub struct NewItem {
    pub name: String,
    pub description: String,
    pub price: Money,
    pub available: bool,
    /// `standard` when not given.
    pub tax_class: Option<String>,
    /// The shop's own item (see [`Item::local`]).
    pub local: bool,
    pub featured: bool,
    pub prep_minutes: u32,
    pub groups: Vec<GroupInput>,
}

/// An item's preparation time when the admin gives none.
pub const DEFAULT_PREP_MINUTES: u32 = 3;

pub(super) fn check_name(name: &str, what: &str) -> AppResult<String> {
    crate::app::error::check_text(
        name,
        Field::Name,
        80,
        &format!("a {what} name must be 1 to 80 characters"),
    )
}

/// Adds categories with their items (admin), in one transaction.
pub async fn add_categories(app: &App, actor: &Actor, new: Vec<NewCategory>) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the menu")?;
    type Row = (Uuid, String, i64, Option<String>, Vec<Item>);
    let mut rows: Vec<Row> = Vec::new();
    for (ci, cat) in new.into_iter().enumerate() {
        let cat_id = app.new_id();
        let items = cat
            .items
            .into_iter()
            .enumerate()
            .map(|(ii, it)| build_item(app, cat_id, it, ii as i64))
            .collect::<AppResult<Vec<_>>>()?;
        let station = match cat.station.as_deref() {
            Some(s) => crate::domain::menu::check_station(s)?,
            None => None,
        };
        let name = check_name(&cat.name, "category")?;
        rows.push((cat_id, name, ci as i64, station, items));
    }
    app.store()
        .write(move |c| -> AppResult<_> {
            for (id, name, sort, station, items) in &rows {
                store::insert_category(c, *id, name, *sort, station.as_deref())?;
                for item in items {
                    store::insert_item(c, item)?;
                }
            }
            Ok(())
        })
        .await?;
    changed(app).await
}

pub async fn is_empty(app: &App) -> AppResult<bool> {
    Ok(app.store().read(store::is_empty).await?)
}
