//! What a receipt, the test page and a drawer kick look like on paper.

use chrono::{DateTime, Utc};

use super::text::format_money;
use super::{Doc, PaperWidth, RenderError};
use crate::domain::order::{Order, OrderType, PaymentMethod};
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
    /// Rate in basis points, shown beside the tax.
    pub tax_rate_bps: u32,
    /// The shop's time zone: the receipt shows local time.
    pub tz: chrono_tz::Tz,
    pub width: PaperWidth,
    /// Open the cash drawer first (`ESC p`).
    pub open_drawer: bool,
}

fn payment_label(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Cash => "Cash",
        PaymentMethod::Card => "Card",
        PaymentMethod::Other => "Other",
    }
}

/// `10 %`, `7.5 %`, `19.25 %` from basis points.
fn percent(bps: u32) -> String {
    let (whole, frac) = (bps / 100, bps % 100);
    match frac {
        0 => format!("{whole} %"),
        f if f % 10 == 0 => format!("{whole}.{} %", f / 10),
        f => format!("{whole}.{f:02} %"),
    }
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

/// The customer's receipt for `order` as ESC/POS bytes: shop, header,
/// number, local date and time, lines with modifiers, totals, payments with
/// tendered and change, footer, cut.
pub fn render_receipt(order: &Order, ctx: &ReceiptContext<'_>) -> Result<Vec<u8>, RenderError> {
    let mut doc = Doc::new(ctx.width)?;
    if ctx.open_drawer {
        doc.drawer_kick()?;
    }
    heading(&mut doc, ctx)?;
    doc.rule()?;

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
    doc.rule()?;

    for line in &order.lines {
        doc.columns_wrapped(
            &format!("{} x {}", line.quantity, line.name),
            &format_money(line.line_total),
        )?;
        for m in &line.modifiers {
            if m.price_delta.is_zero() {
                doc.line(&format!("   + {}", m.name))?;
            } else {
                doc.columns(
                    &format!("   + {}", m.name),
                    &format!("({})", format_money(m.price_delta)),
                )?;
            }
        }
        if let Some(note) = &line.note {
            doc.line(&format!("   \"{note}\""))?;
        }
    }
    doc.rule()?;

    doc.columns("Subtotal", &format_money(order.subtotal))?;
    if !order.discount.is_zero() {
        let label = match &order.coupon_code {
            Some(code) => format!("Discount {code}"),
            None => "Discount".to_string(),
        };
        let negative = crate::domain::Money::new(-order.discount.amount, order.discount.currency);
        doc.columns(&label, &format_money(negative))?;
    }
    let tax_label = match ctx.tax_mode {
        TaxMode::Inclusive => format!("incl. tax {}", percent(ctx.tax_rate_bps)),
        TaxMode::Exclusive => format!("Tax {}", percent(ctx.tax_rate_bps)),
    };
    if ctx.tax_mode == TaxMode::Exclusive {
        doc.columns(&tax_label, &format_money(order.tax))?;
    }
    doc.bold(true)?;
    doc.columns("TOTAL", &format_money(order.total))?;
    doc.bold(false)?;
    if ctx.tax_mode == TaxMode::Inclusive {
        doc.columns(&tax_label, &format_money(order.tax))?;
    }

    if !order.payments.is_empty() {
        doc.rule()?;
        for p in &order.payments {
            doc.columns(payment_label(p.method), &format_money(p.amount))?;
            if let Some(t) = p.tendered {
                doc.columns("  Tendered", &format_money(t))?;
                doc.columns("  Change", &format_money(p.change_due))?;
            }
        }
    }
    if !order.paid {
        doc.bold(true)?;
        doc.columns(
            "NOT PAID",
            &order.outstanding().map(format_money).unwrap_or_default(),
        )?;
        doc.bold(false)?;
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
    let mut doc = Doc::new(ctx.width)?;
    if ctx.open_drawer {
        doc.drawer_kick()?;
    }
    heading(&mut doc, ctx)?;
    doc.rule()?;
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
mod tests {
    use super::*;
    use crate::domain::order::{Channel, LineModifier, OrderLine, OrderStatus, Payment};
    use crate::domain::{Currency, Money};
    use crate::printing::DRAWER_KICK;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn eur(a: i64) -> Money {
        Money::new(a, Currency::EUR)
    }

    fn order(method: PaymentMethod) -> Order {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 22, 30, 0).unwrap();
        let tendered = (method == PaymentMethod::Cash).then(|| eur(2000));
        Order {
            id: Uuid::nil(),
            number: 42,
            status: OrderStatus::Placed,
            order_type: OrderType::DineIn,
            table: Some("7".into()),
            channel: Channel::Counter,
            lines: vec![
                OrderLine {
                    item_id: Uuid::nil(),
                    name: "Crème brûlée with a name far too long for a small roll".into(),
                    quantity: 2,
                    unit_price: eur(450),
                    modifiers: vec![LineModifier {
                        id: Uuid::nil(),
                        name: "Extra Sahne".into(),
                        price_delta: eur(50),
                    }],
                    line_total: eur(1000),
                    note: Some("no nuts".into()),
                },
                OrderLine {
                    item_id: Uuid::nil(),
                    name: "Espresso".into(),
                    quantity: 1,
                    unit_price: eur(250),
                    modifiers: vec![],
                    line_total: eur(250),
                    note: None,
                },
            ],
            subtotal: eur(1250),
            discount: eur(125),
            tax: eur(102),
            total: eur(1125),
            coupon_code: Some("WELCOME10".into()),
            customer_id: None,
            payments: vec![Payment {
                id: Uuid::nil(),
                method,
                amount: eur(1125),
                tendered,
                change_due: tendered.map_or(eur(0), |t| eur(t.amount - 1125)),
                created_at: at,
            }],
            paid: true,
            change_due: tendered.map_or(eur(0), |t| eur(t.amount - 1125)),
            cancel_reason: None,
            created_at: at,
            updated_at: at,
        }
    }

    fn ctx(width: PaperWidth, open_drawer: bool) -> ReceiptContext<'static> {
        ReceiptContext {
            shop_name: "Café Crema",
            header: "Kaffeestraße 1\n10115 Berlin",
            footer: "Danke schön!",
            tax_mode: TaxMode::Inclusive,
            tax_rate_bps: 1000,
            tz: chrono_tz::Europe::Berlin,
            width,
            open_drawer,
        }
    }

    /// Text lines of ESC/POS output: the commands we send are removed,
    /// CP858 bytes turned back into characters. Panics on an unknown command.
    fn text_lines(bytes: &[u8]) -> Vec<String> {
        let mut lines = vec![String::new()];
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let skip = match (b, bytes.get(i + 1)) {
                (0x1B, Some(b'@')) => 2,
                (0x1B, Some(b't' | b'a' | b'E')) => 3,
                // print and feed n lines
                (0x1B, Some(b'd')) => {
                    let n = bytes.get(i + 2).copied().unwrap_or(1).max(1);
                    lines.extend(std::iter::repeat_n(String::new(), n.into()));
                    3
                }
                (0x1B, Some(b'p')) => 5,
                (0x1D, Some(b'!')) => 3,
                (0x1D, Some(b'V')) => 4,
                (0x0A, _) => {
                    lines.push(String::new());
                    1
                }
                (0x00..=0x1F, _) => panic!("unexpected control byte {b:#x} at {i}"),
                _ => {
                    let c = super::super::text::cp858_char(b).unwrap_or('\u{fffd}');
                    lines.last_mut().unwrap().push(c);
                    1
                }
            };
            i += skip;
        }
        lines
    }

    #[test]
    fn every_line_fits_the_paper() {
        for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
            let bytes = render_receipt(&order(PaymentMethod::Cash), &ctx(width, false)).unwrap();
            let lines = text_lines(&bytes);
            let longest = lines.iter().map(|l| l.chars().count()).max().unwrap();
            assert_eq!(longest, width.columns(), "{lines:#?}");
            assert!(lines.iter().any(|l| l == &"-".repeat(width.columns())));
        }
    }

    #[test]
    fn the_receipt_shows_the_order() {
        let bytes =
            render_receipt(&order(PaymentMethod::Cash), &ctx(PaperWidth::Mm80, true)).unwrap();
        let lines = text_lines(&bytes);
        let all = lines.join("\n");
        assert!(
            bytes.starts_with(&[0x1B, b'@', 0x1B, b't', 19]),
            "init, CP858"
        );
        assert!(bytes.windows(5).any(|w| w == DRAWER_KICK));
        assert!(bytes.ends_with(&[0x1D, b'V', b'A', 0]), "cut");
        assert!(all.contains("Order #42"));
        assert!(all.contains("Kaffeestraße 1"), "{all}");
        // 22:30 UTC is 23:30 in Berlin in March.
        assert!(all.contains("2025-03-01 23:30"), "{all}");
        assert!(all.contains("Dine in, table 7"));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("2 x Crème brûlée") && l.ends_with(" €10.00")));
        assert!(all.contains("   + Extra Sahne"));
        assert!(all.contains("(€0.50)"));
        assert!(all.contains("\"no nuts\""));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("Subtotal") && l.ends_with("€12.50")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("Discount WELCOME10") && l.ends_with("-€1.25")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("TOTAL") && l.ends_with("€11.25")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("incl. tax 10 %") && l.ends_with("€1.02")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("  Tendered") && l.ends_with("€20.00")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("  Change") && l.ends_with("€8.75")));
        assert!(all.contains("Danke schön!"));
    }

    #[test]
    fn no_drawer_kick_unless_asked() {
        let bytes =
            render_receipt(&order(PaymentMethod::Card), &ctx(PaperWidth::Mm58, false)).unwrap();
        assert!(!bytes.windows(2).any(|w| w == [0x1B, b'p']));
        let all = text_lines(&bytes).join("\n");
        assert!(all.contains("Card"));
        assert!(!all.contains("Tendered"));
    }

    #[test]
    fn the_test_page_has_a_full_width_ruler_and_the_drawer_kick_is_alone() {
        let now = Utc.with_ymd_and_hms(2025, 7, 1, 10, 0, 0).unwrap();
        let bytes = render_test_page(&ctx(PaperWidth::Mm58, false), now).unwrap();
        let lines = text_lines(&bytes);
        assert!(lines
            .iter()
            .any(|l| l == "12345678901234567890123456789012"));
        assert!(lines.iter().any(|l| l.contains("€1234.56")));
        assert!(lines.iter().any(|l| l.contains("é è à ü ö ä ß ç ñ Ø")));
        let kick = render_drawer_kick().unwrap();
        assert!(kick.ends_with(&DRAWER_KICK));
        assert!(text_lines(&kick).iter().all(|l| l.is_empty()));
    }

    #[test]
    fn percentages_from_basis_points() {
        assert_eq!(percent(1000), "10 %");
        assert_eq!(percent(750), "7.5 %");
        assert_eq!(percent(1925), "19.25 %");
        assert_eq!(percent(5), "0.05 %");
    }
}
