//! Crema: point of sale and ordering for cafés.
#![forbid(unsafe_code)]

pub mod app;
pub mod config;
pub mod domain;
pub mod files;
pub mod http;
pub mod printing;
pub mod store;

pub use app::App;
