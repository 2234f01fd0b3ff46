//! The one writer: a thread fed by a channel that runs each write in its own
//! savepoint and commits a group of them at once (group commit). Every write
//! is answered only after the commit that holds it returned.
//!
//! A write whose closure panics is rolled back alone and answered with
//! [`StoreError::Panicked`]; the writer goes on. A commit the disk refuses
//! (full, read-only, I/O error) is rolled back whole, answered with
//! [`StoreError::Fault`], and remembered as the store's [`WriteState`] until
//! a write succeeds again.

mod checkpoint;
mod state;

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{mpsc, Arc};

use rusqlite::Connection;

use super::error::{fault_of, Fault};
use super::trace::TraceHook;
use super::{StoreError, StoreOptions};

pub(super) use checkpoint::{Checkpointer, FALLBACK_PAGES};
pub(super) use state::Shared;
pub use state::{CrashHook, CrashPoint, WriteState};

/// Why a group of writes was not committed; every job of it gets this.
#[derive(Debug, Clone)]
pub(super) enum Failure {
    Fault(Fault),
    Other(String),
}

impl From<Failure> for StoreError {
    fn from(f: Failure) -> Self {
        match f {
            Failure::Fault(fault) => StoreError::Fault(fault),
            Failure::Other(msg) => StoreError::Commit(msg),
        }
    }
}

/// A unit of work for the writer thread.
pub(super) trait WriteJob: Send {
    /// Runs inside the open transaction; true if it succeeded. A panic of
    /// the work is caught here and makes it a failure.
    fn run(&mut self, conn: &Connection) -> bool;
    /// Called once the transaction is committed (or failed).
    fn finish(self: Box<Self>, commit: Result<(), Failure>);
}

/// A write whose closure fails with `E`: a store error, or the error of a
/// use case that gave up inside the transaction (nothing of it is written).
pub(super) struct Job<T, E, F> {
    pub work: Option<F>,
    pub result: Option<Result<T, E>>,
    pub reply: tokio::sync::oneshot::Sender<Result<T, E>>,
}

