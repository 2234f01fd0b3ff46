//! The owners' figures across shops. An order counts on its shop's
//! business date and not at all once cancelled; revenue is the sum of
//! order totals; refunds count on the (UTC) date they were given. Totals
//! across shops are given only when every shop sells in one currency.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{Hq, HqError, HqResult};
use crate::domain::{Currency, Money};

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrdersQuery {
    /// One shop's orders only.
    pub shop_id: Option<Uuid>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShopFigures {
    pub shop_id: Uuid,
    pub name: String,
    pub orders: i64,
    /// In the shop's currency; `null` for a shop that has sent nothing yet.
    pub revenue: Option<Money>,
    pub refunds: Option<Money>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Summary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub shops: Vec<ShopFigures>,
    pub orders: i64,
    /// `null` when the shops sell in more than one currency.
    pub revenue: Option<Money>,
    pub refunds: Option<Money>,
}

pub(super) fn check(from: NaiveDate, to: NaiveDate) -> HqResult<()> {
    if from > to {
        return Err(HqError::invalid("from must not be after to"));
    }
    if (to - from).num_days() > 3660 {
        return Err(HqError::invalid("the range may span ten years at most"));
    }
    Ok(())
}

pub(super) fn currency(code: &str) -> HqResult<Currency> {
    Currency::parse(code).map_err(|e| HqError::internal(anyhow::anyhow!(e.message)))
}

pub async fn summary(hq: &Hq, range: &Range) -> HqResult<Summary> {
    check(range.from, range.to)?;
    let (from, to) = (range.from.to_string(), range.to.to_string());
    let shops = hq.db().shops().await?;
    let orders = hq.db().order_sums(&from, &to).await?;
    let refunds = hq.db().refund_sums(&from, &to).await?;
    let mut by_shop: HashMap<Uuid, (i64, i64, i64)> = HashMap::new();
    for s in &orders {
        let e = by_shop.entry(s.shop_id).or_default();
        e.0 += s.count;
        e.1 += s.amount;
    }
    for s in &refunds {
        by_shop.entry(s.shop_id).or_default().2 += s.amount;
    }
    let mut out = Vec::with_capacity(shops.len());
    let mut currencies: Vec<Currency> = Vec::new();
    let (mut n, mut revenue, mut refunded) = (0, 0, 0);
    for shop in shops {
        let (count, rev, refd) = by_shop.get(&shop.id).copied().unwrap_or_default();
        // A shop's currency is that of its first order; orders in another
        // would make its sums meaningless, so they are refused as mixed.
        let cur = match &shop.currency {
            Some(c) => Some(currency(c)?),
            None => None,
        };
        if let Some(c) = cur {
            if !currencies.contains(&c) {
                currencies.push(c);
            }
        }
        n += count;
        revenue += rev;
        refunded += refd;
        out.push(ShopFigures {
            shop_id: shop.id,
            name: shop.name,
            orders: count,
            revenue: cur.map(|c| Money::new(rev, c)),
            refunds: cur.map(|c| Money::new(refd, c)),
        });
    }
    let mixed_rows = orders
        .iter()
        .chain(&refunds)
        .any(|s| !currencies.iter().any(|c| c.to_string() == s.currency));
    let one = match (currencies.as_slice(), mixed_rows) {
        ([c], false) => Some(*c),
        _ => None,
    };
    Ok(Summary {
        from: range.from,
        to: range.to,
        shops: out,
        orders: n,
        revenue: one.map(|c| Money::new(revenue, c)),
        refunds: one.map(|c| Money::new(refunded, c)),
    })
}

/// `{"orders":[…]}`: each order as its shop sent it (its own `id` and
/// `number`, lines, totals…) with `shop_id`, `business_date`, the latest
/// `status` head office knows, and the payments and refunds received.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrderList {
    #[schema(value_type = Vec<Object>)]
    pub orders: Vec<serde_json::Value>,
}

fn parse(body: &str) -> HqResult<serde_json::Value> {
    serde_json::from_str(body).map_err(HqError::internal)
}

pub async fn orders(hq: &Hq, q: &OrdersQuery) -> HqResult<OrderList> {
    check(q.from, q.to)?;
    let (rows, payments, refunds) = hq
        .db()
        .orders(&q.from.to_string(), &q.to.to_string(), q.shop_id)
        .await?;
    let mut money: HashMap<(Uuid, Uuid), (Vec<serde_json::Value>, Vec<serde_json::Value>)> =
        HashMap::new();
    for p in payments {
        money
            .entry((p.shop_id, p.order_id))
            .or_default()
            .0
            .push(parse(&p.body)?);
    }
    for r in refunds {
        money
            .entry((r.shop_id, r.order_id))
            .or_default()
            .1
            .push(parse(&r.body)?);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut order = parse(&row.body)?;
        let id = order
            .get("id")
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse::<Uuid>().ok())
            .ok_or_else(|| HqError::internal(anyhow::anyhow!("a stored order has no id")))?;
        let (pays, refs) = money.remove(&(row.shop_id, id)).unwrap_or_default();
        if let Some(o) = order.as_object_mut() {
            o.insert("shop_id".into(), row.shop_id.to_string().into());
            o.insert("business_date".into(), row.business_date.into());
            o.insert("status".into(), row.status.into());
            o.insert("payments".into(), pays.into());
            o.insert("refunds".into(), refs.into());
        }
        out.push(order);
    }
    Ok(OrderList { orders: out })
}
