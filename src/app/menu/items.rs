//! Items of the menu (admin): adding them with their modifier groups,
//! editing, replacing groups, deleting.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::groups::{build_groups, check_library, GroupEntry};
use super::{changed, check_name, ItemView, NewItem, DEFAULT_PREP_MINUTES};
use crate::app::settings::STANDARD_CLASS;
use crate::app::{Actor, App, AppError, AppResult, ErrorCode, NotFoundAs};
use crate::domain::menu::{self, Item};
use crate::domain::user::Role;
use crate::domain::{Field, Money};
use crate::store::menu as store;

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
    /// One of the shop's tax classes (422 `unknown_tax_class` otherwise).
    #[serde(default)]
    pub tax_class: Option<String>,
    /// The shop's own item, left alone by head office's menu roll-outs.
    #[serde(default)]
    pub local: Option<bool>,
    /// Shown first on the kiosk and the table-ordering pages.
    #[serde(default)]
    pub featured: Option<bool>,
    /// Minutes the kitchen needs for one, 0 to 180.
    #[serde(default)]
    pub prep_minutes: Option<i64>,
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
            return Err(AppError::wrong_currency(
                Field::Price,
                currency,
                format!("prices are in {currency}"),
            ));
        }
        menu::check_price(p)?;
    }
    let name = patch
        .name
        .as_deref()
        .map(|n| check_name(n, "item"))
        .transpose()?;
    let tax_class = patch
        .tax_class
        .as_deref()
        .map(|t| known_tax_class(app, t))
        .transpose()?;
    let prep_minutes = patch
        .prep_minutes
        .map(menu::check_prep_minutes)
        .transpose()?;
    if patch
        .description
        .as_deref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        return Err(AppError::too_long(
            Field::Description,
            500,
            "a description is at most 500 characters",
        ));
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
            if let Some(t) = tax_class {
                item.tax_class = t;
            }
            if let Some(s) = patch.sort_order {
                item.sort_order = s;
            }
            if let Some(l) = patch.local {
                item.local = l;
            }
            if let Some(f) = patch.featured {
                item.featured = f;
            }
            if let Some(m) = prep_minutes {
                item.prep_minutes = m;
            }
            store::update_item(c, &item)?;
            Ok(item)
        })
        .await?;
    changed(app).await?;
    Ok(ItemView::from(&item))
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
    #[serde(default = "crate::app::default_true")]
    pub available: bool,
    #[serde(default)]
    pub sort_order: Option<i64>,
    /// The item's own groups and library groups (`{"library_group_id"}`),
    /// in the order the item shows them.
    #[serde(default)]
    pub modifier_groups: Vec<GroupEntry>,
    /// One of the shop's tax classes; `standard` when not given.
    #[serde(default)]
    pub tax_class: Option<String>,
    /// The shop's own item, left alone by head office's menu roll-outs.
    #[serde(default)]
    pub local: bool,
    /// Shown first on the kiosk and the table-ordering pages.
    #[serde(default)]
    pub featured: bool,
    /// Minutes the kitchen needs for one, 0 to 180 (3 when not given).
    #[serde(default)]
    pub prep_minutes: Option<i64>,
}

/// `id` when the shop has that tax class; 422 `unknown_tax_class` otherwise.
fn known_tax_class(app: &App, id: &str) -> AppResult<String> {
    match app.settings().tax_class(id) {
        Some(c) => Ok(c.id.clone()),
        None => Err(AppError::new(
            ErrorCode::UnknownTaxClass,
            format!("the shop has no tax class {id:?}"),
        )
        .with_params(serde_json::json!({ "tax_class": id }))),
    }
}

/// Validates a new item and gives it and its groups and options ids.
pub(crate) fn build_item(
    app: &App,
    category_id: Uuid,
    mut it: NewItem,
    sort_order: i64,
) -> AppResult<Item> {
    let groups = std::mem::take(&mut it.groups)
        .into_iter()
        .map(GroupEntry::Own)
        .collect();
    build_item_with(app, category_id, it, groups, sort_order)
}

