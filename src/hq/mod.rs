//! Head office (`crema hq`): every shop's sales in one PostgreSQL or
//! MariaDB/MySQL database, exactly once, and the owners' reports over them.
//!
//! A small house of its own: [`app`] (use cases), [`store`] (all its SQL),
//! [`http`] (axum), [`cli`] (the `crema hq` command). It shares the domain,
//! the password and token scheme and the wire format (`crate::sync::wire`)
//! with the shop, and never reads a shop's SQLite. Replicas over one
//! database keep no state one another needs.

pub mod app;
pub mod cli;
pub mod config;
pub mod http;
pub mod store;

pub use app::Hq;
