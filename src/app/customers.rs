//! Customers: self-registration and profiles.

use super::auth::{hash_off_thread, TokenPair};
use super::error::check_text;
use super::{App, AppError, AppResult};
use crate::domain::user::{check_password, normalise_email, Role};
use crate::domain::Field;
use crate::store::customers as store;
use crate::store::users::{self as users_store, NewUser};
use crate::store::{Conflict, StoreError};

// `POST /api/customers/register`.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub name: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub phone: Option<String>,
}

/// Anyone may register as a customer; they are signed in at once.
pub async fn register(app: &App, r: RegisterRequest) -> AppResult<TokenPair> {
    super::setup::require_done(app).await?;
    let name = check_text(
        &r.name,
        Field::Name,
        100,
        "a name of 1 to 100 characters is required",
    )?;
    let email = normalise_email(&r.email)?;
    check_password(&r.password)?;
    let phone = check_phone(r.phone.as_deref())?;
    let hash = hash_off_thread(r.password).await?;
    let user_id = app.new_id();
    let customer_id = app.new_id();
    let now = app.now();
    app.store()
        .write(move |c| -> AppResult<()> {
            // A customer signs in with their e-mail address as username.
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
                    device_kind: None,
                    created_at: now,
                },
            )
            .map_err(|e| match e {
                StoreError::Conflict(Conflict::Username) => StoreError::Conflict(Conflict::Email),
                e => e,
            })?;
            Ok(store::insert(
                c,
                &store::NewCustomer {
                    id: customer_id,
                    user_id: Some(user_id),
                    name: &name,
                    email: Some(&email),
                    phone: phone.as_deref(),
                    created_at: now,
                },
            )?)
        })
        .await?;
    app.start_session(user_id, Role::Customer).await
}

/// A customer as the counter and the admin panel see them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CustomerSummary {
    pub id: uuid::Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Has an online account (registered themselves).
    pub has_account: bool,
    /// Non-cancelled orders.
    pub visits: i64,
    pub total_spent: crate::domain::Money,
    pub last_visit: Option<chrono::DateTime<chrono::Utc>>,
    /// At least the shop's `regular_after_visits`.
    pub regular: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn summary(app: &App, c: crate::store::customers::CustomerStats) -> CustomerSummary {
    let settings = app.settings();
    CustomerSummary {
        id: c.id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        has_account: c.has_account,
        visits: c.visits,
        total_spent: crate::domain::Money::new(c.total_spent, settings.currency),
        last_visit: c.last_visit,
        regular: c.visits >= i64::from(settings.regular_after_visits),
        created_at: c.created_at,
    }
}

/// Finds customers by name, e-mail or phone (cashier, admin); all when `q`
/// is empty. At most 50, most recent visitors first.
pub async fn search(app: &App, actor: &super::Actor, q: &str) -> AppResult<Vec<CustomerSummary>> {
    actor.require(&[Role::Admin, Role::Cashier], "look up customers")?;
    let q = q.trim().to_string();
    if q.chars().count() > 100 {
        return Err(AppError::too_long(
            Field::Search,
            100,
            "a search is at most 100 characters",
        ));
    }
    let rows = app.store().read(move |c| store::search(c, &q, 50)).await?;
    Ok(rows.into_iter().map(|r| summary(app, r)).collect())
}

// A regular added at the counter, without an online account.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCustomer {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

// Customers, as lists are answered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CustomerList {
    pub customers: Vec<CustomerSummary>,
}

/// Adds a regular at the counter, without an online account (cashier, admin).
pub async fn create(
    app: &App,
    actor: &super::Actor,
    new: NewCustomer,
) -> AppResult<CustomerSummary> {
    actor.require(&[Role::Admin, Role::Cashier], "add customers")?;
    let name = check_text(
        &new.name,
        Field::Name,
        100,
        "a name of 1 to 100 characters is required",
    )?;
    let email = new
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(normalise_email)
        .transpose()?;
    let phone = check_phone(new.phone.as_deref())?;
    let id = app.new_id();
    let now = app.now();
    let (n, e, p) = (name.clone(), email.clone(), phone.clone());
    app.store()
        .write(move |c| {
            store::insert(
                c,
                &store::NewCustomer {
                    id,
                    user_id: None,
                    name: &n,
                    email: e.as_deref(),
                    phone: p.as_deref(),
                    created_at: now,
                },
            )
        })
        .await?;
    Ok(summary(
        app,
        crate::store::customers::CustomerStats {
            id,
            name,
            email,
            phone,
            has_account: false,
            visits: 0,
            total_spent: 0,
            last_visit: None,
            created_at: now,
        },
    ))
}

fn check_phone(phone: Option<&str>) -> AppResult<Option<String>> {
    match phone.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p)
            if p.len() <= 32
                && p.chars()
                    .all(|c| c.is_ascii_digit() || " +-()/".contains(c)) =>
        {
            Ok(Some(p.to_string()))
        }
        Some(_) => Err(AppError::invalid_value(
            Field::Phone,
            "a phone number has digits, spaces and + - ( ) only",
        )),
    }
}

/// A signed-in customer's own orders, newest first (at most 50).
pub async fn my_orders(
    app: &App,
    actor: &super::Actor,
) -> AppResult<Vec<crate::domain::order::Order>> {
    actor.require(&[Role::Customer], "see a customer's order history")?;
    let uid = actor.user_id().ok_or_else(AppError::login_required)?;
    app.store()
        .read(move |c| -> AppResult<_> {
            let Some(cid) = store::id_for_user(c, uid)? else {
                return Ok(Vec::new());
            };
            Ok(crate::store::orders::for_customer(c, cid, 50)?)
        })
        .await
}
