//! Customer profiles (regulars, with or without an online account).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{row, ts, Conflict, StoreError, StoreResult};

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
    .map_err(|e| StoreError::from_unique(e, |_| Conflict::Email))?;
    Ok(())
}

pub fn id_for_user(conn: &Connection, user_id: Uuid) -> StoreResult<Option<Uuid>> {
    row::first(
        conn,
        "SELECT id FROM customers WHERE user_id = ?1",
        [user_id.to_string()],
        |r| row::uuid(r, "id"),
    )
}

pub fn exists(conn: &Connection, id: Uuid) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A customer with what they have bought (non-cancelled orders).
pub struct CustomerStats {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub has_account: bool,
    pub visits: i64,
    pub total_spent: i64,
    pub last_visit: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Customers whose name, e-mail or phone contains `q` (all when empty),
/// most recent visitors first.
pub fn search(conn: &Connection, q: &str, limit: usize) -> StoreResult<Vec<CustomerStats>> {
    let pattern = format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    // Phone numbers match on 3+ digits, ignoring spaces, dashes and "+".
    let phone_pattern = (digits.len() >= 3).then(|| format!("%{digits}%"));
    row::all(
        conn,
        "SELECT c.id AS id, c.name AS name, c.email AS email, c.phone AS phone,
                c.user_id IS NOT NULL AS has_account, c.created_at AS created_at,
                count(o.id) AS visits, coalesce(sum(o.total), 0) AS total_spent,
                max(o.created_at) AS last_visit
         FROM customers c
         LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
         WHERE ?1 = '%%' OR c.name LIKE ?1 ESCAPE '\\' OR c.email LIKE ?1 ESCAPE '\\'
               OR replace(replace(replace(coalesce(c.phone, ''), ' ', ''), '-', ''), '+', '') LIKE ?2
         GROUP BY c.id
         ORDER BY max(o.created_at) IS NULL, max(o.created_at) DESC, c.name
         LIMIT ?3",
        params![pattern, phone_pattern, limit as i64],
        |r| {
            Ok(CustomerStats {
                id: row::uuid(r, "id")?,
                name: r.get("name")?,
                email: r.get("email")?,
                phone: r.get("phone")?,
                has_account: r.get("has_account")?,
                visits: r.get("visits")?,
                total_spent: r.get("total_spent")?,
                last_visit: row::opt_time(r, "last_visit")?,
                created_at: row::time(r, "created_at")?,
            })
        },
    )
}
