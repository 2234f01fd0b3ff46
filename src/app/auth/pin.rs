//! PIN sign-in. A PIN is a convenience of a trusted till, not a network
//! password: it is accepted from the counter app itself, from a browser on
//! the server's own machine, and from devices an admin paired as staff
//! terminals — from nobody else. Wrong PINs count per device.

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::keys::{blocking, verify_secret};
use super::lockout::{check_lockout, note_failure};
use super::TokenPair;
use crate::app::audit::{self, AuditAction};
use crate::app::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::user::{self, Role};
use crate::store::users::{self as users_store, DeviceKind};

/// Where a PIN sign-in comes from.
#[derive(Debug, Clone)]
pub enum PinOrigin {
    /// The counter app's own window (its commands, not the network).
    Counter,
    /// A browser on the server's own machine: a loopback connection that
    /// did not come through a proxy, addressed to a loopback host name.
    Local,
    /// A client that presented a token: allowed when that token is a paired
    /// staff terminal's.
    Device(Actor),
    /// Anyone else on the shop's network.
    Remote,
}

fn not_here() -> AppError {
    AppError::new(
        ErrorCode::PinNotAllowed,
        "PIN sign-in works only at the counter and on paired staff terminals; sign in with username and password",
    )
}

/// A trusted till: its lockout key, and the paired device's id and name if
/// it is one.
struct Till {
    key: String,
    device: Option<(Uuid, String)>,
}

/// The till a PIN comes from, if it is a trusted one.
async fn trusted(app: &App, origin: &PinOrigin) -> AppResult<Till> {
    let here = |key: &str| Till {
        key: key.into(),
        device: None,
    };
    match origin {
        PinOrigin::Counter => Ok(here("pin:counter")),
        PinOrigin::Local => Ok(here("pin:local")),
        PinOrigin::Remote => Err(not_here()),
        PinOrigin::Device(actor) => {
            let (Some(Role::Kiosk), Some(id)) = (actor.role(), actor.user_id()) else {
                return Err(not_here());
            };
            let row = app.store().read(move |c| users_store::by_id(c, id)).await?;
            match row {
                Some(u) if !u.disabled && u.device_kind == Some(DeviceKind::Terminal) => Ok(Till {
                    key: format!("pin:device:{id}"),
                    device: Some((id, u.display_name)),
                }),
                _ => Err(not_here()),
            }
        }
    }
}

/// Whether this client may sign in with a PIN (`GET /api/auth/pin`): the
/// sign-in screen opens on the PIN pad where it may, on the password
/// elsewhere.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PinHere {
    pub allowed: bool,
}

/// Whether a PIN from `origin` would be taken (a locked till still counts
/// as one: it is told so when it tries).
pub async fn pin_here(app: &App, origin: PinOrigin) -> AppResult<PinHere> {
    match trusted(app, &origin).await {
        Ok(_) => Ok(PinHere { allowed: true }),
        Err(e) if e.code == ErrorCode::PinNotAllowed => Ok(PinHere { allowed: false }),
        Err(e) => Err(e),
    }
}

/// A cashier's PIN on a trusted till. After `pin_max_failures` wrong PINs
/// that till is locked out, each time longer; admins are told.
pub async fn login_pin(app: &App, pin: &str, origin: PinOrigin) -> AppResult<TokenPair> {
    let till = trusted(app, &origin).await?;
    let key = till.key.clone();
    let auth = &app.inner.auth;
    check_lockout(app, &key, |secs| {
        AppError::too_many(
            ErrorCode::PinLocked,
            format!(
                "too many wrong PINs; PIN sign-in here is locked for {} min",
                secs.div_ceil(60)
            ),
            secs,
        )
        .with_params(serde_json::json!({ "seconds": secs, "minutes": secs.div_ceil(60) }))
    })?;
    // Existing 4- and 5-digit PINs still sign in; new ones need 6.
    let user = if user::check_pin_format(pin).is_ok() {
        let lookup = auth.pin_lookup(pin);
        app.store()
            .read(move |c| users_store::by_pin_lookup(c, &lookup))
            .await?
    } else {
        None
    };
    let hash = user
        .as_ref()
        .and_then(|u| u.pin_hash.clone())
        .unwrap_or_else(|| auth.dummy_hash.clone());
    let p = pin.to_string();
    let ok = blocking(move || verify_secret(&p, &hash)).await?;
    match user {
        // Admins never sign in with a PIN, even one set before that rule.
        Some(u) if ok && !u.disabled && u.pin_hash.is_some() && u.role == Role::Cashier => {
            let mut tokens = app.start_session(u.id, u.role).await?;
            tokens.name = Some(if u.display_name.trim().is_empty() {
                u.username
            } else {
                u.display_name
            });
            Ok(tokens)
        }
        _ => {
            if let Some(lockout) = note_failure(app, &key) {
                device_locked(app, &till, lockout.as_secs()).await;
            }
            Err(AppError::new(ErrorCode::InvalidCredentials, "wrong PIN")
                .with_params(serde_json::json!({ "reason": "pin" })))
        }
    }
}

/// Records a lockout in the audit log and tells the admins signed in.
async fn device_locked(app: &App, till: &Till, seconds: u64) {
    let source = till.key.trim_start_matches("pin:").to_string();
    // The device's name where it is a paired terminal (`counter` or `local` otherwise).
    let subject = till
        .device
        .as_ref()
        .map_or_else(|| source.clone(), |(_, name)| name.clone());
    tracing::warn!(%source, seconds, "too many wrong PINs; PIN sign-in locked");
    let detail = json!({ "seconds": seconds, "source": source });
    if let Err(e) = audit::record_alone(
        app,
        till.device.as_ref().map(|(id, _)| *id),
        AuditAction::DeviceLocked,
        subject.clone(),
        detail,
    )
    .await
    {
        tracing::error!(error = %e, "could not record a PIN lockout in the audit log");
    }
    app.inner.events.publish(
        "security.alert",
        &json!({ "kind": "device_locked", "source": source, "device": subject, "seconds": seconds }),
    );
}
