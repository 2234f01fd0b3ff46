//! Head office's master menu, as it travels between shops and head office:
//! a shop sends its menu (without its local items) so that an owner can
//! start from it; head office publishes numbered versions that every shop
//! pulls and applies (`store::menu_rollout`). Ids are kept end to end, so
//! an item rolled out to a shop is the same item in every shop's sales.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::menu::{self, Category, ModifierGroup};
use crate::domain::{Currency, Money};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MasterMenu {
    /// Every price is in this currency; a shop selling in another one does
    /// not apply the menu.
    pub currency: Currency,
    pub categories: Vec<MasterCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MasterCategory {
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub sort_order: i64,
    pub items: Vec<MasterItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MasterItem {
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub price: Money,
    /// A tax class id; a shop without it uses its `standard` class.
    pub tax_class: String,
    #[serde(default)]
    pub sort_order: i64,
    #[serde(default)]
    pub modifier_groups: Vec<MasterGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MasterGroup {
    pub id: Uuid,
    pub name: String,
    pub min: u32,
    pub max: u32,
    #[serde(default)]
    pub sort_order: i64,
    /// A group of the shops' shared library (same id and options on every
    /// item that has it); otherwise the item's own group.
    #[serde(default)]
    pub library: bool,
    pub options: Vec<MasterOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MasterOption {
    pub id: Uuid,
    pub name: String,
    pub price_delta: Money,
    #[serde(default)]
    pub sort_order: i64,
}

impl MasterMenu {
    /// A shop's menu as head office keeps it: every item but the local ones.
    pub fn from_shop(currency: Currency, categories: &[Category]) -> MasterMenu {
        let group = |g: &ModifierGroup| MasterGroup {
            id: g.id,
            name: g.name.clone(),
            min: g.min,
            max: g.max,
            sort_order: g.sort_order,
            library: g.library,
            options: g
                .options
                .iter()
                .map(|o| MasterOption {
                    id: o.id,
                    name: o.name.clone(),
                    price_delta: o.price_delta,
                    sort_order: o.sort_order,
                })
                .collect(),
        };
        MasterMenu {
            currency,
            categories: categories
                .iter()
                .map(|c| MasterCategory {
                    id: c.id,
                    name: c.name.clone(),
                    sort_order: c.sort_order,
                    items: c
                        .items
                        .iter()
                        .filter(|i| !i.local)
                        .map(|i| MasterItem {
                            id: i.id,
                            name: i.name.clone(),
                            description: i.description.clone(),
                            price: i.price,
                            tax_class: i.tax_class.clone(),
                            sort_order: i.sort_order,
                            modifier_groups: i.modifier_groups.iter().map(group).collect(),
                        })
                        .collect(),
                })
                // A category holding only local items is the shop's own too.
                .filter(|c| {
                    !c.items.is_empty()
                        || categories
                            .iter()
                            .any(|s| s.id == c.id && s.items.is_empty())
                })
                .collect(),
        }
    }

    /// How many items it holds.
    pub fn item_count(&self) -> usize {
        self.categories.iter().map(|c| c.items.len()).sum()
    }

    /// Every library group once (the first copy of each id).
    pub fn library_groups(&self) -> Vec<&MasterGroup> {
        let mut seen = HashSet::new();
        self.categories
            .iter()
            .flat_map(|c| &c.items)
            .flat_map(|i| &i.modifier_groups)
            .filter(|g| g.library && seen.insert(g.id))
            .collect()
    }

    /// Whether a shop could apply it: names, prices in its currency, group
    /// bounds, every id used once (a library group may recur, identically).
    /// The message says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        let mut ids = HashSet::new();
        let mut unique = |id: Uuid, what: &str| {
            if ids.insert(id) {
                Ok(())
            } else {
                Err(format!("the {what} id {id} is used twice"))
            }
        };
        let name = |n: &str, what: &str| {
            let len = n.trim().chars().count();
            if (1..=80).contains(&len) {
                Ok(())
            } else {
                Err(format!("a {what} name must be 1 to 80 characters: {n:?}"))
            }
        };
        let money = |m: Money, what: &str| {
            if m.currency != self.currency {
                Err(format!(
                    "{what} is in {}, not {}",
                    m.currency, self.currency
                ))
            } else {
                Ok(())
            }
        };
        let library: Vec<&MasterGroup> = self.library_groups();
        for c in &self.categories {
            unique(c.id, "category")?;
            name(&c.name, "category")?;
            for i in &c.items {
                unique(i.id, "item")?;
                name(&i.name, "item")?;
                money(i.price, &format!("the price of {}", i.name))?;
                menu::check_price(i.price).map_err(|e| format!("{}: {e}", i.name))?;
                if i.description.chars().count() > 500 {
                    return Err(format!(
                        "{}: a description is at most 500 characters",
                        i.name
                    ));
                }
                for g in &i.modifier_groups {
                    name(&g.name, "modifier group")?;
                    menu::check_group_bounds(g.min, g.max, g.options.len())
                        .map_err(|e| format!("{} / {}: {e}", i.name, g.name))?;
                    if g.library {
                        if library.iter().any(|l| l.id == g.id && *l != g) {
                            return Err(format!(
                                "the library group {} differs between items",
                                g.name
                            ));
                        }
                        continue;
                    }
                    unique(g.id, "modifier group")?;
                    for o in &g.options {
                        unique(o.id, "option")?;
                        name(&o.name, "option")?;
                        money(o.price_delta, &format!("the option {}", o.name))?;
                    }
                }
            }
        }
        for g in library {
            unique(g.id, "modifier group")?;
            for o in &g.options {
                unique(o.id, "option")?;
                name(&o.name, "option")?;
                money(o.price_delta, &format!("the option {}", o.name))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    fn menu() -> MasterMenu {
        let milk = MasterGroup {
            id: Uuid::from_u128(10),
            name: "Milk".into(),
            min: 0,
            max: 1,
            sort_order: 0,
            library: true,
            options: vec![MasterOption {
                id: Uuid::from_u128(11),
                name: "Oat".into(),
                price_delta: eur(40),
                sort_order: 0,
            }],
        };
        let item = |id: u128, name: &str| MasterItem {
            id: Uuid::from_u128(id),
            name: name.into(),
            description: String::new(),
            price: eur(380),
            tax_class: "standard".into(),
            sort_order: 0,
            modifier_groups: vec![milk.clone()],
        };
        MasterMenu {
            currency: Currency::EUR,
            categories: vec![MasterCategory {
                id: Uuid::from_u128(1),
                name: "Coffee".into(),
                sort_order: 0,
                items: vec![item(2, "Latte"), item(3, "Flat white")],
            }],
        }
    }

    #[test]
    fn a_library_group_shared_by_items_is_one_group() {
        let m = menu();
        assert_eq!(m.check(), Ok(()));
        assert_eq!(m.library_groups().len(), 1);
        assert_eq!(m.item_count(), 2);
    }

    #[test]
    fn what_a_shop_could_not_apply_is_refused_with_a_reason() {
        let mut m = menu();
        m.categories[0].items[1].id = Uuid::from_u128(2);
        assert!(m.check().unwrap_err().contains("used twice"));

        let mut m = menu();
        m.categories[0].items[0].price = Money::new(380, Currency::parse("CHF").unwrap());
        assert!(m.check().unwrap_err().contains("CHF"));

        let mut m = menu();
        m.categories[0].items[0].price = eur(-1);
        assert!(m.check().is_err());

        let mut m = menu();
        m.categories[0].items[1].modifier_groups[0].options[0].price_delta = eur(50);
        assert!(m.check().unwrap_err().contains("differs"));

        let mut m = menu();
        m.categories[0].name = " ".into();
        assert!(m.check().is_err());

        let mut m = menu();
        m.categories[0].items[0].modifier_groups[0].min = 2;
        assert!(m.check().is_err());
    }
}
