//! A statement hook, a debugging aid: see [`super::Store::set_trace`].

use std::sync::{Arc, RwLock};

use rusqlite::trace::TraceEventCodes;
use rusqlite::Connection;

pub use rusqlite::trace::TraceEvent;

/// Called with [`TraceEvent::Stmt`] (the statement and its SQL text, without
/// the values bound to it) as each SQL statement starts running.
pub type SqlTrace = fn(TraceEvent<'_>);

/// The hook shared by the writer thread and the readers; each connection
/// takes the current one before it runs anything.
#[derive(Clone, Default)]
pub(super) struct TraceHook(Arc<RwLock<Option<SqlTrace>>>);

impl TraceHook {
    pub(super) fn set(&self, hook: Option<SqlTrace>) {
        match self.0.write() {
            Ok(mut h) => *h = hook,
            Err(p) => *p.into_inner() = hook,
        }
    }

    /// Puts the current hook (or none) on `conn`.
    pub(super) fn apply(&self, conn: &Connection) {
        let hook = match self.0.read() {
            Ok(h) => *h,
            Err(p) => *p.into_inner(),
        };
        conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, hook);
    }
}
