//! What each fuzz target checks, as plain functions of the input bytes: the
//! libFuzzer targets in `fuzz_targets/` and the stable-toolchain runner
//! `fuzz-loop` both call them.

mod pricing;
mod receipt;
mod request;

use crema::app::AppError;

pub use pricing::pricing;
pub use receipt::receipt;
pub use request::order_request;
/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not an input of the target's kind (bytes that are not the request).
    Skipped,
    /// Refused, with a 4xx.
    Refused,
    /// Accepted, and every check on it passed.
    Accepted,
}

/// A refusal must be the client's fault (4xx), never a server error.
fn assert_refusal(e: &AppError, what: &str) {
    assert!(
        (400..500).contains(&e.status()),
        "{what}: answered {} {:?}: {}",
        e.status(),
        e.code,
        e.message
    );
}
