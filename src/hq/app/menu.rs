//! The master menu: the owner starts a draft from a shop's menu (or writes
//! one), publishes it as a numbered version; shops pull the newest version
//! on their next sync and report the version they run.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::Owner;
use super::{time, Hq, HqCode, HqError, HqResult};
use crate::hq::store::DbError;
use crate::sync::master_menu::MasterMenu;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DraftSource {
    pub shop_id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublishedVersion {
    pub version: i64,
    pub published_at: DateTime<Utc>,
}

/// The master menu as the owner edits it (`GET /api/hq/menu`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MenuState {
    /// The menu being prepared; `null` until imported or written.
    pub draft: Option<MasterMenu>,
    pub draft_updated_at: Option<DateTime<Utc>>,
    /// The shop the draft was imported from, if it was.
    pub draft_source: Option<DraftSource>,
    /// The newest published version.
    pub published: Option<PublishedVersion>,
    /// The draft differs from the newest published version.
    pub unpublished_changes: bool,
}

/// `PUT /api/hq/menu`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftInput {
    pub menu: MasterMenu,
}

/// `POST /api/hq/menu/import`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    pub shop_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VersionSummary {
    pub version: i64,
    pub published_at: DateTime<Utc>,
    pub categories: i64,
    pub items: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShopMenu {
    pub shop_id: Uuid,
    pub name: String,
    /// The version it runs; `null`: none yet (its own menu).
    pub menu_version: Option<i64>,
    pub menu_applied_at: Option<DateTime<Utc>>,
}

/// `GET /api/hq/menu/versions`: what was published, who runs what.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Versions {
    pub versions: Vec<VersionSummary>,
    pub shops: Vec<ShopMenu>,
}

/// What a shop pulls (`GET /api/hq/menu/published`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Published {
    pub version: i64,
    pub published_at: DateTime<Utc>,
    pub menu: MasterMenu,
}

fn parse(body: &str) -> HqResult<MasterMenu> {
    serde_json::from_str(body).map_err(HqError::internal)
}

fn to_json(menu: &MasterMenu) -> HqResult<String> {
    serde_json::to_string(menu).map_err(HqError::internal)
}

fn checked(menu: &MasterMenu) -> HqResult<()> {
    menu.check()
        .map_err(|e| HqError::new(HqCode::InvalidMenu, format!("the menu cannot be used: {e}")))
}

pub async fn state(hq: &Hq) -> HqResult<MenuState> {
    let db = hq.db();
    let draft = db.draft().await?;
    let latest = db.latest_menu().await?;
    let source = match draft.as_ref().and_then(|d| d.source_shop_id) {
        Some(id) => {
            let name = db.shops().await?.into_iter().find(|s| s.id == id);
            name.map(|s| DraftSource {
                shop_id: id,
                name: s.name,
            })
        }
        None => None,
    };
    let unpublished_changes = match (&draft, &latest) {
        (Some(d), Some((_, body))) => d.body != *body,
        (Some(_), None) => true,
        (None, _) => false,
    };
    Ok(MenuState {
        draft: draft.as_ref().map(|d| parse(&d.body)).transpose()?,
        draft_updated_at: draft.as_ref().and_then(|d| time(d.updated_at)),
        draft_source: source,
        published: latest.and_then(|(v, _)| {
            time(v.published_at).map(|published_at| PublishedVersion {
                version: v.version,
                published_at,
            })
        }),
        unpublished_changes,
    })
}

/// The owner writes the draft.
pub async fn put_draft(hq: &Hq, input: &DraftInput) -> HqResult<MenuState> {
    checked(&input.menu)?;
    hq.db()
        .put_draft(&to_json(&input.menu)?, None, hq.now_micros())
        .await?;
    state(hq).await
}

/// The draft becomes the menu `shop` last sent.
pub async fn import(hq: &Hq, req: &ImportRequest) -> HqResult<MenuState> {
    let db = hq.db();
    if !db.shops().await?.iter().any(|s| s.id == req.shop_id) {
        return Err(HqError::new(HqCode::NotFound, "no such shop"));
    }
    let Some(body) = db.shop_menu(req.shop_id).await? else {
        return Err(HqError::new(
            HqCode::NoShopMenu,
            "that shop has not sent its menu yet; it does on its next sync while Crema runs there",
        ));
    };
    db.put_draft(&body, Some(req.shop_id), hq.now_micros())
        .await?;
    state(hq).await
}

/// Publishes the draft as the next version.
pub async fn publish(hq: &Hq, owner: &Owner) -> HqResult<PublishedVersion> {
    let db = hq.db();
    let Some(draft) = db.draft().await? else {
        return Err(HqError::new(
            HqCode::NothingToPublish,
            "there is no draft menu: import one from a shop first",
        ));
    };
    if let Some((v, body)) = db.latest_menu().await? {
        if body == draft.body {
            return Err(HqError::new(
                HqCode::NothingToPublish,
                format!("the draft is version {} as published", v.version),
            ));
        }
    }
    let menu = parse(&draft.body)?;
    checked(&menu)?;
    let (categories, items) = (menu.categories.len() as i64, menu.item_count() as i64);
    let now = hq.now_micros();
    for _ in 0..5 {
        match db
            .publish_menu(&draft.body, owner.id, categories, items, now)
            .await
        {
            Ok(version) => {
                tracing::info!(version, "menu published");
                return Ok(PublishedVersion {
                    version,
                    published_at: time(now).unwrap_or_else(|| hq.now()),
                });
            }
            Err(DbError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(HqError::internal(anyhow::anyhow!(
        "publishing kept racing another replica"
    )))
}

pub async fn versions(hq: &Hq) -> HqResult<Versions> {
    let db = hq.db();
    let versions = db
        .menu_versions()
        .await?
        .into_iter()
        .filter_map(|v| {
            Some(VersionSummary {
                version: v.version,
                published_at: time(v.published_at)?,
                categories: v.categories,
                items: v.items,
            })
        })
        .collect();
    let shops = db
        .shops()
        .await?
        .into_iter()
        .map(|s| ShopMenu {
            shop_id: s.id,
            name: s.name,
            menu_version: s.menu_version,
            menu_applied_at: s.menu_applied_at.and_then(time),
        })
        .collect();
    Ok(Versions { versions, shops })
}

/// A shop sends its menu.
pub async fn receive_shop_menu(hq: &Hq, shop: Uuid, menu: &MasterMenu) -> HqResult<()> {
    checked(menu)?;
    hq.db()
        .put_shop_menu(shop, &to_json(menu)?, hq.now_micros())
        .await?;
    Ok(())
}

/// The newest version's number, if any.
pub async fn current_version(hq: &Hq) -> HqResult<Option<i64>> {
    Ok(hq.db().latest_menu_version().await?)
}

/// The newest published menu, unless the shop already runs it (`None`
/// either way when nothing is published).
pub async fn published(hq: &Hq) -> HqResult<Option<Published>> {
    let Some((v, body)) = hq.db().latest_menu().await? else {
        return Ok(None);
    };
    Ok(Some(Published {
        version: v.version,
        published_at: time(v.published_at).unwrap_or_else(|| hq.now()),
        menu: parse(&body)?,
    }))
}

/// The entity tag of a published version.
pub fn etag(version: i64) -> String {
    format!("\"v{version}\"")
}
