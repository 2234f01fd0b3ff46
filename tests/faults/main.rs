//! Faults of the machine under the server: a full disk, a read-only store,
//! and the process dying at every step of a write (crash points).

mod common;
mod crash_points;
mod disk;
#[path = "../shared/outbox_check.rs"]
mod outbox_check;
