//! SQLite storage: one writer thread fed by a channel (with group commit),
//! a small pool of read-only connections, refinery migrations, row mapping.
//! Nothing above this module writes SQL.

pub mod audit;
pub mod backup;
pub mod coupons;
pub mod customers;
pub mod devices;
mod error;
pub mod feedback;
pub mod images;
pub mod kitchen;
pub mod loyalty;
pub mod menu;
pub mod menu_rollout;
pub mod modifier_library;
pub mod money;
pub mod notifications;
pub mod orders;
pub mod outbox;
pub mod printing;
pub mod reports;
pub mod restore;
mod row;
pub mod settings;
pub mod shifts;
pub mod tables;
mod trace;
pub mod users;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags};
use uuid::Uuid;

pub use error::{Conflict, Fault, StoreError, StoreResult};
pub use trace::{SqlTrace, TraceEvent};
pub use writer::WriteState;
#[doc(hidden)]
pub use writer::{CrashHook, CrashPoint};

use trace::TraceHook;
use writer::{writer_loop, Job, Msg, Shared, Writer};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Options for opening a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Commit whatever writes are queued in one transaction (each still
    /// answered only after that commit returned).
    pub group_commit: bool,
    /// Most writes in one group.
    pub max_group: usize,
    /// Read-only connections kept open.
    pub readers: usize,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            group_commit: true,
            max_group: 128,
            readers: 4,
        }
    }
}

struct Inner {
    path: PathBuf,
    sender: Mutex<Option<mpsc::Sender<Msg>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
    readers: Mutex<Vec<Connection>>,
    max_readers: usize,
    trace: TraceHook,
    shared: Arc<Shared>,
}

/// Cheap to clone handle on the SQLite store.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

fn apply_pragmas(conn: &Connection, writer: bool) -> StoreResult<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if writer {
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "could not switch the database to WAL mode (got {mode})"
            )));
        }
        // Every commit reaches the disk before anyone is told it happened.
        conn.pragma_update(None, "synchronous", "FULL")?;
    } else {
        conn.pragma_update(None, "query_only", "ON")?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the store at `path`, checks it (`PRAGMA
    /// quick_check`: a damaged store is refused with [`StoreError::Damaged`]),
    /// runs migrations and starts the writer thread. The file and the `-wal`
    /// and `-shm` SQLite keeps beside it are readable by their owner only.
    pub fn open(path: &Path, options: StoreOptions) -> StoreResult<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        backup::private_db_files(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        backup::check_at_open(&conn)?;
        apply_pragmas(&conn, true)?;
        embedded::migrations::runner().run(&mut conn)?;

        // Checkpoints run on a thread of their own; the writer's automatic
        // one only if that thread falls far behind (or could not start).
        let checkpointer = match writer::Checkpointer::start(path) {
            Ok(c) => {
                conn.pragma_update(None, "wal_autocheckpoint", writer::FALLBACK_PAGES)?;
                Some(c)
            }
            Err(e) => {
                tracing::warn!(error = %e, "checkpoints stay in the writer's commits");
                None
            }
        };
        let (tx, rx) = mpsc::channel::<Msg>();
        let trace = TraceHook::default();
        let shared = Arc::new(Shared::default());
        let w = Writer {
            conn,
            path: path.to_path_buf(),
            opts: options.clone(),
            trace: trace.clone(),
            shared: shared.clone(),
            checkpointer,
        };
        let writer = std::thread::Builder::new()
            .name("crema-writer".into())
            .spawn(move || writer_loop(w, rx))?;

        Ok(Store {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                sender: Mutex::new(Some(tx)),
                writer: Mutex::new(Some(writer)),
                readers: Mutex::new(Vec::new()),
                max_readers: options.readers.max(1),
                trace,
                shared,
            }),
        })
    }

    /// A debugging aid: calls `hook` as each SQL statement starts, on every
    /// connection of this store (the writer's from its next group of writes,
    /// a reader's from its next read); `None` removes it. Tests count the
    /// statements a request runs with it.
    pub fn set_trace(&self, hook: Option<SqlTrace>) {
        self.inner.trace.set(hook);
    }

    /// Runs `work` on the writer thread inside a transaction. The returned
    /// future resolves only after the transaction holding this work has
    /// been committed to disk. If `work` fails, its changes are rolled back
    /// and nothing of it is written; its error comes back unchanged, so a
    /// use case may give up inside a write with its own error type.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Connection) -> Result<T, E> + Send + 'static,
    {
        let (reply, rx) = tokio::sync::oneshot::channel();
        let job = Box::new(Job {
            work: Some(work),
            result: None,
            reply,
        });
        {
            let guard = self.inner.sender.lock().map_err(|_| StoreError::Closed)?;
            let sender = guard.as_ref().ok_or(StoreError::Closed)?;
            sender.send(Msg::Job(job)).map_err(|_| StoreError::Closed)?;
        }
        rx.await.map_err(|_| StoreError::Closed)?
    }

    /// Runs `work` on a pooled read-only connection on a blocking thread.
    pub async fn read<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Connection) -> Result<T, E> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.read_blocking(work))
            .await
            .map_err(|e| StoreError::Corrupt(format!("reader task failed: {e}")))?
    }

    /// Synchronous read, for callers already on a blocking thread.
    pub fn read_blocking<T, E, F>(&self, work: F) -> Result<T, E>
    where
        E: From<StoreError>,
        F: FnOnce(&Connection) -> Result<T, E>,
    {
        let conn = self.take_reader()?;
        self.inner.trace.apply(&conn);
        let result = work(&conn);
        if let Ok(mut pool) = self.inner.readers.lock() {
            if pool.len() < self.inner.max_readers {
                pool.push(conn);
            }
        }
        result
    }

    fn take_reader(&self) -> StoreResult<Connection> {
        if let Some(conn) = self.inner.readers.lock().ok().and_then(|mut p| p.pop()) {
            return Ok(conn);
        }
        let conn = Connection::open_with_flags(
            &self.inner.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_pragmas(&conn, false)?;
        Ok(conn)
    }

    /// Stops accepting writes, lets the writer finish what is queued, and
    /// waits for it. Idempotent.
    pub fn close(&self) {
        if let Ok(mut s) = self.inner.sender.lock() {
            if let Some(sender) = s.take() {
                let _ = sender.send(Msg::Shutdown);
            }
        }
        if let Some(handle) = self.inner.writer.lock().ok().and_then(|mut w| w.take()) {
            let _ = handle.join();
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Ok(mut s) = self.sender.lock() {
            if let Some(sender) = s.take() {
                let _ = sender.send(Msg::Shutdown);
            }
        }
        if let Some(handle) = self.writer.lock().ok().and_then(|mut w| w.take()) {
            let _ = handle.join();
        }
    }
}

// ---- row helpers shared by the store modules ------------------------------

pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_ts(s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("bad timestamp {s:?}: {e}")))
}

