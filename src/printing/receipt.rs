//! What a receipt, the test page and a drawer kick look like on paper.

use chrono::{DateTime, Utc};

use super::text::format_money;
use super::{Doc, PaperWidth, RenderError};
use crate::domain::order::{DiscountKind, Order, OrderType, PaymentMethod};
use crate::domain::pricing::TaxMode;

/// What a receipt needs besides the order.
#[derive(Debug, Clone)]
pub struct ReceiptContext<'a> {
    pub shop_name: &'a str,
    /// Printed under the name (address, VAT number, …); may hold line breaks.
    pub header: &'a str,
    /// Printed at the bottom.
    pub footer: &'a str,
    pub tax_mode: TaxMode,
    /// The rate (basis points) beside the tax of an order recorded before
    /// tax classes, which has no tax by rate.
    pub tax_rate_bps: u32,
    /// The shop's time zone: the receipt shows local time.
    pub tz: chrono_tz::Tz,
    pub width: PaperWidth,
    /// Open the cash drawer first (`ESC p`).
    pub open_drawer: bool,
}

pub(super) fn payment_label(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Cash => "Cash",
        PaymentMethod::Card => "Card",
        PaymentMethod::Other => "Other",
    }
}

pub use crate::domain::pricing::percent;

/// A new document: the drawer kick when asked for, the shop's heading and a
/// rule under it.
pub(super) fn start(ctx: &ReceiptContext<'_>) -> Result<Doc, RenderError> {
    let mut doc = Doc::new(ctx.width)?;
    if ctx.open_drawer {
        doc.drawer_kick()?;
    }
    heading(&mut doc, ctx)?;
    doc.rule()?;
    Ok(doc)
}

/// A document that opens no drawer: the shop's heading, then `title` large
/// and centred; what follows stays centred until the caller ends it.
pub(super) fn start_titled(ctx: &ReceiptContext<'_>, title: &str) -> Result<Doc, RenderError> {
    let mut doc = start(&ReceiptContext {
        open_drawer: false,
        ..ctx.clone()
    })?;
    doc.center(true)?;
    doc.large(true)?;
    doc.line(title)?;
    doc.large(false)?;
    Ok(doc)
}

fn heading(doc: &mut Doc, ctx: &ReceiptContext<'_>) -> Result<(), RenderError> {
    doc.center(true)?;
    doc.bold(true)?;
    doc.wrapped(ctx.shop_name)?;
    doc.bold(false)?;
    if !ctx.header.trim().is_empty() {
        doc.wrapped(ctx.header.trim())?;
    }
    doc.center(false)?;
    Ok(())
}

/// The loyalty points of the order a receipt is for (from the ledger).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReceiptPoints {
    /// Points the order earned the customer.
    pub earned: i64,
    /// Points spent on the order (its points discount).
    pub redeemed: i64,
}

/// The customer's receipt for `order` as ESC/POS bytes, without points.
pub fn render_receipt(order: &Order, ctx: &ReceiptContext<'_>) -> Result<Vec<u8>, RenderError> {
    render_receipt_with(order, ctx, ReceiptPoints::default())
}

