//! Receipts, the test page and the drawer kick, read back from their bytes.

use super::*;
use crate::domain::order::{Channel, LineModifier, OrderLine, OrderStatus, Payment};
use crate::domain::{Currency, Money};
use crate::printing::DRAWER_KICK;
use chrono::TimeZone;
use uuid::Uuid;

pub(crate) fn eur(a: i64) -> Money {
    Money::new(a, Currency::EUR)
}

pub(crate) fn order(method: PaymentMethod) -> Order {
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
                station: None,
                prep_minutes: 0,
                done_at: None,
            },
            OrderLine {
                item_id: Uuid::nil(),
                name: "Espresso".into(),
                quantity: 1,
                unit_price: eur(250),
                modifiers: vec![],
                line_total: eur(250),
                note: None,
                station: None,
                prep_minutes: 0,
                done_at: None,
            },
        ],
        subtotal: eur(1250),
        discount: eur(125),
        tax: eur(102),
        taxes: Vec::new(),
        total: eur(1125),
        coupon_code: Some("WELCOME10".into()),
        discounts: Vec::new(),
        customer_id: None,
        payments: vec![Payment {
            id: Uuid::nil(),
            method,
            amount: eur(1125),
            tendered,
            change_due: tendered.map_or(eur(0), |t| eur(t.amount - 1125)),
            tip: eur(0),
            created_at: at,
        }],
        paid: true,
        change_due: tendered.map_or(eur(0), |t| eur(t.amount - 1125)),
        refunds: Vec::new(),
        refunded: eur(0),
        tips: eur(0),
        cancel_reason: None,
        estimated_ready_at: None,
        awaiting_accept: false,
        created_at: at,
        updated_at: at,
    }
}

pub(crate) fn ctx(width: PaperWidth, open_drawer: bool) -> ReceiptContext<'static> {
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
pub(crate) fn text_lines(bytes: &[u8]) -> Vec<String> {
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
                let c = crate::printing::cp858::cp858_char(b).unwrap_or('\u{fffd}');
                lines.last_mut().unwrap().push(c);
                1
            }
        };
        i += skip;
    }
    lines
}

/// A line starting with `label` and ending with ` value`.
pub(crate) fn has_row(lines: &[String], label: &str, value: &str) -> bool {
    lines
        .iter()
        .any(|l| l.starts_with(label) && l.ends_with(&format!(" {value}")))
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
    let bytes = render_receipt(&order(PaymentMethod::Cash), &ctx(PaperWidth::Mm80, true)).unwrap();
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
fn an_option_taken_twice_prints_once_with_its_count_and_summed_delta() {
    let mut o = order(PaymentMethod::Card);
    let shot = LineModifier {
        id: Uuid::from_u128(7),
        name: "Extra shot".into(),
        price_delta: eur(60),
    };
    o.lines[1].modifiers = vec![shot.clone(), shot];
    let lines = text_lines(&render_receipt(&o, &ctx(PaperWidth::Mm80, false)).unwrap());
    let shots: Vec<&String> = lines.iter().filter(|l| l.contains("Extra shot")).collect();
    assert_eq!(shots.len(), 1, "{lines:#?}");
    assert!(
        shots[0].starts_with("   + 2x Extra shot") && shots[0].ends_with("(€1.20)"),
        "{shots:?}"
    );
}

#[test]
fn no_drawer_kick_unless_asked() {
    let bytes = render_receipt(&order(PaymentMethod::Card), &ctx(PaperWidth::Mm58, false)).unwrap();
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

#[test]
fn the_receipt_shows_the_tax_of_each_rate_tips_and_refunds() {
    use crate::domain::order::Refund;
    use crate::domain::pricing::RateTax;
    let mut o = order(PaymentMethod::Card);
    o.taxes = vec![
        RateTax {
            rate: 700,
            net: eur(392),
            tax: eur(28),
        },
        RateTax {
            rate: 1900,
            net: eur(571),
            tax: eur(134),
        },
    ];
    o.payments[0].tip = eur(100);
    o.refunds = vec![Refund {
        id: Uuid::nil(),
        amount: eur(300),
        method: PaymentMethod::Card,
        reason: "cold".into(),
        by: None,
        approved_by: None,
        lines: Vec::new(),
        created_at: o.created_at,
    }];
    o.refunded = eur(300);
    for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
        let lines = text_lines(&render_receipt(&o, &ctx(width, false)).unwrap());
        assert!(has_row(&lines, "incl. tax 7 %", "€0.28"), "{lines:#?}");
        assert!(has_row(&lines, "incl. tax 19 %", "€1.34"), "{lines:#?}");
        assert!(
            !lines.iter().any(|l| l.starts_with("incl. tax 10 %")),
            "no shop-wide rate"
        );
        assert!(has_row(&lines, "  Tip", "€1.00"), "{lines:#?}");
        assert!(has_row(&lines, "Refunded", "€3.00"), "{lines:#?}");
    }
}

#[test]
fn each_discount_has_its_line_a_manual_one_with_its_reason() {
    let mut o = order(PaymentMethod::Card);
    // 12.50 − 1.25 (WELCOME10) − 2.25 (20 % of the rest, for a complaint).
    o.discount = eur(350);
    o.total = eur(900);
    o.discounts = crate::domain::order::Discount::of_order(
        Some("WELCOME10"),
        eur(350),
        eur(225),
        Some("Complaint"),
    );
    let lines = text_lines(&render_receipt(&o, &ctx(PaperWidth::Mm58, false)).unwrap());
    assert!(
        has_row(&lines, "Discount WELCOME10", "-€1.25"),
        "{lines:#?}"
    );
    assert!(
        has_row(&lines, "Discount (Complaint)", "-€2.25"),
        "{lines:#?}"
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("Discount")).count(),
        2,
        "no line twice: {lines:#?}"
    );
}

