//! Crash durability, end to end against the real binary: orders, then
//! payments and refunds, each under load, the server killed with SIGKILL
//! mid-flight and restarted; then 100 such kills in a row on one store.

mod common;
mod money;
mod orders;
#[path = "../shared/outbox_check.rs"]
mod outbox_check;
mod repeated;
#[path = "../shared/shop_cli.rs"]
mod shop_cli;
