//! Analytics for the owner.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

mod pdf;
mod z;

pub use pdf::z_report_pdf;
pub use z::{z_report, PaymentTotal, TaxLine, ZReport};

use super::{Actor, App, AppError, AppResult};
use crate::domain::user::Role;
use crate::domain::{Field, Money};
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

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayBucket {
    pub date: NaiveDate,
    pub orders: i64,
    pub revenue: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MethodBucket {
    /// `cash`, `card` or `other`.
    pub method: String,
    pub payments: i64,
    pub amount: Money,
}

/// The sales of a date range, by the same rules as the Z report: an order
/// counts when it is paid (on the day of its first payment); revenue is what
/// payments brought in (no tips, no change) minus what refunds gave back.
/// Orders not paid are not sales.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Summary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub orders: i64,
    /// Payments minus refunds in the range (tax included, tips not).
    pub revenue: Money,
    /// revenue / orders, rounded half away from zero.
    pub average_ticket: Money,
    pub discounts: Money,
    /// Best sellers by quantity, at most ten.
    pub top_items: Vec<TopItem>,
    /// Always 24 buckets, hour 0 to 23.
    pub by_hour: Vec<HourBucket>,
    /// Every day of the range, in order.
    pub by_day: Vec<DayBucket>,
    /// Payments taken in the range, by method.
    pub payment_methods: Vec<MethodBucket>,
    /// Customers who ordered in the range and have ordered more than once.
    pub returning_customers: i64,
    /// Customers whose first order falls in the range.
    pub new_customers: i64,
}

/// A day as `YYYY-MM-DD` (the desktop commands take dates as strings; over
/// HTTP the query string is parsed the same way).
pub fn parse_date(s: &str) -> AppResult<NaiveDate> {
    s.parse().map_err(|_| {
        AppError::invalid_value(Field::Date, format!("{s:?} is not a date (YYYY-MM-DD)"))
    })
}

pub(crate) fn start_of(app: &App, date: NaiveDate) -> AppResult<DateTime<Utc>> {
    let tz = app.time_zone();
    let midnight = date
        .and_hms_opt(0, 0, 0)
        .ok_or_else(|| AppError::invalid_value(Field::Date, "bad date"))?;
    tz.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            AppError::invalid_value(
                Field::Date,
                format!("{date} has no midnight in the shop's time zone"),
            )
        })
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
        return Err(AppError::invalid_value(
            Field::DateRange,
            "the range ends before it starts",
        ));
    }
    if (to - from).num_days() > 366 {
        return Err(AppError::out_of_range(
            Field::DateRange,
            1,
            367,
            "a range is at most 366 days",
        ));
    }
    let start = start_of(app, from)?;
    let end = start_of(app, to + Duration::days(1))?;
    let currency = app.settings().currency;
    let (facts, moves, top, returning, new_customers, methods) = app
        .store()
        .read(move |c| -> AppResult<_> {
            Ok((
                store::order_facts(c, start, end)?,
                store::money_moves(c, start, end)?,
                store::top_items(c, start, end, 10)?,
                store::returning_customers(c, start, end)?,
                store::new_customers(c, start, end)?,
                store::payment_methods(c, start, end)?,
            ))
        })
        .await?;
    let tz = app.time_zone();
    let mut by_hour: Vec<HourBucket> = (0..24)
        .map(|hour| HourBucket {
            hour,
            orders: 0,
            revenue: Money::zero(currency),
        })
        .collect();
    let days = (to - from).num_days() + 1;
    let mut by_day: Vec<DayBucket> = (0..days)
        .map(|d| DayBucket {
            date: from + Duration::days(d),
            orders: 0,
            revenue: Money::zero(currency),
        })
        .collect();
    let mut revenue = Money::zero(currency);
    let mut discounts = Money::zero(currency);
    // An order counts in the hour and on the day it was first paid…
    for f in &facts {
        let local = f.first_paid.with_timezone(&tz);
        by_hour[local.hour() as usize].orders += 1;
        if let Some(d) = by_day.iter_mut().find(|d| d.date == local.date_naive()) {
            d.orders += 1;
        }
        discounts = discounts.checked_add(Money::new(f.discount, currency))?;
    }
    // …and money when it moved: payments in, refunds out.
    for (at, amount) in &moves {
        let local = at.with_timezone(&tz);
        let amount = Money::new(*amount, currency);
        let h = &mut by_hour[local.hour() as usize];
        h.revenue = h.revenue.checked_add(amount)?;
        if let Some(d) = by_day.iter_mut().find(|d| d.date == local.date_naive()) {
            d.revenue = d.revenue.checked_add(amount)?;
        }
        revenue = revenue.checked_add(amount)?;
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
        by_day,
        payment_methods: methods
            .into_iter()
            .map(|m| MethodBucket {
                method: m.method,
                payments: m.count,
                amount: Money::new(m.amount, currency),
            })
            .collect(),
        returning_customers: returning,
        new_customers,
    })
}

