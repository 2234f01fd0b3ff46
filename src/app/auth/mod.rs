//! Authentication: argon2id passwords and PINs, HS256 access tokens, opaque
//! rotating refresh tokens grouped in families, PIN lockout. The use cases
//! are here; keys and hashing in [`keys`], sessions and tokens in [`sessions`].

mod keys;
mod lockout;
mod pin;
mod sessions;

pub use keys::hash_secret;
// Shared with head office (`crate::hq`), which signs owners in the same way.
pub(crate) use keys::AuthState;
pub use keys::{new_refresh_token, refresh_hash, verify_secret, DUMMY_HASH};
pub(crate) use lockout::{check_lockout, note_failure};
pub use pin::{login_pin, pin_here, PinHere, PinOrigin};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::user::{normalise_email, Role, Username};
use crate::store::users::{self as users_store, DeviceKind, UserRow};
use crate::store::StoreError;
use keys::blocking;

// `POST /api/auth/login`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// A staff username, or a customer's e-mail address.
    pub username: String,
    pub password: String,
}

// `POST /api/auth/pin`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinRequest {
    pub pin: String,
}

// `POST /api/auth/refresh`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// What a successful login, registration or refresh returns.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    pub role: Role,
    /// On pairing only: whether the new device is a customer kiosk or a
    /// staff terminal (where staff then sign in with their PINs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_kind: Option<DeviceKind>,
    /// On a PIN sign-in: the cashier's name, so the till can show who is
    /// signed in (a password sign-in knows the username it sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

pub(super) fn invalid_credentials() -> AppError {
    AppError::new(ErrorCode::InvalidCredentials, "wrong username or password")
}

pub(super) fn invalid_token() -> AppError {
    AppError::new(
        ErrorCode::InvalidToken,
        "the session is not valid; sign in again",
    )
}

/// Username (or a customer's e-mail) and password.
pub async fn login(app: &App, username: &str, password: &str) -> AppResult<TokenPair> {
    let (id, role) = check_password(app, username, password)
        .await?
        .ok_or_else(invalid_credentials)?;
    app.start_session(id, role).await
}

/// The enabled account `username` with `password`, or `None`. Takes as long
/// for an unknown name as for a wrong password.
pub(crate) async fn check_password(
    app: &App,
    username: &str,
    password: &str,
) -> AppResult<Option<(Uuid, Role)>> {
    // Customers sign in with the e-mail address they registered with, which
    // may hold characters a staff username may not (o'brien@…).
    let name = if username.contains('@') {
        normalise_email(username).ok()
    } else {
        Username::parse(username)
            .ok()
            .map(|n| n.as_str().to_string())
    };
    let Some(name) = name else {
        return Ok(None);
    };
    let row = app
        .store()
        .read(move |c| users_store::by_username(c, &name))
        .await?;
    let hash = row
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| app.inner.auth.dummy_hash.clone());
    let pw = password.to_string();
    let ok = blocking(move || verify_secret(&pw, &hash)).await?;
    Ok(match row {
        Some(u) if ok && u.password_hash.is_some() && !u.disabled => Some((u.id, u.role)),
        _ => None,
    })
}

enum RefreshOutcome {
    Rotated { user: UserRow, family: Uuid },
    Reused { family: Uuid },
}

/// How long after a refresh the same token may be presented once more
/// (the client never got the answer, e.g. a Wi-Fi drop).
const REFRESH_GRACE_SECONDS: i64 = 30;

