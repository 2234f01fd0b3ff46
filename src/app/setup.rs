//! First-run setup: the shop's settings, the owner's admin account, the
//! cashiers' PINs and, if wanted, the demo menu — everything needed to sell.
//! Possible once, while the store has no users.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::settings::ShopSettings;
use super::users::{prepare_staff, Credential};
use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::pricing::TaxMode;
use crate::domain::user::{Role, Username};
use crate::domain::Currency;
use crate::store::users as users_store;

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
    let current = app.settings();
    let settings = ShopSettings {
        shop_name: run.shop_name.clone(),
        currency: run.currency,
        tax_mode: run.tax_mode,
        tax_rate_bps: run.tax_rate_bps,
        tax_classes: Vec::new(),
        ..(*current).clone()
    }
    .resolved(&current);
    let shop_name = super::settings::validate(&settings)?;
    if run.cashiers.len() > 50 {
        return Err(AppError::invalid("at most 50 cashiers at setup"));
    }
    let admin = prepare_staff(
        app,
        &run.admin_username,
        None,
        Role::Admin,
        Credential::Password(run.admin_password.clone()),
    )
    .await?;
    let mut names = HashSet::from([admin.username.clone()]);
    let mut pins = HashSet::new();
    let mut cashiers = Vec::new();
    for c in &run.cashiers {
        let (username, display) = cashier_username(&c.name)?;
        if !names.insert(username.clone()) {
            return Err(AppError::invalid(format!(
                "two accounts would be called {username}"
            )));
        }
        if !pins.insert(c.pin.clone()) {
            return Err(AppError::invalid("every cashier needs a different PIN"));
        }
        let cashier = Credential::Pin(c.pin.clone());
        cashiers.push(prepare_staff(app, &username, Some(&display), Role::Cashier, cashier).await?);
    }
    let now = app.now();
    let currency_changed = app.settings().currency != settings.currency;
    let admin_name = admin.username.clone();
    app.store()
        .write(move |c| -> AppResult<_> {
            if users_store::count(c)? > 0 {
                return Err(already_done());
            }
            super::settings::write(c, &shop_name, &settings)?;
            admin.insert(c, now)?;
            for cashier in &cashiers {
                cashier.insert(c, now)?;
            }
            Ok(())
        })
        .await?;
    super::settings::reload(app, currency_changed).await?;
    if run.demo_menu && super::menu::is_empty(app).await? {
        super::demo::load_menu(app, actor).await?;
    }
    tracing::info!(admin = %admin_name, cashiers = run.cashiers.len(), "first-run setup done");
    Ok(())
}

fn already_done() -> AppError {
    AppError::new(ErrorCode::AlreadySetUp, "this shop is already set up")
}
