//! The audit log (admins read it): voids, refunds, staff and credential
//! changes, device pairing and revocation, devices locked out for wrong
//! PINs. Each entry is written in the transaction of the change it records.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{Actor, App, AppResult};
use crate::domain::user::Role;
use crate::store::audit as store;
use crate::store::StoreResult;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SetupCompleted,
    StaffCreated,
    StaffDisabled,
    StaffEnabled,
    PasswordChanged,
    PinChanged,
    DevicePaired,
    DeviceRevoked,
    /// A device tripped the wrong-PIN limit.
    DeviceLocked,
    /// A cashier tripped the wrong-approval limit.
    ApprovalsLocked,
    OrderCancelled,
    OrderRefunded,
    /// Staff gave a manual discount (with the approving admin, if any).
    DiscountGiven,
}

impl AuditAction {
    fn as_str(self) -> &'static str {
        match self {
            Self::SetupCompleted => "setup_completed",
            Self::StaffCreated => "staff_created",
            Self::StaffDisabled => "staff_disabled",
            Self::StaffEnabled => "staff_enabled",
            Self::PasswordChanged => "password_changed",
            Self::PinChanged => "pin_changed",
            Self::DevicePaired => "device_paired",
            Self::DeviceRevoked => "device_revoked",
            Self::DeviceLocked => "device_locked",
            Self::ApprovalsLocked => "approvals_locked",
            Self::OrderCancelled => "order_cancelled",
            Self::OrderRefunded => "order_refunded",
            Self::DiscountGiven => "discount_given",
        }
    }
}

/// Records `action` in the caller's transaction.
pub(crate) fn record(
    c: &rusqlite::Connection,
    at: DateTime<Utc>,
    actor: Option<Uuid>,
    action: AuditAction,
    subject: &str,
    detail: serde_json::Value,
) -> StoreResult<()> {
    store::insert(
        c,
        &store::NewEntry {
            at,
            actor,
            action: action.as_str(),
            subject,
            detail: &detail,
        },
    )
}

/// Records `action` in a transaction of its own (for events that change
/// nothing else, such as a lockout).
pub(crate) async fn record_alone(
    app: &App,
    actor: Option<Uuid>,
    action: AuditAction,
    subject: String,
    detail: serde_json::Value,
) -> AppResult<()> {
    let at = app.now();
    app.store()
        .write(move |c| record(c, at, actor, action, &subject, detail))
        .await?;
    Ok(())
}

/// One entry of the audit log.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    /// Increasing; pass the last one seen as `before` for the next page.
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// Who did it (`null` for the operator at the machine).
    pub actor_id: Option<Uuid>,
    /// Their username then (`system` for the operator).
    pub actor_name: String,
    /// One of [`AuditAction`]; unknown actions may be added later.
    pub action: String,
    pub subject: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

// `GET /api/audit`: a page of the log, newest first.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Entries older than this `seq`.
    pub before: Option<i64>,
    /// At most this many (1–500, default 100).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
}

/// A page of the audit log, newest first (admin).
pub async fn list(app: &App, actor: &Actor, q: AuditQuery) -> AppResult<AuditPage> {
    actor.require(&[Role::Admin], "read the audit log")?;
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let before = q.before;
    let rows = app
        .store()
        .read(move |c| store::page(c, before, limit))
        .await?;
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(|r| AuditEntry {
                seq: r.seq,
                at: r.at,
                actor_id: r.actor_id,
                actor_name: r.actor_name,
                action: r.action,
                subject: r.subject,
                detail: r.detail,
            })
            .collect(),
    })
}
