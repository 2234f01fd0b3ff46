//! The library of modifier groups (admin): "Milk" (Whole / Oat +0.40 / …)
//! defined once, attached to many items (`{"library_group_id"}` among an
//! item's groups), changed once for all of them. Its options keep their
//! ids while it is edited, so carts and orders that name them stay valid.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::groups::{build_option, check_group, OptionInput};
use super::{changed, ModifierOptionView};
use crate::app::{Actor, App, AppError, AppResult, ErrorCode, NotFoundAs};
use crate::domain::menu::ModifierGroup;
use crate::domain::user::Role;
use crate::domain::{Field, Money};
use crate::store::modifier_library::{self as store, LibraryGroup};

/// A library group with its options and the items that have it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LibraryGroupView {
    pub id: Uuid,
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub options: Vec<ModifierOptionView>,
    /// The items it is attached to, by name.
    pub used_by: Vec<UsedBy>,
}

/// An item that has a library group.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UsedBy {
    pub id: Uuid,
    pub name: String,
}

/// `GET /api/modifier-groups`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LibraryGroupList {
    pub modifier_groups: Vec<LibraryGroupView>,
}

/// A library group as an admin writes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryGroupInput {
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub options: Vec<LibraryOptionInput>,
}

/// An option of a library group. An edit gives an option it keeps its `id`
/// (orders and carts naming it stay valid); an option without one is new.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryOptionInput {
    /// One of the group's options (422 `unknown_modifier_option` otherwise);
    /// absent for a new option.
    #[serde(default)]
    pub id: Option<Uuid>,
    pub name: String,
    pub price_delta: Money,
}

impl From<LibraryGroup> for LibraryGroupView {
    fn from(l: LibraryGroup) -> Self {
        LibraryGroupView {
            id: l.group.id,
            name: l.group.name,
            min: l.group.min,
            max: l.group.max,
            options: l
                .group
                .options
                .into_iter()
                .map(|o| ModifierOptionView {
                    id: o.id,
                    name: o.name,
                    price_delta: o.price_delta,
                })
                .collect(),
            used_by: l
                .items
                .into_iter()
                .map(|(id, name)| UsedBy { id, name })
                .collect(),
        }
    }
}

/// The library's groups, by name (admin).
pub async fn library_groups(app: &App, actor: &Actor) -> AppResult<LibraryGroupList> {
    actor.require(&[Role::Admin], "see the modifier groups")?;
    let currency = app.settings().currency;
    let groups = app
        .store()
        .read(move |c| store::list(c, currency, None))
        .await?;
    Ok(LibraryGroupList {
        modifier_groups: groups.into_iter().map(LibraryGroupView::from).collect(),
    })
}

/// Checks `input` and builds the group `id`; options keep the ids given
/// (checked against `known`, the group's options now), new ones get new ids.
fn build(
    app: &App,
    id: Uuid,
    input: LibraryGroupInput,
    known: &HashSet<Uuid>,
) -> AppResult<ModifierGroup> {
    let currency = app.settings().currency;
    let name = check_group(&input.name, input.min, input.max, input.options.len())?;
    let mut kept = HashSet::new();
    let options = input
        .options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let oid = match o.id {
                None => app.new_id(),
                Some(oid) if !known.contains(&oid) => {
                    return Err(AppError::new(
                        ErrorCode::UnknownModifierOption,
                        format!("{oid} is not an option of this modifier group"),
                    )
                    .with_params(json!({ "option_id": oid })))
                }
                Some(oid) if !kept.insert(oid) => {
                    return Err(AppError::new(
                        ErrorCode::DuplicateValue,
                        "an option is listed once",
                    )
                    .with_params(json!({ "field": Field::ModifierOption })))
                }
                Some(oid) => oid,
            };
            let option = OptionInput {
                name: o.name,
                price_delta: o.price_delta,
            };
            build_option(currency, oid, i, option)
        })
        .collect::<AppResult<_>>()?;
    Ok(ModifierGroup {
        id,
        name,
        min: input.min,
        max: input.max,
        sort_order: 0,
        library: true,
        options,
    })
}

/// Adds a group to the library (admin); items attach it by its id.
pub async fn create_library_group(
    app: &App,
    actor: &Actor,
    input: LibraryGroupInput,
) -> AppResult<LibraryGroupView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let group = build(app, app.new_id(), input, &HashSet::new())?;
    let currency = app.settings().currency;
    let written = app
        .store()
        .write(move |c| -> AppResult<_> {
            store::insert(c, &group)?;
            store::get(c, currency, group.id)?
                .ok_or_else(|| AppError::not_found("no such modifier group"))
        })
        .await?;
    Ok(written.into())
}

/// Changes a library group (admin): its name, bounds and options, for every
/// item that has it at once (`menu.updated`).
pub async fn update_library_group(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: LibraryGroupInput,
) -> AppResult<LibraryGroupView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let currency = app.settings().currency;
    let known: HashSet<Uuid> = app
        .store()
        .read(move |c| store::get(c, currency, id))
        .await?
        .ok_or_else(|| AppError::not_found("no such modifier group"))?
        .group
        .options
        .iter()
        .map(|o| o.id)
        .collect();
    let group = build(app, id, input, &known)?;
    let written = app
        .store()
        .write(move |c| -> AppResult<_> {
            store::update(c, &group).not_found_as("no such modifier group")?;
            store::get(c, currency, id)?
                .ok_or_else(|| AppError::not_found("no such modifier group"))
        })
        .await?;
    changed(app).await?;
    Ok(written.into())
}

/// Deletes a library group (admin) that no item has; one in use is refused
/// with 409 `modifier_group_in_use`, naming the items (detach it first).
pub async fn delete_library_group(app: &App, actor: &Actor, id: Uuid) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the menu")?;
    let currency = app.settings().currency;
    app.store()
        .write(move |c| -> AppResult<_> {
            let group = store::get(c, currency, id)?
                .ok_or_else(|| AppError::not_found("no such modifier group"))?;
            if !group.items.is_empty() {
                let names: Vec<&str> = group.items.iter().map(|(_, n)| n.as_str()).collect();
                return Err(AppError::new(
                    ErrorCode::ModifierGroupInUse,
                    format!(
                        "\"{}\" is still attached to {}; remove it from them first",
                        group.group.name,
                        names.join(", ")
                    ),
                )
                .with_params(json!({
                    "group": group.group.name,
                    "items": names.join(", "),
                    "count": names.len(),
                })));
            }
            store::delete(c, id).not_found_as("no such modifier group")?;
            Ok(())
        })
        .await
}
