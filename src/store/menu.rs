//! Menu rows: categories, items, modifier groups and options.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::{row, Conflict, StoreError, StoreResult};
use crate::domain::menu::{Category, Item, ModifierGroup, ModifierOption};
use crate::domain::{Currency, Money};

/// The whole menu, sorted, with every item (available or not). Four
/// statements, however large the menu.
pub fn load(conn: &Connection, currency: Currency) -> StoreResult<Vec<Category>> {
    let mut categories = row::all(
        conn,
        "SELECT id, name, sort_order, station FROM categories ORDER BY sort_order, name",
        [],
        category_from_row,
    )?;
    let items = load_items(conn, currency, None)?;
    let index: HashMap<Uuid, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    for item in items {
        if let Some(&i) = index.get(&item.category_id) {
            categories[i].items.push(item);
        }
    }
    Ok(categories)
}

/// Items with their modifier groups; all of them (sorted), or those in
/// `only` (in its order). Three statements, however many items.
pub fn load_items(
    conn: &Connection,
    currency: Currency,
    only: Option<&[Uuid]>,
) -> StoreResult<Vec<Item>> {
    let item = |r: &Row<'_>| item_from_row(r, currency);
    let mut items = match only {
        None => row::all(
            conn,
            "SELECT id, category_id, name, description, price, available, sort_order, tax_class, local,
                    featured, prep_minutes, image, image_thumb
             FROM items ORDER BY sort_order, name",
            [],
            item,
        )?,
        Some(ids) => row::all(
            conn,
            "SELECT i.id AS id, i.category_id AS category_id, i.name AS name,
                    i.description AS description, i.price AS price,
                    i.available AS available, i.sort_order AS sort_order,
                    i.tax_class AS tax_class, i.local AS local,
                    i.featured AS featured, i.prep_minutes AS prep_minutes,
                    i.image AS image, i.image_thumb AS image_thumb
             FROM json_each(?1) AS j JOIN items AS i ON i.id = j.value ORDER BY j.key",
            [row::id_list(ids)],
            item,
        )?,
    };
    if items.is_empty() {
        return Ok(items);
    }
    let groups = groups_of(conn, currency, items.iter().map(|i| i.id))?;
    for item in &mut items {
        item.modifier_groups = groups.get(&item.id).cloned().unwrap_or_default();
    }
    Ok(items)
}

/// The modifier groups (with their options) of `items`, by item, in each
/// item's order: its own groups and the library groups attached to it. Two
/// statements.
fn groups_of(
    conn: &Connection,
    currency: Currency,
    items: impl Iterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, Vec<ModifierGroup>>> {
    let mut groups = row::all(
        conn,
        "SELECT id, item_id, name, min_select, max_select, sort_order, 0 AS library
         FROM modifier_groups WHERE item_id IN (SELECT value FROM json_each(?1))
         UNION ALL
         SELECT g.id AS id, l.item_id AS item_id, g.name AS name, g.min_select AS min_select,
                g.max_select AS max_select, l.sort_order AS sort_order, 1 AS library
         FROM item_library_groups l JOIN library_groups g ON g.id = l.group_id
         WHERE l.item_id IN (SELECT value FROM json_each(?1))",
        [row::id_list(items)],
        |r| Ok((row::uuid(r, "item_id")?, group_from_row(r)?)),
    )?;
    groups.sort_by(|(_, a), (_, b)| {
        (a.sort_order, &a.name, a.library).cmp(&(b.sort_order, &b.name, b.library))
    });
    let mut options: HashMap<Uuid, Vec<ModifierOption>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, group_id, name, price_delta, sort_order FROM modifier_options
         WHERE group_id IN (SELECT value FROM json_each(?1))
         UNION ALL
         SELECT id, group_id, name, price_delta, sort_order FROM library_options
         WHERE group_id IN (SELECT value FROM json_each(?1))
         ORDER BY sort_order, name",
    )?;
    let mut rows = stmt.query([row::id_list(groups.iter().map(|(_, g)| g.id))])?;
    while let Some(r) = rows.next()? {
        let option = option_from_row(r, currency)?;
        options
            .entry(row::uuid(r, "group_id")?)
            .or_default()
            .push(option);
    }
    let mut by_item: HashMap<Uuid, Vec<ModifierGroup>> = HashMap::new();
    for (item, mut group) in groups {
        // A library group may sit on many items: each gets its options.
        group.options = options.get(&group.id).cloned().unwrap_or_default();
        by_item.entry(item).or_default().push(group);
    }
    Ok(by_item)
}