impl<T, E, F> WriteJob for Job<T, E, F>
where
    T: Send,
    E: From<StoreError> + Send,
    F: FnOnce(&Connection) -> Result<T, E> + Send,
{
    fn run(&mut self, conn: &Connection) -> bool {
        let result = match self.work.take() {
            // The work's changes are rolled back to its savepoint after a
            // panic, and nothing it captured is used again.
            Some(work) => match catch_unwind(AssertUnwindSafe(|| work(conn))) {
                Ok(result) => result,
                Err(panic) => Err(StoreError::Panicked(panic_message(panic.as_ref())).into()),
            },
            None => Err(StoreError::Closed.into()),
        };
        let ok = result.is_ok();
        self.result = Some(result);
        ok
    }

    fn finish(self: Box<Self>, commit: Result<(), Failure>) {
        let result = match (self.result, commit) {
            (Some(Err(e)), _) => Err(e),
            (_, Err(f)) => Err(StoreError::from(f).into()),
            (Some(r), Ok(())) => r,
            (None, Ok(())) => Err(StoreError::Closed.into()),
        };
        // The asker may have gone away (client disconnected); the write
        // itself is committed either way.
        let _ = self.reply.send(result);
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

pub(super) enum Msg {
    Job(Box<dyn WriteJob>),
    /// Write something small to learn whether the disk takes writes again.
    Probe(tokio::sync::oneshot::Sender<WriteState>),
    Shutdown,
}

/// What the writer thread owns.
pub(super) struct Writer {
    pub conn: Connection,
    pub path: PathBuf,
    pub opts: StoreOptions,
    pub trace: TraceHook,
    pub shared: Arc<Shared>,
    /// Checkpoints the log off this thread (none: SQLite's own, in the
    /// commits).
    pub checkpointer: Option<Checkpointer>,
}

pub(super) fn writer_loop(w: Writer, rx: mpsc::Receiver<Msg>) {
    let max_group = if w.opts.group_commit {
        w.opts.max_group.max(1)
    } else {
        1
    };
    let mut batch: Vec<Box<dyn WriteJob>> = Vec::with_capacity(max_group);
    let mut shutting_down = false;
    while !shutting_down {
        match rx.recv() {
            Ok(Msg::Job(job)) => batch.push(job),
            Ok(Msg::Probe(reply)) => {
                let _ = reply.send(w.probe());
                continue;
            }
            Ok(Msg::Shutdown) | Err(_) => break,
        }
        while batch.len() < max_group {
            match rx.try_recv() {
                Ok(Msg::Job(job)) => batch.push(job),
                Ok(Msg::Probe(reply)) => {
                    let _ = reply.send(w.shared.state());
                }
                Ok(Msg::Shutdown) => {
                    shutting_down = true;
                    break;
                }
                Err(_) => break,
            }
        }
        w.trace.apply(&w.conn);
        w.run_batch(&mut batch);
    }
    // Drain whatever was queued before the shutdown message.
    while let Ok(msg) = rx.try_recv() {
        match msg {
            Msg::Job(job) => batch.push(job),
            Msg::Probe(reply) => {
                let _ = reply.send(w.shared.state());
            }
            Msg::Shutdown => {}
        }
        if batch.len() >= max_group {
            w.run_batch(&mut batch);
        }
    }
    w.run_batch(&mut batch);
    // The checkpoint thread stops first: the last checkpoint is this one.
    let Writer {
        conn, checkpointer, ..
    } = w;
    drop(checkpointer);
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
}

impl Writer {
    /// Runs each job in its own savepoint inside one transaction, commits
    /// once, then answers every job. Whatever goes wrong, every job of the
    /// batch is answered and the transaction is either committed whole or
    /// rolled back whole.
    fn run_batch(&self, batch: &mut Vec<Box<dyn WriteJob>>) {
        if batch.is_empty() {
            return;
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| self.commit_batch(batch)));
        let commit = outcome.unwrap_or_else(|panic| {
            // Not the work of a job (those are caught in `run`): roll back
            // and tell everyone, rather than lose the thread.
            tracing::error!(panic = %panic_message(panic.as_ref()), "the writer panicked");
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            Err(Failure::Other("the writer failed".into()))
        });
        if commit.is_ok() {
            self.shared.crash_point(CrashPoint::AfterCommit);
            if let Some(c) = &self.checkpointer {
                c.committed();
            }
        }
        for job in batch.drain(..) {
            job.finish(commit.clone());
        }
    }

    fn commit_batch(&self, batch: &mut [Box<dyn WriteJob>]) -> Result<(), Failure> {
        if let Err(e) = self.conn.execute_batch("BEGIN IMMEDIATE") {
            return Err(self.failed(&e));
        }
        let changes_before = self.conn.total_changes();
        let mut lost = false;
        for job in batch.iter_mut() {
            let started = self.conn.execute_batch("SAVEPOINT job").is_ok();
            let ok = started && job.run(&self.conn);
            let _ = if ok {
                self.conn.execute_batch("RELEASE job")
            } else {
                self.conn.execute_batch("ROLLBACK TO job; RELEASE job")
            };
            // Some failures (I/O error, disk full) make SQLite roll back the
            // whole transaction. Then nothing of this group is written: stop
            // here rather than let later jobs run (and commit) outside it.
            if self.conn.is_autocommit() {
                lost = true;
                break;
            }
        }
        if lost {
            // The job's own error says what happened to it; a probe tells
            // the store's state (and the rest of the group).
            return Err(match self.probe() {
                WriteState::Full => Failure::Fault(Fault::Full),
                WriteState::ReadOnly => Failure::Fault(Fault::ReadOnly),
                WriteState::Unavailable => Failure::Fault(Fault::Unavailable),
                _ => Failure::Other("the transaction was rolled back by the database".into()),
            });
        }
        match self.conn.execute_batch("COMMIT") {
            Ok(()) => {
                if self.conn.total_changes() != changes_before {
                    self.shared.set_state(WriteState::Ok);
                }
                Ok(())
            }
            Err(e) => {
                let failure = self.failed(&e);
                if !self.conn.is_autocommit() {
                    let _ = self.conn.execute_batch("ROLLBACK");
                }
                Err(failure)
            }
        }
    }

    /// Notes what an error of the writer's own statements says about the
    /// disk, and turns it into the answer for the batch.
    fn failed(&self, e: &rusqlite::Error) -> Failure {
        match self.fault(e) {
            Some(fault) => {
                tracing::error!(error = %e, ?fault, "the store cannot write");
                self.shared.set_state(fault.into());
                Failure::Fault(fault)
            }
            None => Failure::Other(e.to_string()),
        }
    }

    /// The fault behind `e`. An I/O error is a read-only store when its
    /// write-ahead log cannot be opened for writing (a read-only file
    /// system, an immutable file). SQLite takes no locks on that file, so
    /// opening and closing it here cannot drop SQLite's own locks.
    fn fault(&self, e: &rusqlite::Error) -> Option<Fault> {
        let fault = fault_of(e)?;
        if fault != Fault::Unavailable {
            return Some(fault);
        }
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        let refused = std::fs::OpenOptions::new()
            .append(true)
            .open(wal)
            .is_err_and(|e| {
                matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                )
            });
        Some(if refused { Fault::ReadOnly } else { fault })
    }

    /// Writes the store's header (its `user_version`, unchanged) in a
    /// transaction of its own: the smallest write that still reaches the
    /// disk. Its outcome becomes the store's state.
    fn probe(&self) -> WriteState {
        let run = || -> rusqlite::Result<()> {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            let version: i64 = self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?;
            self.conn.pragma_update(None, "user_version", version)?;
            self.conn.execute_batch("COMMIT")
        };
        let state = match run() {
            Ok(()) => WriteState::Ok,
            Err(e) => {
                if !self.conn.is_autocommit() {
                    let _ = self.conn.execute_batch("ROLLBACK");
                }
                match self.fault(&e) {
                    Some(fault) => fault.into(),
                    None => {
                        tracing::warn!(error = %e, "the store's write probe failed");
                        return self.shared.state();
                    }
                }
            }
        };
        self.shared.set_state(state);
        state
    }
}

#[cfg(test)]
mod tests;
