//! Crema: point of sale and ordering for cafés.
#![forbid(unsafe_code)]

pub mod app;
pub mod config;
pub mod domain;
pub mod files;
pub mod hq;
pub mod http;
pub mod printing;
pub mod store;
pub mod sync;

pub use app::App;

/// An error's message with every cause after it (`a: b: c`), for a person
/// to act on.
pub(crate) fn with_causes(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
