//! The schema's migrations, embedded from `migrations/hq/<dialect>/`: one
//! set per dialect, the same versions in both, never edited once landed.

use std::borrow::Cow;

use futures_util::future::BoxFuture;
use sqlx_core::error::BoxDynError;
use sqlx_core::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use super::{Db, DbResult, Dialect};

/// (version, description, SQL) of each migration, oldest first.
type Embedded = &'static [(i64, &'static str, &'static str)];

const POSTGRES: Embedded = &[
    (
        1,
        "init",
        include_str!("../../../migrations/hq/postgres/1_init.sql"),
    ),
    (
        2,
        "menu",
        include_str!("../../../migrations/hq/postgres/2_menu.sql"),
    ),
    (
        3,
        "report lines",
        include_str!("../../../migrations/hq/postgres/3_report_lines.sql"),
    ),
];

const MYSQL: Embedded = &[
    (
        1,
        "init",
        include_str!("../../../migrations/hq/mysql/1_init.sql"),
    ),
    (
        2,
        "menu",
        include_str!("../../../migrations/hq/mysql/2_menu.sql"),
    ),
    (
        3,
        "report lines",
        include_str!("../../../migrations/hq/mysql/3_report_lines.sql"),
    ),
];

#[derive(Debug)]
struct Source(Embedded);

impl MigrationSource<'static> for Source {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|(version, description, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

pub(super) async fn run(db: &Db) -> DbResult<()> {
    let set = match db.dialect {
        Dialect::Postgres => POSTGRES,
        Dialect::MySql => MYSQL,
    };
    let migrator = Migrator::new(Source(set)).await?;
    migrator.run(&db.pool).await?;
    Ok(())
}
