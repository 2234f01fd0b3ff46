//! The library of modifier groups: groups defined once (with their options)
//! and attached to many items (`item_library_groups`).

use std::collections::HashMap;

use rusqlite::{params, Connection, Row};
use uuid::Uuid;

use super::menu::option_from_row;
use super::{row, StoreError, StoreResult};
use crate::domain::menu::{ModifierGroup, ModifierOption};
use crate::domain::Currency;

/// A library group with its options and the items it is attached to.
#[derive(Debug, Clone)]
pub struct LibraryGroup {
    pub group: ModifierGroup,
    /// `(id, name)` of every item that has the group, by name.
    pub items: Vec<(Uuid, String)>,
}

/// The library's groups (by name), or only `one`: three statements.
pub fn list(
    conn: &Connection,
    currency: Currency,
    one: Option<Uuid>,
) -> StoreResult<Vec<LibraryGroup>> {
    let only = one.map(|id| id.to_string());
    let groups = row::all(
        conn,
        "SELECT id, name, min_select, max_select FROM library_groups
         WHERE ?1 IS NULL OR id = ?1 ORDER BY name COLLATE NOCASE, id",
        [&only],
        group_from_row,
    )?;
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let ids = row::id_list(groups.iter().map(|g| g.id));
    let mut options: HashMap<Uuid, Vec<ModifierOption>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, group_id, name, price_delta, sort_order FROM library_options
         WHERE group_id IN (SELECT value FROM json_each(?1)) ORDER BY sort_order, name",
    )?;
    let mut rows = stmt.query([&ids])?;
    while let Some(r) = rows.next()? {
        let option = option_from_row(r, currency)?;
        options
            .entry(row::uuid(r, "group_id")?)
            .or_default()
            .push(option);
    }
    let mut items: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for (group, item, name) in row::all(
        conn,
        "SELECT l.group_id AS group_id, i.id AS id, i.name AS name
         FROM item_library_groups l JOIN items i ON i.id = l.item_id
         WHERE l.group_id IN (SELECT value FROM json_each(?1))
         ORDER BY i.name COLLATE NOCASE, i.id",
        [&ids],
        |r| {
            Ok((
                row::uuid(r, "group_id")?,
                row::uuid(r, "id")?,
                r.get::<_, String>("name")?,
            ))
        },
    )? {
        items.entry(group).or_default().push((item, name));
    }
    Ok(groups
        .into_iter()
        .map(|mut group| {
            group.options = options.remove(&group.id).unwrap_or_default();
            LibraryGroup {
                items: items.remove(&group.id).unwrap_or_default(),
                group,
            }
        })
        .collect())
}

/// One library group, if it exists.
pub fn get(conn: &Connection, currency: Currency, id: Uuid) -> StoreResult<Option<LibraryGroup>> {
    Ok(list(conn, currency, Some(id))?.pop())
}

/// Those of `ids` that are no library group.
pub fn missing(conn: &Connection, ids: &[Uuid]) -> StoreResult<Vec<Uuid>> {
    row::all(
        conn,
        "SELECT j.value AS id FROM json_each(?1) AS j
         WHERE NOT EXISTS (SELECT 1 FROM library_groups g WHERE g.id = j.value)",
        [row::id_list(ids.iter().copied())],
        |r| row::uuid(r, "id"),
    )
}

fn group_from_row(r: &Row<'_>) -> StoreResult<ModifierGroup> {
    Ok(ModifierGroup {
        id: row::uuid(r, "id")?,
        name: r.get("name")?,
        min: r.get("min_select")?,
        max: r.get("max_select")?,
        sort_order: 0,
        library: true,
        options: Vec::new(),
    })
}

/// Writes a new library group with its options.
pub fn insert(conn: &Connection, group: &ModifierGroup) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO library_groups (id, name, min_select, max_select) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        group.id.to_string(),
        group.name,
        group.min,
        group.max
    ])?;
    super::menu::insert_options(conn, "library_options", group)
}

/// Writes a library group's name, bounds and options (options keep the ids
/// they are given; those left out are gone). `NotFound` if there is none.
pub fn update(conn: &Connection, group: &ModifierGroup) -> StoreResult<()> {
    let n = conn
        .prepare_cached(
            "UPDATE library_groups SET name = ?2, min_select = ?3, max_select = ?4 WHERE id = ?1",
        )?
        .execute(params![
            group.id.to_string(),
            group.name,
            group.min,
            group.max
        ])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    conn.prepare_cached("DELETE FROM library_options WHERE group_id = ?1")?
        .execute([group.id.to_string()])?;
    super::menu::insert_options(conn, "library_options", group)
}

/// Deletes a library group that no item has (the caller checks; the
/// schema refuses otherwise). `NotFound` if there is none.
pub fn delete(conn: &Connection, id: Uuid) -> StoreResult<()> {
    let n = conn
        .prepare_cached("DELETE FROM library_groups WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
