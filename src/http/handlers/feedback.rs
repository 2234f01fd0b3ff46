//! Feedback on orders: left by the customer or kiosk that placed the order,
//! moderated by admins, approved ones public.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::feedback::{
    self, Feedback, FeedbackList, FeedbackStatus, LeaveFeedback, Moderation, PublicFeedbackList,
};
use crate::app::{parse_id, App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Json, Query};

/// Leave a rating (1 to 5) and maybe a comment on an order, once it is paid
/// or completed: the customer, kiosk or guest (at a table) that placed it only.
#[utoipa::path(operation_id = "leave_feedback", post, path = "/api/orders/{id}/feedback", tag = "feedback",
    security(("bearer" = [])), params(("id" = String, Path)), request_body = LeaveFeedback,
    responses((status = 201, body = Feedback), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, description = "someone else's order, or staff", body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, description = "feedback_exists or feedback_not_open", body = ErrorBody),
              (status = 422, description = "rating_out_of_range, comment_too_long or comment_invalid", body = ErrorBody)))]
pub async fn leave(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    Json(req): Json<LeaveFeedback>,
) -> Result<(StatusCode, axum::Json<Feedback>), AppError> {
    let f = feedback::leave(&app, &actor, parse_id(&id, "order")?, req).await?;
    Ok((StatusCode::CREATED, axum::Json(f)))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Only feedback in this state; all (pending first) when absent.
    pub status: Option<FeedbackStatus>,
}

/// Feedback to moderate (admins): newest first, pending first without a
/// status; at most 200.
#[utoipa::path(operation_id = "list_feedback", get, path = "/api/feedback", tag = "feedback",
    security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = FeedbackList), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(q): Query<ListQuery>,
) -> Result<axum::Json<FeedbackList>, AppError> {
    feedback::list(&app, &actor, q.status).await.map(axum::Json)
}

/// Approve or reject a feedback (admins); approved ones are public.
#[utoipa::path(operation_id = "moderate_feedback", post, path = "/api/feedback/{id}/moderation", tag = "feedback",
    security(("bearer" = [])), params(("id" = String, Path)), request_body = Moderation,
    responses((status = 200, body = Feedback), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn moderate(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    Json(req): Json<Moderation>,
) -> Result<axum::Json<Feedback>, AppError> {
    feedback::moderate(&app, &actor, parse_id(&id, "feedback")?, req)
        .await
        .map(axum::Json)
}

/// Approved feedback, newest first (anyone; at most 20): rating, comment
/// and at most the customer's first name.
#[utoipa::path(operation_id = "public_feedback", get, path = "/api/feedback/public", tag = "feedback",
    responses((status = 200, body = PublicFeedbackList)))]
pub async fn public(State(app): State<App>) -> Result<axum::Json<PublicFeedbackList>, AppError> {
    feedback::public(&app).await.map(axum::Json)
}
