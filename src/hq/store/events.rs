//! Ingest: a shop's batch of events, stored exactly once by (shop, event
//! id) in one transaction, and projected into orders, payments, refunds
//! and shifts. Only an event stored for the first time is projected, so a
//! replay changes nothing; a status is applied only over an older one (by
//! the shop's `seq`), and an order arriving after its status changes takes
//! the latest of them from the stored events.

use chrono::{DateTime, Utc};
use sqlx_core::any::Any;
use sqlx_core::query::query;
use sqlx_core::transaction::Transaction;
use uuid::Uuid;

use super::{int, text, Db, DbError, DbResult};
use crate::domain::order::{Order, OrderStatus};
use crate::sync::wire::{Event, Payload};

type Tx = Transaction<'static, Any>;

fn micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

fn json<T: serde::Serialize>(v: &T) -> DbResult<String> {
    serde_json::to_string(v).map_err(|e| DbError::Corrupt(e.to_string()))
}

/// The order an event is about, if any.
fn order_of(p: &Payload) -> Option<Uuid> {
    match p {
        Payload::OrderPlaced { order, .. } => Some(order.id),
        Payload::PaymentRecorded { order_id, .. }
        | Payload::RefundRecorded { order_id, .. }
        | Payload::StatusChanged { order_id, .. } => Some(*order_id),
        Payload::ShiftClosed { .. } | Payload::MenuApplied { .. } => None,
    }
}

/// Whether a failed transaction is worth running again (a deadlock or a
/// serialization failure between concurrent batches).
fn retryable(e: &DbError) -> bool {
    let DbError::Sql(e) = e else { return false };
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| matches!(c.as_ref(), "40001" | "40P01" | "1213" | "1205"))
}

