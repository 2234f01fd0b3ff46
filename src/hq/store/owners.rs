//! Owners, their sessions (refresh-token families) and head office's
//! settings (the token signing key all replicas share).

use sqlx_core::query::query;
use uuid::Uuid;

use super::{int, is_unique_violation, opt_int, text, uuid, Db, DbError, DbResult};

pub struct OwnerRow {
    pub id: Uuid,
    pub password_hash: String,
}

/// A refresh token as stored.
pub struct TokenRow {
    pub family_id: Uuid,
    pub owner_id: Uuid,
    pub expires_at: i64,
    pub spent_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl Db {
    pub async fn insert_owner(
        &self,
        id: Uuid,
        username: &str,
        password_hash: &str,
        now: i64,
    ) -> DbResult<()> {
        let sql = self.dialect.sql(
            "INSERT INTO hq_owners (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)",
        );
        query(&sql)
            .bind(id.to_string())
            .bind(username)
            .bind(password_hash)
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    DbError::Conflict
                } else {
                    e.into()
                }
            })?;
        Ok(())
    }

    pub async fn owner_by_username(&self, username: &str) -> DbResult<Option<OwnerRow>> {
        let sql = self
            .dialect
            .sql("SELECT id, password_hash FROM hq_owners WHERE username = ?");
        let row = query(&sql)
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(OwnerRow {
                id: uuid(&r, "id")?,
                password_hash: text(&r, "password_hash")?,
            })
        })
        .transpose()
    }

    /// A setting, written once by whichever replica comes first: the value
    /// already stored wins, and is returned.
    pub async fn setting_or_insert(&self, name: &str, value: &str) -> DbResult<String> {
        let insert = self
            .dialect
            .insert_ignore("hq_settings (name, value) VALUES (?, ?)");
        query(&insert)
            .bind(name)
            .bind(value)
            .execute(&self.pool)
            .await?;
        let sql = self
            .dialect
            .sql("SELECT value FROM hq_settings WHERE name = ?");
        let row = query(&sql).bind(name).fetch_one(&self.pool).await?;
        text(&row, "value")
    }

    /// A new login: its family and first refresh token.
    pub async fn start_session(
        &self,
        owner_id: Uuid,
        family_id: Uuid,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> DbResult<()> {
        let mut tx = self.pool.begin().await?;
        let sql = self
            .dialect
            .sql("INSERT INTO hq_sessions (family_id, owner_id, created_at) VALUES (?, ?, ?)");
        query(&sql)
            .bind(family_id.to_string())
            .bind(owner_id.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let sql = self.dialect.sql(
            "INSERT INTO hq_refresh_tokens (token_hash, family_id, expires_at) VALUES (?, ?, ?)",
        );
        query(&sql)
            .bind(token_hash)
            .bind(family_id.to_string())
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn refresh_token(&self, token_hash: &str) -> DbResult<Option<TokenRow>> {
        let sql = self.dialect.sql(
            "SELECT t.family_id, s.owner_id, t.expires_at, t.spent_at, s.revoked_at
             FROM hq_refresh_tokens t JOIN hq_sessions s ON s.family_id = t.family_id
             WHERE t.token_hash = ?",
        );
        let row = query(&sql)
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(TokenRow {
                family_id: uuid(&r, "family_id")?,
                owner_id: uuid(&r, "owner_id")?,
                expires_at: int(&r, "expires_at")?,
                spent_at: opt_int(&r, "spent_at")?,
                revoked_at: opt_int(&r, "revoked_at")?,
            })
        })
        .transpose()
    }

    /// Spends `old` and adds `new` in its family, atomically: `false` when
    /// `old` was spent meanwhile (by a racing refresh on any replica).
    pub async fn rotate_refresh(
        &self,
        old: &str,
        new: &str,
        family_id: Uuid,
        expires_at: i64,
        now: i64,
    ) -> DbResult<bool> {
        let mut tx = self.pool.begin().await?;
        let sql = self.dialect.sql(
            "UPDATE hq_refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL",
        );
        let spent = query(&sql)
            .bind(now)
            .bind(old)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if spent != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        let sql = self.dialect.sql(
            "INSERT INTO hq_refresh_tokens (token_hash, family_id, expires_at) VALUES (?, ?, ?)",
        );
        query(&sql)
            .bind(new)
            .bind(family_id.to_string())
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn revoke_family(&self, family_id: Uuid, now: i64) -> DbResult<()> {
        let sql = self.dialect.sql(
            "UPDATE hq_sessions SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
        );
        query(&sql)
            .bind(now)
            .bind(family_id.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the family is live (exists and is not revoked).
    pub async fn family_live(&self, family_id: Uuid) -> DbResult<bool> {
        let sql = self
            .dialect
            .sql("SELECT revoked_at FROM hq_sessions WHERE family_id = ?");
        let row = query(&sql)
            .bind(family_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => opt_int(&r, "revoked_at")?.is_none(),
            None => false,
        })
    }
}
