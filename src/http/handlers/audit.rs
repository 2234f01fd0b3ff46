use axum::extract::State;

use crate::app::audit::{self, AuditPage, AuditQuery};
use crate::app::{App, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::{Auth, Query};

/// The audit log, newest first (admin): voids, refunds, staff and
/// credential changes, device pairing and revocation, lockouts. Page with
/// `before` = the last `seq` seen.
#[utoipa::path(operation_id = "list_audit_log", get, path = "/api/audit", tag = "settings", security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    Auth(actor): Auth,
    Query(q): Query<AuditQuery>,
) -> Result<axum::Json<AuditPage>, AppError> {
    audit::list(&app, &actor, q).await.map(axum::Json)
}
