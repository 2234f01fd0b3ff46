use std::io::{Seek, SeekFrom, Write};

use chrono::TimeZone;

use super::*;
use crate::store::restore::{restore, DirLock};
use crate::store::{Store, StoreError, StoreOptions, StoreResult};

fn open(dir: &Path) -> Store {
    Store::open(&dir.join(DB_FILE), StoreOptions::default()).unwrap()
}

/// `n` settings rows of 300 bytes: enough pages to damage some in the middle.
async fn fill(store: &Store, prefix: &str, n: usize) {
    let prefix = prefix.to_string();
    store
        .write(move |c| -> StoreResult<()> {
            for i in 0..n {
                c.execute(
                    "INSERT INTO settings(key, value) VALUES (?1, ?2)",
                    (format!("{prefix}-{i:05}"), "x".repeat(300)),
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

fn count(path: &Path, prefix: &str) -> i64 {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.query_row(
        "SELECT count(*) FROM settings WHERE key LIKE ?1 || '-%'",
        [prefix],
        |r| r.get(0),
    )
    .unwrap()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Overwrites four pages in the middle of the file with garbage.
pub(crate) fn damage(db: &Path) {
    let len = std::fs::metadata(db).unwrap().len();
    assert!(len > 16 * 4096, "too small to damage in the middle: {len}");
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start((len / 2) & !4095)).unwrap();
    f.write_all(&[0x5a; 4 * 4096]).unwrap();
    f.sync_all().unwrap();
}

#[tokio::test]
async fn a_backup_is_one_checked_private_file_with_the_stores_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fill(&store, "a", 50).await;
    let dest = dir.path().join("copy.db");
    std::fs::write(&dest, "an older file is replaced").unwrap();
    let v = backup(&dir.path().join(DB_FILE), &dest).unwrap();
    assert_eq!(v.schema_version, known_schema_version());
    assert!(v.schema_version >= 6);
    assert_eq!(v.orders, 0);
    assert_eq!(count(&dest, "a"), 50);
    // A rollback-journal file (header bytes 18 and 19 are 1, not WAL's 2),
    // nothing beside it, readable by its owner only.
    let header = std::fs::read(&dest).unwrap();
    assert_eq!((header[18], header[19]), (1, 1));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("copy") || n.starts_with(".copy"))
        .collect();
    assert_eq!(names, vec!["copy.db".to_string()]);
    #[cfg(unix)]
    assert_eq!(mode(&dest), 0o600);
    assert_eq!(verify(&dest).unwrap(), v);
}

/// Each write adds an `a` and a `b` row in one transaction: a copy taken
/// while they go on has as many of each (one commit, never half of one)
/// and every write acknowledged before the copy started.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_is_the_store_as_of_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acked = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let writer = {
        let (store, acked) = (store.clone(), acked.clone());
        tokio::spawn(async move {
            for i in 0..400 {
                store
                    .write(move |c| -> StoreResult<()> {
                        c.execute(
                            "INSERT INTO settings(key, value) VALUES (?1, ?2), (?3, ?2)",
                            (format!("a-{i:05}"), "x".repeat(200), format!("b-{i:05}")),
                        )?;
                        Ok(())
                    })
                    .await
                    .unwrap();
                acked.store(i + 1, std::sync::atomic::Ordering::SeqCst);
            }
        })
    };
    let db = dir.path().join(DB_FILE);
    let mut copies = 0;
    while !writer.is_finished() || copies < 3 {
        let before = acked.load(std::sync::atomic::Ordering::SeqCst);
        let dest = dir.path().join(format!("copy-{copies}.db"));
        let (db2, dest2) = (db.clone(), dest.clone());
        tokio::task::spawn_blocking(move || backup(&db2, &dest2))
            .await
            .unwrap()
            .unwrap();
        let (a, b) = (count(&dest, "a"), count(&dest, "b"));
        assert_eq!(a, b, "copy {copies} holds half a commit");
        assert!(
            a >= before,
            "copy {copies} lost acknowledged writes: {a} < {before}"
        );
        copies += 1;
    }
    writer.await.unwrap();
}

#[tokio::test]
async fn only_undamaged_crema_stores_of_this_version_pass_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 8192]).unwrap();
    assert!(matches!(verify(&junk), Err(BackupError::NotCrema { .. })));

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let e = verify(&other).unwrap_err();
    assert!(e.to_string().contains("no schema history"), "{e}");

    assert!(matches!(
        verify(&dir.path().join("missing.db")),
        Err(BackupError::NoStore(_))
    ));

    let store = open(dir.path());
    fill(&store, "a", 600).await;
    store.close();
    drop(store);
    let db = dir.path().join(DB_FILE);
    let newer = dir.path().join("newer.db");
    std::fs::copy(&db, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
             VALUES (999, 'future', '2030-01-01T00:00:00Z', '0')",
            [],
        )
        .unwrap();
    match verify(&newer) {
        Err(BackupError::Newer { found, known, .. }) => {
            assert_eq!((found, known), (999, known_schema_version()))
        }
        other => panic!("{other:?}"),
    }

    damage(&db);
    let e = verify(&db).unwrap_err();
    assert!(matches!(e, BackupError::Damaged { .. }), "{e:?}");
    // A backup of it is refused, names the store, and leaves nothing.
    let dest = dir.path().join("copy.db");
    match backup(&db, &dest) {
        Err(BackupError::Damaged { path, .. }) => assert_eq!(path, db),
        other => panic!("{other:?}"),
    }
    assert!(!dest.exists());
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".tmp-")));
}

