//! Menu rows: categories, items, modifier groups and options.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{parse_uuid, Conflict, StoreError, StoreResult};
use crate::domain::menu::{Category, Item, ModifierGroup, ModifierOption};
use crate::domain::{Currency, Money};

/// The whole menu, sorted, with every item (available or not).
pub fn load(conn: &Connection, currency: Currency) -> StoreResult<Vec<Category>> {
    let mut categories: Vec<Category> = conn
        .prepare_cached("SELECT id, name, sort_order FROM categories ORDER BY sort_order, name")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
        .map(|row| {
            let (id, name, sort_order) = row?;
            Ok(Category {
                id: parse_uuid(&id)?,
                name,
                sort_order,
                items: Vec::new(),
            })
        })
        .collect::<StoreResult<_>>()?;
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

/// Items with their modifier groups; all of them, or those in `only`.
pub fn load_items(
    conn: &Connection,
    currency: Currency,
    only: Option<&[Uuid]>,
) -> StoreResult<Vec<Item>> {
    let mut items = Vec::new();
    let mut push_item = |r: &rusqlite::Row<'_>| -> StoreResult<()> {
        items.push(Item {
            id: parse_uuid(&r.get::<_, String>(0)?)?,
            category_id: parse_uuid(&r.get::<_, String>(1)?)?,
            name: r.get(2)?,
            description: r.get(3)?,
            price: Money::new(r.get(4)?, currency),
            available: r.get(5)?,
            sort_order: r.get(6)?,
            modifier_groups: Vec::new(),
        });
        Ok(())
    };
    const COLS: &str = "id, category_id, name, description, price, available, sort_order";
    match only {
        None => {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLS} FROM items ORDER BY sort_order, name"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                push_item(r)?;
            }
        }
        Some(ids) => {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT {COLS} FROM items WHERE id = ?1"))?;
            for id in ids {
                let mut rows = stmt.query([id.to_string()])?;
                if let Some(r) = rows.next()? {
                    push_item(r)?;
                }
            }
        }
    }
    if items.is_empty() {
        return Ok(items);
    }
    let mut groups_stmt = conn.prepare_cached(
        "SELECT id, item_id, name, min_select, max_select, sort_order FROM modifier_groups
         WHERE item_id = ?1 ORDER BY sort_order, name",
    )?;
    let mut options_stmt = conn.prepare_cached(
        "SELECT id, name, price_delta, sort_order FROM modifier_options
         WHERE group_id = ?1 ORDER BY sort_order, name",
    )?;
    for item in &mut items {
        let mut rows = groups_stmt.query([item.id.to_string()])?;
        while let Some(r) = rows.next()? {
            let gid: String = r.get(0)?;
            let mut options = Vec::new();
            let mut orows = options_stmt.query([&gid])?;
            while let Some(o) = orows.next()? {
                options.push(ModifierOption {
                    id: parse_uuid(&o.get::<_, String>(0)?)?,
                    name: o.get(1)?,
                    price_delta: Money::new(o.get(2)?, currency),
                    sort_order: o.get(3)?,
                });
            }
            item.modifier_groups.push(ModifierGroup {
                id: parse_uuid(&gid)?,
                name: r.get(2)?,
                min: r.get(3)?,
                max: r.get(4)?,
                sort_order: r.get(5)?,
                options,
            });
        }
    }
    Ok(items)
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
) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO categories (id, name, sort_order) VALUES (?1, ?2, ?3)")?
        .execute(params![id.to_string(), name, sort_order])?;
    Ok(())
}

pub fn insert_item(conn: &Connection, item: &Item) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO items (id, category_id, name, description, price, available, sort_order)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        item.id.to_string(),
        item.category_id.to_string(),
        item.name,
        item.description,
        item.price.amount,
        item.available,
        item.sort_order
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
             available = ?6, sort_order = ?7 WHERE id = ?1",
        )?
        .execute(params![
            item.id.to_string(),
            item.category_id.to_string(),
            item.name,
            item.description,
            item.price.amount,
            item.available,
            item.sort_order
        ])?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
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
    pub items: i64,
}

pub fn categories(conn: &Connection) -> StoreResult<Vec<CategoryRow>> {
    conn.prepare_cached(
        "SELECT c.id, c.name, c.sort_order, count(i.id) FROM categories c
         LEFT JOIN items i ON i.category_id = c.id GROUP BY c.id ORDER BY c.sort_order, c.name",
    )?
    .query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?
    .map(|row| {
        let (id, name, sort_order, items) = row?;
        Ok(CategoryRow {
            id: parse_uuid(&id)?,
            name,
            sort_order,
            items,
        })
    })
    .collect()
}

pub fn update_category(
    conn: &Connection,
    id: Uuid,
    name: &str,
    sort_order: i64,
) -> StoreResult<()> {
    let n = conn
        .prepare_cached("UPDATE categories SET name = ?2, sort_order = ?3 WHERE id = ?1")?
        .execute(params![id.to_string(), name, sort_order])?;
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

/// Replaces an item's modifier groups (and their options).
pub fn replace_groups(conn: &Connection, item: &Item) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM modifier_groups WHERE item_id = ?1")?
        .execute([item.id.to_string()])?;
    for group in &item.modifier_groups {
        conn.prepare_cached(
            "INSERT INTO modifier_groups (id, item_id, name, min_select, max_select, sort_order)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            group.id.to_string(),
            item.id.to_string(),
            group.name,
            group.min,
            group.max,
            group.sort_order
        ])?;
        for o in &group.options {
            conn.prepare_cached(
                "INSERT INTO modifier_options (id, group_id, name, price_delta, sort_order)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                o.id.to_string(),
                group.id.to_string(),
                o.name,
                o.price_delta.amount,
                o.sort_order
            ])?;
        }
    }
    Ok(())
}
