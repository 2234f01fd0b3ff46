//! The keys and secrets of authentication: the signing key (kept in the
//! data dir, mode 0600), argon2id hashes of passwords and PINs, refresh
//! token material, and the in-memory state (revoked families, PIN failures).

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
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

use crate::app::{hex, sha256_hex, AppError, AppResult, StartError};
use crate::config::Config;
use crate::domain::user::Role;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Claims {
    pub(super) sub: String,
    pub(super) role: Role,
    pub(super) fam: String,
    pub(super) iat: i64,
    pub(super) exp: i64,
}

/// Wrong secrets from one source. Nothing but a quiet day forgets them: a
/// success does not (so a cashier cannot try others' PINs between their own).
#[derive(Default)]
pub(super) struct PinFailures {
    /// Wrong secrets since the last lockout.
    pub(super) count: u32,
    /// Lockouts so far; each lasts twice as long as the one before.
    pub(super) lockouts: u32,
    pub(super) locked_until: Option<Instant>,
}

pub(crate) struct AuthState {
    pub(super) encoding: EncodingKey,
    pub(super) decoding: DecodingKey,
    pub(super) validation: Validation,
    pub(super) pin_key: Vec<u8>,
    /// family id → revoked? Revocations are written here as they commit, so
    /// the cache is never stale about a revocation made by this process.
    pub(super) families: moka::sync::Cache<Uuid, bool>,
    pub(super) pin_failures: moka::sync::Cache<String, Arc<std::sync::Mutex<PinFailures>>>,
    /// A real hash to verify against when the user is unknown, so both
    /// answers take the same time.
    pub(super) dummy_hash: String,
    /// The one-time token a browser on the counter PC needs for the
    /// first-run setup; new at every start.
    pub(super) setup_token: String,
}

/// Ten characters a person can read off a screen without confusing any.
fn new_setup_token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 10];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// How long wrong PINs from a source are remembered after the last one.
pub(super) const FAILURE_MEMORY: Duration = Duration::from_secs(24 * 3600);

pub(super) const SECRET_FILE: &str = "jwt.secret";

/// An argon2id hash (same parameters as real ones) that unknown users are
/// checked against, so "no such user" takes as long as "wrong password".
/// A constant, so start-up does not spend 19 MiB and tens of milliseconds on it.
pub const DUMMY_HASH: &str =
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
                .time_to_idle(FAILURE_MEMORY)
                .build(),
            dummy_hash: DUMMY_HASH.to_string(),
            setup_token: new_setup_token(),
        })
    }

    pub(super) fn pin_lookup(&self, pin: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.pin_key)
            .expect("HMAC takes keys of any length");
        mac.update(pin.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// argon2id with the crate's default (OWASP) parameters.
pub fn hash_secret(secret: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

pub fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

pub(super) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(AppError::internal)
}

pub fn refresh_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
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
