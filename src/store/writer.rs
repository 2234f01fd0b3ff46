//! The one writer: a thread fed by a channel that runs each write in its own
//! savepoint and commits a group of them at once (group commit). Every write
//! is answered only after the commit that holds it returned.

use std::sync::mpsc;

use rusqlite::Connection;

use super::trace::TraceHook;
use super::{StoreError, StoreOptions};

/// A unit of work for the writer thread.
pub(super) trait WriteJob: Send {
    /// Runs inside the open transaction; true if it succeeded.
    fn run(&mut self, conn: &Connection) -> bool;
    /// Called once the transaction is committed (or failed).
    fn finish(self: Box<Self>, commit: Result<(), String>);
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
            Some(work) => work(conn),
            None => Err(StoreError::Closed.into()),
        };
        let ok = result.is_ok();
        self.result = Some(result);
        ok
    }

    fn finish(self: Box<Self>, commit: Result<(), String>) {
        let result = match (self.result, commit) {
            (Some(Err(e)), _) => Err(e),
            (_, Err(e)) => Err(StoreError::Commit(e).into()),
            (Some(r), Ok(())) => r,
            (None, Ok(())) => Err(StoreError::Closed.into()),
        };
        // The asker may have gone away (client disconnected); the write
        // itself is committed either way.
        let _ = self.reply.send(result);
    }
}

pub(super) enum Msg {
    Job(Box<dyn WriteJob>),
    Shutdown,
}

pub(super) fn writer_loop(
    conn: Connection,
    rx: mpsc::Receiver<Msg>,
    opts: StoreOptions,
    trace: TraceHook,
) {
    let max_group = if opts.group_commit {
        opts.max_group.max(1)
    } else {
        1
    };
    let mut batch: Vec<Box<dyn WriteJob>> = Vec::with_capacity(max_group);
    let mut shutting_down = false;
    while !shutting_down {
        match rx.recv() {
            Ok(Msg::Job(job)) => batch.push(job),
            Ok(Msg::Shutdown) | Err(_) => break,
        }
        while batch.len() < max_group {
            match rx.try_recv() {
                Ok(Msg::Job(job)) => batch.push(job),
                Ok(Msg::Shutdown) => {
                    shutting_down = true;
                    break;
                }
                Err(_) => break,
            }
        }
        trace.apply(&conn);
        run_batch(&conn, &mut batch);
    }
    // Drain whatever was queued before the shutdown message.
    while let Ok(Msg::Job(job)) = rx.try_recv() {
        batch.push(job);
        if batch.len() >= max_group {
            run_batch(&conn, &mut batch);
        }
    }
    run_batch(&conn, &mut batch);
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
}

/// Runs each job in its own savepoint inside one transaction, commits once,
/// then answers every job.
fn run_batch(conn: &Connection, batch: &mut Vec<Box<dyn WriteJob>>) {
    if batch.is_empty() {
        return;
    }
    if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
        let msg = e.to_string();
        for job in batch.drain(..) {
            job.finish(Err(msg.clone()));
        }
        return;
    }
    let mut lost: Option<String> = None;
    for job in batch.iter_mut() {
        let started = conn.execute_batch("SAVEPOINT job").is_ok();
        let ok = started && job.run(conn);
        let _ = if ok {
            conn.execute_batch("RELEASE job")
        } else {
            conn.execute_batch("ROLLBACK TO job; RELEASE job")
        };
        // Some failures (I/O error, disk full) make SQLite roll back the whole
        // transaction. Then nothing of this group is written: stop here rather
        // than let later jobs run (and commit) outside the transaction.
        if conn.is_autocommit() {
            lost = Some("the transaction was rolled back by the database".into());
            break;
        }
    }
    let commit = match lost {
        Some(e) => Err(e),
        None => conn.execute_batch("COMMIT").map_err(|e| e.to_string()),
    };
    if commit.is_err() && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    for job in batch.drain(..) {
        job.finish(commit.clone());
    }
}