pub(crate) fn parse_uuid(s: &str) -> StoreResult<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("bad id {s:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_failed_write_leaves_nothing_and_others_in_the_group_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), StoreOptions::default()).unwrap();
        let a = store.write(|c| -> StoreResult<()> {
            c.execute("INSERT INTO settings(key,value) VALUES ('a','1')", [])?;
            Ok(())
        });
        let b = store.write(|c| {
            c.execute("INSERT INTO settings(key,value) VALUES ('b','1')", [])?;
            Err::<(), _>(StoreError::Conflict(Conflict::CouponCode))
        });
        let (a, b) = tokio::join!(a, b);
        assert!(a.is_ok());
        assert!(b.is_err());
        let keys: Vec<String> = store
            .read(|c| -> StoreResult<Vec<String>> {
                let mut s = c.prepare("SELECT key FROM settings WHERE key IN ('a','b')")?;
                let rows = s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
                Ok(rows)
            })
            .await
            .unwrap();
        assert_eq!(keys, vec!["a".to_string()]);
        let mode: String = store
            .read(|c| -> StoreResult<String> {
                Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
            })
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        store.close();
        assert!(matches!(
            store.write(|_| Ok::<_, StoreError>(())).await,
            Err(StoreError::Closed)
        ));
    }

    /// V6 turns the one shop-wide rate into the class `standard`, gives every
    /// item that class and records the tax of the orders of before by rate.
    #[test]
    fn the_tax_classes_migration_keeps_the_data_of_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("old.db")).unwrap();
        embedded::migrations::runner()
            .set_target(refinery::Target::Version(5))
            .run(&mut conn)
            .unwrap();
        conn.execute_batch(
            "UPDATE settings SET value = '1900' WHERE key = 'tax_rate_bps';
             INSERT INTO categories (id, name, sort_order) VALUES ('c1', 'Cakes', 0);
             INSERT INTO items (id, category_id, name, price) VALUES ('i1', 'c1', 'Cake', 420);
             INSERT INTO orders (id, business_date, number, status, type, channel, currency,
                 subtotal, discount, tax, total, created_at, updated_at)
             VALUES ('o1', '2026-01-01', 1, 'completed', 'takeaway', 'counter', 'EUR',
                 1190, 0, 190, 1190, '2026-01-01T10:00:00.000000Z', '2026-01-01T10:00:00.000000Z');",
        )
        .unwrap();
        embedded::migrations::runner().run(&mut conn).unwrap();
        let classes: String = conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'tax_classes'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let classes: serde_json::Value = serde_json::from_str(&classes).unwrap();
        assert_eq!(
            classes,
            serde_json::json!([{"id": "standard", "name": "Standard", "eat_in_bps": 1900, "takeaway_bps": 1900}])
        );
        let class: String = conn
            .query_row("SELECT tax_class FROM items WHERE id = 'i1'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(class, "standard");
        let (rate, net, tax): (i64, i64, i64) = conn
            .query_row(
                "SELECT rate_bps, net, tax FROM order_taxes WHERE order_id = 'o1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((rate, net, tax), (1900, 1000, 190));
    }
}
