//! Shop settings: name, currency, tax.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::loyalty::LoyaltySettings;
use crate::domain::order::OrderType;
use crate::domain::pricing::{TaxMode, TaxPolicy};
use crate::domain::user::Role;
use crate::domain::Currency;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShopSettings {
    pub shop_name: String,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    /// Basis points: 1000 is 10 %. The rate of the tax class `standard` (its
    /// takeaway rate): a settings change without `tax_classes` sets it for
    /// eat-in and takeaway alike, as the one rate it was before classes.
    pub tax_rate_bps: u32,
    /// Tax classes: each item has one; `standard` always exists. Left out
    /// (or empty) in a change, the classes stay as they are.
    #[serde(default)]
    pub tax_classes: Vec<TaxClass>,
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
    /// A cashier's manual discount above this share of the order (basis
    /// points of the subtotal: 1000 is 10 %) needs an admin's approval.
    #[serde(default = "default_discount_limit")]
    pub cashier_discount_limit: u32,
    /// What each sale at the counter and the kiosk starts as.
    #[serde(default = "default_order_type")]
    pub default_order_type: OrderType,
    /// The shop serves at the tables: an eat-in order needs its table
    /// (422 `table_required` without one), and the kiosk asks for it.
    #[serde(default)]
    pub uses_tables: bool,
    /// Seconds a kiosk shows the customer's number before it goes back to
    /// the menu (5 to 600); `null`: each tablet's own choice (30 s unless
    /// set when it was paired).
    #[serde(default)]
    pub kiosk_return_seconds: Option<u32>,
    /// Orders from kiosks and customers' phones reach the kitchen board
    /// before they are paid (marked "not paid"); `false`: only once paid.
    #[serde(default = "yes")]
    pub kitchen_gets_unpaid_orders: bool,
    /// Orders guests place from a table's QR code wait for a cashier to
    /// accept them before the kitchen sees them; `false`: they go to the
    /// kitchen at once and the guests pay at the counter.
    #[serde(default)]
    pub guest_orders_need_accept: bool,
    /// The shop's IANA time zone (e.g. `Europe/Berlin`): business days,
    /// ticket numbers, report hours and receipts follow it. `null`: the
    /// configuration's `timezone` (UTC unless set).
    #[serde(default)]
    pub timezone: Option<String>,
    /// Regulars rewarded: tiers by lifetime spend and points (see
    /// `domain::loyalty`); all off unless set.
    #[serde(default)]
    pub loyalty: LoyaltySettings,
}

/// A tax class: the rates of its items when eaten in and taken away (EU
/// law, e.g. 19 % and 7 % for food in Germany).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxClass {
    /// 1 to 32 of `a-z 0-9 _ -`, e.g. `standard`, `reduced`.
    pub id: String,
    pub name: String,
    /// Basis points.
    pub eat_in_bps: u32,
    /// Basis points.
    pub takeaway_bps: u32,
}

/// The class every item has unless given another.
pub const STANDARD_CLASS: &str = "standard";

impl TaxClass {
    /// The rate for an order of `order_type`.
    pub fn rate(&self, order_type: crate::domain::order::OrderType) -> u32 {
        match order_type {
            crate::domain::order::OrderType::DineIn => self.eat_in_bps,
            crate::domain::order::OrderType::Takeaway => self.takeaway_bps,
        }
    }

    fn standard(rate_bps: u32) -> TaxClass {
        TaxClass {
            id: STANDARD_CLASS.into(),
            name: "Standard".into(),
            eat_in_bps: rate_bps,
            takeaway_bps: rate_bps,
        }
    }
}

impl ShopSettings {
    /// The time zone set for the shop, if any.
    pub fn tz(&self) -> Option<chrono_tz::Tz> {
        self.timezone.as_deref().and_then(|z| z.parse().ok())
    }

    /// The class `id`, if the shop has it.
    pub fn tax_class(&self, id: &str) -> Option<&TaxClass> {
        self.tax_classes.iter().find(|c| c.id == id)
    }

