//! `/api/modifier-groups`: the library of modifier groups shared by items
//! (admin). Items attach one with `{"library_group_id"}` among their groups
//! (`PUT /api/items/{id}/modifier-groups`, `POST /api/items`).

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::menu::{self, LibraryGroupInput, LibraryGroupList, LibraryGroupView};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// The library's modifier groups, with the items each is attached to (admin).
#[utoipa::path(get, path = "/api/modifier-groups", tag = "menu", security(("bearer" = [])),
    responses((status = 200, body = LibraryGroupList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<LibraryGroupList>, AppError> {
    menu::library_groups(&app, &actor).await.map(axum::Json)
}

/// Add a modifier group to the library (admin).
#[utoipa::path(post, path = "/api/modifier-groups", tag = "menu", security(("bearer" = [])),
    request_body = LibraryGroupInput,
    responses((status = 201, body = LibraryGroupView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<LibraryGroupInput>,
) -> Result<(StatusCode, axum::Json<LibraryGroupView>), AppError> {
    let g = menu::create_library_group(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(g)))
}

/// Change a library group: name, min/max, options (admin). Every item that
/// has it follows at once (`menu.updated`). Options kept carry their `id`.
#[utoipa::path(put, path = "/api/modifier-groups/{id}", tag = "menu", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = LibraryGroupInput,
    responses((status = 200, body = LibraryGroupView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, description = "unknown_modifier_option", body = ErrorBody)))]
pub async fn update(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(gid): Path<String>,
    Json(req): Json<LibraryGroupInput>,
) -> Result<axum::Json<LibraryGroupView>, AppError> {
    menu::update_library_group(&app, &actor, parse_id(&gid, "modifier group")?, req)
        .await
        .map(axum::Json)
}

/// Delete a library group no item has (admin); one still attached answers
/// 409 `modifier_group_in_use` with the items' names.
#[utoipa::path(delete, path = "/api/modifier-groups/{id}", tag = "menu", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "modifier_group_in_use", body = ErrorBody)))]
pub async fn delete(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(gid): Path<String>,
) -> Result<StatusCode, AppError> {
    menu::delete_library_group(&app, &actor, parse_id(&gid, "modifier group")?)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}
