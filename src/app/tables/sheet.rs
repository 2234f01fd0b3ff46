//! The sheet of the tables' QR codes as a PDF: A4 pages of cards, six to a
//! page (two across, three down), one per table in the tables' order. A card
//! has the QR code of `<base>/t/<code>`, the table's name large, its area,
//! the short address under it and how to use it. The PDF's built-in fonts
//! only, so the file opens in any viewer and needs no font files; the QR
//! code's dark modules are filled rectangles, one per run of dark modules
//! in a row.

use printpdf::{
    BuiltinFont, Color, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem,
};
use qrcode::{EcLevel, QrCode};

use super::TableView;
use crate::app::{AppError, AppResult, ErrorCode};

/// Cards across and down one page.
pub const COLUMNS: usize = 2;
pub const ROWS: usize = 3;
/// Cards on one page.
pub const PER_PAGE: usize = COLUMNS * ROWS;

/// The shop has no shop language: the instruction in English and German.
const INSTRUCTION: &str = "Scan to order \u{b7} Zum Bestellen scannen";

// A4 and the cards on it, in millimetres.
const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN_X: f32 = 15.0;
const MARGIN_Y: f32 = 12.0;
const GAP: f32 = 8.0;
const CARD_W: f32 = (PAGE_W - 2.0 * MARGIN_X - (COLUMNS as f32 - 1.0) * GAP) / COLUMNS as f32;
const CARD_H: f32 = (PAGE_H - 2.0 * MARGIN_Y - (ROWS as f32 - 1.0) * GAP) / ROWS as f32;
/// The QR code's side and its distance from the card's top.
const QR_SIDE: f32 = 48.0;
const QR_TOP: f32 = 5.0;
/// Text keeps this far from the card's sides.
const TEXT_PAD: f32 = 4.0;

/// A base address a guest's phone can open: an absolute `http` or `https`
/// URL without user name, query or fragment. 400 `invalid_base_url`.
pub fn check_base(base: &str) -> AppResult<String> {
    let bad = || {
        AppError::new(
            ErrorCode::InvalidBaseUrl,
            "the address must be an absolute http(s) URL without a query, e.g. http://192.168.1.20:8080",
        )
    };
    let url = url::Url::parse(base.trim()).map_err(|_| bad())?;
    let fine = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none();
    if !fine {
        return Err(bad());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// What a table's QR code carries: `<base>/t/<code>` (`base` as
/// [`check_base`] answers it, without a trailing slash).
pub fn table_url(base: &str, code: &str) -> String {
    format!("{}/t/{code}", base.trim_end_matches('/'))
}

/// A run of dark modules in one row of a QR code: `len` modules from
/// column `col` of row `row` (row 0 at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub row: usize,
    pub col: usize,
    pub len: usize,
}

/// The QR code of `data` (error correction M: a card may be scuffed) as its
/// width in modules and the runs of dark modules the card draws.
pub fn qr_runs(data: &str) -> AppResult<(usize, Vec<Run>)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| AppError::invalid(format!("the address does not fit a QR code: {e}")))?;
    let width = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok((width, runs_of(width, &dark)))
}

/// The runs of `true` in each row of a `width`-wide square matrix.
fn runs_of(width: usize, dark: &[bool]) -> Vec<Run> {
    let mut runs = Vec::new();
    for (row, cells) in dark.chunks(width).enumerate() {
        let mut col = 0;
        while col < cells.len() {
            if cells[col] {
                let len = cells[col..].iter().take_while(|d| **d).count();
                runs.push(Run { row, col, len });
                col += len;
            } else {
                col += 1;
            }
        }
    }
    runs
}

/// About how wide `s` is in Helvetica at 1 pt (the AFM widths in a few
/// classes: near enough to centre a line and to fit it in a card).
fn helvetica_width(s: &str, bold: bool) -> f32 {
    let em: f32 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'I' => 0.28,
            ' ' | 'f' | 't' | 'r' | '-' | '(' | ')' | '/' => 0.33,
            'm' | 'w' | 'M' | 'W' => 0.89,
            'A'..='Z' => 0.72,
            _ => 0.56,
        })
        .sum();
    if bold {
        em * 1.06
    } else {
        em
    }
}

/// Courier is 0.6 em for every character.
fn courier_width(s: &str) -> f32 {
    0.6 * s.chars().count() as f32
}

const BLACK: Color = Color::Rgb(Rgb {
    r: 0.0,
    g: 0.0,
    b: 0.0,
    icc_profile: None,
});

fn grey(v: f32) -> Color {
    Color::Rgb(Rgb {
        r: v,
        g: v,
        b: v,
        icc_profile: None,
    })
}