/// Spends `refresh_token` and returns a new pair in the same family. A spent
/// token presented again revokes the whole family: 401 `token_reused` —
/// except a retry of the same refresh (the same `idempotency_key`), once,
/// within [`REFRESH_GRACE_SECONDS`], while the token it was replaced by is
/// unused: its answer was lost, so that token is spent and a new pair
/// answered.
pub async fn refresh(
    app: &App,
    refresh_token: &str,
    idempotency_key: Option<&str>,
) -> AppResult<TokenPair> {
    if let Some(k) = idempotency_key {
        super::orders::check_idempotency_key(k)?;
    }
    let key = idempotency_key.map(|k| super::sha256_hex(k.as_bytes()));
    let hash = refresh_hash(refresh_token);
    let next = new_refresh_token();
    let next_hash = refresh_hash(&next);
    let now = app.now();
    let user_days = app.refresh_lifetime(Role::Customer);
    let device_days = app.refresh_lifetime(Role::Kiosk);
    let outcome = app
        .store()
        .write(move |c| {
            let Some(row) = users_store::find_refresh(c, &hash)? else {
                return Err(invalid_token());
            };
            if row.family_revoked {
                return Err(invalid_token());
            }
            if row.expires_at <= now || row.user.disabled {
                return Err(invalid_token());
            }
            if let Some(spent_at) = row.spent_at {
                let recent = now - spent_at <= chrono::Duration::seconds(REFRESH_GRACE_SECONDS);
                let retry = key.is_some() && key == row.spent_key;
                let regranted = match (&row.replaced_by, retry && recent && !row.grace_used) {
                    (Some(lost), true) => {
                        users_store::regrant_refresh(c, &hash, lost, &next_hash, now)?
                    }
                    _ => false,
                };
                if !regranted {
                    users_store::revoke_family(c, row.family_id, now)?;
                    return Ok(RefreshOutcome::Reused {
                        family: row.family_id,
                    });
                }
            } else if !users_store::spend_refresh(c, &hash, &next_hash, key.as_deref(), now)? {
                return Err(StoreError::Corrupt(
                    "refresh token spent twice in one transaction".into(),
                )
                .into());
            }
            let lifetime = if row.user.role == Role::Kiosk {
                device_days
            } else {
                user_days
            };
            users_store::insert_refresh(c, &next_hash, row.family_id, now, now + lifetime)?;
            Ok(RefreshOutcome::Rotated {
                user: row.user,
                family: row.family_id,
            })
        })
        .await?;
    match outcome {
        RefreshOutcome::Rotated { user, family } => {
            app.token_pair(user.id, user.role, family, next)
        }
        RefreshOutcome::Reused { family } => {
            app.inner.auth.families.insert(family, true);
            tracing::warn!(family = %family, "refresh token reused; session family revoked");
            Err(AppError::new(
                ErrorCode::TokenReused,
                "this session was used twice and has been ended; sign in again",
            ))
        }
    }
}

/// Ends the caller's login (its whole refresh family and live access tokens).
pub async fn logout(app: &App, actor: &Actor) -> AppResult<()> {
    let Actor::User(p) = actor else {
        return Err(AppError::login_required());
    };
    let family = p.family_id;
    let now = app.now();
    app.store()
        .write(move |c| users_store::revoke_family(c, family, now))
        .await?;
    app.inner.auth.families.insert(family, true);
    Ok(())
}

/// The keyed lookup of a PIN, as the store keeps it.
pub fn pin_lookup(app: &App, pin: &str) -> String {
    app.inner.auth.pin_lookup(pin)
}

/// The enabled user whose PIN is `pin`, if any (the demo check).
pub(crate) async fn pin_holder(app: &App, pin: &str) -> AppResult<Option<String>> {
    let lookup = app.inner.auth.pin_lookup(pin);
    let row = app
        .store()
        .read(move |c| users_store::by_pin_lookup(c, &lookup))
        .await?;
    let Some(u) = row.filter(|u| !u.disabled) else {
        return Ok(None);
    };
    let Some(hash) = u.pin_hash.clone() else {
        return Ok(None);
    };
    let p = pin.to_string();
    let ok = blocking(move || verify_secret(&p, &hash)).await?;
    Ok(ok.then_some(u.username))
}

pub(crate) async fn hash_off_thread(secret: String) -> AppResult<String> {
    blocking(move || hash_secret(&secret)).await?
}