impl Db {
    /// Stores `events` of `shop` (each once, whatever came before) and
    /// projects the new ones; notes the sync time. Returns how many were new.
    pub async fn ingest(&self, shop: Uuid, events: &[Event], now: i64) -> DbResult<usize> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.ingest_once(shop, events, now).await {
                Err(e) if attempt < 5 && retryable(&e) => {
                    tracing::debug!(error = %e, attempt, "ingest retried");
                    tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
                }
                other => return other,
            }
        }
    }

    async fn ingest_once(&self, shop: Uuid, events: &[Event], now: i64) -> DbResult<usize> {
        let mut tx = self.pool.begin().await?;
        // Locks the shop's row first: one shop's batches apply one at a
        // time, so a status never races the order it belongs to.
        let sql = self
            .dialect
            .sql("UPDATE hq_shops SET last_sync_at = ? WHERE id = ?");
        query(&sql)
            .bind(now)
            .bind(shop.to_string())
            .execute(&mut *tx)
            .await?;
        let insert = self.dialect.insert_ignore(
            "hq_events (shop_id, id, seq, kind, at, order_id, body, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        );
        let mut new = 0;
        for e in events {
            let stored = query(&insert)
                .bind(shop.to_string())
                .bind(e.id.to_string())
                .bind(e.seq)
                .bind(e.payload.kind())
                .bind(micros(e.at))
                .bind(order_of(&e.payload).map(|id| id.to_string()))
                .bind(json(&e.payload)?)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if stored == 1 {
                new += 1;
                self.project(&mut tx, shop, e, now).await?;
            }
        }
        tx.commit().await?;
        Ok(new)
    }

    async fn project(&self, tx: &mut Tx, shop: Uuid, e: &Event, now: i64) -> DbResult<()> {
        let shop_id = shop.to_string();
        match &e.payload {
            Payload::OrderPlaced {
                order,
                business_date,
            } => {
                self.project_order(tx, &shop_id, e.seq, order, business_date, now)
                    .await
            }
            Payload::PaymentRecorded { order_id, payment } => {
                let sql = self.dialect.insert_ignore(
                    "hq_payments (shop_id, id, order_id, method, currency, amount, tip,
                     created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                );
                query(&sql)
                    .bind(shop_id)
                    .bind(payment.id.to_string())
                    .bind(order_id.to_string())
                    .bind(payment.method.as_str())
                    .bind(payment.amount.currency.to_string())
                    .bind(payment.amount.amount)
                    .bind(payment.tip.amount)
                    .bind(micros(payment.created_at))
                    .bind(json(payment)?)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }
            Payload::RefundRecorded { order_id, refund } => {
                let sql = self.dialect.insert_ignore(
                    "hq_refunds (shop_id, id, order_id, method, currency, amount, created_at,
                     refund_date, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                );
                query(&sql)
                    .bind(shop_id)
                    .bind(refund.id.to_string())
                    .bind(order_id.to_string())
                    .bind(refund.method.as_str())
                    .bind(refund.amount.currency.to_string())
                    .bind(refund.amount.amount)
                    .bind(micros(refund.created_at))
                    .bind(refund.created_at.date_naive().to_string())
                    .bind(json(refund)?)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }
            Payload::StatusChanged {
                order_id, status, ..
            } => {
                let sql = self.dialect.sql(
                    "UPDATE hq_orders SET status = ?, status_seq = ?
                     WHERE shop_id = ? AND id = ? AND status_seq < ?",
                );
                query(&sql)
                    .bind(status.as_str())
                    .bind(e.seq)
                    .bind(shop_id)
                    .bind(order_id.to_string())
                    .bind(e.seq)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }
            Payload::ShiftClosed { shift } => {
                let sql = self.dialect.insert_ignore(
                    "hq_shifts (shop_id, id, currency, opening_float, cash_in, cash_out,
                     expected_cash, counted_cash, opened_at, closed_at, body)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                );
                query(&sql)
                    .bind(shop_id)
                    .bind(shift.id.to_string())
                    .bind(shift.currency.to_string())
                    .bind(shift.opening_float)
                    .bind(shift.cash_in)
                    .bind(shift.cash_out)
                    .bind(shift.expected_cash)
                    .bind(shift.counted_cash)
                    .bind(micros(shift.opened_at))
                    .bind(micros(shift.closed_at))
                    .bind(json(shift)?)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }
            Payload::MenuApplied { version } => {
                // Versions only grow: an older event arriving late is kept
                // (above) but does not move the shop back.
                let sql = self.dialect.sql(
                    "UPDATE hq_shops SET menu_version = ?, menu_applied_at = ?
                     WHERE id = ? AND (menu_version IS NULL OR menu_version < ?)",
                );
                query(&sql)
                    .bind(*version)
                    .bind(micros(e.at))
                    .bind(shop_id)
                    .bind(*version)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }
        }
    }

    async fn project_order(
        &self,
        tx: &mut Tx,
        shop_id: &str,
        seq: i64,
        order: &Order,
        business_date: &chrono::NaiveDate,
        now: i64,
    ) -> DbResult<()> {
        // A status change that arrived before the order, if any is newer.
        let sql = self.dialect.sql(
            "SELECT seq, body FROM hq_events
             WHERE shop_id = ? AND order_id = ? AND kind = 'status_changed'
             ORDER BY seq DESC LIMIT 1",
        );
        let latest = query(&sql)
            .bind(shop_id)
            .bind(order.id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
        let (mut status, mut status_seq) = (order.status, seq);
        if let Some(r) = latest {
            let later = int(&r, "seq")?;
            if later > seq {
                if let Some(s) = status_in(&text(&r, "body")?)? {
                    (status, status_seq) = (s, later);
                }
            }
        }
        let sql = self.dialect.insert_ignore(
            "hq_orders (shop_id, id, number, business_date, status, status_seq, currency,
             total, created_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        );
        query(&sql)
            .bind(shop_id)
            .bind(order.id.to_string())
            .bind(order.number)
            .bind(business_date.to_string())
            .bind(status.as_str())
            .bind(status_seq)
            .bind(order.total.currency.to_string())
            .bind(order.total.amount)
            .bind(micros(order.created_at))
            .bind(now)
            .bind(json(order)?)
            .execute(&mut **tx)
            .await?;
        // The lines, for the reports of items sold (see `store::analytics`).
        self.project_lines(tx, shop_id, order).await?;
        let sql = self
            .dialect
            .sql("UPDATE hq_shops SET currency = ? WHERE id = ? AND currency IS NULL");
        query(&sql)
            .bind(order.total.currency.to_string())
            .bind(shop_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

/// The status a stored `status_changed` body moves to.
fn status_in(body: &str) -> DbResult<Option<OrderStatus>> {
    let payload: Payload =
        serde_json::from_str(body).map_err(|e| DbError::Corrupt(e.to_string()))?;
    Ok(match payload {
        Payload::StatusChanged { status, .. } => Some(status),
        _ => None,
    })
}
