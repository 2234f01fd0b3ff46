//! The master menu's rows: what each shop sent, the owner's draft, the
//! published versions. Bodies are `MasterMenu` JSON, checked before they
//! are written.

use sqlx_core::query::query;
use uuid::Uuid;

use super::{int, is_unique_violation, opt_text, text, Db, DbError, DbResult, Dialect};

/// The draft's one row.
const DRAFT: &str = "master";

pub struct DraftRow {
    pub body: String,
    pub updated_at: i64,
    pub source_shop_id: Option<Uuid>,
}

pub struct VersionRow {
    pub version: i64,
    pub published_at: i64,
    pub categories: i64,
    pub items: i64,
}

impl Dialect {
    /// `INSERT` that replaces the given columns of a row whose key exists.
    fn upsert(self, insert: &str, key: &str, columns: &[&str]) -> String {
        match self {
            Dialect::Postgres => {
                let set: Vec<String> = columns
                    .iter()
                    .map(|c| format!("{c} = EXCLUDED.{c}"))
                    .collect();
                self.sql(&format!(
                    "INSERT INTO {insert} ON CONFLICT ({key}) DO UPDATE SET {}",
                    set.join(", ")
                ))
            }
            Dialect::MySql => {
                let set: Vec<String> = columns
                    .iter()
                    .map(|c| format!("{c} = VALUES({c})"))
                    .collect();
                format!(
                    "INSERT INTO {insert} ON DUPLICATE KEY UPDATE {}",
                    set.join(", ")
                )
            }
        }
    }
}

impl Db {
    /// Keeps the menu `shop` sent (the latest replaces the one before).
    pub async fn put_shop_menu(&self, shop: Uuid, body: &str, now: i64) -> DbResult<()> {
        let sql = self.dialect.upsert(
            "hq_shop_menus (shop_id, body, received_at) VALUES (?, ?, ?)",
            "shop_id",
            &["body", "received_at"],
        );
        query(&sql)
            .bind(shop.to_string())
            .bind(body)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The menu `shop` last sent.
    pub async fn shop_menu(&self, shop: Uuid) -> DbResult<Option<String>> {
        let sql = self
            .dialect
            .sql("SELECT body FROM hq_shop_menus WHERE shop_id = ?");
        let row = query(&sql)
            .bind(shop.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| text(&r, "body")).transpose()
    }

    pub async fn draft(&self) -> DbResult<Option<DraftRow>> {
        let sql = self
            .dialect
            .sql("SELECT body, updated_at, source_shop_id FROM hq_menu_draft WHERE name = ?");
        let row = query(&sql).bind(DRAFT).fetch_optional(&self.pool).await?;
        row.map(|r| {
            Ok(DraftRow {
                body: text(&r, "body")?,
                updated_at: int(&r, "updated_at")?,
                source_shop_id: opt_text(&r, "source_shop_id")?
                    .map(|s| s.parse().map_err(|_| DbError::Corrupt(s)))
                    .transpose()?,
            })
        })
        .transpose()
    }

    pub async fn put_draft(&self, body: &str, source: Option<Uuid>, now: i64) -> DbResult<()> {
        let sql = self.dialect.upsert(
            "hq_menu_draft (name, body, updated_at, source_shop_id) VALUES (?, ?, ?, ?)",
            "name",
            &["body", "updated_at", "source_shop_id"],
        );
        query(&sql)
            .bind(DRAFT)
            .bind(body)
            .bind(now)
            .bind(source.map(|s| s.to_string()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The newest published version and its body.
    pub async fn latest_menu(&self) -> DbResult<Option<(VersionRow, String)>> {
        let sql = "SELECT version, published_at, categories, items, body FROM hq_menu_versions
                   ORDER BY version DESC LIMIT 1";
        let row = query(sql).fetch_optional(&self.pool).await?;
        row.map(|r| Ok((version_row(&r)?, text(&r, "body")?)))
            .transpose()
    }

    /// Publishes `body` as the next version; `Conflict` when another
    /// replica took that number first (the caller tries again).
    pub async fn publish_menu(
        &self,
        body: &str,
        owner: Uuid,
        categories: i64,
        items: i64,
        now: i64,
    ) -> DbResult<i64> {
        let mut tx = self.pool.begin().await?;
        let next = query("SELECT COALESCE(MAX(version), 0) + 1 AS next FROM hq_menu_versions")
            .fetch_one(&mut *tx)
            .await?;
        let version = int(&next, "next")?;
        let sql = self.dialect.sql(
            "INSERT INTO hq_menu_versions (version, body, published_at, published_by, categories,
             items) VALUES (?, ?, ?, ?, ?, ?)",
        );
        let inserted = query(&sql)
            .bind(version)
            .bind(body)
            .bind(now)
            .bind(owner.to_string())
            .bind(categories)
            .bind(items)
            .execute(&mut *tx)
            .await;
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(DbError::Conflict),
            other => other?,
        };
        tx.commit().await?;
        Ok(version)
    }

    /// The newest version's number (one index read: shops ask often).
    pub async fn latest_menu_version(&self) -> DbResult<Option<i64>> {
        let row = query("SELECT MAX(version) AS version FROM hq_menu_versions")
            .fetch_one(&self.pool)
            .await?;
        super::opt_int(&row, "version")
    }

    /// Every published version, newest first.
    pub async fn menu_versions(&self) -> DbResult<Vec<VersionRow>> {
        let sql = "SELECT version, published_at, categories, items FROM hq_menu_versions
                   ORDER BY version DESC";
        let rows = query(sql).fetch_all(&self.pool).await?;
        rows.iter().map(version_row).collect()
    }
}

fn version_row(r: &sqlx_core::any::AnyRow) -> DbResult<VersionRow> {
    Ok(VersionRow {
        version: int(r, "version")?,
        published_at: int(r, "published_at")?,
        categories: int(r, "categories")?,
        items: int(r, "items")?,
    })
}
