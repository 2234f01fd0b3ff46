//! The Z and X reports as they come out of the printer, at both widths.

use chrono::TimeZone;
use uuid::Uuid;

use super::*;
use crate::app::reports::{PaymentTotal, TaxLine};
use crate::printing::receipt::tests::{ctx, eur, has_row, text_lines};
use crate::printing::{render_report, PaperWidth};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, h, m, 0).unwrap()
}

fn shift(closed: bool) -> Shift {
    Shift {
        id: Uuid::nil(),
        opened_at: at(7, 0),
        opened_by: None,
        opening_float: eur(10_000),
        cash_in: eur(500),
        cash_out: eur(1_000),
        closed_at: closed.then(|| at(16, 0)),
        expected_cash: eur(11_420),
        counted_cash: closed.then(|| eur(11_400)),
        difference: closed.then(|| eur(-20)),
    }
}

fn z() -> ZReport {
    ZReport {
        business_date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        orders: 37,
        gross_sales: eur(123_450),
        discounts: eur(1_250),
        refunds: eur(420),
        net_sales: eur(121_780),
        tips: eur(930),
        tax: vec![TaxLine {
            rate: 1900,
            net: eur(102_336),
            tax: eur(19_444),
        }],
        payments: vec![
            PaymentTotal {
                method: "cash".into(),
                amount: eur(40_000),
            },
            PaymentTotal {
                method: "card".into(),
                amount: eur(82_200),
            },
        ],
        cancelled_orders: 2,
        open_orders: 1,
        open_amount: eur(450),
        shifts: vec![shift(true), shift(false)],
    }
}

/// The printed lines at `width`, each checked to fit the paper.
fn printed(report: &Report, width: PaperWidth) -> Vec<String> {
    let bytes = render_report(report, &ctx(width, false)).unwrap();
    let lines = text_lines(&bytes);
    for l in &lines {
        assert!(l.chars().count() <= width.columns(), "{l:?} at {width:?}");
    }
    lines
}

#[test]
fn the_z_report_prints_the_days_figures_at_both_widths() {
    let tz = chrono_tz::Europe::Berlin;
    let report = z_layout(&z(), tz, at(22, 0));
    for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
        let lines = printed(&report, width);
        let all = lines.join("\n");
        for want in ["Z REPORT", "Business day 2025-03-01", "Payments", "Shift 2"] {
            assert!(all.contains(want), "{want:?} in {all}");
        }
        for (label, value) in [
            ("Orders paid", "37"),
            ("Gross sales", "€1234.50"),
            ("Discounts", "€12.50"),
            ("Refunds", "€4.20"),
            ("Net sales", "€1217.80"),
            ("Tips (not sales)", "€9.30"),
            ("Net at 19 %", "€1023.36"),
            ("Tax at 19 %", "€194.44"),
            ("Cash", "€400.00"),
            ("Card", "€822.00"),
            ("Cancelled", "2"),
            ("Open (not sales)", "1"),
            ("Open amount", "€4.50"),
            // Local times: Berlin is UTC+1 in March.
            ("Opened", "2025-03-01 08:00"),
            ("Expected cash", "€114.20"),
            ("Counted cash", "€114.00"),
            ("Difference", "-€0.20"),
            ("Closed", "2025-03-01 17:00"),
        ] {
            assert!(has_row(&lines, label, value), "{label} {value} in {all}");
        }
        assert!(all.contains("Still open"), "the second shift is open");
        assert!(all.contains("Printed 2025-03-01 23:00"));
    }
}

#[test]
fn an_empty_day_prints_no_tax_or_payments() {
    let empty = ZReport {
        tax: Vec::new(),
        payments: Vec::new(),
        shifts: Vec::new(),
        ..z()
    };
    let all = printed(
        &z_layout(&empty, chrono_tz::UTC, at(22, 0)),
        PaperWidth::Mm58,
    )
    .join("\n");
    assert!(!all.contains("Payments") && !all.contains("Tax at") && !all.contains("Shift"));
    assert!(all.contains("Orders paid"));
}

#[test]
fn the_x_report_adds_up_to_the_expected_cash_at_both_widths() {
    let cash = ShiftCash {
        opening_float: eur(20_000),
        taken: eur(4_560),
        refunded: eur(310),
        cash_in: eur(1_000),
        cash_out: eur(2_500),
    };
    let shift = Shift {
        expected_cash: cash.expected().unwrap(),
        ..shift(false)
    };
    let report = x_layout(&shift, &cash, chrono_tz::Europe::Berlin, at(12, 0));
    for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
        let lines = printed(&report, width);
        let all = lines.join("\n");
        assert!(all.contains("X REPORT") && all.contains("Shift still open"));
        assert!(all.contains("Opened 2025-03-01 08:00"), "{all}");
        for (label, value) in [
            ("Opening float", "€200.00"),
            ("Cash taken", "€45.60"),
            ("Cash refunded", "€3.10"),
            ("Cash in", "€10.00"),
            ("Cash out", "€25.00"),
            ("Expected cash", "€227.50"),
        ] {
            assert!(has_row(&lines, label, value), "{label} {value} in {all}");
        }
    }
}

#[test]
fn payment_methods_are_capitalised() {
    assert_eq!(method_label("cash"), "Cash");
    assert_eq!(method_label("other"), "Other");
    assert_eq!(method_label(""), "");
}
