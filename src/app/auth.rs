//! Authentication: argon2id passwords and PINs, HS256 access tokens, opaque
//! rotating refresh tokens grouped in families, PIN lockout.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode, Principal, StartError};
use crate::config::Config;
use crate::domain::user::{self, Role, Username};
use crate::store::users::{self as users_store, UserRow};
use crate::store::StoreError;

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

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: Role,
    fam: String,
    iat: i64,
    exp: i64,
}

struct PinFailures {
    count: u32,
    locked_until: Option<Instant>,
}

pub(crate) struct AuthState {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pin_key: Vec<u8>,
    /// family id → revoked? Revocations are written here as they commit, so
    /// the cache is never stale about a revocation made by this process.
    families: moka::sync::Cache<Uuid, bool>,
    pin_failures: moka::sync::Cache<String, Arc<std::sync::Mutex<PinFailures>>>,
    /// A real hash to verify against when the user is unknown, so both
    /// answers take the same time.
    dummy_hash: String,
}

const SECRET_FILE: &str = "jwt.secret";

/// An argon2id hash (same parameters as real ones) that unknown users are
/// checked against, so "no such user" takes as long as "wrong password".
/// A constant, so start-up does not spend 19 MiB and tens of milliseconds on it.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$wlCR4Tk8AAMzQzPQ+Vd+oA$Iu7mQ9Ymk6MSACsVXR38vAcQS6QzVIQ1tz82yfGr8zo";