#[test]
fn the_ready_time_shows_while_the_order_is_being_made() {
    let mut o = order(PaymentMethod::Card);
    // 22:30 UTC placed; ready about 22:42 UTC, 23:42 in Berlin.
    o.estimated_ready_at = Some(Utc.with_ymd_and_hms(2025, 3, 1, 22, 42, 0).unwrap());
    let lines = text_lines(&render_receipt(&o, &ctx(PaperWidth::Mm80, false)).unwrap());
    let at = lines
        .iter()
        .position(|l| l == "Ready about 23:42")
        .unwrap_or_else(|| panic!("no ready time: {lines:#?}"));
    // Under the order's number, time and table, above its lines.
    assert!(
        lines[..at].iter().any(|l| l == "Dine in, table 7"),
        "{lines:#?}"
    );
    assert!(
        lines[at..].iter().any(|l| l.starts_with("1 x Espresso")),
        "{lines:#?}"
    );
    for done in [OrderStatus::Ready, OrderStatus::Completed] {
        o.status = done;
        let lines = text_lines(&render_receipt(&o, &ctx(PaperWidth::Mm80, false)).unwrap());
        assert!(
            !lines.iter().any(|l| l.starts_with("Ready about")),
            "{done:?}: {lines:#?}"
        );
    }
}

#[test]
fn a_regular_sees_the_tier_discount_the_points_spent_and_earned() {
    use crate::domain::order::{Discount, DiscountKind};
    let mut o = order(PaymentMethod::Card);
    o.coupon_code = None;
    o.discount = eur(325);
    o.total = eur(925);
    o.discounts = vec![
        Discount {
            kind: DiscountKind::Loyalty,
            code: None,
            amount: eur(125),
            reason: None,
        },
        Discount {
            kind: DiscountKind::Points,
            code: None,
            amount: eur(200),
            reason: None,
        },
    ];
    let points = ReceiptPoints {
        earned: 9,
        redeemed: 200,
    };
    let lines =
        text_lines(&render_receipt_with(&o, &ctx(PaperWidth::Mm58, false), points).unwrap());
    assert!(
        has_row(&lines, "Regular's discount", "-€1.25"),
        "{lines:#?}"
    );
    assert!(has_row(&lines, "Points (200 pts)", "-€2.00"), "{lines:#?}");
    assert!(has_row(&lines, "Points earned", "9"), "{lines:#?}");
    assert!(
        !lines.iter().any(|l| l.starts_with("Discount")),
        "{lines:#?}"
    );
    // Without points from the ledger, no points line.
    let lines = text_lines(&render_receipt(&o, &ctx(PaperWidth::Mm58, false)).unwrap());
    assert!(
        !lines.iter().any(|l| l.starts_with("Points earned")),
        "{lines:#?}"
    );
    assert!(has_row(&lines, "Points", "-€2.00"), "{lines:#?}");
}
