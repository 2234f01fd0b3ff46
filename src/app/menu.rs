//! The menu as clients see it (cached, with an ETag), and menu changes.

use std::sync::Arc;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode, NotFoundAs};
use crate::domain::menu::{self, Category, Item, ModifierGroup, ModifierOption};
use crate::domain::user::Role;
use crate::domain::{Currency, Money};
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
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemView {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub available: bool,
    pub modifier_groups: Vec<ModifierGroupView>,
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
}

/// The public menu (anyone may read it), served from the cache.
pub async fn get(app: &App) -> AppResult<Arc<MenuSnapshot>> {
    if let Some(s) = app.inner.menu_cache.get(&()) {
        return Ok(s);
    }
    let currency = app.settings().currency;
    let categories = app.store().read(move |c| store::load(c, currency)).await?;
    let view = MenuView {
        currency,
        categories: categories
            .iter()
            .map(|c: &Category| CategoryView {
                id: c.id,
                name: c.name.clone(),
                items: c.items.iter().map(ItemView::from).collect(),
            })
            .collect(),
    };
    let json = serde_json::to_vec(&view).map_err(AppError::internal)?;
    let digest = Sha256::digest(&json);
    let etag = format!(
        "\"{}\"",
        digest[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let snapshot = Arc::new(MenuSnapshot {
        view,
        json: Bytes::from(json),
        etag,
    });
    app.inner.menu_cache.insert((), snapshot.clone());
    Ok(snapshot)
}

/// Drops the cached menu; the next read rebuilds it.
pub fn invalidate(app: &App) {
    app.inner.menu_cache.invalidate_all();
}

/// After any committed menu change: drop the cache and tell live clients.
async fn changed(app: &App) -> AppResult<()> {
    invalidate(app);
    let menu = get(app).await?;
    app.inner.events.publish("menu.updated", &menu.view);
    Ok(())
}

/// A new category with items, as an admin or the demo loader writes it.
#[derive(Debug, Clone)]
pub struct NewCategory {
    pub name: String,
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone)]
pub struct NewItem {
    pub name: String,
    pub description: String,
    pub price: Money,
    pub available: bool,
    pub groups: Vec<GroupInput>,
}

fn check_name(name: &str, what: &str) -> AppResult<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 80 {
        return Err(AppError::invalid(format!(
            "a {what} name must be 1 to 80 characters"
        )));
    }
    Ok(n.to_string())
}

/// Adds categories with their items (admin), in one transaction.
pub async fn add_categories(app: &App, actor: &Actor, new: Vec<NewCategory>) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the menu")?;
    let mut rows: Vec<(Uuid, String, i64, Vec<Item>)> = Vec::new();
    for (ci, cat) in new.into_iter().enumerate() {
        let cat_id = app.new_id();
        let items = cat
            .items
            .into_iter()
            .enumerate()
            .map(|(ii, it)| build_item(app, cat_id, it, ii as i64))
            .collect::<AppResult<Vec<_>>>()?;
        rows.push((cat_id, check_name(&cat.name, "category")?, ci as i64, items));
    }
    app.store()
        .write(move |c| -> AppResult<_> {
            for (id, name, sort, items) in &rows {
                store::insert_category(c, *id, name, *sort)?;
                for item in items {
                    store::insert_item(c, item)?;
                }
            }
            Ok(())
        })
        .await?;
    changed(app).await
}

/// Changes to one item; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub price: Option<Money>,
    pub available: Option<bool>,
    pub category_id: Option<Uuid>,
    pub sort_order: Option<i64>,
}

/// Edits an item (admin): price, availability, name, … Takes effect on
/// every client at once (`menu.updated`).
pub async fn update_item(
    app: &App,
    actor: &Actor,
    id: Uuid,
    patch: ItemPatch,
) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let currency = app.settings().currency;
    if let Some(p) = patch.price {
        if p.currency != currency {
            return Err(AppError::invalid(format!("prices are in {currency}")));
        }
        menu::check_price(p)?;
    }
    let name = patch
        .name
        .as_deref()
        .map(|n| check_name(n, "item"))
        .transpose()?;
    if patch
        .description
        .as_deref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        return Err(AppError::invalid("a description is at most 500 characters"));
    }
    let item = app
        .store()
        .write(move |c| {
            let mut item =
                store::item(c, currency, id)?.ok_or_else(|| AppError::not_found("no such item"))?;
            if let Some(cat) = patch.category_id {
                if !store::category_exists(c, cat)? {
                    return Err(AppError::new(
                        ErrorCode::UnknownCategory,
                        "no such category",
                    ));
                }
                item.category_id = cat;
            }
            if let Some(n) = name {
                item.name = n;
            }
            if let Some(d) = patch.description {
                item.description = d;
            }
            if let Some(p) = patch.price {
                item.price = p;
            }
            if let Some(a) = patch.available {
                item.available = a;
            }
            if let Some(s) = patch.sort_order {
                item.sort_order = s;
            }
            store::update_item(c, &item)?;
            Ok(item)
        })
        .await?;
    changed(app).await?;
    Ok(ItemView::from(&item))
}

pub async fn is_empty(app: &App) -> AppResult<bool> {
    Ok(app.store().read(store::is_empty).await?)
}

