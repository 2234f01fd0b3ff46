//! Authentication: argon2id passwords and PINs, HS256 access tokens, opaque
//! rotating refresh tokens grouped in families, PIN lockout. The use cases
//! are here; keys and hashing in [`keys`], sessions and tokens in [`sessions`].

mod keys;
mod sessions;

pub use keys::hash_secret;
pub(crate) use keys::AuthState;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::user::{self, Role, Username};
use crate::store::users::{self as users_store, UserRow};
use crate::store::StoreError;
use keys::{blocking, new_refresh_token, refresh_hash, verify_secret, PinFailures};

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
    let Ok(name) = Username::parse(username) else {
        return Ok(None);
    };
    let name = name.as_str().to_string();
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

/// A cashier's PIN at the counter. `origin` identifies the device (its IP);
/// after `pin_max_failures` wrong PINs it is locked out for a while.
pub async fn login_pin(app: &App, pin: &str, origin: &str) -> AppResult<TokenPair> {
    let auth = &app.inner.auth;
    check_lockout(app, origin, |secs| {
        AppError::too_many(
            ErrorCode::PinLocked,
            format!("too many wrong PINs; PIN login is locked for {secs} s"),
            secs,
        )
    })?;
    let user = if user::check_pin(pin).is_ok() {
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
        Some(u) if ok && !u.disabled && u.pin_hash.is_some() => {
            auth.pin_failures.invalidate(origin);
            app.start_session(u.id, u.role).await
        }
        _ => {
            note_failure(app, origin);
            Err(AppError::new(ErrorCode::InvalidCredentials, "wrong PIN"))
        }
    }
}

/// Wrong secrets from one source (`key`: a device for PINs, a cashier for
/// refund approvals) lock that source out for `pin_lockout_seconds` after
/// `pin_max_failures` of them; `locked(secs)` is the answer meanwhile.
pub(crate) fn check_lockout(
    app: &App,
    key: &str,
    locked: impl FnOnce(u64) -> AppError,
) -> AppResult<()> {
    let Some(entry) = app.inner.auth.pin_failures.get(key) else {
        return Ok(());
    };
    let until: Option<Instant> = entry.lock().ok().and_then(|f| f.locked_until);
    match until {
        Some(until) if until > Instant::now() => {
            Err(locked((until - Instant::now()).as_secs_f64().ceil() as u64))
        }
        _ => Ok(()),
    }
}

/// Counts a wrong secret from `key` (see [`check_lockout`]).
pub(crate) fn note_failure(app: &App, key: &str) {
    let entry = app.inner.auth.pin_failures.get_with(key.to_string(), || {
        Arc::new(std::sync::Mutex::new(PinFailures {
            count: 0,
            locked_until: None,
        }))
    });
    let lockout = Duration::from_secs(u64::from(app.config().pin_lockout_seconds));
    let max = app.config().pin_max_failures;
    if let Ok(mut f) = entry.lock() {
        f.count += 1;
        if f.count >= max {
            f.locked_until = Some(Instant::now() + lockout);
            f.count = 0;
        }
    };
}

enum RefreshOutcome {
    Rotated { user: UserRow, family: Uuid },
    Reused { family: Uuid },
}

/// Spends `refresh_token` and returns a new pair in the same family. A spent
/// token presented again revokes the whole family: 401 `token_reused`.
pub async fn refresh(app: &App, refresh_token: &str) -> AppResult<TokenPair> {
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
            if row.spent {
                users_store::revoke_family(c, row.family_id, now)?;
                return Ok(RefreshOutcome::Reused {
                    family: row.family_id,
                });
            }
            if row.expires_at <= now || row.user.disabled {
                return Err(invalid_token());
            }
            if !users_store::spend_refresh(c, &hash, now)? {
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

pub(crate) fn pin_lookup(app: &App, pin: &str) -> String {
    app.inner.auth.pin_lookup(pin)
}

pub(crate) async fn hash_off_thread(secret: String) -> AppResult<String> {
    blocking(move || hash_secret(&secret)).await?
}
