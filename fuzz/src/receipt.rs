//! `receipt`: a priced order printed as ESC/POS.

use arbitrary::{Arbitrary, Unstructured};
use crema::domain::order::{check_note, Channel, Order, OrderStatus, OrderType};
use crema::printing::{cp858, format_money, render_receipt, text, PaperWidth, ReceiptContext};
use uuid::Uuid;

use crate::pricing::{eur, now, price, Case};
use crate::Outcome;

/// A priced order printed: no panic, the ESC/POS output starts by
/// initialising the printer, ends with a cut, and holds the TOTAL line with
/// the order's total as the printer's code page encodes it.
pub fn receipt(data: &[u8]) -> Outcome {
    let Ok(case) = Case::arbitrary(&mut Unstructured::new(data)) else {
        return Outcome::Skipped;
    };
    let Some((priced, settings, code)) = price(&case) else {
        return Outcome::Refused;
    };
    let t = priced.totals;
    let created = now(&case);
    let mut order = Order {
        id: Uuid::nil(),
        number: i64::from(case.number),
        status: OrderStatus::Placed,
        order_type: if case.dine_in {
            OrderType::DineIn
        } else {
            OrderType::Takeaway
        },
        table: case.dine_in.then(|| case.header.chars().take(8).collect()),
        channel: Channel::Counter,
        lines: priced.lines,
        subtotal: t.subtotal,
        discount: t.discount,
        tax: t.tax,
        taxes: t.taxes,
        total: t.total,
        coupon_code: code,
        discounts: priced.discounts,
        customer_id: None,
        payments: Vec::new(),
        paid: t.total.is_zero(),
        change_due: eur(0),
        refunds: Vec::new(),
        refunded: eur(0),
        tips: eur(0),
        cancel_reason: None,
        estimated_ready_at: None,
        awaiting_accept: false,
        created_at: created,
        updated_at: created,
    };
    // A note of any text on the first line, as placing would keep it.
    if let Some(line) = order.lines.first_mut() {
        let note: String = case.footer.chars().take(200).collect();
        line.note = check_note(Some(&note)).unwrap_or(None);
    }
    let width = if case.wide {
        PaperWidth::Mm80
    } else {
        PaperWidth::Mm58
    };
    let tz = [
        chrono_tz::UTC,
        chrono_tz::Europe::Berlin,
        chrono_tz::Pacific::Chatham,
    ][usize::from(case.number % 3)];
    let ctx = ReceiptContext {
        shop_name: &settings.shop_name,
        header: &settings.receipt_header,
        footer: &settings.receipt_footer,
        tax_mode: settings.tax_mode,
        tax_rate_bps: settings.tax_rate_bps,
        tz,
        width,
        open_drawer: case.open_drawer,
    };
    let bytes = render_receipt(&order, &ctx).expect("a priced order renders");
    assert!(
        bytes.starts_with(&[0x1B, b'@']),
        "starts by initialising the printer"
    );
    let total_line = cp858::encode(&text::columns(
        "TOTAL",
        &format_money(order.total),
        width.columns(),
    ));
    assert!(
        bytes
            .windows(total_line.len())
            .any(|w| w == total_line.as_slice()),
        "the receipt shows the total {}",
        format_money(order.total)
    );
    assert!(
        bytes.windows(2).rev().take(8).any(|w| w == [0x1D, b'V']),
        "the receipt ends with a cut"
    );
    Outcome::Accepted
}
