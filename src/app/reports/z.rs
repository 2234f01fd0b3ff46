//! The Z report: a business day closed in figures.
//!
//! By the contract's definitions: `net_sales` is what the day's payments
//! brought in (amounts applied to orders: no tips, no change) minus the day's
//! refunds; `discounts` are those of the orders paid that day (an order
//! counts on the day of its first payment); `gross_sales` is `net_sales` +
//! `discounts` + `refunds`; tips are not sales. Orders of the day still not
//! paid in full are listed apart (`open_orders`, `open_amount`).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::start_of;
use crate::app::shifts::{self, Shift};
use crate::app::{Actor, App, AppResult};
use crate::domain::pricing::percent;
use crate::domain::user::Role;
use crate::domain::Money;
use crate::store::{reports as store, shifts as shift_store};

/// Tax at one rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TaxLine {
    /// Basis points: 1900 is 19 %.
    pub rate: u32,
    pub net: Money,
    pub tax: Money,
}

/// What one payment method brought in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PaymentTotal {
    pub method: String,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ZReport {
    pub business_date: NaiveDate,
    /// Orders paid that day (counted on the day of their first payment).
    pub orders: i64,
    pub gross_sales: Money,
    pub discounts: Money,
    pub refunds: Money,
    pub net_sales: Money,
    pub tips: Money,
    /// Tax of the orders paid that day, by rate.
    pub tax: Vec<TaxLine>,
    pub payments: Vec<PaymentTotal>,
    pub cancelled_orders: i64,
    /// The day's orders not paid in full: not sales.
    pub open_orders: i64,
    pub open_amount: Money,
    /// The shifts opened that day.
    pub shifts: Vec<Shift>,
}

/// The Z report of `date`, a business day in the shop's time zone (admin).
pub async fn z_report(app: &App, actor: &Actor, date: NaiveDate) -> AppResult<ZReport> {
    actor.require(&[Role::Admin], "read the Z report")?;
    let start = start_of(app, date)?;
    let end = start_of(app, date + Duration::days(1))?;
    let currency = app.settings().currency;
    let now = app.now();
    let (money, orders, shifts) = app
        .store()
        .read(move |c| -> AppResult<_> {
            let shifts = shift_store::opened_between(c, start, end)?
                .into_iter()
                .map(|s| shifts::view(c, s, now))
                .collect::<AppResult<Vec<_>>>()?;
            Ok((
                store::day_money(c, start, end)?,
                store::day_orders(c, date)?,
                shifts,
            ))
        })
        .await?;
    let m = |a| Money::new(a, currency);
    let paid: i64 = money.by_method.iter().map(|(_, a)| a).sum();
    let net_sales = m(paid).checked_sub(m(money.refunds))?;
    let gross_sales = net_sales
        .checked_add(m(money.discounts))?
        .checked_add(m(money.refunds))?;
    let tax = money
        .taxes
        .iter()
        .map(|&(rate, net, tax)| TaxLine {
            rate,
            net: m(net),
            tax: m(tax),
        })
        .collect();
    Ok(ZReport {
        business_date: date,
        orders: money.orders,
        gross_sales,
        discounts: m(money.discounts),
        refunds: m(money.refunds),
        net_sales,
        tips: m(money.tips),
        tax,
        payments: money
            .by_method
            .into_iter()
            .map(|(method, amount)| PaymentTotal {
                method,
                amount: m(amount),
            })
            .collect(),
        cancelled_orders: orders.cancelled,
        open_orders: orders.open,
        open_amount: m(orders.open_amount),
        shifts,
    })
}

impl ZReport {
    /// The report as CSV: one `section,key,value` row per figure (money in
    /// decimal units of the currency), for a spreadsheet or an accountant.
    pub fn to_csv(&self) -> String {
        let mut rows = vec!["section,key,value".to_string()];
        let mut add = |section: &str, key: &str, value: String| {
            // Keys hold payment method names, which the admin chooses.
            let (key, value) = (super::csv_cell(key), super::csv_cell(&value));
            rows.push(format!("{section},{key},{value}"));
        };
        add("day", "business_date", self.business_date.to_string());
        add("day", "currency", self.net_sales.currency.to_string());
        add("day", "orders", self.orders.to_string());
        for (key, v) in [
            ("gross_sales", self.gross_sales),
            ("discounts", self.discounts),
            ("refunds", self.refunds),
            ("net_sales", self.net_sales),
            ("tips", self.tips),
        ] {
            add("sales", key, v.to_decimal());
        }
        for t in &self.tax {
            let rate = percent(t.rate);
            add("tax", &format!("net@{rate}"), t.net.to_decimal());
            add("tax", &format!("tax@{rate}"), t.tax.to_decimal());
        }
        for p in &self.payments {
            add("payments", &p.method, p.amount.to_decimal());
        }
        add("orders", "cancelled", self.cancelled_orders.to_string());
        add("orders", "open", self.open_orders.to_string());
        add("orders", "open_amount", self.open_amount.to_decimal());
        for (i, s) in self.shifts.iter().enumerate() {
            let n = i + 1;
            add("shift", &format!("{n}.opened_at"), s.opened_at.to_rfc3339());
            add(
                "shift",
                &format!("{n}.opening_float"),
                s.opening_float.to_decimal(),
            );
            add(
                "shift",
                &format!("{n}.expected_cash"),
                s.expected_cash.to_decimal(),
            );
            if let (Some(c), Some(d)) = (s.counted_cash, s.difference) {
                add("shift", &format!("{n}.counted_cash"), c.to_decimal());
                add("shift", &format!("{n}.difference"), d.to_decimal());
            }
        }
        rows.join("\n") + "\n"
    }
}
