//! Customers: self-registration and profiles.

use super::auth::{hash_off_thread, TokenPair};
use super::{App, AppError, AppResult};
use crate::domain::user::{check_password, normalise_email, Role};
use crate::store::customers::{self as store, NewCustomer};
use crate::store::users::{self as users_store, NewUser};

pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
    pub phone: Option<String>,
}

/// Anyone may register as a customer; they are signed in at once.
pub async fn register(app: &App, r: Registration) -> AppResult<TokenPair> {
    let name = r.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "a name of 1 to 100 characters is required",
        ));
    }
    let email = normalise_email(&r.email)?;
    check_password(&r.password)?;
    let phone = match r.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p)
            if p.len() <= 32
                && p.chars()
                    .all(|c| c.is_ascii_digit() || " +-()/".contains(c)) =>
        {
            Some(p.to_string())
        }
        Some(_) => {
            return Err(AppError::invalid(
                "a phone number has digits, spaces and + - ( ) only",
            ))
        }
    };
    let hash = hash_off_thread(r.password).await?;
    let user_id = app.new_id();
    let customer_id = app.new_id();
    let now = app.now();
    app.store()
        .write(move |c| {
            users_store::insert(
                c,
                &NewUser {
                    id: user_id,
                    username: &email,
                    role: Role::Customer,
                    display_name: &name,
                    password_hash: Some(&hash),
                    pin_hash: None,
                    pin_lookup: None,
                    created_at: now,
                },
            )?;
            store::insert(
                c,
                &NewCustomer {
                    id: customer_id,
                    user_id: Some(user_id),
                    name: &name,
                    email: Some(&email),
                    phone: phone.as_deref(),
                    created_at: now,
                },
            )
        })
        .await
        .map_err(|e| match AppError::from(e) {
            e if e.code == "already_exists" => {
                AppError::conflict("email_taken", "an account with that e-mail already exists")
            }
            e => e,
        })?;
    app.start_session(user_id, Role::Customer).await
}