/// The customer's receipt for `order` as ESC/POS bytes: shop, header,
/// number, local date and time, the ready time while it is being made,
/// lines with modifiers, totals with each discount (the regular's tier,
/// points, coupon, staff's), payments with tendered and change, the
/// loyalty points it earned and spent, footer, cut.
pub fn render_receipt_with(
    order: &Order,
    ctx: &ReceiptContext<'_>,
    points: ReceiptPoints,
) -> Result<Vec<u8>, RenderError> {
    let mut doc = start(ctx)?;

    doc.center(true)?;
    doc.large(true)?;
    doc.line(&format!("Order #{}", order.number))?;
    doc.large(false)?;
    doc.center(false)?;
    let kind = match (order.order_type, &order.table) {
        (OrderType::Takeaway, _) => "Takeaway".to_string(),
        (OrderType::DineIn, Some(t)) => format!("Dine in, table {t}"),
        (OrderType::DineIn, None) => "Dine in".to_string(),
    };
    let local = order.created_at.with_timezone(&ctx.tz);
    doc.line(&local.format("%Y-%m-%d %H:%M").to_string())?;
    doc.line(&kind)?;
    if let Some(ready) = super::ticket::ready_line(order, ctx.tz) {
        doc.bold(true)?;
        doc.line(&ready)?;
        doc.bold(false)?;
    }
    doc.rule()?;

    for line in &order.lines {
        doc.columns_wrapped(
            &format!("{} x {}", line.quantity, line.name),
            &format_money(line.line_total),
        )?;
        // An option taken twice reads `+ 2x Extra shot (1.20)`: its deltas summed.
        for (m, n) in line.modifier_counts() {
            let name = if n > 1 {
                format!("   + {n}x {}", m.name)
            } else {
                format!("   + {}", m.name)
            };
            if m.price_delta.is_zero() {
                doc.line(&name)?;
            } else {
                // The line was priced already, so the product fits.
                let delta = m
                    .price_delta
                    .checked_mul(i64::from(n))
                    .unwrap_or(m.price_delta);
                doc.columns(&name, &format!("({})", format_money(delta)))?;
            }
        }
        if let Some(note) = &line.note {
            doc.line(&format!("   \"{note}\""))?;
        }
    }
    doc.rule()?;

    doc.columns("Subtotal", &format_money(order.subtotal))?;
    // Each discount on its line (an order recorded before manual discounts
    // lists only its coupon's).
    for d in &order.discounts {
        let label = match (d.kind, &d.code, &d.reason) {
            (DiscountKind::Loyalty, _, _) => "Regular's discount".to_string(),
            (DiscountKind::Points, _, _) if points.redeemed > 0 => {
                format!("Points ({} pts)", points.redeemed)
            }
            (DiscountKind::Points, _, _) => "Points".to_string(),
            (_, Some(code), _) => format!("Discount {code}"),
            (_, None, Some(reason)) => format!("Discount ({reason})"),
            (_, None, None) => "Discount".to_string(),
        };
        let negative = crate::domain::Money::new(-d.amount.amount, d.amount.currency);
        doc.columns(&label, &format_money(negative))?;
    }
    let listed: i64 = order.discounts.iter().map(|d| d.amount.amount).sum();
    if listed != order.discount.amount {
        let rest =
            crate::domain::Money::new(listed - order.discount.amount, order.discount.currency);
        let label = match &order.coupon_code {
            Some(code) => format!("Discount {code}"),
            None => "Discount".to_string(),
        };
        doc.columns(&label, &format_money(rest))?;
    }
    // The tax of each rate (an order recorded before tax classes has one).
    let taxes: Vec<(u32, crate::domain::Money)> = if order.taxes.is_empty() {
        vec![(ctx.tax_rate_bps, order.tax)]
    } else {
        order.taxes.iter().map(|t| (t.rate, t.tax)).collect()
    };
    let tax_label = |rate: u32| match ctx.tax_mode {
        TaxMode::Inclusive => format!("incl. tax {}", percent(rate)),
        TaxMode::Exclusive => format!("Tax {}", percent(rate)),
    };
    if ctx.tax_mode == TaxMode::Exclusive {
        for (rate, tax) in &taxes {
            doc.columns(&tax_label(*rate), &format_money(*tax))?;
        }
    }
    doc.bold(true)?;
    doc.columns("TOTAL", &format_money(order.total))?;
    doc.bold(false)?;
    if ctx.tax_mode == TaxMode::Inclusive {
        for (rate, tax) in &taxes {
            doc.columns(&tax_label(*rate), &format_money(*tax))?;
        }
    }

    if !order.payments.is_empty() {
        doc.rule()?;
        for p in &order.payments {
            doc.columns(payment_label(p.method), &format_money(p.amount))?;
            if !p.tip.is_zero() {
                doc.columns("  Tip", &format_money(p.tip))?;
            }
            if let Some(t) = p.tendered {
                doc.columns("  Tendered", &format_money(t))?;
                doc.columns("  Change", &format_money(p.change_due))?;
            }
        }
    }
    if !order.refunded.is_zero() {
        doc.columns("Refunded", &format_money(order.refunded))?;
    }
    if !order.paid {
        doc.bold(true)?;
        doc.columns(
            "NOT PAID",
            &order.outstanding().map(format_money).unwrap_or_default(),
        )?;
        doc.bold(false)?;
    }

    if points.earned > 0 {
        doc.rule()?;
        doc.columns("Points earned", &points.earned.to_string())?;
    }

    if !ctx.footer.trim().is_empty() {
        doc.rule()?;
        doc.center(true)?;
        doc.wrapped(ctx.footer.trim())?;
        doc.center(false)?;
    }
    doc.finish_with_cut()
}

/// A page that shows the printer works: the shop, the paper width, a ruler
/// as wide as the line, the accented letters and the euro sign.
pub fn render_test_page(
    ctx: &ReceiptContext<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, RenderError> {
    let mut doc = start(ctx)?;
    doc.center(true)?;
    doc.bold(true)?;
    doc.line("PRINTER TEST PAGE")?;
    doc.bold(false)?;
    doc.center(false)?;
    doc.line(&format!(
        "Paper {} mm, {} columns",
        ctx.width.mm(),
        ctx.width.columns()
    ))?;
    let ruler: String = (1..=ctx.width.columns())
        .map(|i| char::from(b'0' + (i % 10) as u8))
        .collect();
    doc.line(&ruler)?;
    doc.line("Accents: é è à ü ö ä ß ç ñ Ø")?;
    doc.line(&format!(
        "Money: {}",
        format_money(crate::domain::Money::new(
            123_456,
            crate::domain::Currency::EUR
        ))
    ))?;
    doc.line(
        &now.with_timezone(&ctx.tz)
            .format("%Y-%m-%d %H:%M:%S %Z")
            .to_string(),
    )?;
    doc.finish_with_cut()
}

/// Only the drawer pulse: nothing is printed.
pub fn render_drawer_kick() -> Result<Vec<u8>, RenderError> {
    let mut doc = Doc::new(PaperWidth::Mm80)?;
    doc.drawer_kick()?;
    doc.finish()
}

#[cfg(test)]
pub(crate) mod tests;
