//! Text for a receipt printer: Unicode to code page 858 (PC850 with €),
//! transliterating what it cannot hold, fixed-width layout, money from
//! integer minor units.

use crate::domain::{Currency, Money};

/// Code page 858, bytes 0x80..=0xFF. Box-drawing and a few rarely used
/// symbols are left out (`None`): nothing we print needs them, and leaving
/// them out keeps such characters from being printed by accident.
const CP858_HIGH: [Option<char>; 128] = {
    const fn s(c: char) -> Option<char> {
        Some(c)
    }
    const N: Option<char> = None;
    [
        // 0x80
        s('Ç'),
        s('ü'),
        s('é'),
        s('â'),
        s('ä'),
        s('à'),
        s('å'),
        s('ç'),
        s('ê'),
        s('ë'),
        s('è'),
        s('ï'),
        s('î'),
        s('ì'),
        s('Ä'),
        s('Å'),
        // 0x90
        s('É'),
        s('æ'),
        s('Æ'),
        s('ô'),
        s('ö'),
        s('ò'),
        s('û'),
        s('ù'),
        s('ÿ'),
        s('Ö'),
        s('Ü'),
        s('ø'),
        s('£'),
        s('Ø'),
        s('×'),
        N, // ƒ
        // 0xA0
        s('á'),
        s('í'),
        s('ó'),
        s('ú'),
        s('ñ'),
        s('Ñ'),
        s('ª'),
        s('º'),
        s('¿'),
        s('®'),
        s('¬'),
        s('½'),
        s('¼'),
        s('¡'),
        s('«'),
        s('»'),
        // 0xB0
        N,
        N,
        N,
        N,
        N,
        s('Á'),
        s('Â'),
        s('À'),
        s('©'),
        N,
        N,
        N,
        N,
        s('¢'),
        s('¥'),
        N,
        // 0xC0
        N,
        N,
        N,
        N,
        N,
        N,
        s('ã'),
        s('Ã'),
        N,
        N,
        N,
        N,
        N,
        N,
        N,
        N, // ¤
        // 0xD0
        s('ð'),
        s('Ð'),
        s('Ê'),
        s('Ë'),
        s('È'),
        s('€'),
        s('Í'),
        s('Î'),
        s('Ï'),
        N,
        N,
        N,
        N,
        N, // ¦
        s('Ì'),
        N,
        // 0xE0
        s('Ó'),
        s('ß'),
        s('Ô'),
        s('Ò'),
        s('õ'),
        s('Õ'),
        s('µ'),
        s('þ'),
        s('Þ'),
        s('Ú'),
        s('Û'),
        s('Ù'),
        s('ý'),
        s('Ý'),
        N, // ¯
        N, // ´
        // 0xF0
        N, // soft hyphen
        s('±'),
        N,
        s('¾'),
        s('¶'),
        s('§'),
        s('÷'),
        N, // ¸
        s('°'),
        N, // ¨
        s('·'),
        s('¹'),
        s('³'),
        s('²'),
        N,
        N, // no-break space
    ]
};

/// The CP858 byte for `c`, if the code page holds it.
pub fn cp858_byte(c: char) -> Option<u8> {
    if (' '..='~').contains(&c) {
        return Some(c as u8);
    }
    CP858_HIGH
        .iter()
        .position(|&x| x == Some(c))
        .map(|i| 0x80 + i as u8)
}

/// The character a CP858 byte prints as (`None` for control bytes and the
/// symbols left out here).
pub fn cp858_char(b: u8) -> Option<char> {
    match b {
        0x20..=0x7E => Some(b as char),
        0x80..=0xFF => CP858_HIGH[usize::from(b - 0x80)],
        _ => None,
    }
}

/// What to print for a character CP858 lacks: a close ASCII or CP858
/// spelling, or `?`.
fn transliterate_char(c: char, out: &mut String) {
    let s: &str = match c {
        '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => " ",
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{feff}' => "",
        '‘' | '’' | '‚' | '‛' | '′' | '´' | '`' => "'",
        '“' | '”' | '„' | '‟' | '″' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        '•' | '∙' | '◦' => "*",
        '™' => "TM",
        '‹' => "<",
        '›' => ">",
        '¤' => "?",
        'ƒ' => "f",
        '¦' => "|",
        '¯' => "-",
        '¸' => ",",
        '¨' => "\"",
        'Œ' => "OE",
        'œ' => "oe",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ł' => "L",
        'ł' => "l",
        'Đ' => "D",
        'đ' => "d",
        'ı' => "i",
        'Ā' | 'Ă' | 'Ą' => "A",
        'ā' | 'ă' | 'ą' => "a",
        'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' => "D",
        'ď' => "d",
        'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ĩ' | 'ī' | 'ĭ' | 'į' => "i",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' => "l",
        'Ń' | 'Ņ' | 'Ň' => "N",
        'ń' | 'ņ' | 'ň' => "n",
        'Ō' | 'Ŏ' | 'Ő' => "O",
        'ō' | 'ŏ' | 'ő' => "o",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ŷ' | 'Ÿ' => "Y",
        'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        _ => "?",
    };
    out.push_str(s);
}

/// `text` with every character printable in CP858: what the code page
/// holds is kept, the rest transliterated. Control characters (including
/// line breaks) become spaces; callers split lines first.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if cp858_byte(c).is_some() {
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            transliterate_char(c, &mut out);
        }
    }
    out
}

/// Encodes text that went through [`printable`] (anything else becomes `?`).
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| cp858_byte(c).unwrap_or(b'?'))
        .collect()
}

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
    fn ascii_passes_through_and_the_euro_sign_is_0xd5() {
        assert_eq!(encode("Abc-1.50 #"), b"Abc-1.50 #".to_vec());
        assert_eq!(encode("€"), vec![0xD5]);
        assert_eq!(
            encode("é ü ß ñ Ö"),
            vec![0x82, b' ', 0x81, b' ', 0xE1, b' ', 0xA4, b' ', 0x99]
        );
        assert_eq!(encode("®¿Ò"), vec![0xA9, 0xA8, 0xE3]);
    }

    #[test]
    fn what_cp858_lacks_is_transliterated_not_garbled() {
        assert_eq!(printable("Crème brûlée"), "Crème brûlée");
        assert_eq!(printable("Œuf “bio” – 2…"), "OEuf \"bio\" - 2...");
        assert_eq!(printable("Łódź, Škoda, Ärger"), "Lódz, Skoda, Ärger");
        assert_eq!(printable("茶 ☕"), "? ?");
        assert_eq!(printable("a\tb\nc"), "a b c");
        for c in printable("ŁŒœ–…茶€éüß™").chars() {
            assert!(cp858_byte(c).is_some(), "{c:?} is printable");
        }
    }

    #[test]
    fn the_high_half_has_no_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for c in CP858_HIGH.iter().flatten() {
            assert!(seen.insert(*c), "{c} twice");
        }
    }

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
