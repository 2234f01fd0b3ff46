//! `/api/items`: menu items and their modifier groups (admin).

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::menu::{self, GroupEntry, ItemInput, ItemPatch, ItemView};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// Add an item with its modifier groups (admin).
#[utoipa::path(post, path = "/api/items", tag = "menu", security(("bearer" = [])), request_body = ItemInput,
    responses((status = 201, body = ItemView), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_item(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<ItemInput>,
) -> Result<(StatusCode, axum::Json<ItemView>), AppError> {
    let item = menu::create_item(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(item)))
}

/// Edit an item: price, availability, name, … (admin). Tablets and the
/// board see it at once through `menu.updated`.
#[utoipa::path(patch, path = "/api/items/{id}", tag = "menu", request_body = ItemPatch,
    security(("bearer" = [])),
    params(("id" = String, Path, description = "item id")),
    responses((status = 200, body = ItemView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "unknown_category or unknown_tax_class", body = ErrorBody)))]
pub async fn patch_item(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    Json(patch): Json<ItemPatch>,
) -> Result<axum::Json<ItemView>, AppError> {
    menu::update_item(&app, &actor, parse_id(&id, "item")?, patch)
        .await
        .map(axum::Json)
}

/// Delete an item (admin). Past orders keep their lines.
#[utoipa::path(delete, path = "/api/items/{id}", tag = "menu", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_item(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(iid): Path<String>,
) -> Result<StatusCode, AppError> {
    menu::delete_item(&app, &actor, parse_id(&iid, "item")?)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

/// Replace an item's modifier groups (admin): its own groups, and library
/// groups attached with `{"library_group_id"}`, in the order it shows them.
#[utoipa::path(put, path = "/api/items/{id}/modifier-groups", tag = "menu", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = Vec<GroupEntry>,
    responses((status = 200, body = ItemView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "unknown_modifier_group", body = ErrorBody)))]
pub async fn replace_groups(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(iid): Path<String>,
    Json(groups): Json<Vec<GroupEntry>>,
) -> Result<axum::Json<ItemView>, AppError> {
    menu::replace_groups(&app, &actor, parse_id(&iid, "item")?, groups)
        .await
        .map(axum::Json)
}
