//! Owners sign in as staff do at a shop: argon2id passwords, HS256 access
//! tokens (role `owner`), opaque rotating refresh tokens in families, a
//! spent token presented again revoking its family. Unlike the shop, the
//! signing key and the families live in the database, so any replica
//! accepts what another one issued, and a logout anywhere counts everywhere.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{random_token, Hq, HqCode, HqError, HqResult};
use crate::app::auth::{hash_secret, new_refresh_token, refresh_hash, verify_secret, DUMMY_HASH};
use crate::domain::user::{check_password, Username};
use crate::hq::config::HqConfig;
use crate::hq::store::Db;

/// The role in every head-office token.
pub const OWNER_ROLE: &str = "owner";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    fam: String,
    iat: i64,
    exp: i64,
}

pub(crate) struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl Keys {
    /// The configured key, else the one stored in the database (made by
    /// the first replica that needed it).
    pub(super) async fn load(db: &Db, config: &HqConfig) -> HqResult<Keys> {
        let secret = match &config.jwt_secret {
            Some(s) => s.expose().to_string(),
            None => {
                db.setting_or_insert("jwt_secret", &random_token(64))
                    .await?
            }
        };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Ok(Keys {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
        })
    }
}

// `POST /api/auth/login`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

// `POST /api/auth/refresh`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// What a login or a refresh returns.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Always `owner`.
    pub role: String,
}

/// A signed-in owner, as an access token shows them.
#[derive(Debug, Clone, Copy)]
pub struct Owner {
    pub id: Uuid,
    pub family_id: Uuid,
}

fn invalid_credentials() -> HqError {
    HqError::new(HqCode::InvalidCredentials, "wrong username or password")
}

fn invalid_token() -> HqError {
    HqError::new(
        HqCode::InvalidToken,
        "the session is not valid; sign in again",
    )
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> HqResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(HqError::internal)
}

/// Creates an owner login (`crema hq owner add`).
pub async fn add_owner(hq: &Hq, username: &str, password: &str) -> HqResult<Uuid> {
    let name = Username::parse(username).map_err(|e| HqError::invalid(e.message))?;
    check_password(password).map_err(|e| HqError::invalid(e.message))?;
    let pw = password.to_string();
    let hash = blocking(move || hash_secret(&pw))
        .await?
        .map_err(|e| HqError::internal(anyhow::anyhow!(e.message)))?;
    let id = Uuid::now_v7();
    hq.db()
        .insert_owner(id, name.as_str(), &hash, hq.now_micros())
        .await
        .map_err(|e| match HqError::from(e) {
            e if e.code == HqCode::AlreadyExists => HqError::new(
                HqCode::AlreadyExists,
                format!("there is already an owner {}", name.as_str()),
            ),
            e => e,
        })?;
    Ok(id)
}

/// Username and password → a new session. An unknown name takes as long
/// as a wrong password.
pub async fn login(hq: &Hq, req: &LoginRequest) -> HqResult<TokenPair> {
    let owner = match Username::parse(&req.username) {
        Ok(name) => hq.db().owner_by_username(name.as_str()).await?,
        Err(_) => None,
    };
    let hash = owner
        .as_ref()
        .map_or_else(|| DUMMY_HASH.to_string(), |o| o.password_hash.clone());
    let pw = req.password.clone();
    let ok = blocking(move || verify_secret(&pw, &hash)).await?;
    let owner = match owner {
        Some(o) if ok => o,
        _ => return Err(invalid_credentials()),
    };
    let family = Uuid::now_v7();
    let refresh = new_refresh_token();
    let now = hq.now_micros();
    hq.db()
        .start_session(
            owner.id,
            family,
            &refresh_hash(&refresh),
            refresh_expiry(hq, now),
            now,
        )
        .await?;
    pair(hq, owner.id, family, refresh)
}

fn refresh_expiry(hq: &Hq, now: i64) -> i64 {
    now + i64::from(hq.config().refresh_token_days) * 86_400 * 1_000_000
}

fn pair(hq: &Hq, owner: Uuid, family: Uuid, refresh_token: String) -> HqResult<TokenPair> {
    let iat = hq.now().timestamp();
    let lifetime = u64::from(hq.config().access_token_minutes) * 60;
    let claims = Claims {
        sub: owner.to_string(),
        role: OWNER_ROLE.into(),
        fam: family.to_string(),
        iat,
        exp: iat + lifetime as i64,
    };
    let access_token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(Algorithm::HS256),
        &claims,
        &hq.inner.keys.encoding,
    )
    .map_err(HqError::internal)?;
    Ok(TokenPair {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: lifetime,
        role: OWNER_ROLE.into(),
    })
}

/// Spends the refresh token for a new pair; a spent one presented again
/// revokes its whole family (401 `token_reused`).
pub async fn refresh(hq: &Hq, req: &RefreshRequest) -> HqResult<TokenPair> {
    let hash = refresh_hash(&req.refresh_token);
    let now = hq.now_micros();
    let row = hq
        .db()
        .refresh_token(&hash)
        .await?
        .ok_or_else(invalid_token)?;
    if row.revoked_at.is_some() {
        return Err(invalid_token());
    }
    let reused = || {
        HqError::new(
            HqCode::TokenReused,
            "this refresh token was already used; every session of this login is ended",
        )
    };
    if row.spent_at.is_some() {
        hq.db().revoke_family(row.family_id, now).await?;
        return Err(reused());
    }
    if row.expires_at <= now {
        return Err(invalid_token());
    }
    let next = new_refresh_token();
    let rotated = hq
        .db()
        .rotate_refresh(
            &hash,
            &refresh_hash(&next),
            row.family_id,
            refresh_expiry(hq, now),
            now,
        )
        .await?;
    if !rotated {
        // Spent by a racing refresh meanwhile: a reuse as well.
        hq.db().revoke_family(row.family_id, now).await?;
        return Err(reused());
    }
    pair(hq, row.owner_id, row.family_id, next)
}

/// Ends the login the owner's token belongs to, on every replica.
pub async fn logout(hq: &Hq, owner: &Owner) -> HqResult<()> {
    hq.db()
        .revoke_family(owner.family_id, hq.now_micros())
        .await?;
    Ok(())
}

/// The owner an access token belongs to (its family still live).
pub async fn authenticate(hq: &Hq, token: &str) -> HqResult<Owner> {
    let data =
        jsonwebtoken::decode::<Claims>(token, &hq.inner.keys.decoding, &hq.inner.keys.validation)
            .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => HqError::new(
                HqCode::TokenExpired,
                "the access token has expired; refresh it",
            ),
            _ => invalid_token(),
        })?;
    let c = data.claims;
    if c.role != OWNER_ROLE {
        return Err(HqError::new(HqCode::Forbidden, "head office is for owners"));
    }
    let (Ok(id), Ok(family_id)) = (c.sub.parse(), c.fam.parse()) else {
        return Err(invalid_token());
    };
    if !hq.db().family_live(family_id).await? {
        return Err(invalid_token());
    }
    Ok(Owner { id, family_id })
}
