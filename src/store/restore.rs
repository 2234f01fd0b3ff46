//! Putting a backup back in place, and the lock that keeps a restore away
//! from a running Crema.
//!
//! Every process that opens a data directory's store (the server, the
//! counter app, the command line, `crema backup`) holds a shared advisory
//! lock on `crema.lock` for as long as it runs; `crema restore` takes it
//! exclusively, so it refuses while any of them runs and they refuse to
//! start while it works. The operating system drops the lock when a
//! process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::backup::{
    copy_checked, io, remove_with_sidecars, sidecar, verify, BackupError, Verified, DB_FILE,
};
use crate::files;

/// The lock file in the data directory.
pub const LOCK_FILE: &str = "crema.lock";

/// A held lock on a data directory; released when dropped.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

fn lock_file(data_dir: &Path) -> Result<File, BackupError> {
    let path = data_dir.join(LOCK_FILE);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(&path).map_err(io("open the lock file", &path))
}

impl DirLock {
    /// The lock of a process that uses the store: fails only while a
    /// restore works on `data_dir`.
    pub fn shared(data_dir: &Path) -> Result<DirLock, BackupError> {
        let file = lock_file(data_dir)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(DirLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(BackupError::Restoring(data_dir.into())),
            Err(TryLockError::Error(e)) => Err(io("lock", &data_dir.join(LOCK_FILE))(e)),
        }
    }

    /// The lock of a restore: fails while anything else uses `data_dir`.
    pub fn exclusive(data_dir: &Path) -> Result<DirLock, BackupError> {
        let file = lock_file(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(DirLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(BackupError::InUse(data_dir.into())),
            Err(TryLockError::Error(e)) => Err(io("lock", &data_dir.join(LOCK_FILE))(e)),
        }
    }
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// What the restored store holds.
    pub verified: Verified,
    /// The store now in place.
    pub db: PathBuf,
    /// Where the store that was there before is kept.
    pub kept: Option<PathBuf>,
}

/// Makes the backup `from` the store of `data_dir` (created if missing).
///
/// `from` is checked first (undamaged, a Crema store, not newer than this
/// build) and refused while anything uses `data_dir`. The store there
/// before is kept beside it as `crema.db.before-restore-<time>` with its
/// `-wal`; the restored copy is written 0600, checked, synced and renamed
/// into place with no `-wal` or `-shm` of the old store left beside it.
pub fn restore(data_dir: &Path, from: &Path, now: DateTime<Utc>) -> Result<Restored, BackupError> {
    verify(from)?;
    std::fs::create_dir_all(data_dir).map_err(io("create", data_dir))?;
    let _lock = DirLock::exclusive(data_dir)?;
    let db = data_dir.join(DB_FILE);
    let staged = data_dir.join(".crema.db.restoring");
    remove_with_sidecars(&staged);
    let verified = {
        let src = Connection::open_with_flags(
            from,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| BackupError::Sqlite {
            what: "open",
            path: from.into(),
            source,
        })?;
        let _ = src.busy_timeout(Duration::from_secs(5));
        copy_checked(&src, from, &staged)?
    };
    let kept = match set_aside(data_dir, &db, now) {
        Ok(kept) => kept,
        Err(e) => {
            remove_with_sidecars(&staged);
            return Err(e);
        }
    };
    files::commit_rename(&staged, &db).map_err(io("move the restored store to", &db))?;
    Ok(Restored { verified, db, kept })
}

/// Moves the current store (and its `-wal` and `-journal`) to
/// `crema.db.before-restore-<time>`, and removes its `-shm`, which SQLite
/// rebuilds from the WAL. A WAL left without its database is moved too:
/// SQLite would otherwise apply it to the restored file.
fn set_aside(
    data_dir: &Path,
    db: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>, BackupError> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut aside = data_dir.join(format!("{DB_FILE}.before-restore-{stamp}"));
    let mut n = 1;
    while aside.exists() || sidecar(&aside, "-wal").exists() {
        n += 1;
        aside = data_dir.join(format!("{DB_FILE}.before-restore-{stamp}-{n}"));
    }
    let had_db = db.exists();
    for suffix in ["-wal", "-journal", ""] {
        let from = sidecar(db, suffix);
        if from.exists() {
            let to = sidecar(&aside, suffix);
            std::fs::rename(&from, &to).map_err(io("move the current store aside:", &from))?;
        }
    }
    let shm = sidecar(db, "-shm");
    match std::fs::remove_file(&shm) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io("remove", &shm)(e)),
    }
    files::sync_dir(data_dir).map_err(io("sync", data_dir))?;
    Ok(had_db.then_some(aside))
}
