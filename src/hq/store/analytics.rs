//! The owners' reports by day, item and payment method, from the order lines
//! written at ingest beside each order (`hq_order_lines`). An order
//! counts on its business date unless cancelled; its lines and payments go
//! with it; refunds count on their own (UTC) date. Every read is a fixed
//! number of queries, whatever the number of rows.

use sqlx_core::any::{Any, AnyArguments, AnyRow};
use sqlx_core::arguments::Arguments;
use sqlx_core::query::query_with;
use uuid::Uuid;

use super::{int, text, uuid, Db, DbError, DbResult};

/// One shop's count and sum on one day, in one currency.
pub struct DaySum {
    pub date: String,
    pub shop_id: Uuid,
    pub currency: String,
    pub count: i64,
    pub amount: i64,
}

/// An item (by name) sold across shops, in one currency.
pub struct ItemSum {
    pub name: String,
    pub currency: String,
    pub quantity: i64,
    pub amount: i64,
}

/// Payments by one method, in one currency.
pub struct MethodSum {
    pub method: String,
    pub currency: String,
    pub count: i64,
    pub amount: i64,
    pub tips: i64,
}

/// What a report asks: the business dates `from..=to` (`YYYY-MM-DD`), and
/// one shop or all.
#[derive(Clone, Copy)]
pub struct Span<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub shop: Option<Uuid>,
}

impl Span<'_> {
    /// `col BETWEEN from AND to` (and the shop, when one is asked), with its
    /// arguments; `shop_col` names the shop column to filter on.
    fn filter(&self, col: &str, shop_col: &str) -> DbResult<(String, AnyArguments<'static>)> {
        let mut a = AnyArguments::default();
        add(&mut a, self.from.to_string())?;
        add(&mut a, self.to.to_string())?;
        let mut sql = format!("{col} >= ? AND {col} <= ?");
        if let Some(s) = self.shop {
            sql.push_str(&format!(" AND {shop_col} = ?"));
            add(&mut a, s.to_string())?;
        }
        Ok((sql, a))
    }
}

fn add<T>(a: &mut AnyArguments<'static>, v: T) -> DbResult<()>
where
    T: 'static + Send + sqlx_core::encode::Encode<'static, Any> + sqlx_core::types::Type<Any>,
{
    a.add(v).map_err(|e| DbError::Corrupt(e.to_string()))
}

fn day_sums(rows: Vec<AnyRow>) -> DbResult<Vec<DaySum>> {
    rows.iter()
        .map(|r| {
            Ok(DaySum {
                date: text(r, "day")?,
                shop_id: uuid(r, "shop_id")?,
                currency: text(r, "currency")?,
                count: int(r, "n")?,
                amount: int(r, "amount")?,
            })
        })
        .collect()
}

impl Db {
    /// Orders not cancelled and the sum of their totals, by business date,
    /// shop and currency.
    pub async fn daily_orders(&self, span: Span<'_>) -> DbResult<Vec<DaySum>> {
        let (filter, args) = span.filter("business_date", "shop_id")?;
        let sql = self.dialect.sql(&format!(
            "SELECT business_date AS day, shop_id, currency, COUNT(*) AS n, {} AS amount
             FROM hq_orders WHERE {filter} AND status <> 'cancelled'
             GROUP BY business_date, shop_id, currency",
            self.dialect.sum("total")
        ));
        day_sums(query_with(&sql, args).fetch_all(&self.pool).await?)
    }

    /// Refunds by the (UTC) date they were given, shop and currency.
    pub async fn daily_refunds(&self, span: Span<'_>) -> DbResult<Vec<DaySum>> {
        let (filter, args) = span.filter("refund_date", "shop_id")?;
        let sql = self.dialect.sql(&format!(
            "SELECT refund_date AS day, shop_id, currency, COUNT(*) AS n, {} AS amount
             FROM hq_refunds WHERE {filter}
             GROUP BY refund_date, shop_id, currency",
            self.dialect.sum("amount")
        ));
        day_sums(query_with(&sql, args).fetch_all(&self.pool).await?)
    }

    /// Tips of the payments on orders counted (not cancelled), by the
    /// order's business date, shop and currency.
    pub async fn daily_tips(&self, span: Span<'_>) -> DbResult<Vec<DaySum>> {
        let (filter, args) = span.filter("o.business_date", "p.shop_id")?;
        let sql = self.dialect.sql(&format!(
            "SELECT o.business_date AS day, p.shop_id, p.currency, COUNT(*) AS n, {} AS amount
             FROM hq_payments p JOIN hq_orders o ON o.shop_id = p.shop_id AND o.id = p.order_id
             WHERE {filter} AND o.status <> 'cancelled'
             GROUP BY o.business_date, p.shop_id, p.currency",
            self.dialect.sum("p.tip")
        ));
        day_sums(query_with(&sql, args).fetch_all(&self.pool).await?)
    }

    /// The best sellers of orders counted, across shops: items by name and
    /// currency, most sold first (then most revenue, then by name).
    pub async fn top_items(&self, span: Span<'_>, limit: i64) -> DbResult<Vec<ItemSum>> {
        let (filter, mut args) = span.filter("o.business_date", "o.shop_id")?;
        add(&mut args, limit)?;
        let sql = self.dialect.sql(&format!(
            "SELECT l.name AS name, o.currency AS currency, {} AS qty, {} AS revenue
             FROM hq_order_lines l JOIN hq_orders o ON o.shop_id = l.shop_id AND o.id = l.order_id
             WHERE {filter} AND o.status <> 'cancelled'
             GROUP BY l.name, o.currency
             ORDER BY qty DESC, revenue DESC, l.name, o.currency LIMIT ?",
            self.dialect.sum("l.quantity"),
            self.dialect.sum("l.line_total")
        ));
        let rows = query_with(&sql, args).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(ItemSum {
                    name: text(r, "name")?,
                    currency: text(r, "currency")?,
                    quantity: int(r, "qty")?,
                    amount: int(r, "revenue")?,
                })
            })
            .collect()
    }

    /// Payments on orders counted, by method and currency, the largest
    /// amount first.
    pub async fn payment_methods(&self, span: Span<'_>) -> DbResult<Vec<MethodSum>> {
        let (filter, args) = span.filter("o.business_date", "o.shop_id")?;
        let sql = self.dialect.sql(&format!(
            "SELECT p.method AS method, p.currency AS currency, COUNT(*) AS n,
                    {} AS paid, {} AS tips
             FROM hq_payments p JOIN hq_orders o ON o.shop_id = p.shop_id AND o.id = p.order_id
             WHERE {filter} AND o.status <> 'cancelled'
             GROUP BY p.method, p.currency
             ORDER BY paid DESC, p.method, p.currency",
            self.dialect.sum("p.amount"),
            self.dialect.sum("p.tip")
        ));
        let rows = query_with(&sql, args).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(MethodSum {
                    method: text(r, "method")?,
                    currency: text(r, "currency")?,
                    count: int(r, "n")?,
                    amount: int(r, "paid")?,
                    tips: int(r, "tips")?,
                })
            })
            .collect()
    }
}