fn load_or_create_secret(data_dir: &Path) -> Result<Vec<u8>, StartError> {
    let path = data_dir.join(SECRET_FILE);
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= 32 => return Ok(bytes),
        Ok(_) => return Err(StartError::ShortSecret(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StartError::Secret(path, e)),
    }
    let mut secret = vec![0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    write_private(&path, &secret).map_err(|e| StartError::Secret(path, e))?;
    Ok(secret)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

impl AuthState {
    pub(crate) fn new(data_dir: &Path, config: &Config) -> Result<Self, StartError> {
        let secret = match &config.jwt_secret {
            Some(s) => s.expose().as_bytes().to_vec(),
            None => load_or_create_secret(data_dir)?,
        };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&secret).expect("HMAC takes keys of any length");
        mac.update(b"crema pin lookup v1");
        let pin_key = mac.finalize().into_bytes().to_vec();
        Ok(AuthState {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            validation,
            pin_key,
            families: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(Duration::from_secs(600))
                .build(),
            pin_failures: moka::sync::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(Duration::from_secs(u64::from(config.pin_lockout_seconds)))
                .build(),
            dummy_hash: DUMMY_HASH.to_string(),
        })
    }

    fn pin_lookup(&self, pin: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.pin_key)
            .expect("HMAC takes keys of any length");
        mac.update(pin.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// argon2id with the crate's default (OWASP) parameters.
pub fn hash_secret(secret: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(AppError::internal)
}

fn refresh_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn invalid_credentials() -> AppError {
    AppError::new(ErrorCode::InvalidCredentials, "wrong username or password")
}

fn invalid_token() -> AppError {
    AppError::new(
        ErrorCode::InvalidToken,
        "the session is not valid; sign in again",
    )
}

impl App {
    fn access_token(&self, user_id: Uuid, role: Role, family: Uuid) -> AppResult<(String, u64)> {
        let now = self.now().timestamp();
        let ttl = u64::from(self.config().access_token_minutes) * 60;
        let claims = Claims {
            sub: user_id.to_string(),
            role,
            fam: family.to_string(),
            iat: now,
            exp: now + ttl as i64,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.inner.auth.encoding,
        )
        .map_err(AppError::internal)?;
        Ok((token, ttl))
    }

    fn token_pair(
        &self,
        user_id: Uuid,
        role: Role,
        family: Uuid,
        refresh: String,
    ) -> AppResult<TokenPair> {
        let (access_token, expires_in) = self.access_token(user_id, role, family)?;
        Ok(TokenPair {
            access_token,
            refresh_token: refresh,
            token_type: "Bearer".into(),
            expires_in,
            role,
        })
    }

    /// Starts a new token family for `user` and returns its first pair.
    pub(crate) async fn start_session(&self, user_id: Uuid, role: Role) -> AppResult<TokenPair> {
        let session = self.new_session(role);
        let rows = session.clone();
        self.store().write(move |c| rows.write(c, user_id)).await?;
        self.finish_session(session, user_id, role)
    }

    /// A new token family, to be written with [`NewSession::write`] inside
    /// the caller's transaction and then handed to [`App::finish_session`].
    pub(crate) fn new_session(&self, role: Role) -> NewSession {
        let refresh = new_refresh_token();
        let now = self.now();
        NewSession {
            family: self.new_id(),
            hash: refresh_hash(&refresh),
            refresh,
            now,
            expires: now + self.refresh_lifetime(role),
        }
    }

    pub(crate) fn finish_session(
        &self,
        s: NewSession,
        user_id: Uuid,
        role: Role,
    ) -> AppResult<TokenPair> {
        self.inner.auth.families.insert(s.family, false);
        self.token_pair(user_id, role, s.family, s.refresh)
    }

    /// Paired devices stay signed in for a year (each refresh extends it).
    fn refresh_lifetime(&self, role: Role) -> chrono::Duration {
        match role {
            Role::Kiosk => chrono::Duration::days(365),
            _ => chrono::Duration::days(i64::from(self.config().refresh_token_days)),
        }
    }

    /// Marks token families revoked in the cache (after the revocation committed).
    pub(crate) fn families_revoked(&self, families: &[Uuid]) {
        for f in families {
            self.inner.auth.families.insert(*f, true);
        }
    }

    /// Verifies an access token and returns who it belongs to.
    pub async fn authenticate(&self, token: &str) -> AppResult<Actor> {
        let data = jsonwebtoken::decode::<Claims>(
            token,
            &self.inner.auth.decoding,
            &self.inner.auth.validation,
        )
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => AppError::new(
                ErrorCode::TokenExpired,
                "the session has expired; refresh or sign in again",
            ),
            _ => invalid_token(),
        })?;
        let c = data.claims;
        let user_id = Uuid::parse_str(&c.sub).map_err(|_| invalid_token())?;
        let family_id = Uuid::parse_str(&c.fam).map_err(|_| invalid_token())?;
        let revoked = match self.inner.auth.families.get(&family_id) {
            Some(r) => r,
            None => {
                let r = self
                    .store()
                    .read(move |conn| users_store::family_revoked(conn, family_id))
                    .await?
                    .unwrap_or(true);
                self.inner.auth.families.insert(family_id, r);
                r
            }
        };
        if revoked {
            return Err(invalid_token());
        }
        Ok(Actor::User(Principal {
            user_id,
            role: c.role,
            family_id,
        }))
    }
}

/// Username (or a customer's e-mail) and password.
pub async fn login(app: &App, username: &str, password: &str) -> AppResult<TokenPair> {
    let name = match Username::parse(username) {
        Ok(n) => n.as_str().to_string(),
        Err(_) => return Err(invalid_credentials()),
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
    match row {
        Some(u) if ok && u.password_hash.is_some() && !u.disabled => {
            app.start_session(u.id, u.role).await
        }
        _ => Err(invalid_credentials()),
    }
}

/// A cashier's PIN at the counter. `origin` identifies the device (its IP);
/// after `pin_max_failures` wrong PINs it is locked out for a while.
pub async fn login_pin(app: &App, pin: &str, origin: &str) -> AppResult<TokenPair> {
    let auth = &app.inner.auth;
    let entry = auth.pin_failures.get_with(origin.to_string(), || {
        Arc::new(std::sync::Mutex::new(PinFailures {
            count: 0,
            locked_until: None,
        }))
    });
    if let Some(until) = entry.lock().ok().and_then(|f| f.locked_until) {
        let now = Instant::now();
        if until > now {
            let secs = (until - now).as_secs_f64().ceil() as u64;
            return Err(AppError::too_many(
                ErrorCode::PinLocked,
                format!("too many wrong PINs; PIN login is locked for {secs} s"),
                secs,
            ));
        }
    }
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
            if let Ok(mut f) = entry.lock() {
                f.count += 1;
                if f.count >= app.config().pin_max_failures {
                    f.locked_until = Some(
                        Instant::now()
                            + Duration::from_secs(u64::from(app.config().pin_lockout_seconds)),
                    );
                    f.count = 0;
                }
            }
            Err(AppError::new(ErrorCode::InvalidCredentials, "wrong PIN"))
        }
    }
}

/// The rows of a new login: a token family and its first refresh token.
#[derive(Clone)]
pub(crate) struct NewSession {
    family: Uuid,
    refresh: String,
    hash: String,
    now: chrono::DateTime<chrono::Utc>,
    expires: chrono::DateTime<chrono::Utc>,
}

impl NewSession {
    pub(crate) fn write(&self, c: &rusqlite::Connection, user_id: Uuid) -> Result<(), StoreError> {
        users_store::insert_family(c, self.family, user_id, self.now)?;
        users_store::insert_refresh(c, &self.hash, self.family, self.now, self.expires)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_has_the_parameters_of_real_hashes() {
        let real = hash_secret("anything at all").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap().to_string();
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(verify_secret("crema: not a real password", DUMMY_HASH));
    }

    #[test]
    fn hashes_verify_only_their_secret() {
        let h = hash_secret("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_secret("correct horse", &h));
        assert!(!verify_secret("wrong horse", &h));
        assert!(!verify_secret("x", "not a hash"));
    }
}
