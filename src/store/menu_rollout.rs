//! Applying head office's menu in the caller's transaction: the master's
//! categories, items and modifier groups replace the shop's, except what
//! the shop keeps for itself — items marked local (with their categories)
//! and every item's sold-out toggle (matched by name before the shop's
//! first roll-out, when its items still have ids of their own).

use std::collections::HashSet;

use super::menu::{insert_options, replace_groups};
use super::{outbox, row, StoreResult};
use crate::domain::menu::{Item, ModifierGroup, ModifierOption};
use crate::sync::master_menu::{MasterGroup, MasterMenu};
use crate::sync::wire::Payload;
use rusqlite::{params, Connection};

/// The sync-state key of the version the shop runs.
pub const MENU_VERSION: &str = "menu_version";

/// The version of head office's menu the shop runs, if any.
pub fn version(conn: &Connection) -> StoreResult<Option<i64>> {
    Ok(outbox::state(conn, MENU_VERSION)?.and_then(|v| v.parse().ok()))
}

fn group(g: &MasterGroup) -> ModifierGroup {
    ModifierGroup {
        id: g.id,
        name: g.name.trim().to_string(),
        min: g.min,
        max: g.max,
        sort_order: g.sort_order,
        library: g.library,
        options: g
            .options
            .iter()
            .map(|o| ModifierOption {
                id: o.id,
                name: o.name.trim().to_string(),
                price_delta: o.price_delta,
                sort_order: o.sort_order,
            })
            .collect(),
    }
}

/// Makes the shop's menu `menu` (checked by the caller, tax classes mapped
/// to the shop's), notes `version` and records the `menu_applied` event,
/// all in the caller's transaction.
pub fn apply(
    conn: &Connection,
    menu: &MasterMenu,
    version: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    let items = row::id_list(menu.categories.iter().flat_map(|c| &c.items).map(|i| i.id));
    let categories = row::id_list(menu.categories.iter().map(|c| c.id));
    // Before a shop's first roll-out its items have its own ids: what it
    // has sold out of stays sold out under the master's id, by name.
    let sold_out: HashSet<String> = row::all(
        conn,
        "SELECT name FROM items
         WHERE local = 0 AND available = 0 AND id NOT IN (SELECT value FROM json_each(?1))",
        [&items],
        |r| Ok(r.get::<_, String>("name")?.trim().to_lowercase()),
    )?
    .into_iter()
    .collect();
    // Gone from the master: the shop's non-local items (their groups go
    // with them; past orders keep their own copies of names and prices).
    conn.prepare_cached(
        "DELETE FROM items WHERE local = 0 AND id NOT IN (SELECT value FROM json_each(?1))",
    )?
    .execute([&items])?;
    for g in menu.library_groups() {
        let g = group(g);
        conn.prepare_cached(
            "INSERT INTO library_groups (id, name, min_select, max_select) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 min_select = excluded.min_select, max_select = excluded.max_select",
        )?
        .execute(params![g.id.to_string(), g.name, g.min, g.max])?;
        conn.prepare_cached("DELETE FROM library_options WHERE group_id = ?1")?
            .execute([g.id.to_string()])?;
        insert_options(conn, "library_options", &g)?;
    }
    for c in &menu.categories {
        conn.prepare_cached(
            "INSERT INTO categories (id, name, sort_order) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order",
        )?
        .execute(params![c.id.to_string(), c.name.trim(), c.sort_order])?;
        for i in &c.items {
            let item = Item {
                id: i.id,
                category_id: c.id,
                name: i.name.trim().to_string(),
                description: i.description.trim().to_string(),
                price: i.price,
                available: !sold_out.contains(&i.name.trim().to_lowercase()),
                sort_order: i.sort_order,
                tax_class: i.tax_class.clone(),
                local: false,
                // Not rolled out: the shop's own, kept by the upsert below
                // (a new item gets the columns' defaults).
                featured: false,
                prep_minutes: 0,
                image: None,
                modifier_groups: i.modifier_groups.iter().map(group).collect(),
            };
            // A local item of the same id stays as the shop has it; an
            // existing one keeps its sold-out toggle.
            let written = conn
                .prepare_cached(
                    "INSERT INTO items (id, category_id, name, description, price, available,
                                        sort_order, tax_class, local)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?8, ?6, ?7, 0)
                     ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id,
                         name = excluded.name, description = excluded.description,
                         price = excluded.price, sort_order = excluded.sort_order,
                         tax_class = excluded.tax_class
                     WHERE items.local = 0",
                )?
                .execute(params![
                    item.id.to_string(),
                    item.category_id.to_string(),
                    item.name,
                    item.description,
                    item.price.amount,
                    item.sort_order,
                    item.tax_class,
                    item.available
                ])?;
            if written == 1 {
                replace_groups(conn, &item)?;
            }
        }
    }
    // Categories the master dropped, unless local items still fill them.
    conn.prepare_cached(
        "DELETE FROM categories WHERE id NOT IN (SELECT value FROM json_each(?1))
           AND NOT EXISTS (SELECT 1 FROM items WHERE items.category_id = categories.id)",
    )?
    .execute([&categories])?;
    outbox::set_state(conn, MENU_VERSION, Some(&version.to_string()))?;
    outbox::push(conn, at, &Payload::MenuApplied { version })
}
