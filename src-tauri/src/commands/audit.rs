//! The audit log (admin).

use crema::app::audit::{self, AuditPage, AuditQuery};

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn list_audit_log(
    s: S<'_>,
    token: Option<String>,
    before: Option<i64>,
    limit: Option<u32>,
) -> CmdResult<AuditPage> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(audit::list(&s.app, &actor, AuditQuery { before, limit }).await?)
}