#[tokio::test]
async fn a_damaged_store_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fill(&store, "a", 600).await;
    store.close();
    drop(store);
    let db = dir.path().join(DB_FILE);
    damage(&db);
    match Store::open(&db, StoreOptions::default()) {
        Err(StoreError::Damaged(detail)) => assert!(!detail.is_empty()),
        Err(e) => panic!("{e:?}"),
        Ok(_) => panic!("a damaged store was opened"),
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_store_and_its_wal_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fill(&store, "a", 5).await;
    let n = store
        .read(|c| -> StoreResult<i64> {
            Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?)
        })
        .await
        .unwrap();
    assert!(n >= 5);
    let db = dir.path().join(DB_FILE);
    for suffix in ["", "-wal", "-shm"] {
        let f = sidecar(&db, suffix);
        assert!(f.exists(), "{} missing", f.display());
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    store.close();
    drop(store);
    // A store made before (with the umask's 0644) is tightened at open.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = open(dir.path());
    assert_eq!(mode(&db), 0o600);
    store.close();
}

#[tokio::test]
async fn a_restore_keeps_the_store_before_aside_and_leaves_no_wal() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fill(&store, "old", 3).await;
    let copy = dir.path().join("copy.db");
    backup(&dir.path().join(DB_FILE), &copy).unwrap();
    fill(&store, "new", 4).await;

    // A data dir as a crash leaves it: the WAL still holds the last rows.
    let data = tempfile::tempdir().unwrap();
    let data = data.path();
    let live_dir = tempfile::tempdir().unwrap();
    let live = open(live_dir.path());
    fill(&live, "live", 2).await;
    for suffix in ["", "-wal"] {
        std::fs::copy(
            sidecar(&live_dir.path().join(DB_FILE), suffix),
            sidecar(&data.join(DB_FILE), suffix),
        )
        .unwrap();
    }
    live.close();
    assert!(
        std::fs::metadata(sidecar(&data.join(DB_FILE), "-wal"))
            .unwrap()
            .len()
            > 0
    );

    // Refused while the store is in use …
    let held = DirLock::shared(data).unwrap();
    let now = chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap();
    assert!(matches!(
        restore(data, &copy, now),
        Err(BackupError::InUse(_))
    ));
    // … and what uses the store waits for a restore.
    drop(held);
    {
        let _restoring = DirLock::exclusive(data).unwrap();
        assert!(matches!(
            DirLock::shared(data),
            Err(BackupError::Restoring(_))
        ));
    }

    let done = restore(data, &copy, now).unwrap();
    assert_eq!(done.db, data.join(DB_FILE));
    let kept = done.kept.expect("the store before is kept");
    assert_eq!(
        kept.file_name().unwrap(),
        "crema.db.before-restore-20260314T093000Z"
    );
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!sidecar(&done.db, suffix).exists(), "{suffix} left behind");
    }
    assert_eq!(count(&done.db, "old"), 3);
    assert_eq!(count(&done.db, "new"), 0);
    assert_eq!(count(&done.db, "live"), 0);
    // The store before, with its WAL, still has everything.
    assert_eq!(count(&kept, "live"), 2);
    #[cfg(unix)]
    assert_eq!(mode(&done.db), 0o600);
    // It opens as a store again.
    let reopened = Store::open(&done.db, StoreOptions::default()).unwrap();
    reopened.close();
    store.close();
}
