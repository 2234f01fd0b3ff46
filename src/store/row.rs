//! Reading rows by column name into the store's types.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Params, Row};
use uuid::Uuid;

use super::{parse_ts, parse_uuid, StoreResult};

/// A column holding an id.
pub(crate) fn uuid(r: &Row<'_>, col: &str) -> StoreResult<Uuid> {
    parse_uuid(&r.get::<_, String>(col)?)
}

/// A nullable column holding an id.
pub(crate) fn opt_uuid(r: &Row<'_>, col: &str) -> StoreResult<Option<Uuid>> {
    r.get::<_, Option<String>>(col)?
        .as_deref()
        .map(parse_uuid)
        .transpose()
}

/// A column holding a timestamp.
pub(crate) fn time(r: &Row<'_>, col: &str) -> StoreResult<DateTime<Utc>> {
    parse_ts(&r.get::<_, String>(col)?)
}

/// A nullable column holding a timestamp.
pub(crate) fn opt_time(r: &Row<'_>, col: &str) -> StoreResult<Option<DateTime<Utc>>> {
    r.get::<_, Option<String>>(col)?
        .as_deref()
        .map(parse_ts)
        .transpose()
}

/// The first row `sql` answers, mapped by `f`; `None` when there is none.
pub(crate) fn first<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    f: impl FnOnce(&Row<'_>) -> StoreResult<T>,
) -> StoreResult<Option<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    rows.next()?.map(f).transpose()
}

/// Every row `sql` answers, mapped by `f`, in order.
pub(crate) fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    f: impl FnMut(&Row<'_>) -> StoreResult<T>,
) -> StoreResult<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_and_then(params, f)?;
    rows.collect()
}

/// Ids as a JSON array, bound to one parameter and read back in SQL with
/// `SELECT value FROM json_each(?)`: one statement for a list of any length.
pub(crate) fn id_list<I>(ids: I) -> String
where
    I: IntoIterator,
    I::Item: ToString,
{
    serde_json::Value::from(ids.into_iter().map(|id| id.to_string()).collect::<Vec<_>>())
        .to_string()
}
