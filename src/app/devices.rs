//! Pairing devices: an admin makes a one-time 6-digit code for a customer
//! kiosk or a staff terminal (a till where cashiers may use their PIN); the
//! device redeems it for a long-lived `kiosk` login that admins can list and
//! revoke. A live code stops working after [`MAX_CODE_FAILURES`] wrong codes.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use serde_json::json;

use super::audit::{self, AuditAction};
use super::auth::TokenPair;
use super::{sha256_hex, Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::user::Role;
use crate::domain::Field;
use crate::store::devices as store;
use crate::store::users::{self as users_store, DeviceKind, NewUser};

/// How long a pairing code can be used.
pub const CODE_MINUTES: i64 = 10;

/// Wrong codes tried while a code is live before it stops working: a
/// million codes cannot be guessed in ten tries.
pub const MAX_CODE_FAILURES: u32 = 10;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PairingCode {
    /// Six digits, shown to the admin (and as a QR code) once.
    pub code: String,
    pub name: String,
    pub kind: DeviceKind,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Device {
    pub id: Uuid,
    pub name: String,
    pub kind: DeviceKind,
    pub created_at: DateTime<Utc>,
    pub revoked: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
// `POST /api/devices/pairing-codes`.
pub struct NewPairingCode {
    /// What the tablet will be called, e.g. "Window tablet".
    pub name: String,
    /// A customer kiosk (the default) or a staff terminal.
    #[serde(default = "kiosk")]
    pub kind: DeviceKind,
}

fn kiosk() -> DeviceKind {
    DeviceKind::Kiosk
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
// `POST /api/devices/pair`.
pub struct PairRequest {
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
// Paired devices, as lists are answered.
pub struct DeviceList {
    pub devices: Vec<Device>,
}

fn code_hash(code: &str) -> String {
    sha256_hex(format!("crema pairing code {code}").as_bytes())
}

fn check_device_name(name: &str) -> AppResult<String> {
    crate::app::error::check_text(
        name,
        Field::DeviceName,
        60,
        "a device name must be 1 to 60 characters",
    )
}

/// A new one-time pairing code (admin).
pub async fn create_code(
    app: &App,
    actor: &Actor,
    name: &str,
    kind: DeviceKind,
) -> AppResult<PairingCode> {
    actor.require(&[Role::Admin], "pair devices")?;
    let name = check_device_name(name)?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let hash = code_hash(&code);
    let now = app.now();
    let expires_at = now + Duration::minutes(CODE_MINUTES);
    let by = actor.user_id();
    let n = name.clone();
    app.store()
        .write(move |c| store::insert_code(c, &hash, &n, kind, by, now, expires_at))
        .await
        // two live codes colliding is vanishingly rare: 409 `try_again`
        ?;
    Ok(PairingCode {
        code,
        name,
        kind,
        expires_at,
    })
}

/// Redeems a pairing code (anyone holding it): the tablet becomes a device
/// with its own long-lived `kiosk` login.
pub async fn pair(app: &App, code: &str) -> AppResult<TokenPair> {
    let code = code.trim();
    let invalid = || {
        AppError::new(
            ErrorCode::InvalidPairingCode,
            "that pairing code is wrong or has expired",
        )
    };
    super::setup::require_done(app).await?;
    let well_formed = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
    let hash = code_hash(code);
    let now = app.now();
    let device_id = app.new_id();
    let session = app.new_session(Role::Kiosk);
    let rows = session.clone();
    let paired = app
        .store()
        .write(move |c| -> AppResult<_> {
            let redeemed = if well_formed {
                store::redeem_code(c, &hash, now, MAX_CODE_FAILURES)?
            } else {
                None
            };
            let Some(store::Redeemed {
                name,
                kind,
                created_by,
            }) = redeemed
            else {
                // Counted against every live code, since a wrong guess
                // cannot tell which one it aimed at.
                store::count_failure(c, now)?;
                return Ok(None);
            };
            users_store::insert(
                c,
                &NewUser {
                    id: device_id,
                    username: &format!("device-{device_id}"),
                    role: Role::Kiosk,
                    display_name: &name,
                    password_hash: None,
                    pin_hash: None,
                    pin_lookup: None,
                    device_kind: Some(kind),
                    created_at: now,
                },
            )?;
            rows.write(c, device_id)?;
            // Recorded as done by the admin who made the code.
            let detail = json!({ "kind": kind, "device_id": device_id });
            audit::record(c, now, created_by, AuditAction::DevicePaired, &name, detail)?;
            Ok(Some(kind))
        })
        .await?;
    let Some(kind) = paired else {
        return Err(invalid());
    };
    let mut tokens = app.finish_session(session, device_id, Role::Kiosk)?;
    tokens.device_kind = Some(kind);
    Ok(tokens)
}

/// Paired devices (admin).
pub async fn list(app: &App, actor: &Actor) -> AppResult<Vec<Device>> {
    actor.require(&[Role::Admin], "see paired devices")?;
    let rows = app.store().read(store::list).await?;
    Ok(rows
        .into_iter()
        .map(|d| Device {
            id: d.id,
            name: d.name,
            kind: d.kind,
            created_at: d.created_at,
            revoked: d.revoked,
        })
        .collect())
}

/// Revokes a device (admin): its tokens stop working at once.
pub async fn revoke(app: &App, actor: &Actor, id: Uuid) -> AppResult<()> {
    actor.require(&[Role::Admin], "revoke devices")?;
    let now = app.now();
    let by = actor.user_id();
    let families = app
        .store()
        .write(move |c| -> AppResult<_> {
            let Some((name, families)) = store::revoke(c, id, now)? else {
                return Ok(None);
            };
            audit::record(c, now, by, AuditAction::DeviceRevoked, &name, json!({}))?;
            Ok(Some(families))
        })
        .await?
        .ok_or_else(|| AppError::not_found("no such device"))?;
    app.families_revoked(&families);
    Ok(())
}
