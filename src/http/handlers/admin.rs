//! Admin panel endpoints: menu structure, coupons, staff.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::app::coupons::{self, CouponTerms, CouponView};
use crate::app::menu::{self, CategoryInfo, GroupInput, ItemInput, ItemView};
use crate::app::users::{self, Credential, StaffAccount, StaffChange, StaffUser};
use crate::app::{App, AppError};
use crate::domain::user::Role;
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json};

fn id(s: &str, what: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s).map_err(|_| AppError::not_found(format!("no such {what}")))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CategoryList {
    pub categories: Vec<CategoryInfo>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryInput {
    pub name: String,
    #[serde(default)]
    pub sort_order: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryPatch {
    pub name: Option<String>,
    pub sort_order: Option<i64>,
}

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
    let c = menu::create_category(&app, &actor, &req.name, req.sort_order).await?;
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
    menu::update_category(
        &app,
        &actor,
        id(&cid, "category")?,
        req.name,
        req.sort_order,
    )
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
    menu::delete_category(&app, &actor, id(&cid, "category")?)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

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

/// Delete an item (admin). Past orders keep their lines.
#[utoipa::path(delete, path = "/api/items/{id}", tag = "menu", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_item(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(iid): Path<String>,
) -> Result<StatusCode, AppError> {
    menu::delete_item(&app, &actor, id(&iid, "item")?)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

/// Replace an item's modifier groups (admin).
#[utoipa::path(put, path = "/api/items/{id}/modifier-groups", tag = "menu", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = Vec<GroupInput>,
    responses((status = 200, body = ItemView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn replace_groups(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(iid): Path<String>,
    Json(groups): Json<Vec<GroupInput>>,
) -> Result<axum::Json<ItemView>, AppError> {
    menu::replace_groups(&app, &actor, id(&iid, "item")?, groups)
        .await
        .map(axum::Json)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CouponList {
    pub coupons: Vec<CouponView>,
}

/// A new coupon: its code and its terms (see `CouponTerms`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCoupon {
    pub code: String,
    pub kind: coupons::Kind,
    pub value: i64,
    #[serde(default)]
    pub min_subtotal: Option<crate::domain::Money>,
    #[serde(default)]
    pub valid_from: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub valid_until: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub usage_limit: Option<u32>,
    #[serde(default)]
    pub active: Option<bool>,
}

impl NewCoupon {
    /// The code and the terms (a new coupon is active unless said otherwise).
    pub fn into_parts(self) -> (String, CouponTerms) {
        (
            self.code,
            CouponTerms {
                kind: self.kind,
                value: self.value,
                min_subtotal: self.min_subtotal,
                valid_from: self.valid_from,
                valid_until: self.valid_until,
                usage_limit: self.usage_limit,
                active: self.active.unwrap_or(true),
            },
        )
    }
}

/// Coupons (admin).
#[utoipa::path(get, path = "/api/coupons", tag = "coupons", security(("bearer" = [])),
    responses((status = 200, body = CouponList), (status = 403, body = ErrorBody)))]
pub async fn list_coupons(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<CouponList>, AppError> {
    coupons::list(&app, &actor)
        .await
        .map(|coupons| axum::Json(CouponList { coupons }))
}

/// Add a coupon (admin).
#[utoipa::path(post, path = "/api/coupons", tag = "coupons", security(("bearer" = [])), request_body = NewCoupon,
    responses((status = 201, body = CouponView), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_coupon(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewCoupon>,
) -> Result<(StatusCode, axum::Json<CouponView>), AppError> {
    let (code, terms) = req.into_parts();
    let c = coupons::create(&app, &actor, &code, terms).await?;
    Ok((StatusCode::CREATED, axum::Json(c)))
}

/// Change a coupon's terms (admin).
#[utoipa::path(put, path = "/api/coupons/{code}", tag = "coupons", security(("bearer" = [])), params(("code" = String, Path)),
    request_body = CouponTerms, responses((status = 200, body = CouponView), (status = 404, body = ErrorBody)))]
pub async fn update_coupon(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(code): Path<String>,
    Json(terms): Json<CouponTerms>,
) -> Result<axum::Json<CouponView>, AppError> {
    coupons::update(&app, &actor, &code, terms)
        .await
        .map(axum::Json)
}

/// Delete a coupon (admin).
#[utoipa::path(delete, path = "/api/coupons/{code}", tag = "coupons", security(("bearer" = [])), params(("code" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_coupon(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(code): Path<String>,
) -> Result<StatusCode, AppError> {
    coupons::delete(&app, &actor, &code)
        .await
        .map(|_| StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct StaffList {
    pub users: Vec<StaffAccount>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    pub username: String,
    /// `admin`, `cashier` or `kitchen`.
    pub role: Role,
    /// Either a password…
    #[serde(default)]
    pub password: Option<String>,
    /// …or a PIN (cashiers and admins).
    #[serde(default)]
    pub pin: Option<String>,
}

impl NewStaff {
    /// Username, role and the one credential given.
    pub fn into_parts(self) -> Result<(String, Role, Credential), AppError> {
        let credential = match (self.password, self.pin) {
            (Some(p), None) => Credential::Password(p),
            (None, Some(p)) => Credential::Pin(p),
            _ => return Err(AppError::invalid("give either a password or a PIN")),
        };
        Ok((self.username, self.role, credential))
    }
}

/// Staff accounts (admin).
#[utoipa::path(get, path = "/api/users", tag = "staff", security(("bearer" = [])),
    responses((status = 200, body = StaffList), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<StaffList>, AppError> {
    users::list(&app, &actor)
        .await
        .map(|users| axum::Json(StaffList { users }))
}

/// Add a staff account with a password or a PIN (admin).
#[utoipa::path(post, path = "/api/users", tag = "staff", security(("bearer" = [])), request_body = NewStaff,
    responses((status = 201, body = StaffUser), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_user(
    State(app): State<App>,
    Auth(actor): Auth,
    Json(req): Json<NewStaff>,
) -> Result<(StatusCode, axum::Json<StaffUser>), AppError> {
    let (username, role, credential) = req.into_parts()?;
    let u = users::create_staff(&app, &actor, &username, role, credential).await?;
    Ok((StatusCode::CREATED, axum::Json(u)))
}

/// Disable, enable, or reset the password or PIN of a staff account (admin).
#[utoipa::path(patch, path = "/api/users/{id}", tag = "staff", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = StaffChange, responses((status = 200, body = StaffAccount), (status = 404, body = ErrorBody)))]
pub async fn update_user(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(uid): Path<String>,
    Json(change): Json<StaffChange>,
) -> Result<axum::Json<StaffAccount>, AppError> {
    users::update(&app, &actor, id(&uid, "staff account")?, change)
        .await
        .map(axum::Json)
}