fn category_from_row(r: &Row<'_>) -> StoreResult<Category> {
    Ok(Category {
        id: row::uuid(r, "id")?,
        name: r.get("name")?,
        sort_order: r.get("sort_order")?,
        station: r.get("station")?,
        items: Vec::new(),
    })
}

/// An item without its modifier groups.
fn item_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<Item> {
    Ok(Item {
        id: row::uuid(r, "id")?,
        category_id: row::uuid(r, "category_id")?,
        name: r.get("name")?,
        description: r.get("description")?,
        price: Money::new(r.get("price")?, currency),
        available: r.get("available")?,
        sort_order: r.get("sort_order")?,
        tax_class: r.get("tax_class")?,
        local: r.get("local")?,
        featured: r.get("featured")?,
        prep_minutes: r.get("prep_minutes")?,
        modifier_groups: Vec::new(),
        image: super::images::item_image(r)?,
    })
}

/// A modifier group without its options.
fn group_from_row(r: &Row<'_>) -> StoreResult<ModifierGroup> {
    Ok(ModifierGroup {
        id: row::uuid(r, "id")?,
        name: r.get("name")?,
        min: r.get("min_select")?,
        max: r.get("max_select")?,
        sort_order: r.get("sort_order")?,
        library: r.get("library")?,
        options: Vec::new(),
    })
}

pub(super) fn option_from_row(r: &Row<'_>, currency: Currency) -> StoreResult<ModifierOption> {
    Ok(ModifierOption {
        id: row::uuid(r, "id")?,
        name: r.get("name")?,
        price_delta: Money::new(r.get("price_delta")?, currency),
        sort_order: r.get("sort_order")?,
    })
}

/// One item with its modifier groups.
pub fn item(conn: &Connection, currency: Currency, id: Uuid) -> StoreResult<Option<Item>> {
    Ok(load_items(conn, currency, Some(&[id]))?.pop())
}

pub fn insert_category(
    conn: &Connection,
    id: Uuid,
    name: &str,
    sort_order: i64,
    station: Option<&str>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO categories (id, name, sort_order, station) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id.to_string(), name, sort_order, station])?;
    Ok(())
}

pub fn insert_item(conn: &Connection, item: &Item) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO items (id, category_id, name, description, price, available, sort_order,
                            tax_class, local, featured, prep_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        item.id.to_string(),
        item.category_id.to_string(),
        item.name,
        item.description,
        item.price.amount,
        item.available,
        item.sort_order,
        item.tax_class,
        item.local,
        item.featured,
        item.prep_minutes
    ])
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            StoreError::NotFound
        }
        e => e.into(),
    })?;
    replace_groups(conn, item)
}

