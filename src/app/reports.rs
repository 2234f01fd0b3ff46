//! Analytics for the owner.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult};
use crate::domain::user::Role;
use crate::domain::Money;
use crate::store::reports as store;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TopItem {
    pub item_id: Uuid,
    pub name: String,
    pub quantity: i64,
    pub revenue: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HourBucket {
    /// Hour of the day in the shop's time zone, 0–23.
    pub hour: u32,
    pub orders: i64,
    pub revenue: Money,
}

/// Totals over the non-cancelled orders created in the date range.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Summary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub orders: i64,
    /// Sum of order totals (what customers pay, tax included).
    pub revenue: Money,
    /// revenue / orders, rounded half away from zero.
    pub average_ticket: Money,
    pub discounts: Money,
    /// Best sellers by quantity, at most ten.
    pub top_items: Vec<TopItem>,
    /// Always 24 buckets, hour 0 to 23.
    pub by_hour: Vec<HourBucket>,
    /// Customers who ordered in the range and have ordered more than once.
    pub returning_customers: i64,
}

fn start_of(app: &App, date: NaiveDate) -> AppResult<DateTime<Utc>> {
    let tz = app.inner.tz;
    let midnight = date
        .and_hms_opt(0, 0, 0)
        .ok_or_else(|| AppError::invalid("bad date"))?;
    tz.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| AppError::invalid(format!("{date} has no midnight in the shop's time zone")))
}

/// The summary from `from` to `to`, both inclusive, in the shop's days (admin).
pub async fn summary(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Summary> {
    actor.require(&[Role::Admin], "read analytics")?;
    if to < from {
        return Err(AppError::invalid("the range ends before it starts"));
    }
    if (to - from).num_days() > 366 {
        return Err(AppError::invalid("a range is at most 366 days"));
    }
    let start = start_of(app, from)?;
    let end = start_of(app, to + Duration::days(1))?;
    let currency = app.settings().currency;
    let (facts, top, returning) = app
        .store()
        .read(move |c| {
            Ok((
                store::order_facts(c, start, end)?,
                store::top_items(c, start, end, 10)?,
                store::returning_customers(c, start, end)?,
            ))
        })
        .await?;
    let tz = app.inner.tz;
    let mut by_hour: Vec<HourBucket> = (0..24)
        .map(|hour| HourBucket {
            hour,
            orders: 0,
            revenue: Money::zero(currency),
        })
        .collect();
    let mut revenue = Money::zero(currency);
    let mut discounts = Money::zero(currency);
    for f in &facts {
        let h = f.created_at.with_timezone(&tz).hour() as usize;
        by_hour[h].orders += 1;
        by_hour[h].revenue = by_hour[h]
            .revenue
            .checked_add(Money::new(f.total, currency))?;
        revenue = revenue.checked_add(Money::new(f.total, currency))?;
        discounts = discounts.checked_add(Money::new(f.discount, currency))?;
    }
    let orders = facts.len() as i64;
    let average_ticket = if orders == 0 {
        Money::zero(currency)
    } else {
        revenue.mul_ratio(1, orders)?
    };
    Ok(Summary {
        from,
        to,
        orders,
        revenue,
        average_ticket,
        discounts,
        top_items: top
            .into_iter()
            .map(|t| TopItem {
                item_id: t.item_id,
                name: t.name,
                quantity: t.quantity,
                revenue: Money::new(t.revenue, currency),
            })
            .collect(),
        by_hour,
        returning_customers: returning,
    })
}
