//! Text for a receipt printer: fixed-width layout and money from integer
//! minor units. Everything is made [`printable`] in code page 858 first
//! ([`super::cp858`]).

use super::cp858::printable;
use crate::domain::{Currency, Money};

/// Splits `text` into lines of at most `width` characters, at spaces where
/// possible. Explicit line breaks are kept; every line is [`printable`].
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for raw in text.lines() {
        let raw = printable(raw);
        let mut line = String::new();
        let mut len = 0;
        for word in raw.split(' ').filter(|w| !w.is_empty()) {
            let mut word: Vec<char> = word.chars().collect();
            // A word longer than the line is cut.
            while word.len() > width {
                if len > 0 {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                lines.push(word.drain(..width).collect());
            }
            if word.is_empty() {
                continue;
            }
            let needed = if len == 0 {
                word.len()
            } else {
                len + 1 + word.len()
            };
            if needed > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.extend(word.iter());
            len += word.len();
        }
        lines.push(line);
    }
    lines
}

/// `left` and `right` on one line of `width` characters: the right text is
/// flush right, the left one cut when both do not fit. When the right text
/// alone is too wide, it is cut too (money never is at these widths).
pub fn columns(left: &str, right: &str, width: usize) -> String {
    let left: Vec<char> = printable(left).chars().collect();
    let right: Vec<char> = printable(right).chars().collect();
    let right: Vec<char> = right.into_iter().take(width).collect();
    let room = width.saturating_sub(right.len());
    // One space at least between the two when there is any left text.
    let left_room = if right.is_empty() {
        room
    } else {
        room.saturating_sub(1)
    };
    let left: String = left.into_iter().take(left_room).collect();
    let pad = width - left.chars().count() - right.len();
    let mut out = left;
    out.extend(std::iter::repeat_n(' ', pad));
    out.extend(right);
    out
}

/// The symbol printed before an amount; other currencies print their code.
fn symbol(currency: Currency) -> Option<&'static str> {
    match currency.as_str() {
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "USD" => Some("$"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

/// An amount for a receipt, from integer minor units: `€4.50`, `-€1.00`,
/// `CHF 12.00`, `¥500`. Integer arithmetic only.
pub fn format_money(m: Money) -> String {
    let decimal = m.to_decimal();
    let (sign, number) = match decimal.strip_prefix('-') {
        Some(n) => ("-", n),
        None => ("", decimal.as_str()),
    };
    match symbol(m.currency) {
        Some(s) => format!("{sign}{s}{number}"),
        None => format!("{sign}{} {number}", m.currency),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_line_exactly() {
        for width in [32, 48] {
            let line = columns("2 x Cappuccino", "€7.40", width);
            assert_eq!(line.chars().count(), width);
            assert!(line.starts_with("2 x Cappuccino "));
            assert!(line.ends_with(" €7.40"));
            let long = columns(&"Very long item name ".repeat(5), "€12.00", width);
            assert_eq!(long.chars().count(), width);
            assert!(long.ends_with(" €12.00"));
        }
        assert_eq!(columns("TOTAL", "", 10), "TOTAL     ");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Kaffeestraße 1, 10115 Berlin", 16),
            vec!["Kaffeestraße 1,", "10115 Berlin"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("one\ntwo", 32), vec!["one", "two"]);
        for l in wrap(&"word ".repeat(40), 32) {
            assert!(l.chars().count() <= 32);
        }
    }

    #[test]
    fn money_comes_from_minor_units() {
        let eur = Currency::EUR;
        assert_eq!(format_money(Money::new(450, eur)), "€4.50");
        assert_eq!(format_money(Money::new(5, eur)), "€0.05");
        assert_eq!(format_money(Money::new(0, eur)), "€0.00");
        assert_eq!(format_money(Money::new(-100, eur)), "-€1.00");
        assert_eq!(format_money(Money::new(123_456_789, eur)), "€1234567.89");
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(format_money(Money::new(500, jpy)), "¥500");
        let chf = Currency::parse("CHF").unwrap();
        assert_eq!(format_money(Money::new(1200, chf)), "CHF 12.00");
        let kwd = Currency::parse("KWD").unwrap();
        assert_eq!(format_money(Money::new(1005, kwd)), "KWD 1.005");
        assert_eq!(
            format_money(Money::new(i64::MIN, eur)),
            "-€92233720368547758.08"
        );
    }
}
