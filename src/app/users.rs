//! Staff accounts.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::{hash_off_thread, pin_lookup};
use super::{Actor, App, AppError, AppResult};
use crate::domain::user::{check_password, check_pin, Role, Username};
use crate::store::users::{self as store, NewUser};

/// How a new staff member signs in.
pub enum Credential {
    Password(String),
    Pin(String),
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffUser {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
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
    if !role.is_staff() {
        return Err(AppError::invalid(format!(
            "staff roles are admin, cashier and kitchen, not {role}"
        )));
    }
    let name = Username::parse(username)?;
    let (password_hash, pin_hash, lookup) = match credential {
        Credential::Password(p) => {
            check_password(&p)?;
            (Some(hash_off_thread(p).await?), None, None)
        }
        Credential::Pin(p) => {
            check_pin(&p)?;
            if !matches!(role, Role::Cashier | Role::Admin) {
                return Err(AppError::invalid(
                    "only cashiers and admins sign in with a PIN",
                ));
            }
            let lookup = pin_lookup(app, &p);
            (None, Some(hash_off_thread(p).await?), Some(lookup))
        }
    };
    let id = app.new_id();
    let now = app.now();
    let username = name.as_str().to_string();
    let display = username.clone();
    app.store()
        .write(move |c| {
            store::insert(
                c,
                &NewUser {
                    id,
                    username: &username,
                    role,
                    display_name: &display,
                    password_hash: password_hash.as_deref(),
                    pin_hash: pin_hash.as_deref(),
                    pin_lookup: lookup.as_deref(),
                    created_at: now,
                },
            )
        })
        .await
        .map_err(|e| match AppError::from(e) {
            e if e.code == "already_exists" => {
                AppError::conflict("already_exists", "that username or PIN is already in use")
            }
            e => e,
        })?;
    Ok(StaffUser {
        id,
        username: name.as_str().to_string(),
        role,
    })
}

pub async fn count(app: &App) -> AppResult<i64> {
    Ok(app.store().read(store::count).await?)
}