/// Every order created in the range as CSV (admin): one row per order,
/// amounts as decimals of the shop currency (e.g. `12.34`).
pub async fn orders_csv(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<String> {
    actor.require(&[Role::Admin], "export orders")?;
    if to < from || (to - from).num_days() > 366 {
        return Err(AppError::out_of_range(
            Field::DateRange,
            1,
            367,
            "a range is 1 to 367 days, ending after it starts",
        ));
    }
    let start = start_of(app, from)?;
    let end = start_of(app, to + Duration::days(1))?;
    let orders = app
        .store()
        .read(move |c| crate::store::orders::created_between(c, start, end))
        .await?;
    let tz = app.time_zone();
    let mut csv = String::from(
        "number,created_at,local_time,status,type,table,channel,items,subtotal,discount,tax,total,currency,paid,payment_methods,coupon_code,customer_id,order_id\n",
    );
    for o in orders {
        let items: i64 = o.lines.iter().map(|l| i64::from(l.quantity)).sum();
        let methods: Vec<&str> = o.payments.iter().map(|p| p.method.as_str()).collect();
        let row = [
            o.number.to_string(),
            o.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            o.created_at
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            o.status.as_str().to_string(),
            o.order_type.as_str().to_string(),
            o.table.clone().unwrap_or_default(),
            o.channel.as_str().to_string(),
            items.to_string(),
            o.subtotal.to_decimal(),
            o.discount.to_decimal(),
            o.tax.to_decimal(),
            o.total.to_decimal(),
            o.total.currency.to_string(),
            o.paid.to_string(),
            methods.join("+"),
            o.coupon_code.clone().unwrap_or_default(),
            o.customer_id.map(|c| c.to_string()).unwrap_or_default(),
            o.id.to_string(),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    Ok(csv)
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP CSV
/// injection: `= + - @`, tab and carriage return).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Characters after which a spreadsheet may start a new cell or line (`;`
/// is the separator of many European locales).
const CELL_BREAK: [char; 4] = [';', '\t', '\r', '\n'];

/// A plain number such as `-1.50`: no formula, left as it is.
fn is_number(s: &str) -> bool {
    let rest = s.strip_prefix(['-', '+']).unwrap_or(s);
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Quotes a CSV cell when needed, and defuses spreadsheet formulas: a cell
/// starting with a formula character gets a leading `'`, and so does every
/// formula character right after a `;`, tab or line break inside the cell,
/// for readers that split there. Cells holding a separator, quote, tab or
/// line break are quoted.
pub(crate) fn csv_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    if s.starts_with(FORMULA_START) && !is_number(s) {
        out.push('\'');
    }
    let mut after_break = false;
    for c in s.chars() {
        if after_break && FORMULA_START.contains(&c) {
            out.push('\'');
        }
        after_break = CELL_BREAK.contains(&c);
        out.push(c);
    }
    if out.contains([',', '"', ';', '\t', '\n', '\r']) {
        format!("\"{}\"", out.replace('"', "\"\""))
    } else {
        out
    }
}

#[cfg(test)]
mod csv_tests {
    use super::csv_cell;

    #[test]
    fn formulas_at_the_start_are_defused() {
        for (cell, want) in [
            ("=1+2", "'=1+2"),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "\"'\t'=1\""),
            ("\r=1", "\"'\r'=1\""),
        ] {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn formulas_after_a_separator_or_line_break_are_defused() {
        for (cell, want) in [
            ("a;=HYPERLINK(x)", "\"a;'=HYPERLINK(x)\""),
            ("a\t+1", "\"a\t'+1\""),
            ("a\n@x", "\"a\n'@x\""),
            ("a\r\n-x", "\"a\r\n'-x\""),
            ("a;b", "\"a;b\""),
        ] {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        for cell in ["-1.50", "+3", "12.00", "Cappuccino", "x-y", "a=b", ""] {
            assert_eq!(csv_cell(cell), cell);
        }
        assert_eq!(csv_cell("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
