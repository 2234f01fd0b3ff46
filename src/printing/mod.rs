//! Receipts for a network ESC/POS printer. Rendering is pure (an order in,
//! bytes out): [`receipt`] lays out the receipt, the test page and the
//! drawer kick, [`ticket`] a kitchen station's ticket, [`refund`] the
//! refund slip, [`report`] the figures of a report (Z, X), [`text`] fits
//! text to the line and formats money,
//! [`cp858`] encodes it; [`net`] sends bytes to `host:9100`.
//!
//! The ESC/POS commands come from the `escpos` crate, driven into a byte
//! buffer. Text is encoded here, not by the crate: its code-page tables
//! (0.17) map `-` to the soft hyphen 0xF0 and `®`/`Ô` to the wrong bytes,
//! so we encode to CP858 ourselves ([`cp858`]) and hand the crate raw bytes.
//! The crate's drawer command is `ESC p m` without the two pulse-time bytes
//! the command takes, so the printer would swallow the next two bytes; we
//! send the full `ESC p 0 t1 t2`.

pub mod cp858;
pub mod net;
pub mod receipt;
pub mod refund;
pub mod report;
pub mod text;
pub mod ticket;

use std::cell::RefCell;
use std::rc::Rc;

use escpos::driver::Driver;
use escpos::printer::Printer;
use escpos::utils::{JustifyMode, PageCode, Protocol};

pub use receipt::{
    percent, render_drawer_kick, render_receipt, render_receipt_with, render_test_page,
    ReceiptContext, ReceiptPoints,
};
pub use refund::render_refund_slip;
pub use report::{render_report, Report, Row, Section};
pub use text::format_money;
pub use ticket::render_station_ticket;

/// Paper roll width: how many characters of the standard font fit a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperWidth {
    /// 58 mm: 32 columns.
    Mm58,
    /// 80 mm: 48 columns.
    Mm80,
}

impl PaperWidth {
    pub fn from_mm(mm: u8) -> Option<PaperWidth> {
        match mm {
            58 => Some(PaperWidth::Mm58),
            80 => Some(PaperWidth::Mm80),
            _ => None,
        }
    }

    pub fn mm(self) -> u8 {
        match self {
            PaperWidth::Mm58 => 58,
            PaperWidth::Mm80 => 80,
        }
    }

    pub fn columns(self) -> usize {
        match self {
            PaperWidth::Mm58 => 32,
            PaperWidth::Mm80 => 48,
        }
    }
}

/// Rendering failed (the crate refused a command); never expected.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot render the receipt: {0}")]
pub struct RenderError(String);

impl From<escpos::errors::PrinterError> for RenderError {
    fn from(e: escpos::errors::PrinterError) -> Self {
        RenderError(e.to_string())
    }
}

/// The pulse that opens a cash drawer on connector pin 2: `ESC p 0 t1 t2`,
/// on for 50 ms (25 × 2 ms), off for 500 ms.
pub const DRAWER_KICK: [u8; 5] = [0x1B, b'p', 0, 25, 250];

/// An `escpos` driver that keeps what it is given.
#[derive(Clone, Default)]
struct Buffer(Rc<RefCell<Vec<u8>>>);

impl Driver for Buffer {
    fn name(&self) -> String {
        "buffer".to_owned()
    }
    fn write(&self, data: &[u8]) -> escpos::errors::Result<()> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(())
    }
    fn read(&self, _buf: &mut [u8]) -> escpos::errors::Result<usize> {
        Ok(0)
    }
    fn flush(&self) -> escpos::errors::Result<()> {
        Ok(())
    }
}

/// A print-out being built: lines of CP858 text and ESC/POS commands.
pub(crate) struct Doc {
    printer: Printer<Buffer>,
    buffer: Buffer,
    pub width: usize,
}

type R<T = ()> = Result<T, RenderError>;

impl Doc {
    /// Initialises the printer and selects code page 858.
    pub fn new(width: PaperWidth) -> R<Doc> {
        let buffer = Buffer::default();
        let mut printer = Printer::new(buffer.clone(), Protocol::default(), None);
        printer.init()?.page_code(PageCode::PC858)?;
        Ok(Doc {
            printer,
            buffer,
            width: width.columns(),
        })
    }

    /// One line of text (made printable, cut to the line).
    pub fn line(&mut self, s: &str) -> R {
        let s: String = cp858::printable(s).chars().take(self.width).collect();
        self.printer.custom(&cp858::encode(&s))?.feed()?;
        Ok(())
    }

    /// `left` and `right` on one line.
    pub fn columns(&mut self, left: &str, right: &str) -> R {
        let s = text::columns(left, right, self.width);
        self.printer.custom(&cp858::encode(&s))?.feed()?;
        Ok(())
    }

    /// `left` wrapped beside `right`: the first line carries `right`, the
    /// rest of `left` follows on indented lines.
    pub fn columns_wrapped(&mut self, left: &str, right: &str) -> R {
        const INDENT: usize = 4;
        let right_len = cp858::printable(right).chars().count();
        let room = self.width.saturating_sub(right_len + 1).max(INDENT + 1);
        let mut parts = text::wrap(left, room).into_iter();
        let first = parts.next().unwrap_or_default();
        self.columns(&first, right)?;
        let rest: Vec<String> = parts.collect();
        if !rest.is_empty() {
            for l in text::wrap(&rest.join(" "), self.width - INDENT) {
                self.line(&format!("{:INDENT$}{l}", ""))?;
            }
        }
        Ok(())
    }

    /// Text wrapped to the line width.
    pub fn wrapped(&mut self, s: &str) -> R {
        for l in text::wrap(s, self.width) {
            self.line(&l)?;
        }
        Ok(())
    }

    pub fn rule(&mut self) -> R {
        let dashes = "-".repeat(self.width);
        self.line(&dashes)
    }

    pub fn center(&mut self, on: bool) -> R {
        self.printer.justify(if on {
            JustifyMode::CENTER
        } else {
            JustifyMode::LEFT
        })?;
        Ok(())
    }

    pub fn bold(&mut self, on: bool) -> R {
        self.printer.bold(on)?;
        Ok(())
    }

    /// Double width and height (half as many columns) or normal size.
    pub fn large(&mut self, on: bool) -> R {
        if on {
            self.printer.size(2, 2)?;
        } else {
            self.printer.reset_size()?;
        }
        Ok(())
    }

    pub fn drawer_kick(&mut self) -> R {
        self.printer.custom(&DRAWER_KICK)?;
        Ok(())
    }

    /// Feeds the paper past the cutter and cuts; returns the bytes.
    pub fn finish_with_cut(mut self) -> R<Vec<u8>> {
        self.printer.feeds(4)?.print_cut()?;
        Ok(self.take())
    }

    /// Returns the bytes without a cut.
    pub fn finish(mut self) -> R<Vec<u8>> {
        self.printer.print()?;
        Ok(self.take())
    }

    fn take(self) -> Vec<u8> {
        std::mem::take(&mut *self.buffer.0.borrow_mut())
    }
}
