//! The Z report as a PDF: one A4 page (more when there are many shifts) in
//! the PDF's built-in fonts, so the file opens in any viewer and needs no
//! font files. Figures are set in a monospaced column, like the receipt the
//! report is also printed on.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use printpdf::{
    BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};

use super::ZReport;
use crate::domain::pricing::percent;
use crate::domain::Money;

/// Characters of a line of the figures (label and value).
const WIDTH: usize = 64;
/// Lines on one page below the heading.
const PER_PAGE: usize = 52;

fn money(m: Money) -> String {
    format!("{} {}", m.to_decimal(), m.currency)
}

/// `label ........ value`, `WIDTH` characters.
fn row(label: &str, value: &str) -> String {
    let used = label.chars().count() + value.chars().count() + 2;
    let dots = WIDTH.saturating_sub(used).max(1);
    format!("{label} {} {value}", ".".repeat(dots))
}

/// The report's lines, as they are set on the page (times in `tz`).
fn lines(z: &ZReport, tz: Tz) -> Vec<String> {
    let time = |t: DateTime<Utc>| t.with_timezone(&tz).format("%H:%M").to_string();
    let mut out = vec![
        row("Orders paid", &z.orders.to_string()),
        String::new(),
        row("Gross sales", &money(z.gross_sales)),
        row("Discounts", &money(z.discounts)),
        row("Refunds", &money(z.refunds)),
        row("Net sales", &money(z.net_sales)),
        row("Tips (not sales)", &money(z.tips)),
        String::new(),
        "Tax".to_string(),
    ];
    for t in &z.tax {
        let rate = percent(t.rate);
        out.push(row(&format!("  net at {rate}"), &money(t.net)));
        out.push(row(&format!("  tax at {rate}"), &money(t.tax)));
    }
    out.push(String::new());
    out.push("Payments".to_string());
    for p in &z.payments {
        out.push(row(&format!("  {}", p.method), &money(p.amount)));
    }
    out.push(String::new());
    out.push(row("Cancelled orders", &z.cancelled_orders.to_string()));
    out.push(row("Open orders (not sales)", &z.open_orders.to_string()));
    out.push(row("Open amount", &money(z.open_amount)));
    for (i, s) in z.shifts.iter().enumerate() {
        out.push(String::new());
        out.push(format!("Shift {} opened {}", i + 1, time(s.opened_at)));
        out.push(row("  Opening float", &money(s.opening_float)));
        out.push(row("  Cash in", &money(s.cash_in)));
        out.push(row("  Cash out", &money(s.cash_out)));
        out.push(row("  Expected cash", &money(s.expected_cash)));
        match (s.counted_cash, s.difference, s.closed_at) {
            (Some(c), Some(d), Some(at)) => {
                out.push(row("  Counted cash", &money(c)));
                out.push(row("  Difference", &money(d)));
                out.push(row("  Closed", &time(at)));
            }
            _ => out.push("  still open".to_string()),
        }
    }
    out
}

fn text(ops: &mut Vec<Op>, font: BuiltinFont, size: f32, x: f32, y: f32, s: &str) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetTextCursor {
        pos: Point::new(Mm(x), Mm(y)),
    });
    ops.push(Op::SetFont {
        font: PdfFontHandle::Builtin(font),
        size: Pt(size),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(s.to_string())],
    });
    ops.push(Op::EndTextSection);
}

/// The report of `shop_name` as the bytes of a PDF file; times are shown in
/// the shop's time zone `tz`.
pub fn z_report_pdf(z: &ZReport, shop_name: &str, tz: Tz) -> Vec<u8> {
    let mut doc = PdfDocument::new(&format!("Z report {}", z.business_date));
    let all = lines(z, tz);
    let pages = all
        .chunks(PER_PAGE)
        .enumerate()
        .map(|(n, chunk)| {
            let mut ops = Vec::new();
            text(
                &mut ops,
                BuiltinFont::HelveticaBold,
                18.0,
                20.0,
                277.0,
                "Z report",
            );
            text(
                &mut ops,
                BuiltinFont::Helvetica,
                12.0,
                20.0,
                269.0,
                shop_name,
            );
            let day = format!("Business day {}  -  page {}", z.business_date, n + 1);
            text(&mut ops, BuiltinFont::Helvetica, 10.0, 20.0, 262.0, &day);
            for (i, line) in chunk.iter().enumerate() {
                let y = 250.0 - 4.5 * i as f32;
                text(&mut ops, BuiltinFont::Courier, 10.0, 20.0, y, line);
            }
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    let mut warnings = Vec::new();
    doc.with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings)
}
