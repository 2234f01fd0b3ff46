//! Copies of the store and their checks.
//!
//! A backup is taken with SQLite's online backup API in a single step: one
//! read transaction, so the copy is the store as of one commit, while the
//! server's writer goes on committing (in WAL mode a reader never blocks the
//! writer). The copy goes to a temp file (mode 0600) beside the target, is
//! made one self-contained file (rollback journal, no `-wal`), must pass
//! `PRAGMA integrity_check` and be a Crema store, and is then synced and
//! renamed into place. [`super::restore`] puts such a copy back.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::files;

/// The store's file in the data directory.
pub const DB_FILE: &str = "crema.db";
/// How long a backup waits for SQLite's locks before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Why a backup, a check or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is no store at {}", .0.display())]
    NoStore(PathBuf),
    #[error("{} is not a Crema store: {reason}", path.display())]
    NotCrema { path: PathBuf, reason: String },
    #[error("{} is damaged: {detail}", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{} was written by a newer Crema (schema version {found}, this one knows up to \
         {known}); restore it with that version or a newer one", path.display()
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "Crema is running on {} (the server, the counter app or another command); stop it, \
         then restore", .0.display()
    )]
    InUse(PathBuf),
    #[error("a restore into {} is under way; try again when it has finished", .0.display())]
    Restoring(PathBuf),
    #[error("the store {} stayed busy for {}s; try again", .0.display(), BUSY_WAIT.as_secs())]
    Busy(PathBuf),
    #[error("cannot make {} one self-contained file (its journal mode stayed {mode})", path.display())]
    JournalMode { path: PathBuf, mode: String },
    #[error("cannot {what} {}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot {what} {}", path.display())]
    Sqlite {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl BackupError {
    /// The message with every cause, for a person to act on.
    pub fn report(&self) -> String {
        crate::with_causes(self)
    }
}

pub(crate) fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Io { what, path, source }
}

/// A failed SQLite call on `path`; one that found the file corrupt says so
/// (a damaged store is refused by name, whichever page the damage is on).
fn sql(what: &'static str, path: &Path) -> impl FnOnce(rusqlite::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => BackupError::Damaged {
            path,
            detail: source.to_string(),
        },
        _ => BackupError::Sqlite { what, path, source },
    }
}

/// What a checked copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The newest migration applied to it.
    pub schema_version: i64,
    pub orders: i64,
}

/// How thoroughly to check a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// `PRAGMA quick_check`: every page and record, not the indexes'
    /// agreement with their tables. Used at every start.
    Quick,
    /// `PRAGMA integrity_check`: everything. Used on backups and restores.
    Full,
}

/// What a check found wrong.
#[derive(Debug)]
pub enum Problem {
    /// The file is not an SQLite database at all.
    NotADatabase,
    /// SQLite found damage; its first complaints.
    Damaged(String),
    /// The check itself could not run (locks, I/O).
    Sqlite(rusqlite::Error),
}

/// Runs `PRAGMA quick_check` or `integrity_check` on `conn`.
pub fn check(conn: &Connection, how: Check) -> Result<(), Problem> {
    let pragma = match how {
        Check::Quick => "PRAGMA quick_check(20)",
        Check::Full => "PRAGMA integrity_check(20)",
    };
    let rows = conn.prepare(pragma).and_then(|mut s| {
        s.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()
    });
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(Problem::Damaged(rows.join("; "))),
        Err(e) => match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Err(Problem::NotADatabase),
            Some(ErrorCode::DatabaseCorrupt) => Err(Problem::Damaged(e.to_string())),
            _ => Err(Problem::Sqlite(e)),
        },
    }
}

/// The check when the store opens: `quick_check`, not `integrity_check`.
/// On a store of 10 000 orders (13 MB) it added about 50 ms to a start
/// from a warm file cache and 270 ms from a cold one (integrity_check:
/// 110 and 330 ms); it finds damaged pages, which is what disks and
/// crashes do, though not an index that disagrees with its table.
pub(crate) fn check_at_open(conn: &Connection) -> super::StoreResult<()> {
    match check(conn, Check::Quick) {
        Ok(()) => Ok(()),
        Err(Problem::Damaged(detail)) => Err(super::StoreError::Damaged(detail)),
        Err(Problem::NotADatabase) => Err(super::StoreError::Damaged(
            "it is not an SQLite database".into(),
        )),
        Err(Problem::Sqlite(e)) => Err(e.into()),
    }
}

/// Creates the database file 0600 before SQLite does (SQLite would use
/// 0644 less the umask; the `-wal` and `-shm` it makes take the database
/// file's mode), and takes group and other access away from the files of
/// a store made before.
pub(crate) fn private_db_files(path: &Path) -> std::io::Result<()> {
    match files::create_private(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    for suffix in ["", "-wal", "-shm", "-journal"] {
        files::restrict(&sidecar(path, suffix))?;
    }
    Ok(())
}

/// The newest schema version this build's migrations create.
pub fn known_schema_version() -> i64 {
    super::embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| i64::from(m.version()))
        .max()
        .unwrap_or(0)
}

