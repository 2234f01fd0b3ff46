//! Staff accounts.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use serde_json::json;

use super::audit::{self, AuditAction};
use super::auth::{hash_off_thread, pin_lookup};
use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::user::{check_password, check_pin, Role, Username};
use crate::domain::Field;
use crate::store::users::{self as store, NewUser};

/// How a new staff member signs in.
pub enum Credential {
    Password(String),
    Pin(String),
}

// `POST /api/users`: a staff account with either a password or a PIN.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    pub username: String,
    /// `admin`, `cashier` or `kitchen`.
    pub role: Role,
    /// Either a password…
    #[serde(default)]
    pub password: Option<String>,
    /// …or a PIN (cashiers only; 6 to 8 digits).
    #[serde(default)]
    pub pin: Option<String>,
}

// Staff accounts, as lists are answered.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffList {
    pub users: Vec<StaffAccount>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffUser {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
}

/// A staff account checked and with its secret hashed, ready to be written
/// in the caller's transaction.
pub(crate) struct PreparedStaff {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    password_hash: Option<String>,
    pin_hash: Option<String>,
    pin_lookup: Option<String>,
}

impl PreparedStaff {
    pub(crate) fn insert(
        &self,
        c: &rusqlite::Connection,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::store::StoreError> {
        store::insert(
            c,
            &NewUser {
                id: self.id,
                username: &self.username,
                role: self.role,
                display_name: &self.display_name,
                password_hash: self.password_hash.as_deref(),
                pin_hash: self.pin_hash.as_deref(),
                pin_lookup: self.pin_lookup.as_deref(),
                device_kind: None,
                created_at: now,
            },
        )
    }
}

/// Only cashiers sign in with a PIN: an admin's account opens the whole
/// shop, so it always needs a password.
fn pin_role(role: Role) -> AppResult<()> {
    if role == Role::Cashier {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::PinNotForRole,
            "only cashiers sign in with a PIN; admins and the kitchen use a password",
        ))
    }
}

/// Checks a new staff account and hashes its password or PIN (no permission
/// check: the callers make it).
pub(crate) async fn prepare_staff(
    app: &App,
    username: &str,
    display_name: Option<&str>,
    role: Role,
    credential: Credential,
) -> AppResult<PreparedStaff> {
    if !role.is_staff() {
        return Err(AppError::invalid_value(
            Field::Role,
            format!("staff roles are admin, cashier and kitchen, not {role}"),
        ));
    }
    let name = Username::parse(username)?;
    let (password_hash, pin_hash, pin_lookup) = match credential {
        Credential::Password(p) => {
            check_password(&p)?;
            (Some(hash_off_thread(p).await?), None, None)
        }
        Credential::Pin(p) => {
            check_pin(&p)?;
            pin_role(role)?;
            let lookup = self::pin_lookup(app, &p);
            (None, Some(hash_off_thread(p).await?), Some(lookup))
        }
    };
    let username = name.as_str().to_string();
    Ok(PreparedStaff {
        id: app.new_id(),
        display_name: display_name.map_or_else(|| username.clone(), str::to_string),
        username,
        role,
        password_hash,
        pin_hash,
        pin_lookup,
    })
}

/// Creates a staff user (admin or the operator at the command line).
pub async fn create_staff(
    app: &App,
    actor: &Actor,
    username: &str,
    role: Role,
    credential: Credential,
) -> AppResult<StaffUser> {
    actor.require(&[Role::Admin], "create staff accounts")?;
    let staff = prepare_staff(app, username, None, role, credential).await?;
    let now = app.now();
    let user = StaffUser {
        id: staff.id,
        username: staff.username.clone(),
        role,
    };
    let by = actor.user_id();
    app.store()
        .write(move |c| {
            staff.insert(c, now)?;
            let detail = json!({ "role": staff.role });
            audit::record(
                c,
                now,
                by,
                AuditAction::StaffCreated,
                &staff.username,
                detail,
            )
        })
        .await?;
    Ok(user)
}

