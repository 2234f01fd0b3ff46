//! Unicode to code page 858 (PC850 with €): the code page's table, and
//! transliteration of what it cannot hold.

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
}
