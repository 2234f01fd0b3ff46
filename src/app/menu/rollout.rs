//! Head office's menu at the shop: the menu the shop sends head office
//! (its items but the local ones), and applying a published version in one
//! transaction, after which every client hears `menu.updated`.

use super::{changed, store};
use crate::app::settings::STANDARD_CLASS;
use crate::app::{App, AppError, AppResult, ErrorCode};
use crate::store::menu_rollout;
use crate::sync::master_menu::MasterMenu;

/// The shop's menu as head office keeps it.
pub async fn master_snapshot(app: &App) -> AppResult<MasterMenu> {
    let currency = app.settings().currency;
    let categories = app.store().read(move |c| store::load(c, currency)).await?;
    Ok(MasterMenu::from_shop(currency, &categories))
}

/// The version of head office's menu the shop runs, if any.
pub async fn running_version(app: &App) -> AppResult<Option<i64>> {
    Ok(app.store().read(menu_rollout::version).await?)
}

/// Applies head office's menu `version` (the pusher, never a person):
/// checked first, tax classes the shop lacks become its standard class,
/// then written in one transaction with its `menu_applied` event.
pub async fn apply_master(app: &App, mut menu: MasterMenu, version: i64) -> AppResult<()> {
    let settings = app.settings();
    if menu.currency != settings.currency {
        return Err(AppError::new(
            ErrorCode::InvalidRequest,
            format!(
                "head office's menu is priced in {}, the shop sells in {}",
                menu.currency, settings.currency
            ),
        ));
    }
    menu.check().map_err(|e| {
        AppError::new(
            ErrorCode::InvalidRequest,
            format!("head office's menu: {e}"),
        )
    })?;
    for item in menu.categories.iter_mut().flat_map(|c| c.items.iter_mut()) {
        if settings.tax_class(&item.tax_class).is_none() {
            tracing::warn!(item = %item.name, class = %item.tax_class,
                "the shop has no such tax class; the item is taxed at the standard class");
            item.tax_class = STANDARD_CLASS.into();
        }
    }
    let now = app.now();
    app.store()
        .write(move |c| menu_rollout::apply(c, &menu, version, now))
        .await?;
    tracing::info!(version, "head office's menu applied");
    changed(app).await
}