    /// A change as it is stored: without classes, the one rate becomes the
    /// standard class (the other classes stay as in `current`); with them,
    /// `tax_rate_bps` follows the standard class.
    pub(crate) fn resolved(mut self, current: &ShopSettings) -> ShopSettings {
        if self.tax_classes.is_empty() {
            self.tax_classes = current.tax_classes.clone();
            match self.tax_classes.iter_mut().find(|c| c.id == STANDARD_CLASS) {
                Some(c) => {
                    c.eat_in_bps = self.tax_rate_bps;
                    c.takeaway_bps = self.tax_rate_bps;
                }
                None => self
                    .tax_classes
                    .insert(0, TaxClass::standard(self.tax_rate_bps)),
            }
        } else if let Some(c) = self.tax_class(STANDARD_CLASS) {
            self.tax_rate_bps = c.takeaway_bps;
        }
        self
    }
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
fn default_discount_limit() -> u32 {
    1000
}
fn yes() -> bool {
    true
}
fn default_order_type() -> OrderType {
    OrderType::Takeaway
}

/// The kiosk's idle return, in seconds: at least this…
pub const MIN_KIOSK_RETURN: u32 = 5;
/// …and at most this.
pub const MAX_KIOSK_RETURN: u32 = 600;

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
            cashier_discount_limit: number("cashier_discount_limit", default_discount_limit())?,
            default_order_type: match m.get("default_order_type") {
                Some(t) => OrderType::parse(t).map_err(|e| {
                    AppError::internal(anyhow::anyhow!("setting default_order_type: {e}"))
                })?,
                None => default_order_type(),
            },
            uses_tables: m.get("uses_tables").is_some_and(|v| v == "true"),
            guest_orders_need_accept: m
                .get("guest_orders_need_accept")
                .is_some_and(|v| v == "true"),
            kitchen_gets_unpaid_orders: m
                .get("kitchen_gets_unpaid_orders")
                .is_none_or(|v| v == "true"),
            timezone: m.get("timezone").filter(|z| !z.is_empty()).cloned(),
            kiosk_return_seconds: match m.get("kiosk_return_seconds").map(String::as_str) {
                None | Some("") => None,
                Some(_) => Some(number("kiosk_return_seconds", 0)?),
            },
            tax_classes: match m.get("tax_classes") {
                Some(json) => serde_json::from_str(json).map_err(|e| {
                    AppError::internal(anyhow::anyhow!("setting tax_classes is not valid: {e}"))
                })?,
                None => vec![TaxClass::standard(number("tax_rate_bps", 0)?)],
            },
            loyalty: match m.get("loyalty") {
                Some(json) => serde_json::from_str(json).map_err(|e| {
                    AppError::internal(anyhow::anyhow!("setting loyalty is not valid: {e}"))
                })?,
                None => LoyaltySettings::default(),
            },
        })
    }

    pub fn tax(&self) -> TaxPolicy {
        TaxPolicy {
            mode: self.tax_mode,
            rate_bps: self.tax_rate_bps,
        }
    }
}

mod validate;
pub(crate) use validate::validate;

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
    let classes = serde_json::to_string(&s.tax_classes)
        .map_err(|e| crate::store::StoreError::Corrupt(format!("tax classes: {e}")))?;
    set(c, "tax_classes", &classes)?;
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
    set(
        c,
        "cashier_discount_limit",
        &s.cashier_discount_limit.to_string(),
    )?;
    set(c, "default_order_type", s.default_order_type.as_str())?;
    let flag = |b: bool| if b { "true" } else { "false" };
    set(c, "uses_tables", flag(s.uses_tables))?;
    set(
        c,
        "guest_orders_need_accept",
        flag(s.guest_orders_need_accept),
    )?;
    set(
        c,
        "kitchen_gets_unpaid_orders",
        flag(s.kitchen_gets_unpaid_orders),
    )?;
    set(c, "timezone", s.timezone.as_deref().unwrap_or(""))?;
    let seconds = s.kiosk_return_seconds.map(|v| v.to_string());
    set(c, "kiosk_return_seconds", seconds.as_deref().unwrap_or(""))?;
    let loyalty = serde_json::to_string(&s.loyalty)
        .map_err(|e| crate::store::StoreError::Corrupt(format!("loyalty: {e}")))?;
    set(c, "loyalty", &loyalty)?;
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
    let current = app.settings();
    let new = new.resolved(&current);
    let name = validate(&new)?;
    let changes_currency = current.currency != new.currency;
    app.store()
        .write(move |c| {
            if changes_currency && crate::store::orders::count(c)? > 0 {
                return Err(AppError::new(
                    ErrorCode::CurrencyLocked,
                    "the currency cannot change once orders exist",
                ));
            }
            let used = crate::store::menu::tax_classes_in_use(c)?;
            if let Some(gone) = used.iter().find(|u| new.tax_class(u).is_none()) {
                return Err(AppError::new(
                    ErrorCode::TaxClassInUse,
                    format!("items still have the tax class {gone}; give them another first"),
                )
                .with_params(serde_json::json!({ "tax_class": gone })));
            }
            Ok(write(c, &name, &new)?)
        })
        .await?;
    reload(app, changes_currency).await
}
