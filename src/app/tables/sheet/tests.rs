use super::*;
use uuid::Uuid;

fn table(name: &str, code: &str) -> TableView {
    TableView {
        id: Uuid::nil(),
        name: name.to_string(),
        area: "Terrasse".to_string(),
        code: code.to_string(),
        sort_order: 0,
    }
}

/// The dark modules of a `width`-wide code drawn from its runs.
fn matrix_of(width: usize, runs: &[Run]) -> Vec<bool> {
    let mut m = vec![false; width * width];
    for r in runs {
        for c in r.col..r.col + r.len {
            assert!(!m[r.row * width + c], "runs overlap at {} {c}", r.row);
            m[r.row * width + c] = true;
        }
    }
    m
}

/// What a phone's camera reads from the card's drawing: the runs rendered
/// as a grey image (4 pixels a module, 4 modules of quiet zone) and decoded.
fn decode(width: usize, runs: &[Run]) -> String {
    const PX: usize = 4;
    let dark = matrix_of(width, runs);
    let side = (width + 8) * PX;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = ((x / PX).wrapping_sub(4), (y / PX).wrapping_sub(4));
        if mx < width && my < width && dark[my * width + mx] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the card");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_url_is_the_base_then_t_then_the_code() {
    let base = check_base("http://192.168.1.20:8080/").unwrap();
    assert_eq!(base, "http://192.168.1.20:8080");
    assert_eq!(
        table_url(&base, "ABCDEFGHJK"),
        "http://192.168.1.20:8080/t/ABCDEFGHJK"
    );
    let base = check_base(" https://cafe.example/crema/ ").unwrap();
    assert_eq!(
        table_url(&base, "23456789AB"),
        "https://cafe.example/crema/t/23456789AB"
    );
    assert_eq!(
        table_url(&check_base("http://[::1]:8080").unwrap(), "X"),
        "http://[::1]:8080/t/X"
    );
}

#[test]
fn a_base_that_a_phone_cannot_open_is_refused() {
    for bad in [
        "",
        "192.168.1.20:8080",
        "/t",
        "ftp://cafe.example",
        "javascript:alert(1)",
        "http://cafe.example/?x=1",
        "http://cafe.example/#menu",
        "http://anna:pw@cafe.example/",
        "http://",
        "not a url",
    ] {
        let e = check_base(bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidBaseUrl, "{bad:?}");
    }
}

#[test]
fn the_drawn_runs_are_the_qr_matrix_of_the_url() {
    let url = "http://192.168.1.20:8080/t/ABCDEFGHJK";
    let (width, runs) = qr_runs(url).unwrap();
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
    assert_eq!(width, code.width());
    let expected: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    assert_eq!(matrix_of(width, &runs), expected);
    // Runs are whole: none ends where the next one in its row begins.
    for pair in runs.windows(2) {
        if pair[0].row == pair[1].row {
            assert!(pair[0].col + pair[0].len < pair[1].col, "{pair:?}");
        }
    }
    assert!(runs.iter().all(|r| r.len > 0 && r.col + r.len <= width));
}

#[test]
fn the_drawn_code_reads_back_as_the_tables_url() {
    for url in [
        "http://192.168.1.20:8080/t/ABCDEFGHJK",
        "https://a-rather-long-host-name.cafe.example/crema/t/23456789AB",
    ] {
        let (width, runs) = qr_runs(url).unwrap();
        assert_eq!(decode(width, &runs), url);
    }
}

#[test]
fn runs_of_a_small_matrix() {
    let dark = [
        true, true, false, //
        false, false, false, //
        true, false, true,
    ];
    assert_eq!(
        runs_of(3, &dark),
        vec![
            Run {
                row: 0,
                col: 0,
                len: 2
            },
            Run {
                row: 2,
                col: 0,
                len: 1
            },
            Run {
                row: 2,
                col: 2,
                len: 1
            },
        ]
    );
}

#[test]
fn seven_tables_fill_two_pages() {
    let tables: Vec<TableView> = (1..=7)
        .map(|i| table(&format!("Tisch {i}"), "ABCDEFGHJK"))
        .collect();
    let pdf = sheet_pdf(&tables, "http://192.168.1.20:8080", "Café Ü").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = String::from_utf8_lossy(&pdf);
    assert!(doc.contains("/Count 2"), "two pages");
}

#[test]
fn a_long_name_shrinks_to_fit_its_card() {
    let room = CARD_W - 2.0 * TEXT_PAD;
    let name = "WWWWWWWWWWWWWWWW";
    let em = helvetica_width(name, true);
    let mut ops = Vec::new();
    let font = BuiltinFont::HelveticaBold;
    let line = Line {
        font,
        max_pt: 24.0,
        em,
        y: 10.0,
        text: name,
    };
    centred(&mut ops, 50.0, room, line);
    let size = ops
        .iter()
        .find_map(|o| match o {
            Op::SetFont { size, .. } => Some(size.0),
            _ => None,
        })
        .unwrap();
    assert!(size < 24.0);
    assert!(Mm::from(Pt(em * size)).0 <= room + 0.01);
}
