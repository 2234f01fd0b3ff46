//! What owners read: sums by shop, and the orders as received. Each read
//! costs a fixed number of queries, whatever the number of rows.

use sqlx_core::any::{AnyArguments, AnyRow};
use sqlx_core::arguments::Arguments;
use sqlx_core::query::{query, query_with};
use uuid::Uuid;

use super::{int, text, uuid, Db, DbError, DbResult};

/// One shop's sums in one currency.
pub struct ShopSum {
    pub shop_id: Uuid,
    pub currency: String,
    pub count: i64,
    pub amount: i64,
}

/// An order as stored: the JSON the shop sent and what head office knows
/// of it since.
pub struct OrderRow {
    pub shop_id: Uuid,
    pub business_date: String,
    pub status: String,
    pub body: String,
}

/// A payment's or refund's JSON, with its order.
pub struct MoneyRow {
    pub shop_id: Uuid,
    pub order_id: Uuid,
    pub body: String,
}

fn sums(rows: Vec<AnyRow>) -> DbResult<Vec<ShopSum>> {
    rows.iter()
        .map(|r| {
            Ok(ShopSum {
                shop_id: uuid(r, "shop_id")?,
                currency: text(r, "currency")?,
                count: int(r, "n")?,
                amount: int(r, "amount")?,
            })
        })
        .collect()
}

fn money_rows(rows: Vec<AnyRow>) -> DbResult<Vec<MoneyRow>> {
    rows.iter()
        .map(|r| {
            Ok(MoneyRow {
                shop_id: uuid(r, "shop_id")?,
                order_id: uuid(r, "order_id")?,
                body: text(r, "body")?,
            })
        })
        .collect()
}

fn args(from: &str, to: &str, shop: Option<Uuid>) -> DbResult<AnyArguments<'static>> {
    let mut a = AnyArguments::default();
    let bad = |e: sqlx_core::error::BoxDynError| DbError::Corrupt(e.to_string());
    a.add(from.to_string()).map_err(bad)?;
    a.add(to.to_string()).map_err(bad)?;
    if let Some(s) = shop {
        a.add(s.to_string()).map_err(bad)?;
    }
    Ok(a)
}

impl Db {
    /// Orders not cancelled, counted on their business date in `from..=to`
    /// (`YYYY-MM-DD`), with the sum of their totals, by shop and currency.
    pub async fn order_sums(&self, from: &str, to: &str) -> DbResult<Vec<ShopSum>> {
        let sql = self.dialect.sql(&format!(
            "SELECT shop_id, currency, COUNT(*) AS n, {} AS amount FROM hq_orders
             WHERE business_date >= ? AND business_date <= ? AND status <> 'cancelled'
             GROUP BY shop_id, currency",
            self.dialect.sum("total")
        ));
        let rows = query(&sql)
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await?;
        sums(rows)
    }

    /// Refunds given in `from..=to` (their UTC date), by shop and currency.
    pub async fn refund_sums(&self, from: &str, to: &str) -> DbResult<Vec<ShopSum>> {
        let sql = self.dialect.sql(&format!(
            "SELECT shop_id, currency, COUNT(*) AS n, {} AS amount FROM hq_refunds
             WHERE refund_date >= ? AND refund_date <= ?
             GROUP BY shop_id, currency",
            self.dialect.sum("amount")
        ));
        let rows = query(&sql)
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await?;
        sums(rows)
    }

    /// The orders of `from..=to` (business dates), of one shop or all, oldest
    /// first, with their payments and refunds: three queries.
    pub async fn orders(
        &self,
        from: &str,
        to: &str,
        shop: Option<Uuid>,
    ) -> DbResult<(Vec<OrderRow>, Vec<MoneyRow>, Vec<MoneyRow>)> {
        let filter = if shop.is_some() {
            "o.business_date >= ? AND o.business_date <= ? AND o.shop_id = ?"
        } else {
            "o.business_date >= ? AND o.business_date <= ?"
        };
        let sql = self.dialect.sql(&format!(
            "SELECT o.shop_id, o.business_date, o.status, o.body FROM hq_orders o
             WHERE {filter} ORDER BY o.business_date, o.created_at, o.shop_id, o.id"
        ));
        let rows = query_with(&sql, args(from, to, shop)?)
            .fetch_all(&self.pool)
            .await?;
        let orders = rows
            .iter()
            .map(|r| {
                Ok(OrderRow {
                    shop_id: uuid(r, "shop_id")?,
                    business_date: text(r, "business_date")?,
                    status: text(r, "status")?,
                    body: text(r, "body")?,
                })
            })
            .collect::<DbResult<Vec<_>>>()?;
        let mut money = Vec::with_capacity(2);
        for table in ["hq_payments", "hq_refunds"] {
            let sql = self.dialect.sql(&format!(
                "SELECT m.shop_id, m.order_id, m.body FROM {table} m
                 JOIN hq_orders o ON o.shop_id = m.shop_id AND o.id = m.order_id
                 WHERE {filter} ORDER BY m.created_at, m.id"
            ));
            let rows = query_with(&sql, args(from, to, shop)?)
                .fetch_all(&self.pool)
                .await?;
            money.push(money_rows(rows)?);
        }
        let refunds = money.pop().unwrap_or_default();
        let payments = money.pop().unwrap_or_default();
        Ok((orders, payments, refunds))
    }
}
