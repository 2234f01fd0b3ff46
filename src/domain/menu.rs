//! The menu: categories of items, each item with modifier groups whose
//! options change the price.

use serde::Serialize;
use uuid::Uuid;

use serde_json::json;

use super::{DomainError, Field, Money, Rule};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    pub sort_order: i64,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: Uuid,
    pub category_id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub available: bool,
    pub sort_order: i64,
    /// The id of the item's tax class (its rates eat-in and takeaway).
    pub tax_class: String,
    pub modifier_groups: Vec<ModifierGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModifierGroup {
    pub id: Uuid,
    pub name: String,
    /// Fewest options a customer must choose (0 = optional).
    pub min: u32,
    /// Most options a customer may choose.
    pub max: u32,
    pub sort_order: i64,
    pub options: Vec<ModifierOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModifierOption {
    pub id: Uuid,
    pub name: String,
    pub price_delta: Money,
    pub sort_order: i64,
}

/// Checks a group's bounds when it is created or edited.
pub fn check_group_bounds(min: u32, max: u32, options: usize) -> Result<(), DomainError> {
    if max == 0 {
        return Err(DomainError::invalid_value(
            Field::ModifierMax,
            "a modifier group's max must be at least 1",
        ));
    }
    if min > max {
        return Err(DomainError::out_of_range(
            Field::ModifierMin,
            0,
            i64::from(max),
            "a modifier group's min cannot be above its max",
        ));
    }
    if options > 0 && min as usize > options {
        return Err(DomainError::out_of_range(
            Field::ModifierMin,
            0,
            options as i64,
            "a modifier group's min cannot be above its number of options",
        ));
    }
    Ok(())
}

/// A price on the menu is never negative; a modifier may lower the price
/// (e.g. "no milk") but the priced line is checked again at pricing time.
pub fn check_price(price: Money) -> Result<(), DomainError> {
    if price.is_negative() {
        Err(DomainError::invalid_value(
            Field::Price,
            "a price cannot be negative",
        ))
    } else {
        Ok(())
    }
}

impl Item {
    /// Resolves the chosen option ids against this item's modifier groups
    /// and enforces every group's min/max. Returns the chosen options in
    /// menu order.
    pub fn choose_modifiers(
        &self,
        option_ids: &[Uuid],
    ) -> Result<Vec<&ModifierOption>, DomainError> {
        let mut seen = std::collections::HashSet::new();
        for id in option_ids {
            if !seen.insert(*id) {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!("modifier option {id} is chosen twice for {}", self.name),
                )
                .with_params(json!({ "reason": "twice", "item": self.name })));
            }
            let known = self
                .modifier_groups
                .iter()
                .any(|g| g.options.iter().any(|o| o.id == *id));
            if !known {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!("modifier option {id} does not belong to {}", self.name),
                )
                .with_params(json!({ "reason": "unknown", "item": self.name })));
            }
        }
        let mut chosen = Vec::new();
        for group in &self.modifier_groups {
            let picked: Vec<&ModifierOption> = group
                .options
                .iter()
                .filter(|o| seen.contains(&o.id))
                .collect();
            let n = picked.len() as u32;
            if n < group.min {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!(
                        "{}: choose at least {} for \"{}\"",
                        self.name, group.min, group.name
                    ),
                )
                .with_params(json!({
                    "reason": "min",
                    "item": self.name,
                    "group": group.name,
                    "min": group.min,
                    "max": group.max,
                })));
            }
            if n > group.max {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!(
                        "{}: choose at most {} for \"{}\"",
                        self.name, group.max, group.name
                    ),
                )
                .with_params(json!({
                    "reason": "max",
                    "item": self.name,
                    "group": group.name,
                    "min": group.min,
                    "max": group.max,
                })));
            }
            chosen.extend(picked);
        }
        Ok(chosen)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::Currency;

    pub fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    pub fn latte() -> Item {
        let opt = |n: &str, d: i64| ModifierOption {
            id: Uuid::now_v7(),
            name: n.into(),
            price_delta: eur(d),
            sort_order: 0,
        };
        Item {
            id: Uuid::now_v7(),
            category_id: Uuid::now_v7(),
            name: "Latte".into(),
            description: String::new(),
            price: eur(380),
            available: true,
            sort_order: 0,
            tax_class: "standard".into(),
            modifier_groups: vec![
                ModifierGroup {
                    id: Uuid::now_v7(),
                    name: "Size".into(),
                    min: 1,
                    max: 1,
                    sort_order: 0,
                    options: vec![opt("Small", 0), opt("Large", 80)],
                },
                ModifierGroup {
                    id: Uuid::now_v7(),
                    name: "Syrups".into(),
                    min: 0,
                    max: 2,
                    sort_order: 1,
                    options: vec![opt("Vanilla", 50), opt("Caramel", 50), opt("Hazelnut", 50)],
                },
            ],
        }
    }

    #[test]
    fn a_required_group_must_be_chosen() {
        let item = latte();
        let err = item.choose_modifiers(&[]).unwrap_err();
        assert_eq!(err.rule, Rule::InvalidModifiers);
        assert!(err.message.contains("at least 1"));
    }

    #[test]
    fn a_group_cannot_take_more_than_its_max() {
        let item = latte();
        let size = item.modifier_groups[0].options[0].id;
        let syr: Vec<Uuid> = item.modifier_groups[1]
            .options
            .iter()
            .map(|o| o.id)
            .collect();
        let mut ids = vec![size];
        ids.extend(&syr);
        assert!(item
            .choose_modifiers(&ids)
            .unwrap_err()
            .message
            .contains("at most 2"));
        ids.pop();
        assert_eq!(item.choose_modifiers(&ids).unwrap().len(), 3);
    }

    #[test]
    fn unknown_and_repeated_options_are_refused() {
        let item = latte();
        let size = item.modifier_groups[0].options[0].id;
        assert!(item.choose_modifiers(&[size, Uuid::now_v7()]).is_err());
        assert!(item.choose_modifiers(&[size, size]).is_err());
    }

    #[test]
    fn group_bounds_are_checked() {
        assert!(check_group_bounds(0, 1, 2).is_ok());
        assert!(check_group_bounds(2, 1, 2).is_err());
        assert!(check_group_bounds(0, 0, 2).is_err());
        assert!(check_group_bounds(3, 3, 2).is_err());
    }
}