// ---- admin: categories, items, modifier groups ------------------------------

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CategoryInfo {
    pub id: Uuid,
    pub name: String,
    pub sort_order: i64,
    /// Items in it.
    pub items: i64,
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
            items: c.items,
        })
        .collect())
}

/// Adds an empty category (admin).
pub async fn create_category(
    app: &App,
    actor: &Actor,
    name: &str,
    sort_order: Option<i64>,
) -> AppResult<CategoryInfo> {
    actor.require(&[Role::Admin], "change the menu")?;
    let name = check_name(name, "category")?;
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
            store::insert_category(c, id, &n, sort)?;
            Ok(sort)
        })
        .await?;
    changed(app).await?;
    Ok(CategoryInfo {
        id,
        name,
        sort_order: sort,
        items: 0,
    })
}

/// Renames or reorders a category (admin).
pub async fn update_category(
    app: &App,
    actor: &Actor,
    id: Uuid,
    name: Option<String>,
    sort_order: Option<i64>,
) -> AppResult<CategoryInfo> {
    actor.require(&[Role::Admin], "change the menu")?;
    let name = name
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
            store::update_category(c, id, &name, sort)?;
            Ok(CategoryInfo {
                id,
                name,
                sort_order: sort,
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

/// A modifier group as an admin writes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupInput {
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub options: Vec<OptionInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    pub name: String,
    pub price_delta: Money,
}

/// A new item as an admin writes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    pub category_id: Uuid,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub price: Money,
    #[serde(default = "yes")]
    pub available: bool,
    #[serde(default)]
    pub sort_order: Option<i64>,
    #[serde(default)]
    pub modifier_groups: Vec<GroupInput>,
}

fn yes() -> bool {
    true
}

/// Validates a new item and gives it and its groups and options ids.
fn build_item(app: &App, category_id: Uuid, it: NewItem, sort_order: i64) -> AppResult<Item> {
    let currency = app.settings().currency;
    if it.price.currency != currency {
        return Err(AppError::invalid(format!("prices are in {currency}")));
    }
    menu::check_price(it.price)?;
    if it.description.chars().count() > 500 {
        return Err(AppError::invalid("a description is at most 500 characters"));
    }
    Ok(Item {
        id: app.new_id(),
        category_id,
        name: check_name(&it.name, "item")?,
        description: it.description.trim().to_string(),
        price: it.price,
        available: it.available,
        sort_order,
        modifier_groups: build_groups(app, it.groups)?,
    })
}

fn build_groups(app: &App, groups: Vec<GroupInput>) -> AppResult<Vec<ModifierGroup>> {
    let currency = app.settings().currency;
    if groups.len() > 20 {
        return Err(AppError::invalid("an item has at most 20 modifier groups"));
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(gi, g)| {
            menu::check_group_bounds(g.min, g.max, g.options.len())?;
            if g.options.is_empty() || g.options.len() > 50 {
                return Err(AppError::invalid("a modifier group has 1 to 50 options"));
            }
            Ok(ModifierGroup {
                id: app.new_id(),
                name: check_name(&g.name, "modifier group")?,
                min: g.min,
                max: g.max,
                sort_order: gi as i64,
                options: g
                    .options
                    .into_iter()
                    .enumerate()
                    .map(|(oi, o)| {
                        if o.price_delta.currency != currency {
                            return Err(AppError::invalid(format!("prices are in {currency}")));
                        }
                        Ok(ModifierOption {
                            id: app.new_id(),
                            name: check_name(&o.name, "modifier option")?,
                            price_delta: o.price_delta,
                            sort_order: oi as i64,
                        })
                    })
                    .collect::<AppResult<_>>()?,
            })
        })
        .collect()
}

/// Adds an item with its modifier groups (admin).
pub async fn create_item(app: &App, actor: &Actor, input: ItemInput) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let item = build_item(
        app,
        input.category_id,
        NewItem {
            name: input.name,
            description: input.description,
            price: input.price,
            available: input.available,
            groups: input.modifier_groups,
        },
        input.sort_order.unwrap_or(i64::MAX / 2),
    )?;
    let row = item.clone();
    app.store()
        .write(move |c| {
            if !store::category_exists(c, row.category_id)? {
                return Err(AppError::new(
                    ErrorCode::UnknownCategory,
                    "no such category",
                ));
            }
            Ok(store::insert_item(c, &row)?)
        })
        .await?;
    changed(app).await?;
    Ok(ItemView::from(&item))
}

/// Replaces an item's modifier groups (admin). Past orders keep the
/// modifiers they were sold with.
pub async fn replace_groups(
    app: &App,
    actor: &Actor,
    id: Uuid,
    groups: Vec<GroupInput>,
) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let groups = build_groups(app, groups)?;
    let currency = app.settings().currency;
    let item = app
        .store()
        .write(move |c| -> AppResult<_> {
            let mut item =
                store::item(c, currency, id)?.ok_or_else(|| AppError::not_found("no such item"))?;
            item.modifier_groups = groups;
            store::replace_groups(c, &item)?;
            Ok(item)
        })
        .await?;
    changed(app).await?;
    Ok(ItemView::from(&item))
}

/// Deletes an item (admin). Past orders keep their lines.
pub async fn delete_item(app: &App, actor: &Actor, id: Uuid) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the menu")?;
    app.store()
        .write(move |c| store::delete_item(c, id))
        .await
        .not_found_as("no such item")?;
    changed(app).await
}
