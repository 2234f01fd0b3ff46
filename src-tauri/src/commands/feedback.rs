//! Feedback on orders and the admins' inbox.

use crema::app::feedback::{
    self, Feedback, FeedbackList, FeedbackStatus, LeaveFeedback, Moderation, PublicFeedbackList,
};
use crema::app::notifications::{self, Notification, NotificationList, Page, ReadAll};
use crema::app::parse_id;

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn leave_feedback(
    s: S<'_>,
    token: Option<String>,
    id: String,
    feedback: LeaveFeedback,
) -> CmdResult<Feedback> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(feedback::leave(&s.app, &actor, parse_id(&id, "order")?, feedback).await?)
}

#[tauri::command]
pub async fn list_feedback(
    s: S<'_>,
    token: Option<String>,
    status: Option<FeedbackStatus>,
) -> CmdResult<FeedbackList> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(feedback::list(&s.app, &actor, status).await?)
}

#[tauri::command]
pub async fn moderate_feedback(
    s: S<'_>,
    token: Option<String>,
    id: String,
    moderation: Moderation,
) -> CmdResult<Feedback> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(feedback::moderate(&s.app, &actor, parse_id(&id, "feedback")?, moderation).await?)
}

#[tauri::command]
pub async fn public_feedback(s: S<'_>) -> CmdResult<PublicFeedbackList> {
    Ok(feedback::public(&s.app).await?)
}

#[tauri::command]
pub async fn list_notifications(
    s: S<'_>,
    token: Option<String>,
    limit: Option<u32>,
    before: Option<String>,
    unread: Option<bool>,
) -> CmdResult<NotificationList> {
    let actor = s.actor(token.as_deref()).await?;
    let before = before
        .as_deref()
        .map(|b| parse_id(b, "notification"))
        .transpose()?;
    let page = Page {
        limit,
        before,
        unread_only: unread.unwrap_or(false),
    };
    Ok(notifications::list(&s.app, &actor, page).await?)
}

#[tauri::command]
pub async fn read_notification(
    s: S<'_>,
    token: Option<String>,
    id: String,
) -> CmdResult<Notification> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(notifications::mark_read(&s.app, &actor, parse_id(&id, "notification")?).await?)
}

#[tauri::command]
pub async fn read_all_notifications(s: S<'_>, token: Option<String>) -> CmdResult<ReadAll> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(notifications::mark_all_read(&s.app, &actor).await?)
}