/// [`build_item`] with groups that may be library ones (their existence is
/// checked by [`check_library`] in the write).
fn build_item_with(
    app: &App,
    category_id: Uuid,
    it: NewItem,
    groups: Vec<GroupEntry>,
    sort_order: i64,
) -> AppResult<Item> {
    let currency = app.settings().currency;
    if it.price.currency != currency {
        return Err(AppError::wrong_currency(
            Field::Price,
            currency,
            format!("prices are in {currency}"),
        ));
    }
    menu::check_price(it.price)?;
    if it.description.chars().count() > 500 {
        return Err(AppError::too_long(
            Field::Description,
            500,
            "a description is at most 500 characters",
        ));
    }
    Ok(Item {
        id: app.new_id(),
        category_id,
        name: check_name(&it.name, "item")?,
        description: it.description.trim().to_string(),
        price: it.price,
        available: it.available,
        sort_order,
        tax_class: known_tax_class(app, it.tax_class.as_deref().unwrap_or(STANDARD_CLASS))?,
        local: it.local,
        featured: it.featured,
        prep_minutes: menu::check_prep_minutes(it.prep_minutes.into())?,
        modifier_groups: build_groups(app, groups)?,
        image: None,
    })
}

/// Adds an item with its modifier groups (admin).
pub async fn create_item(app: &App, actor: &Actor, input: ItemInput) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let item = build_item_with(
        app,
        input.category_id,
        NewItem {
            name: input.name,
            description: input.description,
            price: input.price,
            available: input.available,
            tax_class: input.tax_class,
            local: input.local,
            featured: input.featured,
            prep_minutes: match input.prep_minutes {
                Some(m) => menu::check_prep_minutes(m)?,
                None => DEFAULT_PREP_MINUTES,
            },
            groups: Vec::new(),
        },
        input.modifier_groups,
        input.sort_order.unwrap_or(i64::MAX / 2),
    )?;
    let currency = app.settings().currency;
    let item = app
        .store()
        .write(move |c| {
            if !store::category_exists(c, item.category_id)? {
                return Err(AppError::new(
                    ErrorCode::UnknownCategory,
                    "no such category",
                ));
            }
            check_library(c, &item.modifier_groups)?;
            store::insert_item(c, &item)?;
            reload(c, currency, item.id)
        })
        .await?;
    changed(app).await?;
    Ok(ItemView::from(&item))
}

/// An item as just written, with its library groups filled in.
fn reload(
    c: &rusqlite::Connection,
    currency: crate::domain::Currency,
    id: Uuid,
) -> AppResult<Item> {
    store::item(c, currency, id)?.ok_or_else(|| AppError::not_found("no such item"))
}

/// Replaces an item's modifier groups (admin): its own groups (written
/// anew) and the library groups attached to it. Past orders keep the
/// modifiers they were sold with.
pub async fn replace_groups(
    app: &App,
    actor: &Actor,
    id: Uuid,
    groups: Vec<GroupEntry>,
) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let groups = build_groups(app, groups)?;
    let currency = app.settings().currency;
    let item = app
        .store()
        .write(move |c| -> AppResult<_> {
            let mut item = reload(c, currency, id)?;
            check_library(c, &groups)?;
            item.modifier_groups = groups;
            store::replace_groups(c, &item)?;
            reload(c, currency, id)
        })
        .await?;
    changed(app).await?;
    Ok(ItemView::from(&item))
}

/// Deletes an item (admin). Past orders keep their lines.
pub async fn delete_item(app: &App, actor: &Actor, id: Uuid) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the menu")?;
    let pruned = app
        .store()
        .write(move |c| {
            store::delete_item(c, id)?;
            crate::store::images::prune(c)
        })
        .await
        .not_found_as("no such item")?;
    crate::app::images::forget(app, pruned).await;
    changed(app).await
}