/// One line of a card: its font, at most `max_pt` large (shrunk to fit),
/// `em` its width at 1 pt, `y` its baseline (mm from the page's bottom).
struct Line<'a> {
    font: BuiltinFont,
    max_pt: f32,
    em: f32,
    y: f32,
    text: &'a str,
}

/// `line` centred on `cx` (mm), shrunk to fit `room` mm when it is wider.
fn centred(ops: &mut Vec<Op>, cx: f32, room: f32, line: Line) {
    if line.text.is_empty() {
        return;
    }
    let room_pt = Mm(room).into_pt().0;
    let size = if line.em > 0.0 {
        line.max_pt.min(room_pt / line.em)
    } else {
        line.max_pt
    };
    let width_mm = Mm::from(Pt(line.em * size)).0;
    ops.push(Op::StartTextSection);
    ops.push(Op::SetTextCursor {
        pos: Point::new(Mm(cx - width_mm / 2.0), Mm(line.y)),
    });
    ops.push(Op::SetFont {
        font: PdfFontHandle::Builtin(line.font),
        size: Pt(size),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(line.text.to_string())],
    });
    ops.push(Op::EndTextSection);
}

fn rect(x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Op {
    let mut rectangle = Rect::from_xywh(
        Mm(x).into_pt(),
        Mm(y).into_pt(),
        Mm(w).into_pt(),
        Mm(h).into_pt(),
    );
    rectangle.mode = Some(mode);
    Op::DrawRectangle { rectangle }
}

/// One table's card with its top-left corner at (`left`, `top`) mm from the
/// page's bottom-left corner.
fn card(ops: &mut Vec<Op>, left: f32, top: f32, t: &TableView, url: &str) -> AppResult<()> {
    // The cutting line around the card.
    ops.push(Op::SetOutlineColor { col: grey(0.7) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
    ops.push(rect(left, top - CARD_H, CARD_W, CARD_H, PaintMode::Stroke));

    let (width, runs) = qr_runs(url)?;
    let module = QR_SIDE / width as f32;
    let qr_left = left + (CARD_W - QR_SIDE) / 2.0;
    let qr_top = top - QR_TOP;
    ops.push(Op::SetFillColor { col: BLACK });
    for r in runs {
        ops.push(rect(
            qr_left + r.col as f32 * module,
            qr_top - (r.row + 1) as f32 * module,
            r.len as f32 * module,
            module,
            PaintMode::Fill,
        ));
    }

    let cx = left + CARD_W / 2.0;
    let room = CARD_W - 2.0 * TEXT_PAD;
    let below = qr_top - QR_SIDE;
    let name = helvetica_width(&t.name, true);
    let area = helvetica_width(&t.area, false);
    let how = helvetica_width(INSTRUCTION, false);
    // (font, largest size, width at 1 pt, mm below the code, text, ink)
    let lines = [
        (
            BuiltinFont::HelveticaBold,
            24.0,
            name,
            11.0,
            t.name.as_str(),
            BLACK,
        ),
        (
            BuiltinFont::Helvetica,
            11.0,
            area,
            17.0,
            t.area.as_str(),
            grey(0.25),
        ),
        (
            BuiltinFont::Courier,
            8.0,
            courier_width(url),
            23.0,
            url,
            grey(0.25),
        ),
        (
            BuiltinFont::HelveticaOblique,
            9.5,
            how,
            30.0,
            INSTRUCTION,
            BLACK,
        ),
    ];
    for (font, max_pt, em, down, text, col) in lines {
        ops.push(Op::SetFillColor { col });
        let y = below - down;
        centred(
            ops,
            cx,
            room,
            Line {
                font,
                max_pt,
                em,
                y,
                text,
            },
        );
    }
    Ok(())
}

/// The sheet of `tables` (in this order) for guests to open `<base>/t/<code>`
/// as the bytes of a PDF file: `ceil(tables / PER_PAGE)` A4 pages.
pub fn sheet_pdf(tables: &[TableView], base: &str, shop_name: &str) -> AppResult<Vec<u8>> {
    let mut doc = PdfDocument::new(&format!("{shop_name}: table QR codes"));
    let mut pages = Vec::new();
    for chunk in tables.chunks(PER_PAGE) {
        let mut ops = Vec::new();
        for (i, t) in chunk.iter().enumerate() {
            let (col, row) = (i % COLUMNS, i / COLUMNS);
            let left = MARGIN_X + col as f32 * (CARD_W + GAP);
            let top = PAGE_H - MARGIN_Y - row as f32 * (CARD_H + GAP);
            card(&mut ops, left, top, t, &table_url(base, &t.code))?;
        }
        pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
    }
    let mut warnings = Vec::new();
    Ok(doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings))
}

#[cfg(test)]
mod tests;