/// Writes an item's own fields (not its modifier groups).
pub fn update_item(conn: &Connection, item: &Item) -> StoreResult<()> {
    let n = conn
        .prepare_cached(
            "UPDATE items SET category_id = ?2, name = ?3, description = ?4, price = ?5,
             available = ?6, sort_order = ?7, tax_class = ?8, local = ?9, featured = ?10,
             prep_minutes = ?11 WHERE id = ?1",
        )?
        .execute(params![
            item.id.to_string(),
            item.category_id.to_string(),
            item.name,
            item.description,
            item.price.amount,
            item.available,
            item.sort_order,
            item.tax_class,
            item.local,
            item.featured,
            item.prep_minutes
        ])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// The tax classes the items have.
pub fn tax_classes_in_use(conn: &Connection) -> StoreResult<Vec<String>> {
    row::all(
        conn,
        "SELECT DISTINCT tax_class FROM items ORDER BY tax_class",
        [],
        |r| Ok(r.get("tax_class")?),
    )
}

pub fn category_exists(conn: &Connection, id: Uuid) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM categories WHERE id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn is_empty(conn: &Connection) -> StoreResult<bool> {
    let n: i64 = conn.query_row("SELECT count(*) FROM categories", [], |r| r.get(0))?;
    Ok(n == 0)
}

pub struct CategoryRow {
    pub id: Uuid,
    pub name: String,
    pub sort_order: i64,
    pub station: Option<String>,
    pub items: i64,
}

pub fn categories(conn: &Connection) -> StoreResult<Vec<CategoryRow>> {
    row::all(
        conn,
        "SELECT c.id AS id, c.name AS name, c.sort_order AS sort_order,
                c.station AS station, count(i.id) AS items
         FROM categories c LEFT JOIN items i ON i.category_id = c.id
         GROUP BY c.id ORDER BY c.sort_order, c.name",
        [],
        |r| {
            Ok(CategoryRow {
                id: row::uuid(r, "id")?,
                name: r.get("name")?,
                sort_order: r.get("sort_order")?,
                station: r.get("station")?,
                items: r.get("items")?,
            })
        },
    )
}

pub fn update_category(
    conn: &Connection,
    id: Uuid,
    name: &str,
    sort_order: i64,
    station: Option<&str>,
) -> StoreResult<()> {
    let n = conn
        .prepare_cached(
            "UPDATE categories SET name = ?2, sort_order = ?3, station = ?4 WHERE id = ?1",
        )?
        .execute(params![id.to_string(), name, sort_order, station])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Deletes an empty category; `Conflict` if it still has items.
pub fn delete_category(conn: &Connection, id: Uuid) -> StoreResult<()> {
    let items: i64 = conn
        .prepare_cached("SELECT count(*) FROM items WHERE category_id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))?;
    if items > 0 {
        return Err(StoreError::Conflict(Conflict::CategoryHasItems));
    }
    let n = conn
        .prepare_cached("DELETE FROM categories WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Deletes an item and its modifier groups. Past orders keep their lines
/// (names and prices are copied into them).
pub fn delete_item(conn: &Connection, id: Uuid) -> StoreResult<()> {
    let n = conn
        .prepare_cached("DELETE FROM items WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Replaces an item's modifier groups: its own ones (with their options)
/// and its links to library groups (which must exist), in the item's order.
pub fn replace_groups(conn: &Connection, item: &Item) -> StoreResult<()> {
    let id = item.id.to_string();
    conn.prepare_cached("DELETE FROM modifier_groups WHERE item_id = ?1")?
        .execute([&id])?;
    conn.prepare_cached("DELETE FROM item_library_groups WHERE item_id = ?1")?
        .execute([&id])?;
    for group in &item.modifier_groups {
        if group.library {
            conn.prepare_cached(
                "INSERT INTO item_library_groups (item_id, group_id, sort_order) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, group.id.to_string(), group.sort_order])?;
            continue;
        }
        conn.prepare_cached(
            "INSERT INTO modifier_groups (id, item_id, name, min_select, max_select, sort_order)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            group.id.to_string(),
            id,
            group.name,
            group.min,
            group.max,
            group.sort_order
        ])?;
        insert_options(conn, "modifier_options", group)?;
    }
    Ok(())
}

/// Inserts `group`'s options into `table` (`modifier_options` for an item's
/// own groups, `library_options` for the library's).
pub(super) fn insert_options(
    conn: &Connection,
    table: &'static str,
    group: &ModifierGroup,
) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {table} (id, group_id, name, price_delta, sort_order)
         VALUES (?1, ?2, ?3, ?4, ?5)"
    ))?;
    for o in &group.options {
        stmt.execute(params![
            o.id.to_string(),
            group.id.to_string(),
            o.name,
            o.price_delta.amount,
            o.sort_order
        ])?;
    }
    Ok(())
}
