//! Customer profiles (regulars, with or without an online account).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{parse_uuid, ts, StoreError, StoreResult};

pub struct NewCustomer<'a> {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &Connection, c: &NewCustomer<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO customers (id, user_id, name, email, phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        c.id.to_string(),
        c.user_id.map(|u| u.to_string()),
        c.name,
        c.email,
        c.phone,
        ts(c.created_at)
    ])
    .map_err(|e| StoreError::from_unique(e, "e-mail address"))?;
    Ok(())
}

pub fn id_for_user(conn: &Connection, user_id: Uuid) -> StoreResult<Option<Uuid>> {
    conn.prepare_cached("SELECT id FROM customers WHERE user_id = ?1")?
        .query_row([user_id.to_string()], |r| r.get::<_, String>(0))
        .optional()?
        .map(|s| parse_uuid(&s))
        .transpose()
}

pub fn exists(conn: &Connection, id: Uuid) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}
