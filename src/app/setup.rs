//! First-run setup: the shop's settings, the owner's admin account, the
//! cashiers' PINs and, if wanted, the demo menu — everything needed to sell.
//! Possible while the shop has no admin, and only from the counter PC: the
//! counter app itself, or a browser on that machine holding the one-time
//! setup token that `crema serve` prints. Customer registration and device
//! pairing wait until it is done.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::settings::ShopSettings;
use super::users::{prepare_staff, Credential};
use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::pricing::TaxMode;
use crate::domain::user::{Role, Username};
use crate::domain::{Currency, Field};
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
    /// 6 to 8 digits, different for every cashier.
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
    /// The one-time token `crema serve` prints on the counter PC (needed
    /// from a browser; the counter app does not send it).
    #[serde(default)]
    pub setup_token: Option<String>,
    /// The shop's IANA time zone; the setup page sends the counter PC's.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// Who is running the setup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupOrigin {
    /// The counter app's window or the command line.
    Operator,
    /// A browser on the server's own machine (loopback, not proxied, a
    /// loopback `Host`): needs the setup token.
    Local,
    /// Anyone else.
    Remote,
}

/// Setup is needed while no enabled admin exists (customers who registered
/// early do not count).
pub async fn status(app: &App) -> AppResult<SetupStatus> {
    let admins = app.store().read(users_store::count_admins).await?;
    Ok(SetupStatus {
        needed: admins == 0,
    })
}

/// 409 `setup_required` until the first-run setup is done.
pub(crate) async fn require_done(app: &App) -> AppResult<()> {
    if status(app).await?.needed {
        return Err(AppError::new(
            ErrorCode::SetupRequired,
            "this shop is not set up yet; finish the first-run setup on the counter PC",
        ));
    }
    Ok(())
}

fn cashier_username(name: &str) -> AppResult<(String, String)> {
    let display = super::error::check_text(
        name,
        Field::Name,
        64,
        "every cashier needs a name of 1 to 64 characters",
    )?;
    let joined: String = display
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".")
        .to_lowercase();
    let username = Username::parse(&joined).map_err(|_| {
        AppError::invalid_value(
            Field::Name,
            format!("the cashier name {display:?} may hold letters, digits, spaces, '.', '_', '-'"),
        )
        .with_params(serde_json::json!({ "field": Field::Name, "value": display }))
    })?;
    Ok((username.as_str().to_string(), display))
}

/// Runs the first-run setup. Only the operator at the machine (the desktop
/// app, or a browser on the server itself with the setup token) may do it,
/// and only while no admin exists; all accounts and settings are written in
/// one transaction.
pub async fn complete(app: &App, origin: SetupOrigin, run: FirstRun) -> AppResult<()> {
    let allowed = match origin {
        SetupOrigin::Operator => true,
        SetupOrigin::Local => run
            .setup_token
            .as_deref()
            .is_some_and(|t| app.setup_token_matches(t)),
        SetupOrigin::Remote => false,
    };
    if !allowed {
        return Err(AppError::new(
            ErrorCode::SetupNotAllowed,
            "the first-run setup is done on the counter PC itself, with the setup token it shows \
             (or with `crema user add`)",
        ));
    }
    if !status(app).await?.needed {
        return Err(already_done());
    }
    let actor = &Actor::System;
    let current = app.settings();
    let settings = ShopSettings {
        shop_name: run.shop_name.clone(),
        currency: run.currency,
        tax_mode: run.tax_mode,
        tax_rate_bps: run.tax_rate_bps,
        tax_classes: Vec::new(),
        timezone: run.timezone.clone().or_else(|| current.timezone.clone()),
        ..(*current).clone()
    }
    .resolved(&current);
    let shop_name = super::settings::validate(&settings)?;
    if run.cashiers.len() > 50 {
        return Err(AppError::out_of_range(
            Field::Cashiers,
            0,
            50,
            "at most 50 cashiers at setup",
        ));
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
            return Err(AppError::new(
                ErrorCode::DuplicateValue,
                format!("two accounts would be called {username}"),
            )
            .with_params(serde_json::json!({ "field": Field::Username, "value": username })));
        }
        if !pins.insert(c.pin.clone()) {
            return Err(AppError::new(
                ErrorCode::DuplicateValue,
                "every cashier needs a different PIN",
            )
            .with_params(serde_json::json!({ "field": Field::Pin })));
        }
        let cashier = Credential::Pin(c.pin.clone());
        cashiers.push(prepare_staff(app, &username, Some(&display), Role::Cashier, cashier).await?);
    }
    let now = app.now();
    let currency_changed = app.settings().currency != settings.currency;
    let admin_name = admin.username.clone();
    app.store()
        .write(move |c| -> AppResult<_> {
            if users_store::count_admins(c)? > 0 {
                return Err(already_done());
            }
            super::settings::write(c, &shop_name, &settings)?;
            admin.insert(c, now)?;
            let detail = serde_json::json!({ "admin": admin.username, "cashiers": cashiers.len() });
            super::audit::record(
                c,
                now,
                None,
                super::audit::AuditAction::SetupCompleted,
                "",
                detail,
            )?;
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
