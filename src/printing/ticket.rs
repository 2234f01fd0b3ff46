//! A station's ticket: what the bar or the kitchen is to make of an order,
//! printed on the station's own printer when the order reaches the kitchen.
//! Only the station's lines, large enough to read from across the counter,
//! with no prices.

use chrono::{DateTime, Utc};

use super::{Doc, PaperWidth, RenderError};
use crate::domain::order::{Order, OrderStatus, OrderType};

/// "Ready about 12:34" in the shop's time, while the order is still being
/// made and has a ready time; `None` otherwise.
pub fn ready_line(order: &Order, tz: chrono_tz::Tz) -> Option<String> {
    let making = matches!(order.status, OrderStatus::Placed | OrderStatus::InProgress);
    let at: DateTime<Utc> = order.estimated_ready_at.filter(|_| making)?;
    Some(format!(
        "Ready about {}",
        at.with_timezone(&tz).format("%H:%M")
    ))
}

/// How an order is served: `Takeaway`, `Table 7` or `Dine in`.
pub(super) fn served(order: &Order) -> String {
    match (order.order_type, &order.table) {
        (OrderType::Takeaway, _) => "Takeaway".to_string(),
        (OrderType::DineIn, Some(t)) => format!("Table {t}"),
        (OrderType::DineIn, None) => "Dine in".to_string(),
    }
}

/// `text` wrapped to the line under an indent (an item's options and note).
fn indented(doc: &mut Doc, text: &str) -> Result<(), RenderError> {
    const INDENT: &str = "   ";
    for l in super::text::wrap(text, doc.width - INDENT.len()) {
        doc.line(&format!("{INDENT}{l}"))?;
    }
    Ok(())
}

