//! Reports on the receipt printer: the Z report of a business day (admin)
//! and the X report of the open shift (cashier, admin): what the drawer
//! should hold now, without closing anything. Which figures they show is
//! decided here; [`crate::printing::report`] lays them out on the paper.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::queue::{enqueue, Content};
use super::{configured_or_409, PrintJobKind, PrintJobView};
use crate::app::reports::{z_report, ZReport};
use crate::app::shifts::{self, Shift};
use crate::app::{Actor, App, AppResult};
use crate::domain::shift::ShiftCash;
use crate::domain::user::Role;
use crate::domain::Money;
use crate::printing::{format_money, percent, Report, Row, Section};
use crate::store::shifts as store;

/// Queues the Z report of `date` (admin). 409 `printer_not_configured`
/// without a host.
pub async fn print_z_report(app: &App, actor: &Actor, date: NaiveDate) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin], "print the Z report")?;
    configured_or_409(app)?;
    let z = z_report(app, actor, date).await?;
    let report = z_layout(&z, app.time_zone(), app.now());
    Ok(queue(app, report))
}

/// Queues the X report of the open shift (cashier, admin): its float, cash
/// taken, cash refunded, cash in and out, and the cash the drawer should
/// hold now. 404 `no_open_shift` without one; 409 `printer_not_configured`
/// without a host.
pub async fn print_x_report(app: &App, actor: &Actor) -> AppResult<PrintJobView> {
    actor.require(&[Role::Admin, Role::Cashier], "print the shift's X report")?;
    let now = app.now();
    let (shift, cash) = app
        .store()
        .read(move |c| -> AppResult<_> {
            let row = store::open_shift(c)?.ok_or_else(shifts::no_open_shift)?;
            let flow = store::cash_flow(c, row.opened_at, now)?;
            let shift = shifts::view(c, row, now)?;
            let m = |a| Money::new(a, shift.opening_float.currency);
            let cash = ShiftCash {
                opening_float: shift.opening_float,
                taken: m(flow.taken),
                refunded: m(flow.refunded),
                cash_in: shift.cash_in,
                cash_out: shift.cash_out,
            };
            Ok((shift, cash))
        })
        .await?;
    configured_or_409(app)?;
    Ok(queue(app, x_layout(&shift, &cash, app.time_zone(), now)))
}

fn queue(app: &App, report: Report) -> PrintJobView {
    enqueue(
        app,
        PrintJobKind::Report,
        Content::Report(Box::new(report)),
        None,
    )
}

fn money(label: &str, m: Money) -> Row {
    Row::new(label, format_money(m))
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// `cash` → `Cash`: a payment method as the report names it.
fn method_label(method: &str) -> String {
    let mut chars = method.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The Z report's figures, in the order of its PDF.
fn z_layout(z: &ZReport, tz: Tz, now: DateTime<Utc>) -> Report {
    let mut sections = vec![Section {
        heading: String::new(),
        rows: vec![
            Row::new("Orders paid", z.orders.to_string()),
            money("Gross sales", z.gross_sales),
            money("Discounts", z.discounts),
            money("Refunds", z.refunds),
            Row::bold("Net sales", format_money(z.net_sales)),
            money("Tips (not sales)", z.tips),
        ],
    }];
    if !z.tax.is_empty() {
        let rows = z.tax.iter().flat_map(|t| {
            let rate = percent(t.rate);
            [
                money(&format!("Net at {rate}"), t.net),
                money(&format!("Tax at {rate}"), t.tax),
            ]
        });
        sections.push(Section {
            heading: "Tax".into(),
            rows: rows.collect(),
        });
    }
    if !z.payments.is_empty() {
        sections.push(Section {
            heading: "Payments".into(),
            rows: z
                .payments
                .iter()
                .map(|p| money(&method_label(&p.method), p.amount))
                .collect(),
        });
    }
    sections.push(Section {
        heading: "Orders".into(),
        rows: vec![
            Row::new("Cancelled", z.cancelled_orders.to_string()),
            Row::new("Open (not sales)", z.open_orders.to_string()),
            money("Open amount", z.open_amount),
        ],
    });
    for (i, s) in z.shifts.iter().enumerate() {
        let mut rows = vec![
            Row::new("Opened", local(s.opened_at, tz)),
            money("Opening float", s.opening_float),
            money("Cash in", s.cash_in),
            money("Cash out", s.cash_out),
            money("Expected cash", s.expected_cash),
        ];
        match (s.counted_cash, s.difference, s.closed_at) {
            (Some(c), Some(d), Some(at)) => rows.extend([
                money("Counted cash", c),
                Row::bold("Difference", format_money(d)),
                Row::new("Closed", local(at, tz)),
            ]),
            _ => rows.push(Row::new("Still open", "")),
        }
        sections.push(Section {
            heading: format!("Shift {}", i + 1),
            rows,
        });
    }
    Report {
        title: "Z REPORT".into(),
        subtitle: vec![format!("Business day {}", z.business_date)],
        sections,
        printed_at: now,
    }
}

/// The open shift's cash, adding up to what the drawer should hold.
fn x_layout(shift: &Shift, cash: &ShiftCash, tz: Tz, now: DateTime<Utc>) -> Report {
    Report {
        title: "X REPORT".into(),
        subtitle: vec![
            "Shift still open".into(),
            format!("Opened {}", local(shift.opened_at, tz)),
        ],
        sections: vec![Section {
            heading: String::new(),
            rows: vec![
                money("Opening float", cash.opening_float),
                money("Cash taken", cash.taken),
                money("Cash refunded", cash.refunded),
                money("Cash in", cash.cash_in),
                money("Cash out", cash.cash_out),
                Row::bold("Expected cash", format_money(shift.expected_cash)),
            ],
        }],
        printed_at: now,
    }
}

#[cfg(test)]
mod tests;
