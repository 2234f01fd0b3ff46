//! The menu: categories of items, each item with modifier groups whose
//! options change the price.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use serde_json::json;

use super::{DomainError, Field, Money, Rule};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    pub sort_order: i64,
    /// The kitchen station its lines go to (e.g. `bar`); `None`: every board.
    pub station: Option<String>,
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
    /// The shop's own item: a menu roll-out from head office neither
    /// changes nor removes it, and it is not sent to head office.
    pub local: bool,
    /// Shown first on the kiosk and the table-ordering pages.
    pub featured: bool,
    /// Minutes the kitchen needs for one (0 to 180): the order's ready time
    /// is estimated from them.
    pub prep_minutes: u32,
    pub modifier_groups: Vec<ModifierGroup>,
    /// The item's picture, when an admin gave it one.
    pub image: Option<ItemImage>,
}

/// An item's picture as the server made it: the SHA-256 (hex) of the
/// tablets' JPEG and of the counter's thumbnail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemImage {
    pub large: String,
    pub thumb: String,
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
    /// A group of the library, shared by every item it is attached to (its
    /// id is the library group's); otherwise the item's own group.
    pub library: bool,
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

/// Most minutes an item may take to prepare.
pub const MAX_PREP_MINUTES: u32 = 180;

/// An item's preparation time: 0 (ready at once, e.g. a bottle) to
/// [`MAX_PREP_MINUTES`].
pub fn check_prep_minutes(minutes: i64) -> Result<u32, DomainError> {
    u32::try_from(minutes)
        .ok()
        .filter(|m| *m <= MAX_PREP_MINUTES)
        .ok_or_else(|| {
            DomainError::out_of_range(
                Field::PrepMinutes,
                0,
                MAX_PREP_MINUTES.into(),
                format!("a preparation time is 0 to {MAX_PREP_MINUTES} minutes"),
            )
        })
}

/// A kitchen station's name as categories, boards and printers use it:
/// 1 to 32 lower-case letters, digits, `-` or `_` (e.g. `bar`). Blank means
/// no station: the category's lines go to every board.
pub fn check_station(station: &str) -> Result<Option<String>, DomainError> {
    let s = station.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let ok = s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(Some(s.to_owned()))
    } else {
        Err(DomainError::invalid_value(
            Field::Station,
            "a station is 1 to 32 lower-case letters, digits, - or _ (e.g. bar)",
        ))
    }
}

impl Item {
    /// Resolves the chosen option ids against this item's modifier groups
    /// and enforces every group's min/max. An id given `n` times takes that
    /// option `n` times (a double extra shot): every repetition counts
    /// towards its group's min and max, so an option repeats only in groups
    /// whose max is above 1. Returns the chosen options in menu order, each
    /// as often as it was taken.
    pub fn choose_modifiers(
        &self,
        option_ids: &[Uuid],
    ) -> Result<Vec<&ModifierOption>, DomainError> {
        let mut taken: HashMap<Uuid, u32> = HashMap::new();
        for id in option_ids {
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
            *taken.entry(*id).or_default() += 1;
        }
        let mut chosen = Vec::new();
        for group in &self.modifier_groups {
            let count = |o: &ModifierOption| taken.get(&o.id).copied().unwrap_or(0);
            let n: u32 = group.options.iter().map(count).sum();
            let bounds = |reason: &str| {
                json!({
                    "reason": reason,
                    "item": self.name,
                    "group": group.name,
                    "min": group.min,
                    "max": group.max,
                })
            };
            if n < group.min {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!(
                        "{}: choose at least {} for \"{}\"",
                        self.name, group.min, group.name
                    ),
                )
                .with_params(bounds("min")));
            }
            if group.max == 1 && group.options.iter().any(|o| count(o) > 1) {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!(
                        "{}: an option of \"{}\" can be taken only once",
                        self.name, group.name
                    ),
                )
                .with_params(bounds("twice")));
            }
            if n > group.max {
                return Err(DomainError::new(
                    Rule::InvalidModifiers,
                    format!(
                        "{}: choose at most {} for \"{}\"",
                        self.name, group.max, group.name
                    ),
                )
                .with_params(bounds("max")));
            }
            for o in &group.options {
                for _ in 0..count(o) {
                    chosen.push(o);
                }
            }
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
            local: false,
            featured: false,
            prep_minutes: 3,
            image: None,
            modifier_groups: vec![
                ModifierGroup {
                    id: Uuid::now_v7(),
                    name: "Size".into(),
                    min: 1,
                    max: 1,
                    sort_order: 0,
                    library: false,
                    options: vec![opt("Small", 0), opt("Large", 80)],
                },
                ModifierGroup {
                    id: Uuid::now_v7(),
                    name: "Syrups".into(),
                    min: 0,
                    max: 2,
                    sort_order: 1,
                    library: true,
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
    fn unknown_options_are_refused() {
        let item = latte();
        let size = item.modifier_groups[0].options[0].id;
        let err = item.choose_modifiers(&[size, Uuid::now_v7()]).unwrap_err();
        assert_eq!(err.params.as_ref().unwrap()["reason"], "unknown");
    }

    #[test]
    fn an_option_is_taken_twice_within_its_groups_max() {
        let item = latte();
        let size = item.modifier_groups[0].options[1].id;
        let vanilla = item.modifier_groups[1].options[0].id;
        let chosen = item.choose_modifiers(&[vanilla, size, vanilla]).unwrap();
        let names: Vec<&str> = chosen.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Large", "Vanilla", "Vanilla"]);
        let total: i64 = chosen.iter().map(|o| o.price_delta.amount).sum();
        assert_eq!(total, 80 + 50 + 50);
    }

    #[test]
    fn every_repetition_counts_towards_the_max() {
        let item = latte();
        let size = item.modifier_groups[0].options[0].id;
        let vanilla = item.modifier_groups[1].options[0].id;
        let caramel = item.modifier_groups[1].options[1].id;
        let err = item
            .choose_modifiers(&[size, vanilla, vanilla, vanilla])
            .unwrap_err();
        assert_eq!(err.params.as_ref().unwrap()["reason"], "max");
        assert_eq!(err.params.as_ref().unwrap()["max"], 2);
        let err = item
            .choose_modifiers(&[size, vanilla, caramel, vanilla])
            .unwrap_err();
        assert_eq!(err.params.as_ref().unwrap()["reason"], "max");
    }

    #[test]
    fn an_option_of_a_single_choice_group_is_taken_once() {
        let item = latte();
        let small = item.modifier_groups[0].options[0].id;
        let err = item.choose_modifiers(&[small, small]).unwrap_err();
        assert_eq!(err.rule, Rule::InvalidModifiers);
        let params = err.params.unwrap();
        assert_eq!(params["reason"], "twice");
        assert_eq!(params["group"], "Size");
        assert_eq!(params["max"], 1);
    }

    #[test]
    fn repetitions_count_towards_the_min() {
        let mut item = latte();
        item.modifier_groups[1].min = 2;
        let size = item.modifier_groups[0].options[0].id;
        let vanilla = item.modifier_groups[1].options[0].id;
        assert!(item.choose_modifiers(&[size, vanilla]).is_err());
        assert_eq!(
            item.choose_modifiers(&[size, vanilla, vanilla])
                .unwrap()
                .len(),
            3
        );
    }

    #[test]
    fn group_bounds_are_checked() {
        assert!(check_group_bounds(0, 1, 2).is_ok());
        assert!(check_group_bounds(2, 1, 2).is_err());
        assert!(check_group_bounds(0, 0, 2).is_err());
        assert!(check_group_bounds(3, 3, 2).is_err());
    }
}