/// The ticket of `station` for `order` as ESC/POS bytes: the station, the
/// order's number large, how it is served, when it was placed (local
/// time), the station's lines with quantity, options and notes, the ready
/// time, cut. Lines of other stations (and lines with no station) are left
/// out.
pub fn render_station_ticket(
    order: &Order,
    station: &str,
    tz: chrono_tz::Tz,
    width: PaperWidth,
) -> Result<Vec<u8>, RenderError> {
    let mut doc = Doc::new(width)?;
    doc.center(true)?;
    doc.bold(true)?;
    doc.line(&station.to_uppercase())?;
    doc.bold(false)?;
    doc.large(true)?;
    // Double size: half as many characters fit the line.
    let half = doc.width / 2;
    doc.line(&format!("#{}", order.number))?;
    doc.line(&served(order).chars().take(half).collect::<String>())?;
    doc.large(false)?;
    doc.center(false)?;
    let placed = order.created_at.with_timezone(&tz);
    doc.line(&format!("Placed {}", placed.format("%H:%M")))?;
    doc.rule()?;
    for line in order
        .lines
        .iter()
        .filter(|l| l.station.as_deref() == Some(station))
    {
        doc.bold(true)?;
        doc.wrapped(&format!("{} x {}", line.quantity, line.name))?;
        doc.bold(false)?;
        for (m, n) in line.modifier_counts() {
            if n > 1 {
                indented(&mut doc, &format!("+ {n}x {}", m.name))?;
            } else {
                indented(&mut doc, &format!("+ {}", m.name))?;
            }
        }
        if let Some(note) = &line.note {
            indented(&mut doc, &format!("\"{note}\""))?;
        }
    }
    doc.rule()?;
    if let Some(ready) = ready_line(order, tz) {
        doc.bold(true)?;
        doc.line(&ready)?;
        doc.bold(false)?;
    }
    doc.finish_with_cut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::{LineModifier, OrderLine, PaymentMethod};
    use crate::printing::receipt::tests::{eur, order, text_lines};
    use chrono::TimeZone;
    use uuid::Uuid;

    fn line(name: &str, station: Option<&str>, quantity: u32) -> OrderLine {
        OrderLine {
            item_id: Uuid::nil(),
            name: name.into(),
            quantity,
            unit_price: eur(300),
            modifiers: vec![],
            line_total: eur(300 * i64::from(quantity)),
            note: None,
            station: station.map(Into::into),
            prep_minutes: 3,
            done_at: None,
        }
    }

    fn mixed() -> Order {
        let mut o = order(PaymentMethod::Card);
        let mut latte = line("Latte", Some("bar"), 2);
        let shot = LineModifier {
            id: Uuid::from_u128(7),
            name: "Extra shot".into(),
            price_delta: eur(50),
        };
        latte.modifiers = vec![shot.clone(), shot];
        latte.note = Some("extra hot".into());
        o.lines = vec![
            latte,
            line("Avocado toast", Some("kitchen"), 1),
            line("Green tea", Some("bar"), 1),
            line("Water", None, 1),
        ];
        o.estimated_ready_at = Some(Utc.with_ymd_and_hms(2025, 3, 1, 22, 44, 0).unwrap());
        o
    }

    #[test]
    fn a_ticket_holds_only_its_stations_lines_and_the_ready_time() {
        let tz = chrono_tz::Europe::Berlin;
        let bytes = render_station_ticket(&mixed(), "bar", tz, PaperWidth::Mm80).unwrap();
        let lines = text_lines(&bytes);
        let text = lines.join("\n");
        assert!(lines.iter().any(|l| l == "BAR"), "{text}");
        assert!(lines.iter().any(|l| l == "#42"), "{text}");
        assert!(lines.iter().any(|l| l == "Table 7"), "{text}");
        // 22:30 UTC is 23:30 in Berlin in March.
        assert!(lines.iter().any(|l| l == "Placed 23:30"), "{text}");
        assert!(lines.iter().any(|l| l == "2 x Latte"), "{text}");
        assert!(lines.iter().any(|l| l == "   + 2x Extra shot"), "{text}");
        assert!(lines.iter().any(|l| l == "   \"extra hot\""), "{text}");
        assert!(lines.iter().any(|l| l == "1 x Green tea"), "{text}");
        assert!(lines.iter().any(|l| l == "Ready about 23:44"), "{text}");
        for other in ["Avocado", "Water", "€", "Crème"] {
            assert!(!text.contains(other), "{other} on the bar's ticket: {text}");
        }
        let kitchen =
            text_lines(&render_station_ticket(&mixed(), "kitchen", tz, PaperWidth::Mm58).unwrap())
                .join("\n");
        assert!(kitchen.contains("1 x Avocado toast"), "{kitchen}");
        assert!(
            !kitchen.contains("Latte") && !kitchen.contains("tea"),
            "{kitchen}"
        );
        assert!(bytes.windows(2).any(|w| w == [0x1D, b'V']), "cut");
    }

    #[test]
    fn the_ready_time_shows_only_while_the_order_is_being_made() {
        let tz = chrono_tz::UTC;
        let mut o = mixed();
        assert_eq!(ready_line(&o, tz).as_deref(), Some("Ready about 22:44"));
        o.status = OrderStatus::InProgress;
        assert!(ready_line(&o, tz).is_some());
        for done in [
            OrderStatus::Ready,
            OrderStatus::Completed,
            OrderStatus::Cancelled,
        ] {
            o.status = done;
            assert_eq!(ready_line(&o, tz), None);
        }
        o.status = OrderStatus::Placed;
        o.estimated_ready_at = None;
        assert_eq!(ready_line(&o, tz), None);
        o.order_type = OrderType::Takeaway;
        assert_eq!(served(&o), "Takeaway");
        o.order_type = OrderType::DineIn;
        o.table = None;
        assert_eq!(served(&o), "Dine in");
    }

    #[test]
    fn every_ticket_line_fits_the_paper() {
        let mut o = mixed();
        o.lines[0].name = "A very long name of a drink that will not fit one line".into();
        for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
            let bytes = render_station_ticket(&o, "bar", chrono_tz::UTC, width).unwrap();
            let lines = text_lines(&bytes);
            assert!(lines.iter().any(|l| l.contains("will not")), "{lines:?}");
            for l in lines {
                assert!(l.chars().count() <= width.columns(), "{l:?} too wide");
            }
        }
    }
}
