//! Shop settings: name, currency, tax.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::{Actor, App, AppError, AppResult};
use crate::domain::pricing::{TaxMode, TaxPolicy};
use crate::domain::user::Role;
use crate::domain::Currency;

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ShopSettings {
    pub shop_name: String,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    /// Basis points: 1000 is 10 %.
    pub tax_rate_bps: u32,
}

impl ShopSettings {
    pub fn from_map(m: &HashMap<String, String>) -> AppResult<Self> {
        let get = |k: &str| {
            m.get(k)
                .cloned()
                .ok_or_else(|| AppError::internal(format!("setting {k} is missing")))
        };
        Ok(ShopSettings {
            shop_name: get("shop_name")?,
            currency: Currency::parse(&get("currency")?)?,
            tax_mode: TaxMode::parse(&get("tax_mode")?)?,
            tax_rate_bps: get("tax_rate_bps")?
                .parse()
                .map_err(|_| AppError::internal("setting tax_rate_bps is not a number"))?,
        })
    }

    pub fn tax(&self) -> TaxPolicy {
        TaxPolicy {
            mode: self.tax_mode,
            rate_bps: self.tax_rate_bps,
        }
    }
}

/// Changes the shop settings (admin only). The currency cannot change once
/// orders exist.
pub async fn update(app: &App, actor: &Actor, new: ShopSettings) -> AppResult<Arc<ShopSettings>> {
    actor.require(&[Role::Admin], "change the shop settings")?;
    new.tax().check()?;
    let name = new.shop_name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid(
            "the shop name must be 1 to 80 characters",
        ));
    }
    let current = app.settings();
    let changes_currency = current.currency != new.currency;
    let saved = new.clone();
    app.store()
        .write(move |c| {
            if changes_currency && crate::store::orders::count(c)? > 0 {
                return Err(AppError::conflict(
                    "currency_locked",
                    "the currency cannot change once orders exist",
                )
                .into());
            }
            crate::store::settings::set(c, "shop_name", &name)?;
            crate::store::settings::set(c, "currency", saved.currency.as_str())?;
            crate::store::settings::set(c, "tax_mode", saved.tax_mode.as_str())?;
            crate::store::settings::set(c, "tax_rate_bps", &saved.tax_rate_bps.to_string())?;
            Ok(())
        })
        .await?;
    let map = app.store().read(crate::store::settings::all).await?;
    let fresh = Arc::new(ShopSettings::from_map(&map)?);
    if let Ok(mut s) = app.inner.settings.write() {
        *s = fresh.clone();
    }
    if changes_currency {
        super::menu::invalidate(app);
    }
    Ok(fresh)
}
