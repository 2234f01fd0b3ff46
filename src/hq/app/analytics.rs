//! The owners' reports beyond the summary: each shop's days (orders,
//! revenue, average ticket, refunds, tips), the best-selling items across
//! shops, and payments by method; the days also as CSV.
//!
//! The rules are the summary's: an order counts on its shop's business date
//! and not at all once cancelled; revenue is the sum of order totals; refunds
//! count on the (UTC) date they were given; tips and payments go with their
//! order. Money is never added across currencies: a figure is in one
//! currency, and where shops sell in several, each currency has its own row.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::reports::{check, currency, Range};
use super::{Hq, HqError, HqResult};
use crate::domain::{Currency, Money};
use crate::hq::store::analytics::{DaySum, Span};

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD[&shop_id=…]` (both days included).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DailyQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// One shop's days only.
    pub shop_id: Option<Uuid>,
}

/// `?from&to[&limit=N]`: at most `limit` items (1 to 100, default 10).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ItemsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub limit: Option<u32>,
}

/// One shop's business day (in one currency).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayFigures {
    pub date: NaiveDate,
    pub shop_id: Uuid,
    /// The shop's name.
    pub name: String,
    /// Orders not cancelled.
    pub orders: i64,
    /// The sum of their totals.
    pub revenue: Money,
    /// revenue / orders, rounded half away from zero (zero without orders).
    pub average_ticket: Money,
    /// Refunds given that (UTC) day.
    pub refunds: Money,
    /// Tips paid on the day's orders (not part of revenue).
    pub tips: Money,
}

/// `{"days":[…]}`: by date, then shop name; a shop's day with no order and
/// no refund is left out.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Daily {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<DayFigures>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemFigures {
    /// The item's name as the shops sold it (the same name in two shops is
    /// one item).
    pub name: String,
    pub quantity: i64,
    /// The sum of its line totals (with options, before order discounts).
    pub revenue: Money,
}

/// `{"items":[…]}`: most sold first, then most revenue.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Items {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub items: Vec<ItemFigures>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MethodFigures {
    /// `cash`, `card` or `other`.
    pub method: String,
    pub payments: i64,
    /// What the payments paid of their orders (tips not included).
    pub amount: Money,
    pub tips: Money,
}

/// `{"methods":[…]}`: payments on the orders counted, the largest amount
/// first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Methods {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub methods: Vec<MethodFigures>,
}

fn span<'a>(from: &'a str, to: &'a str, shop: Option<Uuid>) -> Span<'a> {
    Span { from, to, shop }
}

fn date(s: &str) -> HqResult<NaiveDate> {
    s.parse()
        .map_err(|_| HqError::internal(anyhow::anyhow!("a stored date {s:?} does not read")))
}

/// A day's sums of one shop in one currency: orders, revenue, refunds, tips.
#[derive(Default, Clone, Copy)]
struct Sums {
    orders: i64,
    revenue: i64,
    refunds: i64,
    tips: i64,
}

pub async fn daily(hq: &Hq, q: &DailyQuery) -> HqResult<Daily> {
    check(q.from, q.to)?;
    let (from, to) = (q.from.to_string(), q.to.to_string());
    let s = span(&from, &to, q.shop_id);
    let db = hq.db();
    let (orders, refunds, tips) = (
        db.daily_orders(s).await?,
        db.daily_refunds(s).await?,
        db.daily_tips(s).await?,
    );
    let names: HashMap<Uuid, String> = db
        .shops()
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let mut sums: HashMap<(String, Uuid, String), Sums> = HashMap::new();
    let mut fold = |rows: Vec<DaySum>, put: fn(&mut Sums, &DaySum)| {
        for r in rows {
            let key = (r.date.clone(), r.shop_id, r.currency.clone());
            put(sums.entry(key).or_default(), &r);
        }
    };
    fold(orders, |s, r| {
        s.orders += r.count;
        s.revenue += r.amount;
    });
    fold(refunds, |s, r| s.refunds += r.amount);
    fold(tips, |s, r| s.tips += r.amount);
    // By date, then shop name (then id and currency, for a stable order).
    let mut sorted: BTreeMap<(String, String, Uuid, String), Sums> = BTreeMap::new();
    for ((day, shop, cur), s) in sums {
        let name = names
            .get(&shop)
            .cloned()
            .unwrap_or_else(|| shop.to_string());
        sorted.insert((day, name, shop, cur), s);
    }
    let mut days = Vec::with_capacity(sorted.len());
    for ((day, name, shop_id, cur), s) in sorted {
        let c = currency(&cur)?;
        let revenue = Money::new(s.revenue, c);
        days.push(DayFigures {
            date: date(&day)?,
            shop_id,
            name,
            orders: s.orders,
            revenue,
            average_ticket: average(revenue, s.orders)?,
            refunds: Money::new(s.refunds, c),
            tips: Money::new(s.tips, c),
        });
    }
    Ok(Daily {
        from: q.from,
        to: q.to,
        days,
    })
}

/// `revenue / orders`, rounded half away from zero; zero without orders.
fn average(revenue: Money, orders: i64) -> HqResult<Money> {
    if orders == 0 {
        return Ok(Money::zero(revenue.currency));
    }
    revenue
        .mul_ratio(1, orders)
        .map_err(|e| HqError::internal(anyhow::anyhow!(e.message)))
}

pub const ITEMS_DEFAULT: u32 = 10;
pub const ITEMS_MAX: u32 = 100;

pub async fn items(hq: &Hq, q: &ItemsQuery) -> HqResult<Items> {
    check(q.from, q.to)?;
    let limit = q.limit.unwrap_or(ITEMS_DEFAULT);
    if !(1..=ITEMS_MAX).contains(&limit) {
        return Err(HqError::invalid(format!("limit must be 1 to {ITEMS_MAX}")));
    }
    let (from, to) = (q.from.to_string(), q.to.to_string());
    let rows = hq
        .db()
        .top_items(span(&from, &to, None), i64::from(limit))
        .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(ItemFigures {
                name: r.name,
                quantity: r.quantity,
                revenue: Money::new(r.amount, currency(&r.currency)?),
            })
        })
        .collect::<HqResult<Vec<_>>>()?;
    Ok(Items {
        from: q.from,
        to: q.to,
        items,
    })
}

pub async fn payment_methods(hq: &Hq, range: &Range) -> HqResult<Methods> {
    check(range.from, range.to)?;
    let (from, to) = (range.from.to_string(), range.to.to_string());
    let rows = hq.db().payment_methods(span(&from, &to, None)).await?;
    let methods = rows
        .into_iter()
        .map(|r| {
            let c: Currency = currency(&r.currency)?;
            Ok(MethodFigures {
                method: r.method,
                payments: r.count,
                amount: Money::new(r.amount, c),
                tips: Money::new(r.tips, c),
            })
        })
        .collect::<HqResult<Vec<_>>>()?;
    Ok(Methods {
        from: range.from,
        to: range.to,
        methods,
    })
}

/// The days of [`daily`] as CSV: one row per shop and day, amounts as
/// decimals of their currency (`12.34`), cells quoted where needed and
/// spreadsheet formulas defused (a shop's name is the owner's free text).
pub async fn daily_csv(hq: &Hq, q: &DailyQuery) -> HqResult<String> {
    use crate::app::reports::csv_cell;
    let report = daily(hq, q).await?;
    let mut csv =
        String::from("date,shop_id,shop,orders,revenue,average_ticket,refunds,tips,currency\n");
    for d in report.days {
        let row = [
            d.date.to_string(),
            d.shop_id.to_string(),
            d.name,
            d.orders.to_string(),
            d.revenue.to_decimal(),
            d.average_ticket.to_decimal(),
            d.refunds.to_decimal(),
            d.tips.to_decimal(),
            d.revenue.currency.to_string(),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    Ok(csv)
}
