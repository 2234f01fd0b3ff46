//! The admins' inbox.

use axum::extract::{Path, State};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::notifications::{self, Notification, NotificationList, Page, ReadAll};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Query};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// How many (1 to 200; 50 when absent).
    pub limit: Option<u32>,
    /// The next page: those older than this notification.
    pub before: Option<Uuid>,
    /// Only unread ones.
    #[serde(default)]
    pub unread: bool,
}

/// The inbox (admins): the unread count and the newest notifications, each
/// with a `kind` and the `params` a client words it with.
#[utoipa::path(operation_id = "list_notifications", get, path = "/api/notifications", tag = "notifications",
    security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = NotificationList), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(q): Query<ListQuery>,
) -> Result<axum::Json<NotificationList>, AppError> {
    let page = Page {
        limit: q.limit,
        before: q.before,
        unread_only: q.unread,
    };
    notifications::list(&app, &actor, page)
        .await
        .map(axum::Json)
}

/// Mark one notification read (admins).
#[utoipa::path(operation_id = "read_notification", post, path = "/api/notifications/{id}/read", tag = "notifications",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Notification), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<Notification>, AppError> {
    notifications::mark_read(&app, &actor, parse_id(&id, "notification")?)
        .await
        .map(axum::Json)
}

/// Mark every notification read (admins).
#[utoipa::path(operation_id = "read_all_notifications", post, path = "/api/notifications/read-all", tag = "notifications",
    security(("bearer" = [])),
    responses((status = 200, body = ReadAll), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn read_all(
    State(app): State<App>,
    Auth(actor): Auth,
) -> Result<axum::Json<ReadAll>, AppError> {
    notifications::mark_all_read(&app, &actor)
        .await
        .map(axum::Json)
}
