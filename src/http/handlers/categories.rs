//! `/api/categories`: the menu's categories (admin writes; anyone reads).

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::menu::{self, CategoryInfo, CategoryInput, CategoryList, CategoryPatch};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

/// Categories with sort order and item counts.
#[utoipa::path(get, path = "/api/categories", tag = "menu", responses((status = 200, body = CategoryList)))]
pub async fn list_categories(State(app): State<App>) -> Result<axum::Json<CategoryList>, AppError> {
    menu::categories(&app)
        .await
        .map(|categories| axum::Json(CategoryList { categories }))
}

/// Add a category (admin).
#[utoipa::path(post, path = "/api/categories", tag = "menu", security(("bearer" = [])), request_body = CategoryInput,
    responses((status = 201, body = CategoryInfo), (status = 403, body = ErrorBody)))]
pub async fn create_category(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<CategoryInput>,
) -> Result<(StatusCode, axum::Json<CategoryInfo>), AppError> {
    let c = menu::create_category(&app, &actor, req).await?;
    Ok((StatusCode::CREATED, axum::Json(c)))
}

/// Rename or reorder a category (admin).
#[utoipa::path(patch, path = "/api/categories/{id}", tag = "menu", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = CategoryPatch, responses((status = 200, body = CategoryInfo), (status = 404, body = ErrorBody)))]
pub async fn update_category(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(cid): Path<String>,
    Json(req): Json<CategoryPatch>,
) -> Result<axum::Json<CategoryInfo>, AppError> {
    menu::update_category(&app, &actor, parse_id(&cid, "category")?, req)
        .await
        .map(axum::Json)
}

/// Delete an empty category (admin).
#[utoipa::path(delete, path = "/api/categories/{id}", tag = "menu", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, description = "category_not_empty", body = ErrorBody)))]
pub async fn delete_category(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(cid): Path<String>,
) -> Result<StatusCode, AppError> {
    menu::delete_category(&app, &actor, parse_id(&cid, "category")?)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}
