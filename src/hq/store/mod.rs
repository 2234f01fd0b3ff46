//! Head office's database: PostgreSQL or MariaDB/MySQL behind one sqlx `Any`
//! pool. All of head office's SQL is in this module; the dialects differ in
//! a few words, chosen by [`Dialect`] in one place each.
//!
//! `Any` has a small type set: ids are VARCHAR UUID strings, times BIGINT
//! unix microseconds, money BIGINT minor units; sums are cast back to
//! BIGINT, and texts MySQL reports as blobs are read through [`text`].

pub mod analytics;
pub mod events;
pub mod menu;
mod migrate;
pub mod owners;
pub mod reports;
mod rows;
pub mod shops;

use std::time::Duration;

use sqlx_core::any::{AnyPool, AnyPoolOptions, AnyRow};
use sqlx_core::row::Row;

pub use sqlx_core::any::AnyArguments;

/// The SQL dialect of the database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    MySql,
}

impl Dialect {
    pub fn of_url(url: &str) -> Option<Dialect> {
        let scheme = url.split_once("://")?.0.to_ascii_lowercase();
        match scheme.as_str() {
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "mysql" | "mariadb" => Some(Dialect::MySql),
            _ => None,
        }
    }

    /// `sql` written with `?` placeholders, numbered `$1…` for PostgreSQL.
    /// (No statement here holds a `?` inside a string literal.)
    pub fn sql(self, sql: &str) -> String {
        match self {
            Dialect::MySql => sql.to_string(),
            Dialect::Postgres => {
                let mut out = String::with_capacity(sql.len() + 8);
                let mut n = 0;
                for c in sql.chars() {
                    if c == '?' {
                        n += 1;
                        out.push('$');
                        out.push_str(&n.to_string());
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }

    /// `INSERT` that skips a row whose key is already there.
    fn insert_ignore(self, rest: &str) -> String {
        match self {
            Dialect::Postgres => self.sql(&format!("INSERT INTO {rest} ON CONFLICT DO NOTHING")),
            Dialect::MySql => format!("INSERT IGNORE INTO {rest}"),
        }
    }

    /// A sum as a BIGINT (both return a decimal type for `SUM(bigint)`).
    fn sum(self, expr: &str) -> String {
        match self {
            Dialect::Postgres => format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT)"),
            Dialect::MySql => format!("CAST(COALESCE(SUM({expr}), 0) AS SIGNED)"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Sql(#[from] sqlx_core::Error),
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx_core::migrate::MigrateError),
    #[error("the database URL must start with postgres:// or mysql://")]
    UnknownScheme,
    /// A row that does not read back (a bad id, time or JSON).
    #[error("a stored value does not read back: {0}")]
    Corrupt(String),
    #[error("already exists")]
    Conflict,
}

pub type DbResult<T> = Result<T, DbError>;

/// A pool over head office's database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    pub(crate) pool: AnyPool,
    pub(crate) dialect: Dialect,
}

impl Db {
    /// Connects to `url` (does not migrate).
    pub async fn connect(url: &str, max_connections: u32) -> DbResult<Db> {
        let dialect = Dialect::of_url(url).ok_or(DbError::UnknownScheme)?;
        // Once per process; a second call finds them installed.
        let _ = sqlx_core::any::driver::install_drivers(&[
            sqlx_postgres::any::DRIVER,
            sqlx_mysql::any::DRIVER,
        ]);
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        Ok(Db { pool, dialect })
    }

    /// Connects and brings the schema up to date (replicas starting at once
    /// wait for each other: the migrator takes a database lock).
    pub async fn open(url: &str, max_connections: u32) -> DbResult<Db> {
        let db = Db::connect(url, max_connections).await?;
        migrate::run(&db).await?;
        Ok(db)
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> DbResult<()> {
        sqlx_core::query::query("SELECT 1")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A text column (MySQL reports TEXT columns as blobs to `Any`).
pub(crate) fn text(row: &AnyRow, col: &str) -> DbResult<String> {
    match row.try_get::<String, _>(col) {
        Ok(s) => Ok(s),
        Err(_) => {
            let bytes: Vec<u8> = row.try_get(col)?;
            String::from_utf8(bytes).map_err(|e| DbError::Corrupt(e.to_string()))
        }
    }
}

pub(crate) fn opt_text(row: &AnyRow, col: &str) -> DbResult<Option<String>> {
    match row.try_get::<Option<String>, _>(col) {
        Ok(s) => Ok(s),
        Err(_) => {
            let bytes: Option<Vec<u8>> = row.try_get(col)?;
            bytes
                .map(String::from_utf8)
                .transpose()
                .map_err(|e| DbError::Corrupt(e.to_string()))
        }
    }
}

pub(crate) fn uuid(row: &AnyRow, col: &str) -> DbResult<uuid::Uuid> {
    let s = text(row, col)?;
    s.parse()
        .map_err(|_| DbError::Corrupt(format!("{col} {s:?} is not a UUID")))
}

pub(crate) fn int(row: &AnyRow, col: &str) -> DbResult<i64> {
    Ok(row.try_get(col)?)
}

pub(crate) fn opt_int(row: &AnyRow, col: &str) -> DbResult<Option<i64>> {
    Ok(row.try_get(col)?)
}

/// Whether an error is a unique-key violation.
pub(crate) fn is_unique_violation(e: &sqlx_core::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.kind() == sqlx_core::error::ErrorKind::UniqueViolation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        let q = "UPDATE t SET a = ? WHERE b = ? AND c = ?";
        assert_eq!(
            Dialect::Postgres.sql(q),
            "UPDATE t SET a = $1 WHERE b = $2 AND c = $3"
        );
        assert_eq!(Dialect::MySql.sql(q), q);
    }

    #[test]
    fn urls_name_their_dialect() {
        assert_eq!(Dialect::of_url("postgres://x/y"), Some(Dialect::Postgres));
        assert_eq!(Dialect::of_url("postgresql://x/y"), Some(Dialect::Postgres));
        assert_eq!(Dialect::of_url("mysql://root@h/db"), Some(Dialect::MySql));
        assert_eq!(Dialect::of_url("mariadb://root@h/db"), Some(Dialect::MySql));
        assert_eq!(Dialect::of_url("sqlite://x"), None);
        assert_eq!(Dialect::of_url("nonsense"), None);
    }
}
