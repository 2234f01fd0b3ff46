//! Feedback: a rating of 1 to 5 stars and an optional comment on an order,
//! left once by the customer or kiosk that placed it, after the order is
//! paid or completed (never on a cancelled one). An admin approves or
//! rejects it; approved comments are public (the kiosk shows them) with at
//! most the customer's first name beside them.
//!
//! Events: `feedback.created` and `feedback.moderated` (admins: the
//! [`Feedback`]), `feedback.public` (everyone: the [`PublicFeedbackList`]
//! after a moderation). The admins' inbox hears of new feedback from the
//! first of them (see `notifications`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::feedback::{self as rules, FeedbackProblem};
use crate::domain::order::OrderStatus;
use crate::domain::user::Role;
use crate::store::customers as customer_store;
use crate::store::feedback::{self as store, FeedbackRow, NewFeedback};
use crate::store::orders as order_store;

/// Most feedback the admin's list answers.
pub const LIST_LIMIT: u32 = 200;
/// Most approved feedback the public list answers.
pub const PUBLIC_LIMIT: u32 = 20;

// `POST /api/orders/{id}/feedback`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeaveFeedback {
    /// 1 to 5 stars.
    pub rating: i64,
    /// Plain text, up to 500 characters (trimmed; line breaks allowed).
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStatus {
    Pending,
    Approved,
    Rejected,
}

impl FeedbackStatus {
    fn as_str(self) -> &'static str {
        match self {
            FeedbackStatus::Pending => "pending",
            FeedbackStatus::Approved => "approved",
            FeedbackStatus::Rejected => "rejected",
        }
    }

    fn parse(s: &str) -> AppResult<Self> {
        match s {
            "pending" => Ok(FeedbackStatus::Pending),
            "approved" => Ok(FeedbackStatus::Approved),
            "rejected" => Ok(FeedbackStatus::Rejected),
            other => Err(AppError::internal(anyhow::anyhow!(
                "stored feedback status {other:?}"
            ))),
        }
    }
}

/// A feedback as admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Feedback {
    pub id: Uuid,
    pub order_id: Uuid,
    /// The order's ticket number.
    pub order_number: i64,
    pub rating: u8,
    pub comment: Option<String>,
    pub status: FeedbackStatus,
    /// The customer's name, for an order of a known customer.
    pub customer_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub moderated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FeedbackList {
    pub feedback: Vec<Feedback>,
}

/// An approved feedback as anyone sees it: no order, no contact, at most a
/// first name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PublicFeedback {
    pub id: Uuid,
    pub rating: u8,
    pub comment: Option<String>,
    /// The customer's first name; none for a kiosk's order.
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicFeedbackList {
    pub feedback: Vec<PublicFeedback>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

// `POST /api/feedback/{id}/moderation`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Moderation {
    pub decision: Decision,
}

fn view(r: FeedbackRow) -> AppResult<Feedback> {
    Ok(Feedback {
        id: r.id,
        order_id: r.order_id,
        order_number: r.order_number,
        rating: r.rating,
        comment: r.comment,
        status: FeedbackStatus::parse(&r.status)?,
        customer_name: r.customer_name,
        created_at: r.created_at,
        moderated_at: r.moderated_at,
    })
}

fn refused(p: FeedbackProblem) -> AppError {
    match p {
        FeedbackProblem::RatingOutOfRange => {
            AppError::new(ErrorCode::RatingOutOfRange, "a rating is 1 to 5 stars")
                .with_params(json!({ "min": rules::MIN_RATING, "max": rules::MAX_RATING }))
        }
        FeedbackProblem::CommentTooLong => AppError::new(
            ErrorCode::CommentTooLong,
            format!("a comment has at most {} characters", rules::MAX_COMMENT),
        )
        .with_params(json!({ "max": rules::MAX_COMMENT })),
        FeedbackProblem::CommentInvalid => AppError::new(
            ErrorCode::CommentInvalid,
            "a comment is plain text: no control characters",
        ),
    }
}

