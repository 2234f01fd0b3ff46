//! Shop settings: name, currency, tax.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::pricing::{TaxMode, TaxPolicy};
use crate::domain::user::Role;
use crate::domain::Currency;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShopSettings {
    pub shop_name: String,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    /// Basis points: 1000 is 10 %.
    pub tax_rate_bps: u32,
    /// Printed at the top of receipts (address, VAT number, …).
    #[serde(default)]
    pub receipt_header: String,
    /// Printed at the bottom of receipts.
    #[serde(default)]
    pub receipt_footer: String,
    /// A ticket on the board turns amber after this many minutes…
    #[serde(default = "default_amber")]
    pub ticket_amber_minutes: u32,
    /// …and red after this many.
    #[serde(default = "default_red")]
    pub ticket_red_minutes: u32,
    /// A customer counts as a regular from this many visits on.
    #[serde(default = "default_regular")]
    pub regular_after_visits: u32,
    /// A cashier's refund above this many minor units needs an admin's approval.
    #[serde(default = "default_refund_limit")]
    pub cashier_refund_limit: u32,
}

fn default_amber() -> u32 {
    5
}
fn default_red() -> u32 {
    10
}
fn default_regular() -> u32 {
    5
}
fn default_refund_limit() -> u32 {
    2000
}

impl ShopSettings {
    pub fn from_map(m: &HashMap<String, String>) -> AppResult<Self> {
        let get = |k: &str| {
            m.get(k)
                .cloned()
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("setting {k} is missing")))
        };
        let number = |k: &str, default: u32| -> AppResult<u32> {
            match m.get(k) {
                None => Ok(default),
                Some(v) => v.parse().map_err(|_| {
                    AppError::internal(anyhow::anyhow!("setting {k} is not a number"))
                }),
            }
        };
        Ok(ShopSettings {
            shop_name: get("shop_name")?,
            currency: Currency::parse(&get("currency")?)?,
            tax_mode: TaxMode::parse(&get("tax_mode")?)?,
            tax_rate_bps: number("tax_rate_bps", 0)?,
            receipt_header: m.get("receipt_header").cloned().unwrap_or_default(),
            receipt_footer: m.get("receipt_footer").cloned().unwrap_or_default(),
            ticket_amber_minutes: number("ticket_amber_minutes", default_amber())?,
            ticket_red_minutes: number("ticket_red_minutes", default_red())?,
            regular_after_visits: number("regular_after_visits", default_regular())?,
            cashier_refund_limit: number("cashier_refund_limit", default_refund_limit())?,
        })
    }

    pub fn tax(&self) -> TaxPolicy {
        TaxPolicy {
            mode: self.tax_mode,
            rate_bps: self.tax_rate_bps,
        }
    }
}

/// Checks every field; returns the trimmed shop name.
pub(crate) fn validate(new: &ShopSettings) -> AppResult<String> {
    new.tax().check()?;
    let name = new.shop_name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid(
            "the shop name must be 1 to 80 characters",
        ));
    }
    if new.receipt_header.chars().count() > 500 || new.receipt_footer.chars().count() > 500 {
        return Err(AppError::invalid(
            "receipt header and footer are at most 500 characters",
        ));
    }
    if !(1..=240).contains(&new.ticket_amber_minutes)
        || !(1..=240).contains(&new.ticket_red_minutes)
        || new.ticket_amber_minutes >= new.ticket_red_minutes
    {
        return Err(AppError::invalid(
            "ticket thresholds are 1 to 240 minutes, amber before red",
        ));
    }
    if !(1..=1000).contains(&new.regular_after_visits) {
        return Err(AppError::invalid("regular_after_visits is 1 to 1000"));
    }
    if new.cashier_refund_limit > 100_000_000 {
        return Err(AppError::invalid(
            "cashier_refund_limit is at most 100000000 minor units",
        ));
    }
    Ok(name)
}

/// Writes every setting inside the caller's transaction.
pub(crate) fn write(
    c: &rusqlite::Connection,
    name: &str,
    s: &ShopSettings,
) -> Result<(), crate::store::StoreError> {
    use crate::store::settings::set;
    set(c, "shop_name", name)?;
    set(c, "currency", s.currency.as_str())?;
    set(c, "tax_mode", s.tax_mode.as_str())?;
    set(c, "tax_rate_bps", &s.tax_rate_bps.to_string())?;
    set(c, "receipt_header", &s.receipt_header)?;
    set(c, "receipt_footer", &s.receipt_footer)?;
    set(
        c,
        "ticket_amber_minutes",
        &s.ticket_amber_minutes.to_string(),
    )?;
    set(c, "ticket_red_minutes", &s.ticket_red_minutes.to_string())?;
    set(
        c,
        "regular_after_visits",
        &s.regular_after_visits.to_string(),
    )?;
    set(
        c,
        "cashier_refund_limit",
        &s.cashier_refund_limit.to_string(),
    )?;
    Ok(())
}

/// Re-reads the settings after a commit, refreshes the cache and tells
/// every client.
pub(crate) async fn reload(app: &App, currency_changed: bool) -> AppResult<Arc<ShopSettings>> {
    let map = app.store().read(crate::store::settings::all).await?;
    let fresh = Arc::new(ShopSettings::from_map(&map)?);
    if let Ok(mut s) = app.inner.settings.write() {
        *s = fresh.clone();
    }
    if currency_changed {
        super::menu::invalidate(app);
    }
    app.inner.events.publish("settings.updated", fresh.as_ref());
    Ok(fresh)
}

/// Changes the shop settings (admin only). The currency cannot change once
/// orders exist.
pub async fn update(app: &App, actor: &Actor, new: ShopSettings) -> AppResult<Arc<ShopSettings>> {
    actor.require(&[Role::Admin], "change the shop settings")?;
    let name = validate(&new)?;
    let current = app.settings();
    let changes_currency = current.currency != new.currency;
    app.store()
        .write(move |c| {
            if changes_currency && crate::store::orders::count(c)? > 0 {
                return Err(AppError::new(
                    ErrorCode::CurrencyLocked,
                    "the currency cannot change once orders exist",
                ));
            }
            Ok(write(c, &name, &new)?)
        })
        .await?;
    reload(app, changes_currency).await
}
