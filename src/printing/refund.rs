//! What a refund slip looks like on paper: the shop, REFUND, the order's
//! number, the lines given back, the amount, how and why, whether an admin
//! approved it, and when.

use super::receipt::{payment_label, start_titled, ReceiptContext};
use super::text::format_money;
use super::RenderError;
use crate::domain::order::{Order, Refund};

/// The slip for `refund`, one of `order`'s refunds, as ESC/POS bytes.
/// Times are local (`ctx.tz`); the drawer is never opened here.
pub fn render_refund_slip(
    order: &Order,
    refund: &Refund,
    ctx: &ReceiptContext<'_>,
) -> Result<Vec<u8>, RenderError> {
    let mut doc = start_titled(ctx, "REFUND")?;
    doc.line(&format!("Order #{}", order.number))?;
    doc.center(false)?;
    let local = refund.created_at.with_timezone(&ctx.tz);
    doc.line(&local.format("%Y-%m-%d %H:%M").to_string())?;
    doc.rule()?;

    if !refund.lines.is_empty() {
        for l in &refund.lines {
            let name = order
                .lines
                .get(l.line_no as usize)
                .map_or_else(|| format!("Line {}", l.line_no + 1), |o| o.name.clone());
            doc.wrapped(&format!("{} x {name}", l.quantity))?;
        }
        doc.rule()?;
    }

    doc.bold(true)?;
    doc.columns("REFUNDED", &format_money(refund.amount))?;
    doc.bold(false)?;
    doc.columns("Method", payment_label(refund.method))?;
    doc.wrapped(&format!("Reason: {}", refund.reason))?;
    if refund.approved_by.is_some() {
        doc.line("Approved by an admin")?;
    }
    doc.finish_with_cut()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::domain::order::{PaymentMethod, RefundLine};
    use crate::printing::receipt::tests::{ctx, eur, has_row, order, text_lines};
    use crate::printing::PaperWidth;

    fn refund(lines: Vec<RefundLine>, approved: bool) -> Refund {
        Refund {
            id: Uuid::nil(),
            amount: eur(1000),
            method: PaymentMethod::Cash,
            reason: "The crème brûlée was cold and the customer waited far too long".into(),
            by: Some(Uuid::nil()),
            approved_by: approved.then(Uuid::nil),
            lines,
            created_at: Utc.with_ymd_and_hms(2025, 3, 2, 9, 5, 0).unwrap(),
        }
    }

    #[test]
    fn the_slip_says_refund_what_how_much_how_and_why_within_the_paper() {
        let lines = vec![
            RefundLine {
                line_no: 0,
                quantity: 2,
            },
            RefundLine {
                line_no: 9,
                quantity: 1,
            },
        ];
        for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
            let bytes = render_refund_slip(
                &order(PaymentMethod::Cash),
                &refund(lines.clone(), true),
                &ctx(width, true),
            )
            .unwrap();
            assert!(!bytes.windows(2).any(|w| w == [0x1B, b'p']), "no drawer");
            let lines = text_lines(&bytes);
            let all = lines.join("\n");
            assert!(lines.iter().all(|l| l.chars().count() <= width.columns()));
            for want in [
                "Café Crema",
                "REFUND",
                "Order #42",
                // 09:05 UTC is 10:05 in Berlin in March.
                "2025-03-02 10:05",
                "2 x Crème brûlée",
                "1 x Line 10",
                "Reason: The crème brûlée",
                "Approved by an admin",
            ] {
                assert!(all.contains(want), "{want:?} in {all}");
            }
            assert!(has_row(&lines, "REFUNDED", "€10.00"), "{all}");
            assert!(has_row(&lines, "Method", "Cash"), "{all}");
            assert!(all.contains("too long"), "the reason is wrapped, not cut");
        }
    }

    #[test]
    fn a_refund_by_amount_lists_no_lines_and_no_approval() {
        let bytes = render_refund_slip(
            &order(PaymentMethod::Card),
            &refund(Vec::new(), false),
            &ctx(PaperWidth::Mm58, false),
        )
        .unwrap();
        let all = text_lines(&bytes).join("\n");
        assert!(!all.contains(" x "), "{all}");
        assert!(!all.contains("Approved"));
        assert!(all.contains("REFUNDED"));
    }
}