/// Adds a staff account as the admin panel asks for it: exactly one of a
/// password or a PIN.
pub async fn create(app: &App, actor: &Actor, new: NewStaff) -> AppResult<StaffUser> {
    let credential = match (new.password, new.pin) {
        (Some(p), None) => Credential::Password(p),
        (None, Some(p)) => Credential::Pin(p),
        _ => {
            return Err(AppError::required(
                Field::Password,
                "give either a password or a PIN",
            ))
        }
    };
    create_staff(app, actor, &new.username, new.role, credential).await
}

pub async fn count(app: &App) -> AppResult<i64> {
    Ok(app.store().read(store::count).await?)
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct StaffAccount {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    pub has_password: bool,
    pub has_pin: bool,
}

/// Staff accounts (admin).
pub async fn list(app: &App, actor: &Actor) -> AppResult<Vec<StaffAccount>> {
    actor.require(&[Role::Admin], "manage staff")?;
    let rows = app.store().read(store::staff).await?;
    Ok(rows
        .into_iter()
        .map(|u| StaffAccount {
            id: u.id,
            username: u.username,
            role: u.role,
            disabled: u.disabled,
            has_password: u.password_hash.is_some(),
            has_pin: u.pin_hash.is_some(),
        })
        .collect())
}

/// What an admin may change on a staff account.
#[derive(Debug, Clone, Default, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffChange {
    /// Disabling signs the user out everywhere at once.
    pub disabled: Option<bool>,
    /// A new password (8+ characters).
    pub password: Option<String>,
    /// A new PIN (6–8 digits; cashiers only).
    pub pin: Option<String>,
}

/// Disables/enables a staff account or resets its password or PIN (admin).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: Uuid,
    change: StaffChange,
) -> AppResult<StaffAccount> {
    actor.require(&[Role::Admin], "manage staff")?;
    if change.disabled == Some(true) && actor.user_id() == Some(id) {
        return Err(AppError::new(
            ErrorCode::CannotDisableSelf,
            "you cannot disable your own account",
        ));
    }
    let target = app
        .store()
        .read(move |c| store::by_id(c, id))
        .await?
        .filter(|u| u.role.is_staff())
        .ok_or_else(|| AppError::not_found("no such staff account"))?;
    let password_hash = match change.password {
        Some(p) => {
            check_password(&p)?;
            Some(hash_off_thread(p).await?)
        }
        None => None,
    };
    let pin = match change.pin {
        Some(p) => {
            check_pin(&p)?;
            pin_role(target.role)?;
            let lookup = pin_lookup(app, &p);
            Some((hash_off_thread(p).await?, lookup))
        }
        None => None,
    };
    let disabled = change.disabled;
    let now = app.now();
    let by = actor.user_id();
    let name = target.username.clone();
    let revoked = app
        .store()
        .write(move |c| {
            store::update_staff(
                c,
                id,
                disabled,
                password_hash.as_deref(),
                pin.as_ref().map(|(h, l)| (h.as_str(), l.as_str())),
            )?;
            let mut actions = Vec::new();
            match disabled {
                Some(true) => actions.push(AuditAction::StaffDisabled),
                Some(false) => actions.push(AuditAction::StaffEnabled),
                None => {}
            }
            if password_hash.is_some() {
                actions.push(AuditAction::PasswordChanged);
            }
            if pin.is_some() {
                actions.push(AuditAction::PinChanged);
            }
            for action in &actions {
                audit::record(c, now, by, *action, &name, json!({}))?;
            }
            // A new secret, or no access at all, ends every session the
            // old secret opened (and anyone who learnt it).
            if actions.iter().any(|a| *a != AuditAction::StaffEnabled) {
                store::revoke_all(c, id, now)
            } else {
                Ok(Vec::new())
            }
        })
        .await?;
    app.families_revoked(&revoked);
    list(app, actor)
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| AppError::not_found("no such staff account"))
}
