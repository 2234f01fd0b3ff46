//! Sessions: access tokens (HS256 JWTs) and the refresh-token families
//! they belong to; turning a bearer token back into an [`Actor`].

use jsonwebtoken::{Algorithm, Header};
use uuid::Uuid;

use super::keys::{new_refresh_token, refresh_hash, Claims};
use super::{invalid_token, TokenPair};
use crate::app::{Actor, App, AppError, AppResult, ErrorCode, Principal};
use crate::domain::user::Role;
use crate::store::users as users_store;
use crate::store::StoreError;

impl App {
    pub(super) fn access_token(
        &self,
        user_id: Uuid,
        role: Role,
        family: Uuid,
    ) -> AppResult<(String, u64)> {
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

    pub(super) fn token_pair(
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
            device_kind: None,
            name: None,
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
    pub(super) fn refresh_lifetime(&self, role: Role) -> chrono::Duration {
        match role {
            Role::Kiosk => chrono::Duration::days(365),
            _ => chrono::Duration::days(i64::from(self.config().refresh_token_days)),
        }
    }

    /// The one-time first-run setup token (print it on the counter PC only).
    pub fn setup_token(&self) -> &str {
        &self.inner.auth.setup_token
    }

    /// Whether `token` is the setup token (compared by digest, so timing
    /// tells nothing about it).
    pub(crate) fn setup_token_matches(&self, token: &str) -> bool {
        let given = crate::app::sha256_hex(token.trim().to_uppercase().as_bytes());
        given == crate::app::sha256_hex(self.inner.auth.setup_token.as_bytes())
    }

    /// Caches what a read found about a family, unless the cache learnt
    /// something meanwhile: a logout that committed after the read must
    /// not be overwritten by the read's older "not revoked".
    pub(super) fn remember_family(&self, family: Uuid, revoked: bool) -> bool {
        self.inner
            .auth
            .families
            .entry(family)
            .or_insert(revoked)
            .into_value()
    }

    /// Marks token families revoked in the cache (after the revocation committed).
    pub(crate) fn families_revoked(&self, families: &[Uuid]) {
        for f in families {
            self.inner.auth.families.insert(*f, true);
        }
    }

    /// Verifies an access token and returns who it belongs to.
    pub async fn authenticate(&self, token: &str) -> AppResult<Actor> {
        if token.starts_with(crate::app::tables::GUEST_TOKEN_PREFIX) {
            return crate::app::tables::authenticate(self, token).await;
        }
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
                self.remember_family(family_id, r)
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

/// The rows of a new login: a token family and its first refresh token.
#[derive(Clone)]
pub(crate) struct NewSession {
    pub(super) family: Uuid,
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

#[cfg(test)]
mod tests {
    use crate::app::App;
    use crate::config::Config;

    #[test]
    fn a_read_older_than_a_logout_does_not_unrevoke_the_family() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(dir.path(), Config::default()).unwrap();
        let family = app.new_id();
        // A request missed the cache and read "live"; meanwhile a logout
        // committed and marked the family revoked; then the read lands.
        app.families_revoked(&[family]);
        assert!(app.remember_family(family, false), "still revoked");
        // With nothing known, the read is what is cached.
        let other = app.new_id();
        assert!(!app.remember_family(other, false));
        app.families_revoked(&[other]);
        assert!(app.remember_family(other, false));
    }
}
