//! The master menu's routes: the owner's draft, import and publishing;
//! the shops' upload of their menu and pull of the published one.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::error::ErrorBody;
use super::extract::{Json, OwnerAuth, ShopAuth};
use super::HqState;
use crate::hq::app::menu::{
    self, DraftInput, ImportRequest, MenuState, Published, PublishedVersion, Versions,
};
use crate::hq::app::HqResult;
use crate::sync::master_menu::MasterMenu;

type J<T> = axum::Json<T>;

/// The master menu: the draft, the newest published version, and whether
/// the draft has changes not yet published.
#[utoipa::path(get, path = "/api/hq/menu", tag = "menu", security(("bearer" = [])),
    responses((status = 200, body = MenuState), (status = 401, body = ErrorBody)))]
pub async fn get_menu(State(s): State<HqState>, _o: OwnerAuth) -> HqResult<J<MenuState>> {
    menu::state(&s.hq).await.map(axum::Json)
}

/// Replaces the draft (checked as a shop would apply it).
#[utoipa::path(put, path = "/api/hq/menu", tag = "menu", security(("bearer" = [])),
    request_body = DraftInput,
    responses((status = 200, body = MenuState),
              (status = 422, description = "invalid_menu", body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn put_menu(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Json(input): Json<DraftInput>,
) -> HqResult<J<MenuState>> {
    menu::put_draft(&s.hq, &input).await.map(axum::Json)
}

/// The draft becomes the menu a shop last sent (every item but the shop's
/// local ones).
#[utoipa::path(post, path = "/api/hq/menu/import", tag = "menu", security(("bearer" = [])),
    request_body = ImportRequest,
    responses((status = 200, body = MenuState),
              (status = 404, body = ErrorBody),
              (status = 409, description = "no_shop_menu: the shop has not sent its menu yet", body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn import_menu(
    State(s): State<HqState>,
    _o: OwnerAuth,
    Json(req): Json<ImportRequest>,
) -> HqResult<J<MenuState>> {
    menu::import(&s.hq, &req).await.map(axum::Json)
}

/// Publishes the draft as the next version; every shop applies it on its
/// next sync.
#[utoipa::path(post, path = "/api/hq/menu/publish", tag = "menu", security(("bearer" = [])),
    responses((status = 200, body = PublishedVersion),
              (status = 409, description = "nothing_to_publish", body = ErrorBody),
              (status = 401, body = ErrorBody)))]
pub async fn publish_menu(
    State(s): State<HqState>,
    OwnerAuth(owner): OwnerAuth,
) -> HqResult<J<PublishedVersion>> {
    let published = menu::publish(&s.hq, &owner).await?;
    s.live.publish(
        "menu.published",
        serde_json::json!({ "version": published.version, "published_at": published.published_at }),
    );
    Ok(axum::Json(published))
}

/// The published versions, and which version each shop runs.
#[utoipa::path(get, path = "/api/hq/menu/versions", tag = "menu", security(("bearer" = [])),
    responses((status = 200, body = Versions), (status = 401, body = ErrorBody)))]
pub async fn menu_versions(State(s): State<HqState>, _o: OwnerAuth) -> HqResult<J<Versions>> {
    menu::versions(&s.hq).await.map(axum::Json)
}

/// A shop sends its menu (every item but its local ones), for an owner to
/// start the master menu from.
#[utoipa::path(put, path = "/api/hq/shop-menu", tag = "shops", security(("bearer" = [])),
    request_body = MasterMenu,
    responses((status = 204),
              (status = 422, description = "invalid_menu", body = ErrorBody),
              (status = 401, description = "invalid_shop_credential", body = ErrorBody)))]
pub async fn put_shop_menu(
    State(s): State<HqState>,
    ShopAuth(shop): ShopAuth,
    Json(m): Json<MasterMenu>,
) -> HqResult<StatusCode> {
    menu::receive_shop_menu(&s.hq, shop, &m).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The newest published menu for a shop to apply: 304 when `If-None-Match`
/// names it (`"v<version>"`), 204 when nothing is published yet.
#[utoipa::path(get, path = "/api/hq/menu/published", tag = "shops", security(("bearer" = [])),
    responses((status = 200, body = Published, headers(("ETag" = String))),
              (status = 204, description = "nothing published yet"),
              (status = 304, description = "the shop runs the newest version"),
              (status = 401, description = "invalid_shop_credential", body = ErrorBody)))]
pub async fn published_menu(
    State(s): State<HqState>,
    _shop: ShopAuth,
    headers: HeaderMap,
) -> HqResult<Response> {
    let Some(version) = menu::current_version(&s.hq).await? else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let etag = menu::etag(version);
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    match menu::published(&s.hq).await? {
        Some(p) => Ok(([(header::ETAG, menu::etag(p.version))], axum::Json(p)).into_response()),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}
