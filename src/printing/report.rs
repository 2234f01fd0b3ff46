//! Figures on the receipt printer (the Z report of a day, the X report of
//! the open shift): a title, a few lines under it, then sections of rows,
//! each a label with its value flush right, laid out for the paper's width.
//! Which figures a report holds is decided above (`app::printing`); this
//! only lays them out.

use chrono::{DateTime, Utc};

use super::receipt::{start_titled, ReceiptContext};
use super::RenderError;

/// A report to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Printed large (twice the width: keep it short): `Z REPORT`.
    pub title: String,
    /// Centred under the title (the business day, the shift's opening).
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
    /// When it was asked for: printed at the bottom in local time.
    pub printed_at: DateTime<Utc>,
}

/// Rows under an optional heading; sections are ruled apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Printed bold above the rows when not empty.
    pub heading: String,
    pub rows: Vec<Row>,
}

/// A label and its value (money, a count or a time), already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub value: String,
    /// Printed bold (the figure that matters most).
    pub bold: bool,
}

impl Row {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Row {
        Row {
            label: label.into(),
            value: value.into(),
            bold: false,
        }
    }

    pub fn bold(label: impl Into<String>, value: impl Into<String>) -> Row {
        Row {
            bold: true,
            ..Row::new(label, value)
        }
    }
}

/// `report` as ESC/POS bytes under the shop's heading; never opens the
/// drawer.
pub fn render_report(report: &Report, ctx: &ReceiptContext<'_>) -> Result<Vec<u8>, RenderError> {
    let mut doc = start_titled(ctx, &report.title)?;
    for l in &report.subtitle {
        doc.wrapped(l)?;
    }
    doc.center(false)?;
    for section in &report.sections {
        doc.rule()?;
        if !section.heading.is_empty() {
            doc.bold(true)?;
            doc.wrapped(&section.heading)?;
            doc.bold(false)?;
        }
        for row in &section.rows {
            doc.bold(row.bold)?;
            doc.columns_wrapped(&row.label, &row.value)?;
        }
        doc.bold(false)?;
    }
    doc.rule()?;
    let local = report.printed_at.with_timezone(&ctx.tz);
    doc.line(&format!("Printed {}", local.format("%Y-%m-%d %H:%M")))?;
    doc.finish_with_cut()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::printing::receipt::tests::{ctx, has_row, text_lines};
    use crate::printing::PaperWidth;

    fn report() -> Report {
        Report {
            title: "Z REPORT".into(),
            subtitle: vec!["Business day 2025-03-01".into()],
            sections: vec![
                Section {
                    heading: String::new(),
                    rows: vec![
                        Row::new("Orders paid", "12"),
                        Row::bold("Net sales", "€1234567.89"),
                    ],
                },
                Section {
                    heading: "Payments".into(),
                    rows: vec![Row::new(
                        "A payment method with a name far too long for any roll",
                        "€12.00",
                    )],
                },
            ],
            printed_at: Utc.with_ymd_and_hms(2025, 3, 1, 22, 30, 0).unwrap(),
        }
    }

    #[test]
    fn rows_fill_the_line_and_nothing_is_wider_than_the_paper() {
        for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
            let bytes = render_report(&report(), &ctx(width, true)).unwrap();
            assert!(!bytes.windows(2).any(|w| w == [0x1B, b'p']), "no drawer");
            assert!(bytes.ends_with(&[0x1D, b'V', b'A', 0]), "cut");
            let lines = text_lines(&bytes);
            let all = lines.join("\n");
            let longest = lines.iter().map(|l| l.chars().count()).max().unwrap();
            assert_eq!(longest, width.columns(), "{all}");
            assert!(has_row(&lines, "Net sales", "€1234567.89"), "{all}");
            assert!(has_row(&lines, "A payment method", "€12.00"), "{all}");
            assert!(all.contains("roll"), "long labels wrap: {all}");
            for want in ["Z REPORT", "Business day 2025-03-01", "Payments"] {
                assert!(all.contains(want), "{want:?} in {all}");
            }
            assert!(all.contains("Printed 2025-03-01 23:30"), "{all}");
        }
    }
}
