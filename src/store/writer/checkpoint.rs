//! Checkpoints off the writer's path. SQLite checkpoints a WAL database
//! inside the commit that takes the log past `wal_autocheckpoint` pages: that
//! commit also flushes the log and the database file (two more flushes), and
//! every write queued behind it waits. On a disk whose flush takes 10 ms
//! that was the tail of `make bench`'s slow-disk rush (p99 53 ms where a
//! commit takes 13). Here a thread of its own, with its own connection, runs
//! `PRAGMA wal_checkpoint(PASSIVE)` — which never blocks the writer — after
//! the writer committed, at most once a [`PERIOD`], once the log file has
//! reached the size SQLite's own checkpoint lets it reach (1000 pages; the
//! log is reused from its start after a checkpoint, so below that size it
//! is left alone, as SQLite would). The writer's own automatic checkpoint
//! stays, at [`FALLBACK_PAGES`], in case this one cannot keep up.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use crate::store::StoreResult;

/// The log's size, in pages, from which it is checkpointed (SQLite's
/// `wal_autocheckpoint` default).
const FROM_PAGES: u64 = 1000;
/// At most one checkpoint this often while writes come.
pub(in crate::store) const PERIOD: Duration = Duration::from_millis(500);
/// The writer's own automatic checkpoint, for when this thread falls behind
/// (SQLite's default is 1000 pages).
pub(in crate::store) const FALLBACK_PAGES: u32 = 10_000;

pub(in crate::store) struct Checkpointer {
    nudge: Option<mpsc::SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Opens its connection to the store at `path` and starts the thread.
    pub(in crate::store) fn start(path: &Path) -> StoreResult<Checkpointer> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // A checkpoint flushes the log before it copies it, and the
        // database file after.
        conn.pragma_update(None, "synchronous", "FULL")?;
        let page_size: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let log = Log {
            path: PathBuf::from(wal),
            from_bytes: FROM_PAGES * page_size,
        };
        let (nudge, nudged) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("crema-checkpoint".into())
            .spawn(move || run(conn, log, nudged))?;
        Ok(Checkpointer {
            nudge: Some(nudge),
            thread: Some(thread),
        })
    }

    /// The writer committed: a checkpoint is due within [`PERIOD`].
    pub(in crate::store) fn committed(&self) {
        if let Some(n) = &self.nudge {
            let _ = n.try_send(());
        }
    }
}

impl Drop for Checkpointer {
    /// Stops the thread (after the checkpoint it may be running).
    fn drop(&mut self) {
        self.nudge.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The write-ahead log's file and the size from which it is checkpointed.
struct Log {
    path: PathBuf,
    from_bytes: u64,
}

impl Log {
    fn due(&self) -> bool {
        std::fs::metadata(&self.path).is_ok_and(|m| m.len() >= self.from_bytes)
    }
}

fn run(conn: Connection, log: Log, nudged: mpsc::Receiver<()>) {
    let mut last: Option<Instant> = None;
    let mut warned = false;
    while nudged.recv().is_ok() {
        // Let writes gather for the rest of the period; stop when the
        // writer is gone (it checkpoints itself on the way out).
        if let Some(deadline) = last.map(|l| l + PERIOD) {
            while let Some(wait) = deadline.checked_duration_since(Instant::now()) {
                match nudged.recv_timeout(wait) {
                    Ok(()) => continue,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        }
        if !log.due() {
            continue;
        }
        last = Some(Instant::now());
        let done = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(0));
        match done {
            Ok(_) => warned = false,
            // Disk full or an I/O error: the writer's own state says so
            // when it matters; here the log just grows until it works.
            Err(e) if !warned => {
                warned = true;
                tracing::warn!(error = %e, "a checkpoint of the store failed");
            }
            Err(_) => {}
        }
    }
}
