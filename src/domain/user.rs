//! Who can act: roles and the validated inputs of accounts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{DomainError, Field, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Cashier,
    Kitchen,
    Kiosk,
    Customer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Cashier,
        Role::Kitchen,
        Role::Kiosk,
        Role::Customer,
    ];

    /// The people of the shop: behind the counter or in the kitchen.
    pub const STAFF: [Role; 3] = [Role::Admin, Role::Cashier, Role::Kitchen];

    /// Who may place orders: customers, kiosks, cashiers and admins.
    pub const ORDERING: [Role; 4] = [Role::Customer, Role::Kiosk, Role::Cashier, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Cashier => "cashier",
            Role::Kitchen => "kitchen",
            Role::Kiosk => "kiosk",
            Role::Customer => "customer",
        }
    }

    /// Staff work behind the counter or in the kitchen.
    pub fn is_staff(self) -> bool {
        Role::STAFF.contains(&self)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| DomainError::invalid_value(Field::Role, format!("unknown role {s:?}")))
    }
}

/// A staff login name: 1–64 characters of letters, digits, `.`, `_`, `-`, `@`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > 64 {
            return Err(DomainError::too_long(
                Field::Username,
                64,
                "username must be between 1 and 64 characters",
            ));
        }
        if !s
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '+'))
        {
            return Err(DomainError::invalid_value(
                Field::Username,
                "username may contain only letters, digits and . _ - @ +",
            ));
        }
        Ok(Username(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password of 8 to 256 characters.
pub fn check_password(p: &str) -> Result<(), DomainError> {
    let n = p.chars().count();
    if n < 8 {
        return Err(DomainError::too_short(
            Field::Password,
            8,
            "password must be at least 8 characters",
        ));
    }
    if n > 256 {
        return Err(DomainError::too_long(
            Field::Password,
            256,
            "password must be at most 256 characters",
        ));
    }
    Ok(())
}

/// A new cashier PIN: 6 to 8 digits.
pub fn check_pin(p: &str) -> Result<(), DomainError> {
    if (6..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(
            DomainError::new(Rule::WeakPin, "a PIN must be 6 to 8 digits")
                .with_params(serde_json::json!({ "min": 6, "max": 8 })),
        )
    }
}

/// What a PIN may look like at sign-in: 4 to 8 digits, since PINs set
/// before the 6-digit rule still sign in.
pub fn check_pin_format(p: &str) -> Result<(), DomainError> {
    if (4..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(DomainError::invalid_value(
            Field::Pin,
            "a PIN is 4 to 8 digits",
        ))
    }
}

/// A customer e-mail address, lower-cased; a light syntactic check only.
pub fn normalise_email(e: &str) -> Result<String, DomainError> {
    let e = e.trim().to_lowercase();
    let ok = e.len() <= 254
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !e.chars().any(char::is_whitespace);
    if ok {
        Ok(e)
    } else {
        Err(DomainError::invalid_value(
            Field::Email,
            format!("{e:?} is not an e-mail address"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_strings() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        }
        assert!("owner".parse::<Role>().is_err());
    }

    #[test]
    fn usernames_are_trimmed_and_lower_cased() {
        assert_eq!(Username::parse(" Anna ").unwrap().as_str(), "anna");
        assert!(Username::parse("").is_err());
        assert!(Username::parse("a b").is_err());
    }

    #[test]
    fn new_pins_are_six_to_eight_digits() {
        assert!(check_pin("1234").is_err());
        assert!(check_pin("12345").is_err());
        assert!(check_pin("123456").is_ok());
        assert!(check_pin("12345678").is_ok());
        assert!(check_pin("12a456").is_err());
        assert!(check_pin("123456789").is_err());
        assert!(check_pin_format("1234").is_ok());
        assert!(check_pin_format("123").is_err());
    }

    #[test]
    fn emails_need_a_domain() {
        assert_eq!(normalise_email("A@B.de").unwrap(), "a@b.de");
        assert!(normalise_email("a@b").is_err());
        assert!(normalise_email("@b.de").is_err());
        assert!(normalise_email("a b@c.de").is_err());
    }
}
