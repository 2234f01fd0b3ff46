//! An admin's approval given at the till: their username and password,
//! typed in by the admin beside the cashier, for a refund or a discount
//! above what a cashier may give alone. Wrong ones are counted per cashier
//! (so an approval field cannot be used to guess a password) and lock
//! approvals for a while, recorded in the audit log.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::app::audit::{self, AuditAction};
use crate::app::{auth, App, AppError, AppResult, ErrorCode};
use crate::domain::user::Role;

/// An admin's username and password, approving one refund or discount.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub username: String,
    pub password: String,
}

/// The approving admin's id when `approval` is an admin's sign-in;
/// `refused()` without one or with a wrong one, 429 `approval_locked`
/// after repeated wrong ones from the cashier `who`.
pub(super) async fn approve(
    app: &App,
    who: Option<Uuid>,
    approval: Option<&Approval>,
    refused: impl Fn() -> AppError,
) -> AppResult<Uuid> {
    let Some(a) = approval else {
        return Err(refused());
    };
    let key = format!(
        "approval:{}",
        who.map_or_else(String::new, |u| u.to_string())
    );
    auth::check_lockout(app, &key, |secs| {
        AppError::too_many(
            ErrorCode::ApprovalLocked,
            format!(
                "too many wrong approvals; try again in {} min",
                secs.div_ceil(60)
            ),
            secs,
        )
        .with_params(serde_json::json!({ "seconds": secs, "minutes": secs.div_ceil(60) }))
    })?;
    match auth::check_password(app, &a.username, &a.password).await? {
        Some((id, Role::Admin)) => Ok(id),
        _ => {
            if let Some(lockout) = auth::note_failure(app, &key) {
                let detail = serde_json::json!({ "seconds": lockout.as_secs() });
                let action = AuditAction::ApprovalsLocked;
                audit::record_alone(app, who, action, String::new(), detail).await?;
            }
            Err(refused())
        }
    }
}
