//! Multi-row statements for ingest: many rows in one round trip, in chunks
//! that stay well below both databases' limits on bound parameters.

use sqlx_core::any::{Any, AnyArguments};
use sqlx_core::arguments::Arguments;
use sqlx_core::query::query_with;
use sqlx_core::transaction::Transaction;

use super::{DbError, DbResult, Dialect};

/// Most parameters in one statement (PostgreSQL and MySQL take 65 535).
const MAX_PARAMS: usize = 4000;

/// A value to bind.
pub enum Val {
    Text(String),
    OptText(Option<String>),
    Int(i64),
}

impl From<String> for Val {
    fn from(s: String) -> Val {
        Val::Text(s)
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Val {
        Val::Text(s.to_string())
    }
}

impl From<i64> for Val {
    fn from(i: i64) -> Val {
        Val::Int(i)
    }
}

impl From<Option<String>> for Val {
    fn from(s: Option<String>) -> Val {
        Val::OptText(s)
    }
}

fn bind(a: &mut AnyArguments<'static>, v: Val) -> DbResult<()> {
    match v {
        Val::Text(s) => a.add(s),
        Val::OptText(s) => a.add(s),
        Val::Int(i) => a.add(i),
    }
    .map_err(|e| DbError::Corrupt(e.to_string()))
}

/// `(?, ?, …)` for `n` columns.
fn tuple(n: usize) -> String {
    format!("({})", vec!["?"; n].join(", "))
}

/// Inserts `rows` into `target` (`table (col, …)`), skipping rows whose key
/// is there already; a few statements however many rows.
pub async fn insert_ignore(
    tx: &mut Transaction<'static, Any>,
    dialect: Dialect,
    target: &str,
    rows: Vec<Vec<Val>>,
) -> DbResult<()> {
    let Some(cols) = rows.first().map(Vec::len) else {
        return Ok(());
    };
    let per = (MAX_PARAMS / cols).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Val>> = rows.by_ref().take(per).collect();
        let values = vec![tuple(cols); chunk.len()].join(", ");
        let sql = dialect.insert_ignore(&format!("{target} VALUES {values}"));
        let mut a = AnyArguments::default();
        for v in chunk.into_iter().flatten() {
            bind(&mut a, v)?;
        }
        query_with(&sql, a).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Moves each order of `moves` (`(order id, status, seq)`) of `shop` to its
/// status, where that is newer than the one it has; one statement a chunk.
pub async fn move_statuses(
    tx: &mut Transaction<'static, Any>,
    dialect: Dialect,
    shop: &str,
    moves: Vec<(String, String, i64)>,
) -> DbResult<()> {
    for chunk in moves.chunks(MAX_PARAMS / 3) {
        let sql = match dialect {
            Dialect::Postgres => {
                let values = vec![
                    "(CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(16)), CAST(? AS BIGINT))";
                    chunk.len()
                ]
                .join(", ");
                dialect.sql(&format!(
                    "UPDATE hq_orders AS o SET status = v.status, status_seq = v.seq
                     FROM (VALUES {values}) AS v (id, status, seq)
                     WHERE o.shop_id = ? AND o.id = v.id AND o.status_seq < v.seq"
                ))
            }
            Dialect::MySql => {
                let first = "SELECT ? AS id, ? AS status, ? AS seq";
                let rest = vec!["SELECT ?, ?, ?"; chunk.len() - 1];
                let union = std::iter::once(first)
                    .chain(rest)
                    .collect::<Vec<_>>()
                    .join(" UNION ALL ");
                format!(
                    "UPDATE hq_orders AS o JOIN ({union}) AS v ON o.id = v.id
                     SET o.status = v.status, o.status_seq = v.seq
                     WHERE o.shop_id = ? AND o.status_seq < v.seq"
                )
            }
        };
        let mut a = AnyArguments::default();
        for (id, status, seq) in chunk {
            bind(&mut a, Val::Text(id.clone()))?;
            bind(&mut a, Val::Text(status.clone()))?;
            bind(&mut a, Val::Int(*seq))?;
        }
        bind(&mut a, Val::Text(shop.to_string()))?;
        query_with(&sql, a).execute(&mut **tx).await?;
    }
    Ok(())
}
