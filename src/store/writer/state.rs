//! What the writer shares with the store's handles: whether the disk takes
//! writes, and (for tests only) the crash hook.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::RwLock;

use super::Msg;
use crate::store::error::Fault;
use crate::store::{Store, StoreError};

/// Whether the store can write, as its last write (or probe) found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteState {
    Ok,
    /// The disk is full.
    Full,
    /// The store's files or their file system refuse writes.
    ReadOnly,
    /// The disk failed (an I/O error).
    Unavailable,
    /// The writer thread is gone (the store was closed).
    Stopped,
}

impl WriteState {
    /// The name `GET /api/health` reports under `store`.
    pub fn as_str(self) -> &'static str {
        match self {
            WriteState::Ok => "ok",
            WriteState::Full => "full",
            WriteState::ReadOnly => "read_only",
            WriteState::Unavailable => "unavailable",
            WriteState::Stopped => "stopped",
        }
    }

    fn from_u8(v: u8) -> WriteState {
        match v {
            0 => WriteState::Ok,
            1 => WriteState::Full,
            2 => WriteState::ReadOnly,
            3 => WriteState::Unavailable,
            _ => WriteState::Stopped,
        }
    }
}

impl From<Fault> for WriteState {
    fn from(f: Fault) -> Self {
        match f {
            Fault::Full => WriteState::Full,
            Fault::ReadOnly => WriteState::ReadOnly,
            Fault::Unavailable => WriteState::Unavailable,
        }
    }
}

/// A moment in the writer's handling of a group of writes, where a test
/// may stop the process (see [`Store::set_crash_hook`]). The start of each
/// SQL statement (`BEGIN`, every statement of the writes, `COMMIT`) is
/// another such moment, seen with [`Store::set_trace`].
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    /// `COMMIT` returned; no write of the group has been answered yet.
    AfterCommit,
}

#[doc(hidden)]
pub type CrashHook = fn(CrashPoint);

#[derive(Default)]
pub(in crate::store) struct Shared {
    state: AtomicU8,
    crash: RwLock<Option<CrashHook>>,
}

impl Shared {
    pub(super) fn state(&self) -> WriteState {
        WriteState::from_u8(self.state.load(Ordering::SeqCst))
    }

    pub(super) fn set_state(&self, state: WriteState) {
        let v = match state {
            WriteState::Ok => 0,
            WriteState::Full => 1,
            WriteState::ReadOnly => 2,
            WriteState::Unavailable => 3,
            WriteState::Stopped => 4,
        };
        self.state.store(v, Ordering::SeqCst);
    }

    pub(super) fn crash_point(&self, point: CrashPoint) {
        let hook = match self.crash.read() {
            Ok(h) => *h,
            Err(p) => *p.into_inner(),
        };
        if let Some(hook) = hook {
            hook(point);
        }
    }
}

impl Store {
    /// Whether the store can write: what the last write that reached the
    /// disk (or the last probe) found, or `Stopped` once the writer is gone.
    pub fn write_state(&self) -> WriteState {
        let stopped = self.inner.sender.lock().map_or(true, |s| s.is_none())
            || self
                .inner
                .writer
                .lock()
                .map_or(true, |w| w.as_ref().is_none_or(|h| h.is_finished()));
        if stopped {
            WriteState::Stopped
        } else {
            self.inner.shared.state()
        }
    }

    /// Like [`Store::write_state`], but a store that could not write is
    /// tried again with a small write first, so a disk that has room (or
    /// was made writable) again is seen without waiting for a client's write.
    pub async fn check_writable(&self) -> WriteState {
        let state = self.write_state();
        if matches!(state, WriteState::Ok | WriteState::Stopped) {
            return state;
        }
        let (reply, answer) = tokio::sync::oneshot::channel();
        let sent = self
            .inner
            .sender
            .lock()
            .map_err(|_| StoreError::Closed)
            .and_then(|s| {
                s.as_ref()
                    .ok_or(StoreError::Closed)?
                    .send(Msg::Probe(reply))
                    .map_err(|_| StoreError::Closed)
            });
        match sent {
            Ok(()) => answer.await.unwrap_or(WriteState::Stopped),
            Err(_) => WriteState::Stopped,
        }
    }

    /// For crash tests only: `hook` is called at each [`CrashPoint`] of the
    /// writer (and may end the process there). Nothing but test code sets
    /// it; there is no way to set it from outside the process.
    #[doc(hidden)]
    pub fn set_crash_hook(&self, hook: Option<CrashHook>) {
        match self.inner.shared.crash.write() {
            Ok(mut h) => *h = hook,
            Err(p) => *p.into_inner() = hook,
        }
    }
}
