//! Scheduled backups. While Crema runs (`crema serve` or the counter app),
//! a background task copies the store into the configured `backup_dir`
//! every `backup_interval_minutes` as `crema-<UTC time>.db`, drops a copy
//! that is the same as the newest one (nothing happened since), and deletes
//! the oldest beyond `backup_keep`. The copy is taken on a blocking thread
//! with SQLite's online backup (see [`crate::store::backup`]), so no request
//! waits for it; a failure is logged and tried again at the next interval.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Weak;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{App, Inner};
use crate::store::backup::{self, BackupError, DB_FILE};

/// The first scheduled backup waits at least this long after the start, so
/// it never competes with the first sales of the day.
const START_DELAY: Duration = Duration::from_secs(60);
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// The file name of a backup taken at `t`: `crema-20260314T093000.000Z.db`.
/// Names sort as their times do.
pub fn file_name(t: DateTime<Utc>) -> String {
    format!("crema-{}.db", t.format(STAMP))
}

fn time_of(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix("crema-")?.strip_suffix(".db")?;
    let t = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    // Only names this module writes: nothing else is ever deleted.
    (file_name(t) == name).then_some(t)
}

/// The scheduled backups in `dir`, oldest first. Other files are not
/// listed (and so never deleted).
pub fn list(dir: &Path) -> io::Result<Vec<(PathBuf, DateTime<Utc>)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(t) = entry.file_name().to_str().and_then(time_of) {
            if entry.file_type()?.is_file() {
                out.push((entry.path(), t));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// Deletes the oldest scheduled backups in `dir` beyond `keep`; returns
/// what it deleted.
pub fn prune(dir: &Path, keep: usize) -> io::Result<Vec<PathBuf>> {
    let all = list(dir)?;
    let excess = all.len().saturating_sub(keep);
    let mut deleted = Vec::with_capacity(excess);
    for (path, _) in all.into_iter().take(excess) {
        std::fs::remove_file(&path)?;
        deleted.push(path);
    }
    Ok(deleted)
}

/// What one scheduled run did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Written {
        path: PathBuf,
        orders: i64,
        deleted: Vec<PathBuf>,
    },
    /// The store had not changed since the newest backup.
    Unchanged,
}

/// Takes one scheduled backup of the store in `data_dir` into `dir`, then
/// applies the retention. Blocking.
pub fn take(
    data_dir: &Path,
    dir: &Path,
    keep: usize,
    now: DateTime<Utc>,
) -> Result<Outcome, BackupError> {
    create_private_dir(dir).map_err(backup::io("create", dir))?;
    let newest = list(dir)
        .map_err(backup::io("list", dir))?
        .pop()
        .map(|(p, _)| p);
    let path = dir.join(file_name(now));
    let verified = backup::backup(&data_dir.join(DB_FILE), &path)?;
    if let Some(newest) = newest.filter(|n| *n != path) {
        if same_content(&newest, &path).unwrap_or(false) {
            std::fs::remove_file(&path).map_err(backup::io("remove", &path))?;
            return Ok(Outcome::Unchanged);
        }
    }
    let deleted = prune(dir, keep.max(1)).map_err(backup::io("delete old backups in", dir))?;
    Ok(Outcome::Written {
        path,
        orders: verified.orders,
        deleted,
    })
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Whether two files hold the same bytes. A backup of an unchanged store
/// is byte for byte the backup before it.
fn same_content(a: &Path, b: &Path) -> io::Result<bool> {
    let (mut fa, mut fb) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    if fa.metadata()?.len() != fb.metadata()?.len() {
        return Ok(false);
    }
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = fa.read(&mut ba)?;
        if n == 0 {
            return Ok(true);
        }
        fb.read_exact(&mut bb[..n])?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

/// How long until the first backup: an interval after the newest backup,
/// but not before [`START_DELAY`].
fn first_delay(newest: Option<DateTime<Utc>>, now: DateTime<Utc>, every: Duration) -> Duration {
    let since = newest
        .and_then(|t| (now - t).to_std().ok())
        .unwrap_or(every);
    every.saturating_sub(since).max(START_DELAY.min(every))
}

/// Starts the scheduled backups of `app` (once; later calls do nothing).
/// Both `crema serve` and the counter app call it when they start serving.
/// Must be called inside a Tokio runtime.
pub fn start(app: &App) {
    let config = app.config();
    if config.backup_interval_minutes == 0 {
        tracing::info!("scheduled backups are off (backup_interval_minutes = 0)");
        return;
    }
    let every = Duration::from_secs(u64::from(config.backup_interval_minutes) * 60);
    let dir = config.backup_dir(app.data_dir());
    let newest = list(&dir).ok().and_then(|mut l| l.pop()).map(|(_, t)| t);
    let first = first_delay(newest, app.now(), every);
    start_with(app, dir, every, first);
}

/// [`start`] with the times given (tests use short ones).
pub fn start_with(app: &App, dir: PathBuf, every: Duration, first: Duration) {
    let keep = app.config().backup_keep as usize;
    let weak = std::sync::Arc::downgrade(&app.inner);
    let started = app.inner.backups.start(|| {
        tracing::info!(dir = %dir.display(), every_minutes = every.as_secs() / 60, keep, "scheduled backups on");
        run(weak, dir, keep, every, first)
    });
    if !started && tokio::runtime::Handle::try_current().is_err() {
        tracing::warn!("scheduled backups not started: no async runtime");
    }
}

async fn run(app: Weak<Inner>, dir: PathBuf, keep: usize, every: Duration, first: Duration) {
    tokio::time::sleep(first).await;
    loop {
        let Some(inner) = app.upgrade() else { return };
        let app = App { inner };
        let (data_dir, now, d) = (app.data_dir().to_path_buf(), app.now(), dir.clone());
        drop(app);
        match tokio::task::spawn_blocking(move || take(&data_dir, &d, keep, now)).await {
            Ok(Ok(Outcome::Written {
                path,
                orders,
                deleted,
            })) => {
                tracing::info!(path = %path.display(), orders, deleted = deleted.len(), "backup written")
            }
            Ok(Ok(Outcome::Unchanged)) => tracing::debug!("no backup: nothing changed"),
            Ok(Err(e)) => tracing::error!(error = %e.report(), "scheduled backup failed"),
            Err(e) => tracing::error!(error = %e, "scheduled backup failed"),
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
#[path = "backups/tests.rs"]
mod tests;