/// Checks that `conn` (the file at `path`) is an undamaged Crema store
/// that this build can open.
pub fn verify_conn(conn: &Connection, path: &Path) -> Result<Verified, BackupError> {
    match check(conn, Check::Full) {
        Ok(()) => {}
        Err(Problem::NotADatabase) => {
            return Err(BackupError::NotCrema {
                path: path.into(),
                reason: "it is not an SQLite database".into(),
            })
        }
        Err(Problem::Damaged(detail)) => {
            return Err(BackupError::Damaged {
                path: path.into(),
                detail,
            })
        }
        Err(Problem::Sqlite(e)) => return Err(sql("check", path)(e)),
    }
    let not_crema = |reason: &str| BackupError::NotCrema {
        path: path.into(),
        reason: reason.into(),
    };
    let has_history: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master
             WHERE type = 'table' AND name = 'refinery_schema_history'",
            [],
            |r| r.get(0),
        )
        .map_err(sql("read", path))?;
    if !has_history {
        return Err(not_crema("it has no schema history"));
    }
    let found: Option<i64> = conn
        .query_row(
            "SELECT max(version) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )
        .map_err(|_| not_crema("its schema history is unreadable"))?;
    let found = found.ok_or_else(|| not_crema("its schema history is empty"))?;
    let known = known_schema_version();
    if found > known {
        return Err(BackupError::Newer {
            path: path.into(),
            found,
            known,
        });
    }
    let orders = conn
        .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
        .map_err(|_| not_crema("it has no orders table"))?;
    Ok(Verified {
        schema_version: found,
        orders,
    })
}

/// Checks the file at `path` without changing it: see [`verify_conn`].
pub fn verify(path: &Path) -> Result<Verified, BackupError> {
    if !path.is_file() {
        return Err(BackupError::NoStore(path.into()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql("open", path))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(sql("open", path))?;
    verify_conn(&conn, path)
}

/// Opens an existing store to copy from; never writes to it.
fn open_source(db: &Path) -> Result<Connection, BackupError> {
    if !db.is_file() {
        return Err(BackupError::NoStore(db.into()));
    }
    // Read-write without create: a read-only connection could not recover a
    // WAL left by a crash. `query_only` keeps it from writing anything.
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql("open", db))?;
    conn.busy_timeout(Duration::from_secs(5))
        .and_then(|_| conn.pragma_update(None, "query_only", "ON"))
        .map_err(sql("open", db))?;
    Ok(conn)
}

/// Copies the store `db` to `dest` (replaced if it exists): consistent
/// while a server writes to `db`, checked, synced, mode 0600.
pub fn backup(db: &Path, dest: &Path) -> Result<Verified, BackupError> {
    let src = open_source(db)?;
    copy_checked(&src, db, dest)
}

/// Copies the database open on `src` to `dest` through a temp file beside
/// it; see the module's documentation.
pub(crate) fn copy_checked(
    src: &Connection,
    src_path: &Path,
    dest: &Path,
) -> Result<Verified, BackupError> {
    let tmp = files::temp_beside(dest);
    let copied = copy_to(src, src_path, &tmp).and_then(|verified| {
        files::commit_rename(&tmp, dest).map_err(io("move the backup into place at", dest))?;
        Ok(verified)
    });
    if copied.is_err() {
        remove_with_sidecars(&tmp);
    }
    // The copy is page for page: what is wrong with it is wrong with the source.
    copied.map_err(|e| match e {
        BackupError::Damaged { path, detail } if path == tmp => BackupError::Damaged {
            path: src_path.into(),
            detail,
        },
        BackupError::NotCrema { path, reason } if path == tmp => BackupError::NotCrema {
            path: src_path.into(),
            reason,
        },
        BackupError::Newer { path, found, known } if path == tmp => BackupError::Newer {
            path: src_path.into(),
            found,
            known,
        },
        other => other,
    })
}

/// Removes a database file and whatever SQLite kept beside it.
pub(crate) fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(sidecar(path, suffix));
    }
}

/// `path` with `suffix` added to its name (`crema.db` → `crema.db-wal`).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn copy_to(src: &Connection, src_path: &Path, tmp: &Path) -> Result<Verified, BackupError> {
    drop(files::create_private(tmp).map_err(io("create", tmp))?);
    {
        let mut dst = Connection::open_with_flags(
            tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql("open", tmp))?;
        let backup = Backup::new(src, &mut dst).map_err(sql("start a backup into", tmp))?;
        let deadline = Instant::now() + BUSY_WAIT;
        loop {
            // All pages in one step: one read transaction, one snapshot.
            match backup.step(-1).map_err(sql("copy", src_path))? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if Instant::now() > deadline => {
                    return Err(BackupError::Busy(src_path.into()));
                }
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
    // The pages came with the source's WAL flag: make the copy one
    // self-contained file before anyone copies it elsewhere.
    let dst = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql("open", tmp))?;
    let mode: String = dst
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
        .map_err(sql("finish", tmp))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(BackupError::JournalMode {
            path: tmp.into(),
            mode,
        });
    }
    let verified = verify_conn(&dst, tmp)?;
    dst.close().map_err(|(_, e)| sql("close", tmp)(e))?;
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(io("sync", tmp))?;
    Ok(verified)
}

#[cfg(test)]
#[path = "backup/tests.rs"]
mod tests;