/// Leaves feedback on an order (the customer or kiosk that placed it):
/// 404 for no such order, 403 for someone else's, 409 `feedback_exists`
/// for a second one and `feedback_not_open` before the order is paid or
/// completed or when it was cancelled.
pub async fn leave(
    app: &App,
    actor: &Actor,
    order_id: Uuid,
    req: LeaveFeedback,
) -> AppResult<Feedback> {
    // A guest at a table rates the orders of their own session.
    let (role, guest) = match actor {
        Actor::Guest(g) => (Role::Customer, Some(g.session_id)),
        _ => (
            actor.require(&[Role::Customer, Role::Kiosk], "leave feedback on an order")?,
            None,
        ),
    };
    let rating = rules::rating(req.rating).map_err(refused)?;
    let comment = rules::comment(req.comment.as_deref()).map_err(refused)?;
    let (id, uid, now) = (app.new_id(), actor.user_id(), app.now());
    let feedback = app
        .store()
        .write(move |c| -> AppResult<Feedback> {
            let (placed_by, customer) = order_store::owner(c, order_id)?
                .ok_or_else(|| AppError::not_found("no such order"))?;
            let own = match (role, uid) {
                _ if guest.is_some() => crate::store::tables::guest_of(c, order_id)? == guest,
                (_, Some(u)) if placed_by == Some(u) => true,
                (Role::Customer, Some(u)) => {
                    customer.is_some() && customer_store::id_for_user(c, u)? == customer
                }
                _ => false,
            };
            if !own {
                return Err(AppError::forbidden(
                    "only the customer or kiosk that placed an order may rate it",
                ));
            }
            if store::exists_for_order(c, order_id)? {
                return Err(AppError::new(
                    ErrorCode::FeedbackExists,
                    "this order has feedback already",
                ));
            }
            let order = order_store::get(c, order_id)?
                .ok_or_else(|| AppError::not_found("no such order"))?;
            let open = order.status != OrderStatus::Cancelled
                && (order.paid || order.status == OrderStatus::Completed);
            if !open {
                return Err(AppError::new(
                    ErrorCode::FeedbackNotOpen,
                    "feedback opens once the order is paid or completed (never on a cancelled one)",
                )
                .with_params(json!({ "status": order.status })));
            }
            store::insert(
                c,
                &NewFeedback {
                    id,
                    order_id,
                    rating,
                    comment: comment.as_deref(),
                    left_by: uid,
                    at: now,
                },
            )?;
            view(store::get(c, id)?.ok_or_else(|| AppError::not_found("no such feedback"))?)
        })
        .await?;
    app.inner.events.publish("feedback.created", &feedback);
    Ok(feedback)
}

/// Feedback by status (all when `None`: pending first), newest first (admins).
pub async fn list(
    app: &App,
    actor: &Actor,
    status: Option<FeedbackStatus>,
) -> AppResult<FeedbackList> {
    actor.require(&[Role::Admin], "moderate feedback")?;
    let rows = app
        .store()
        .read(move |c| store::list(c, status.map(FeedbackStatus::as_str), LIST_LIMIT))
        .await?;
    Ok(FeedbackList {
        feedback: rows.into_iter().map(view).collect::<AppResult<_>>()?,
    })
}

/// Approves or rejects a feedback (admins; again to change one's mind).
pub async fn moderate(app: &App, actor: &Actor, id: Uuid, req: Moderation) -> AppResult<Feedback> {
    actor.require(&[Role::Admin], "moderate feedback")?;
    let status = match req.decision {
        Decision::Approve => FeedbackStatus::Approved,
        Decision::Reject => FeedbackStatus::Rejected,
    };
    let (by, now) = (actor.user_id(), app.now());
    let feedback = app
        .store()
        .write(move |c| -> AppResult<Feedback> {
            if !store::moderate(c, id, status.as_str(), by, now)? {
                return Err(AppError::not_found("no such feedback"));
            }
            view(store::get(c, id)?.ok_or_else(|| AppError::not_found("no such feedback"))?)
        })
        .await?;
    app.inner.events.publish("feedback.moderated", &feedback);
    match public_list(app).await {
        Ok(list) => app.inner.events.publish("feedback.public", &list),
        Err(e) => tracing::warn!(error = %e.message, "public feedback not refreshed"),
    }
    Ok(feedback)
}

/// The newest approved feedback (anyone, signed in or not).
pub async fn public(app: &App) -> AppResult<PublicFeedbackList> {
    public_list(app).await
}

async fn public_list(app: &App) -> AppResult<PublicFeedbackList> {
    let rows = app
        .store()
        .read(|c| store::approved(c, PUBLIC_LIMIT))
        .await?;
    Ok(PublicFeedbackList {
        feedback: rows
            .into_iter()
            .map(|r| PublicFeedback {
                id: r.id,
                rating: r.rating,
                comment: r.comment,
                name: r.customer_name.as_deref().and_then(rules::first_name),
                created_at: r.created_at,
            })
            .collect(),
    })
}
