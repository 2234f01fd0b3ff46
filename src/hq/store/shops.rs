//! Shops: registration, one-time enrolment codes, credentials.

use sqlx_core::query::query;
use uuid::Uuid;

use super::{int, opt_int, opt_text, text, uuid, Db, DbResult};

pub struct ShopRow {
    pub id: Uuid,
    pub name: String,
    pub enrolled_at: Option<i64>,
    pub last_sync_at: Option<i64>,
    pub currency: Option<String>,
    /// Orders received from it, all time.
    pub orders: i64,
    /// The version of the master menu it runs, and since when.
    pub menu_version: Option<i64>,
    pub menu_applied_at: Option<i64>,
}

/// What a code was exchanged for.
pub struct Enrolled {
    pub shop_id: Uuid,
    pub name: String,
}

impl Db {
    /// A new shop with its first enrolment code (stored as a digest).
    pub async fn insert_shop(
        &self,
        id: Uuid,
        name: &str,
        code_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> DbResult<()> {
        let mut tx = self.pool.begin().await?;
        let sql = self
            .dialect
            .sql("INSERT INTO hq_shops (id, name, created_at) VALUES (?, ?, ?)");
        query(&sql)
            .bind(id.to_string())
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let sql = self.dialect.sql(
            "INSERT INTO hq_enrolment_codes (code_hash, shop_id, created_at, expires_at)
             VALUES (?, ?, ?, ?)",
        );
        query(&sql)
            .bind(code_hash)
            .bind(id.to_string())
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Another enrolment code for the shop `id`.
    pub async fn insert_code(
        &self,
        id: Uuid,
        code_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> DbResult<()> {
        let sql = self.dialect.sql(
            "INSERT INTO hq_enrolment_codes (code_hash, shop_id, created_at, expires_at)
             VALUES (?, ?, ?, ?)",
        );
        query(&sql)
            .bind(code_hash)
            .bind(id.to_string())
            .bind(now)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Spends the code (unused and not expired at `now`) and gives its shop
    /// the credential; `None` when there is no such usable code. One
    /// transaction: two shops racing with one code cannot both win.
    pub async fn enrol(
        &self,
        code_hash: &str,
        credential_hash: &str,
        now: i64,
    ) -> DbResult<Option<Enrolled>> {
        let mut tx = self.pool.begin().await?;
        let sql = self.dialect.sql(
            "UPDATE hq_enrolment_codes SET used_at = ?
             WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
        );
        let spent = query(&sql)
            .bind(now)
            .bind(code_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if spent != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        let sql = self.dialect.sql(
            "SELECT s.id, s.name FROM hq_shops s
             JOIN hq_enrolment_codes c ON c.shop_id = s.id WHERE c.code_hash = ?",
        );
        let row = query(&sql).bind(code_hash).fetch_one(&mut *tx).await?;
        let shop = Enrolled {
            shop_id: uuid(&row, "id")?,
            name: text(&row, "name")?,
        };
        let sql = self
            .dialect
            .sql("UPDATE hq_shops SET credential_hash = ?, enrolled_at = ? WHERE id = ?");
        query(&sql)
            .bind(credential_hash)
            .bind(now)
            .bind(shop.shop_id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(shop))
    }

    /// The shop holding this credential.
    pub async fn shop_by_credential(&self, credential_hash: &str) -> DbResult<Option<Uuid>> {
        let sql = self
            .dialect
            .sql("SELECT id FROM hq_shops WHERE credential_hash = ?");
        let row = query(&sql)
            .bind(credential_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| uuid(&r, "id")).transpose()
    }

    /// Every shop, by name, with the orders received from it (one query).
    pub async fn shops(&self) -> DbResult<Vec<ShopRow>> {
        let sql = "SELECT s.id, s.name, s.enrolled_at, s.last_sync_at, s.currency,
                    s.menu_version, s.menu_applied_at,
                    (SELECT COUNT(*) FROM hq_orders o WHERE o.shop_id = s.id) AS orders
             FROM hq_shops s ORDER BY s.name, s.id";
        let rows = query(sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(ShopRow {
                    id: uuid(r, "id")?,
                    name: text(r, "name")?,
                    enrolled_at: opt_int(r, "enrolled_at")?,
                    last_sync_at: opt_int(r, "last_sync_at")?,
                    currency: opt_text(r, "currency")?,
                    orders: int(r, "orders")?,
                    menu_version: opt_int(r, "menu_version")?,
                    menu_applied_at: opt_int(r, "menu_applied_at")?,
                })
            })
            .collect()
    }
}
