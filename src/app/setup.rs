//! First-run setup: the shop's settings, the owner's admin account, the
//! cashiers' PINs and, if wanted, the demo menu — everything needed to sell.
//! Possible once, while the store has no users.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{hash_off_thread, pin_lookup};
use super::settings::ShopSettings;
use super::{Actor, App, AppError, AppResult};
use crate::domain::pricing::TaxMode;
use crate::domain::user::{check_password, check_pin, Role, Username};
use crate::domain::Currency;
use crate::store::users::{self as users_store, NewUser};

/// Whether the first-run setup is still to be done.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SetupStatus {
    pub needed: bool,
}

/// A cashier who signs in with a PIN at the counter.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCashier {
    /// Shown on the counter; also the username (spaces become dots).
    pub name: String,
    /// 4 to 8 digits, different for every cashier.
    pub pin: String,
}

/// What the first-run setup asks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstRun {
    pub shop_name: String,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    /// Basis points: 1000 is 10 %.
    pub tax_rate_bps: u32,
    pub admin_username: String,
    /// At least 8 characters.
    pub admin_password: String,
    #[serde(default)]
    pub cashiers: Vec<NewCashier>,
    /// Load the demo menu and the WELCOME10 coupon.
    #[serde(default)]
    pub demo_menu: bool,
}

pub async fn status(app: &App) -> AppResult<SetupStatus> {
    Ok(SetupStatus {
        needed: super::users::count(app).await? == 0,
    })
}

fn cashier_username(name: &str) -> AppResult<(String, String)> {
    let display = name.trim().to_string();
    if display.is_empty() || display.chars().count() > 64 {
        return Err(AppError::invalid(
            "every cashier needs a name of 1 to 64 characters",
        ));
    }
    let joined: String = display
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".")
        .to_lowercase();
    let username = Username::parse(&joined).map_err(|_| {
        AppError::invalid(format!(
            "the cashier name {display:?} may hold letters, digits, spaces, '.', '_', '-'"
        ))
    })?;
    Ok((username.as_str().to_string(), display))
}

/// Runs the first-run setup. Only the operator at the machine (the desktop
/// app, or a browser on the server itself) may do it, and only while no user
/// exists; all accounts and settings are written in one transaction.
pub async fn complete(app: &App, actor: &Actor, run: FirstRun) -> AppResult<()> {
    if !matches!(actor, Actor::System) {
        return Err(AppError::forbidden(
            "the first-run setup is done on the counter itself (or with `crema user add`)",
        ));
    }
    if !status(app).await?.needed {
        return Err(already_done());
    }
    let settings = ShopSettings {
        shop_name: run.shop_name.clone(),
        currency: run.currency,
        tax_mode: run.tax_mode,
        tax_rate_bps: run.tax_rate_bps,
        ..(*app.settings()).clone()
    };
    let shop_name = super::settings::validate(&settings)?;
    let admin = Username::parse(&run.admin_username)?;
    check_password(&run.admin_password)?;
    if run.cashiers.len() > 50 {
        return Err(AppError::invalid("at most 50 cashiers at setup"));
    }
    let mut names = HashSet::from([admin.as_str().to_string()]);
    let mut pins = HashSet::new();
    let mut cashiers = Vec::new();
    for c in &run.cashiers {
        let (username, display) = cashier_username(&c.name)?;
        check_pin(&c.pin)?;
        if !names.insert(username.clone()) {
            return Err(AppError::invalid(format!(
                "two accounts would be called {username}"
            )));
        }
        if !pins.insert(c.pin.clone()) {
            return Err(AppError::invalid("every cashier needs a different PIN"));
        }
        cashiers.push((
            app.new_id(),
            username,
            display,
            hash_off_thread(c.pin.clone()).await?,
            pin_lookup(app, &c.pin),
        ));
    }
    let admin_hash = hash_off_thread(run.admin_password.clone()).await?;
    let admin_id = app.new_id();
    let admin_name = admin.as_str().to_string();
    let now = app.now();
    let currency_changed = app.settings().currency != settings.currency;
    app.store()
        .write(move |c| {
            if users_store::count(c)? > 0 {
                return Err(already_done().into());
            }
            super::settings::write(c, &shop_name, &settings)?;
            users_store::insert(
                c,
                &NewUser {
                    id: admin_id,
                    username: &admin_name,
                    role: Role::Admin,
                    display_name: &admin_name,
                    password_hash: Some(&admin_hash),
                    pin_hash: None,
                    pin_lookup: None,
                    created_at: now,
                },
            )?;
            for (id, username, display, hash, lookup) in &cashiers {
                users_store::insert(
                    c,
                    &NewUser {
                        id: *id,
                        username,
                        role: Role::Cashier,
                        display_name: display,
                        password_hash: None,
                        pin_hash: Some(hash),
                        pin_lookup: Some(lookup),
                        created_at: now,
                    },
                )?;
            }
            Ok(())
        })
        .await?;
    super::settings::reload(app, currency_changed).await?;
    if run.demo_menu && super::menu::is_empty(app).await? {
        super::demo::load_menu(app, actor).await?;
    }
    tracing::info!(admin = %admin.as_str(), cashiers = run.cashiers.len(), "first-run setup done");
    Ok(())
}

fn already_done() -> AppError {
    AppError::conflict("already_set_up", "this shop is already set up")
}
