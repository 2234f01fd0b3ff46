//! The admins' inbox: notifications about things worth a look (new
//! feedback, the printer offline, an item sold out, a refund above the
//! cashiers' limit, a shift closed with a cash difference, head office
//! behind). They come from one place, [`watch`], which follows the app's
//! event bus and checks the head-office backlog now and then; nothing else
//! writes them. One inbox for the shop: what one admin reads is read.
//!
//! Each notification has a `kind` and `params` a client words it with
//! (the web client in English and German), and an English `message`.
//! Each new one is published as `notification.created` (admins only).

mod notice;
pub mod watch;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult};
use crate::domain::user::Role;
use crate::store::notifications::{self as store, NewNotification, NotificationRow};
pub use notice::{Notice, NotificationKind};

/// Notifications one page answers by default, and at most.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Notification {
    pub id: Uuid,
    pub kind: NotificationKind,
    /// English; a client words it from `kind` and `params`.
    pub message: String,
    /// The values the text is made of (plain values, Money as `{amount, currency}`).
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub params: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotificationList {
    /// All unread notifications, not only those on this page.
    pub unread: i64,
    /// Newest first.
    pub notifications: Vec<Notification>,
}

/// What `POST /api/notifications/read-all` did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReadAll {
    /// How many were unread and are read now.
    pub marked: i64,
    pub unread: i64,
}

/// A page of the inbox: its size, the one it follows, unread only.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub limit: Option<u32>,
    pub before: Option<Uuid>,
    pub unread_only: bool,
}

fn view(r: NotificationRow) -> AppResult<Notification> {
    let kind = NotificationKind::parse(&r.kind).ok_or_else(|| {
        AppError::internal(anyhow::anyhow!("stored notification kind {:?}", r.kind))
    })?;
    Ok(Notification {
        id: r.id,
        kind,
        message: r.message,
        params: serde_json::from_str(&r.params).map_err(AppError::internal)?,
        created_at: r.created_at,
        read: r.read_at.is_some(),
    })
}

const WHAT: &str = "read the notifications";

/// The newest notifications and the unread count (admins).
pub async fn list(app: &App, actor: &Actor, page: Page) -> AppResult<NotificationList> {
    actor.require(&[Role::Admin], WHAT)?;
    let limit = page.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let (rows, unread) = app
        .store()
        .read(move |c| -> AppResult<_> {
            Ok((
                store::list(c, page.before, page.unread_only, limit)?,
                store::unread(c)?,
            ))
        })
        .await?;
    Ok(NotificationList {
        unread,
        notifications: rows.into_iter().map(view).collect::<AppResult<_>>()?,
    })
}

/// Marks one notification read (admins); 404 for no such notification.
pub async fn mark_read(app: &App, actor: &Actor, id: Uuid) -> AppResult<Notification> {
    actor.require(&[Role::Admin], WHAT)?;
    let now = app.now();
    app.store()
        .write(move |c| -> AppResult<Notification> {
            if !store::mark_read(c, id, now)? {
                return Err(AppError::not_found("no such notification"));
            }
            view(store::get(c, id)?.ok_or_else(|| AppError::not_found("no such notification"))?)
        })
        .await
}

/// Marks every notification read (admins).
pub async fn mark_all_read(app: &App, actor: &Actor) -> AppResult<ReadAll> {
    actor.require(&[Role::Admin], WHAT)?;
    let now = app.now();
    app.store()
        .write(move |c| -> AppResult<ReadAll> {
            let marked = store::mark_all_read(c, now)?;
            Ok(ReadAll {
                marked: i64::try_from(marked).unwrap_or(i64::MAX),
                unread: store::unread(c)?,
            })
        })
        .await
}

/// Writes `notice` unless one with its key holds it, and tells admins.
/// Whether it was written.
pub(crate) async fn raise(app: &App, notice: Notice) -> AppResult<bool> {
    let (id, now) = (app.new_id(), app.now());
    let params = notice.params();
    let written = app
        .store()
        .write(move |c| -> AppResult<Option<Notification>> {
            let params_json = params.to_string();
            let message = notice.message();
            let key = notice.key();
            let new = NewNotification {
                id,
                kind: notice.kind().as_str(),
                params: &params_json,
                message: &message,
                dedupe_key: key.as_deref(),
                at: now,
            };
            if !store::insert(c, &new)? {
                return Ok(None);
            }
            Ok(Some(Notification {
                id,
                kind: notice.kind(),
                message,
                params,
                created_at: now,
                read: false,
            }))
        })
        .await?;
    match written {
        Some(n) => {
            app.inner.events.publish("notification.created", &n);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Frees `key`: the condition it stood for is over (the printer is back),
/// so the next one is news again.
pub(crate) async fn release(app: &App, key: String) -> AppResult<()> {
    let held = {
        let key = key.clone();
        app.store().read(move |c| store::held(c, &key)).await?
    };
    if held {
        app.store().write(move |c| store::release(c, &key)).await?;
    }
    Ok(())
}
