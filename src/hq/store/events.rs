//! Ingest: a shop's batch of events, stored exactly once by (shop, event
//! id) in one transaction, and projected into orders, payments, refunds
//! and shifts, kind by kind in multi-row statements (a batch of 500 events
//! is about a dozen round trips). Only an event stored for the first time
//! is projected, so a replay changes nothing; a status is applied only over an older one (by
//! the shop's `seq`), and an order arriving after its status changes takes
//! the latest of them from the stored events.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx_core::any::Any;
use sqlx_core::query::query;
use sqlx_core::transaction::Transaction;
use uuid::Uuid;

use super::rows::{self, Val};
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
        let shop_id = shop.to_string();
        let mut tx = self.pool.begin().await?;
        // Locks the shop's row first: one shop's batches apply one at a
        // time, so what is held below stays true until the commit.
        let sql = self
            .dialect
            .sql("UPDATE hq_shops SET last_sync_at = ? WHERE id = ?");
        query(&sql)
            .bind(now)
            .bind(&shop_id)
            .execute(&mut *tx)
            .await?;
        let held = self.held(&mut tx, &shop_id, events).await?;
        let mut seen = HashSet::new();
        let new: Vec<&Event> = events
            .iter()
            .filter(|e| !held.contains(&e.id) && seen.insert(e.id))
            .collect();
        if !new.is_empty() {
            let mut stored = Vec::with_capacity(new.len());
            for e in &new {
                stored.push(vec![
                    Val::from(shop_id.clone()),
                    e.id.to_string().into(),
                    e.seq.into(),
                    e.payload.kind().into(),
                    micros(e.at).into(),
                    order_of(&e.payload).map(|id| id.to_string()).into(),
                    json(&e.payload)?.into(),
                    now.into(),
                ]);
            }
            rows::insert_ignore(
                &mut tx,
                self.dialect,
                "hq_events (shop_id, id, seq, kind, at, order_id, body, received_at)",
                stored,
            )
            .await?;
            self.project(&mut tx, &shop_id, &new, now).await?;
        }
        tx.commit().await?;
        Ok(new.len())
    }

    /// Which of `events` the shop's store already holds (one query a chunk).
    async fn held(&self, tx: &mut Tx, shop_id: &str, events: &[Event]) -> DbResult<HashSet<Uuid>> {
        let mut held = HashSet::new();
        for chunk in events.chunks(1000) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = self.dialect.sql(&format!(
                "SELECT id FROM hq_events WHERE shop_id = ? AND id IN ({marks})"
            ));
            let mut q = query(&sql).bind(shop_id.to_string());
            for e in chunk {
                q = q.bind(e.id.to_string());
            }
            for r in q.fetch_all(&mut **tx).await? {
                held.insert(super::uuid(&r, "id")?);
            }
        }
        Ok(held)
    }

    /// Projects the batch's new events, kind by kind: a few statements for
    /// the whole batch.
    async fn project(&self, tx: &mut Tx, shop_id: &str, new: &[&Event], now: i64) -> DbResult<()> {
        let mut payments = Vec::new();
        let mut refunds = Vec::new();
        let mut shifts = Vec::new();
        let mut orders = Vec::new();
        // The newest status change of each order in the batch.
        let mut moves: HashMap<Uuid, (OrderStatus, i64)> = HashMap::new();
        let mut menu_version: Option<(i64, i64)> = None;
        for e in new {
            match &e.payload {
                Payload::OrderPlaced {
                    order,
                    business_date,
                } => orders.push((e.seq, order.as_ref(), business_date)),
                Payload::PaymentRecorded { order_id, payment } => payments.push(vec![
                    Val::from(shop_id),
                    payment.id.to_string().into(),
                    order_id.to_string().into(),
                    payment.method.as_str().into(),
                    payment.amount.currency.to_string().into(),
                    payment.amount.amount.into(),
                    payment.tip.amount.into(),
                    micros(payment.created_at).into(),
                    json(payment)?.into(),
                ]),
                Payload::RefundRecorded { order_id, refund } => refunds.push(vec![
                    Val::from(shop_id),
                    refund.id.to_string().into(),
                    order_id.to_string().into(),
                    refund.method.as_str().into(),
                    refund.amount.currency.to_string().into(),
                    refund.amount.amount.into(),
                    micros(refund.created_at).into(),
                    refund.created_at.date_naive().to_string().into(),
                    json(refund)?.into(),
                ]),
                Payload::StatusChanged {
                    order_id, status, ..
                } => {
                    let m = moves.entry(*order_id).or_insert((*status, e.seq));
                    if e.seq > m.1 {
                        *m = (*status, e.seq);
                    }
                }
                Payload::ShiftClosed { shift } => shifts.push(vec![
                    Val::from(shop_id),
                    shift.id.to_string().into(),
                    shift.currency.to_string().into(),
                    shift.opening_float.into(),
                    shift.cash_in.into(),
                    shift.cash_out.into(),
                    shift.expected_cash.into(),
                    shift.counted_cash.into(),
                    micros(shift.opened_at).into(),
                    micros(shift.closed_at).into(),
                    json(shift)?.into(),
                ]),
                Payload::MenuApplied { version } => {
                    if menu_version.is_none_or(|(v, _)| *version > v) {
                        menu_version = Some((*version, micros(e.at)));
                    }
                }
            }
        }
        self.project_orders(tx, shop_id, &orders, now).await?;
        let d = self.dialect;
        rows::insert_ignore(
            tx,
            d,
            "hq_payments (shop_id, id, order_id, method, currency, amount, tip, created_at, body)",
            payments,
        )
        .await?;
        rows::insert_ignore(
            tx,
            d,
            "hq_refunds (shop_id, id, order_id, method, currency, amount, created_at,
             refund_date, body)",
            refunds,
        )
        .await?;
        rows::insert_ignore(
            tx,
            d,
            "hq_shifts (shop_id, id, currency, opening_float, cash_in, cash_out, expected_cash,
             counted_cash, opened_at, closed_at, body)",
            shifts,
        )
        .await?;
        // Orders held from earlier batches move on; those just stored took
        // their newest status already (status_seq is not below it).
        let moves = moves
            .into_iter()
            .map(|(id, (status, seq))| (id.to_string(), status.as_str().to_string(), seq))
            .collect();
        rows::move_statuses(tx, d, shop_id, moves).await?;
        if let Some((version, at)) = menu_version {
            // Versions only grow: an older event arriving late is kept
            // (above) but does not move the shop back.
            let sql = d.sql(
                "UPDATE hq_shops SET menu_version = ?, menu_applied_at = ?
                 WHERE id = ? AND (menu_version IS NULL OR menu_version < ?)",
            );
            query(&sql)
                .bind(version)
                .bind(at)
                .bind(shop_id)
                .bind(version)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Stores the batch's new orders with their lines. An order whose status
    /// changes arrived first (in an earlier batch or this one, all stored
    /// already) takes the newest of them.
    async fn project_orders(
        &self,
        tx: &mut Tx,
        shop_id: &str,
        orders: &[(i64, &Order, &chrono::NaiveDate)],
        now: i64,
    ) -> DbResult<()> {
        let Some((_, first, _)) = orders.first() else {
            return Ok(());
        };
        let mut latest: HashMap<Uuid, (i64, OrderStatus)> = HashMap::new();
        for chunk in orders.chunks(1000) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = self.dialect.sql(&format!(
                "SELECT order_id, seq, body FROM hq_events
                 WHERE shop_id = ? AND kind = 'status_changed' AND order_id IN ({marks})"
            ));
            let mut q = query(&sql).bind(shop_id.to_string());
            for (_, o, _) in chunk {
                q = q.bind(o.id.to_string());
            }
            for r in q.fetch_all(&mut **tx).await? {
                let (order, seq) = (super::uuid(&r, "order_id")?, int(&r, "seq")?);
                if let Some(status) = status_in(&text(&r, "body")?)? {
                    let l = latest.entry(order).or_insert((seq, status));
                    if seq > l.0 {
                        *l = (seq, status);
                    }
                }
            }
        }
        let mut rows_ = Vec::with_capacity(orders.len());
        let mut lines = Vec::new();
        for (seq, order, business_date) in orders {
            let (mut status, mut status_seq) = (order.status, *seq);
            if let Some((later, s)) = latest.get(&order.id) {
                if *later > *seq {
                    (status, status_seq) = (*s, *later);
                }
            }
            rows_.push(vec![
                Val::from(shop_id),
                order.id.to_string().into(),
                order.number.into(),
                business_date.to_string().into(),
                status.as_str().into(),
                status_seq.into(),
                order.total.currency.to_string().into(),
                order.total.amount.into(),
                micros(order.created_at).into(),
                now.into(),
                json(order)?.into(),
            ]);
            // The lines, for the reports of items sold (`store::analytics`).
            for (n, line) in order.lines.iter().enumerate() {
                lines.push(vec![
                    Val::from(shop_id),
                    order.id.to_string().into(),
                    (n as i64).into(),
                    line.item_id.to_string().into(),
                    line.name.clone().into(),
                    i64::from(line.quantity).into(),
                    line.line_total.amount.into(),
                ]);
            }
        }
        let d = self.dialect;
        rows::insert_ignore(
            tx,
            d,
            "hq_orders (shop_id, id, number, business_date, status, status_seq, currency, total,
             created_at, received_at, body)",
            rows_,
        )
        .await?;
        rows::insert_ignore(
            tx,
            d,
            "hq_order_lines (shop_id, order_id, line_no, item_id, name, quantity, line_total)",
            lines,
        )
        .await?;
        let sql = d.sql("UPDATE hq_shops SET currency = ? WHERE id = ? AND currency IS NULL");
        query(&sql)
            .bind(first.total.currency.to_string())
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
