//! Feedback on orders: one rating (and maybe a comment) per order, pending
//! until an admin approves or rejects it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use uuid::Uuid;

use super::{row, ts, StoreResult};

/// A new feedback, as the customer or kiosk left it.
pub struct NewFeedback<'a> {
    pub id: Uuid,
    pub order_id: Uuid,
    pub rating: u8,
    pub comment: Option<&'a str>,
    pub left_by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// A feedback as stored, with its order's ticket number and, for an order
/// of a known customer, the customer's name.
pub struct FeedbackRow {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_number: i64,
    pub rating: u8,
    pub comment: Option<String>,
    pub status: String,
    pub customer_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub moderated_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT f.id, f.order_id, o.number AS order_number, f.rating, f.comment,
        f.status, c.name AS customer_name, f.created_at, f.moderated_at
     FROM feedback f
     JOIN orders o ON o.id = f.order_id
     LEFT JOIN customers c ON c.id = o.customer_id";

fn from_row(r: &Row<'_>) -> StoreResult<FeedbackRow> {
    Ok(FeedbackRow {
        id: row::uuid(r, "id")?,
        order_id: row::uuid(r, "order_id")?,
        order_number: r.get("order_number")?,
        rating: r.get("rating")?,
        comment: r.get("comment")?,
        status: r.get("status")?,
        customer_name: r.get("customer_name")?,
        created_at: row::time(r, "created_at")?,
        moderated_at: row::opt_time(r, "moderated_at")?,
    })
}

pub fn insert(conn: &Connection, f: &NewFeedback<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO feedback (id, order_id, rating, comment, left_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        f.id.to_string(),
        f.order_id.to_string(),
        f.rating,
        f.comment,
        f.left_by.map(|u| u.to_string()),
        ts(f.at)
    ])?;
    Ok(())
}

/// Whether the order has a feedback already.
pub fn exists_for_order(conn: &Connection, order_id: Uuid) -> StoreResult<bool> {
    Ok(row::first(
        conn,
        "SELECT 1 FROM feedback WHERE order_id = ?1",
        [order_id.to_string()],
        |_| Ok(()),
    )?
    .is_some())
}

pub fn get(conn: &Connection, id: Uuid) -> StoreResult<Option<FeedbackRow>> {
    let sql = format!("{SELECT} WHERE f.id = ?1");
    row::first(conn, &sql, [id.to_string()], from_row)
}

/// The newest `limit` feedback in `status` (all when `None`): pending ones
/// first, then newest first.
pub fn list(conn: &Connection, status: Option<&str>, limit: u32) -> StoreResult<Vec<FeedbackRow>> {
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR f.status = ?1)
         ORDER BY f.status = 'pending' DESC, f.created_at DESC, f.id DESC LIMIT ?2"
    );
    row::all(conn, &sql, params![status, limit], from_row)
}

/// The newest `limit` approved feedback, newest first.
pub fn approved(conn: &Connection, limit: u32) -> StoreResult<Vec<FeedbackRow>> {
    let sql = format!(
        "{SELECT} WHERE f.status = 'approved' ORDER BY f.created_at DESC, f.id DESC LIMIT ?1"
    );
    row::all(conn, &sql, params![limit], from_row)
}

/// Sets a feedback's moderation; false when there is no such feedback.
pub fn moderate(
    conn: &Connection,
    id: Uuid,
    status: &str,
    by: Option<Uuid>,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE feedback SET status = ?2, moderated_by = ?3, moderated_at = ?4 WHERE id = ?1",
        )?
        .execute(params![
            id.to_string(),
            status,
            by.map(|u| u.to_string()),
            ts(at)
        ])?;
    Ok(n > 0)
}
