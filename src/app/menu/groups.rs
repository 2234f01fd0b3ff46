//! Modifier groups as an admin writes them: an item's own groups (new ids
//! each time they are written) and library groups attached by id.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::check_name;
use crate::app::{App, AppError, AppResult, ErrorCode};
use crate::domain::menu::{self, ModifierGroup, ModifierOption};
use crate::domain::{Currency, Field, Money};
use crate::store::modifier_library as library_store;

/// Most modifier groups one item has (its own and library ones).
pub const MAX_GROUPS: usize = 20;
/// Most options one group has.
pub const MAX_OPTIONS: usize = 50;

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

/// A library group attached to an item: the item shows it like its own,
/// and follows every change made to it in the library.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryGroupRef {
    /// The id of a group of `GET /api/modifier-groups` (422
    /// `unknown_modifier_group` otherwise).
    pub library_group_id: Uuid,
}

/// One of an item's modifier groups: `{"library_group_id"}` attaches a
/// library group, anything else is the item's own group.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum GroupEntry {
    Library(LibraryGroupRef),
    Own(GroupInput),
}

impl From<GroupInput> for GroupEntry {
    fn from(g: GroupInput) -> Self {
        GroupEntry::Own(g)
    }
}

/// Checks a group's name, bounds and number of options.
pub(super) fn check_group(name: &str, min: u32, max: u32, options: usize) -> AppResult<String> {
    menu::check_group_bounds(min, max, options)?;
    if options == 0 || options > MAX_OPTIONS {
        return Err(AppError::out_of_range(
            Field::ModifierOptions,
            1,
            MAX_OPTIONS as i64,
            "a modifier group has 1 to 50 options",
        ));
    }
    check_name(name, "modifier group")
}

/// An option's name and price delta, checked; the id is the caller's.
pub(super) fn build_option(
    currency: Currency,
    id: Uuid,
    sort_order: usize,
    o: OptionInput,
) -> AppResult<ModifierOption> {
    if o.price_delta.currency != currency {
        return Err(AppError::wrong_currency(
            Field::Price,
            currency,
            format!("prices are in {currency}"),
        ));
    }
    Ok(ModifierOption {
        id,
        name: check_name(&o.name, "modifier option")?,
        price_delta: o.price_delta,
        sort_order: sort_order as i64,
    })
}

/// Validates an item's groups and gives its own groups and their options
/// new ids. A library group comes back as a placeholder (`library`, its id,
/// its place); [`check_library`] checks that it exists.
pub(crate) fn build_groups(app: &App, groups: Vec<GroupEntry>) -> AppResult<Vec<ModifierGroup>> {
    let currency = app.settings().currency;
    if groups.len() > MAX_GROUPS {
        return Err(AppError::out_of_range(
            Field::ModifierGroups,
            0,
            MAX_GROUPS as i64,
            "an item has at most 20 modifier groups",
        ));
    }
    let mut attached = HashSet::new();
    groups
        .into_iter()
        .enumerate()
        .map(|(gi, entry)| match entry {
            GroupEntry::Library(r) => {
                if !attached.insert(r.library_group_id) {
                    return Err(AppError::new(
                        ErrorCode::DuplicateValue,
                        "a library group is attached to an item once",
                    )
                    .with_params(json!({ "field": Field::LibraryGroup })));
                }
                Ok(ModifierGroup {
                    id: r.library_group_id,
                    name: String::new(),
                    min: 0,
                    max: 1,
                    sort_order: gi as i64,
                    library: true,
                    options: Vec::new(),
                })
            }
            GroupEntry::Own(g) => Ok(ModifierGroup {
                name: check_group(&g.name, g.min, g.max, g.options.len())?,
                id: app.new_id(),
                min: g.min,
                max: g.max,
                sort_order: gi as i64,
                library: false,
                options: g
                    .options
                    .into_iter()
                    .enumerate()
                    .map(|(oi, o)| build_option(currency, app.new_id(), oi, o))
                    .collect::<AppResult<_>>()?,
            }),
        })
        .collect()
}

/// 422 `unknown_modifier_group` unless every library group of `groups`
/// exists (read inside the write that attaches them).
pub(crate) fn check_library(c: &rusqlite::Connection, groups: &[ModifierGroup]) -> AppResult<()> {
    let ids: Vec<Uuid> = groups.iter().filter(|g| g.library).map(|g| g.id).collect();
    if ids.is_empty() {
        return Ok(());
    }
    match library_store::missing(c, &ids)?.first() {
        None => Ok(()),
        Some(id) => Err(AppError::new(
            ErrorCode::UnknownModifierGroup,
            format!("there is no library modifier group {id}"),
        )
        .with_params(json!({ "group_id": id }))),
    }
}
