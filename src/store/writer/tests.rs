//! The writer thread under faults of the closures it runs.

use std::sync::mpsc;

use crate::store::{Store, StoreError, StoreOptions, StoreResult};

fn insert(key: &'static str) -> impl FnOnce(&rusqlite::Connection) -> StoreResult<()> {
    move |c| {
        c.execute("INSERT INTO settings(key, value) VALUES (?1, '1')", [key])?;
        Ok(())
    }
}

async fn keys(store: &Store) -> Vec<String> {
    store
        .read(|c| -> StoreResult<Vec<String>> {
            let mut s = c.prepare("SELECT key FROM settings WHERE key LIKE 'k%' ORDER BY key")?;
            let rows = s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
}

/// A closure that panics in the middle of a group of writes: it alone is
/// rolled back and answered with an error; the others of its group are
/// committed and answered; the writer goes on writing.
#[tokio::test]
async fn a_panicking_write_is_rolled_back_alone_and_the_writer_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db"), StoreOptions::default()).unwrap();

    // Hold the writer in a first write until the group below is queued, so
    // the panicking write shares its transaction with two others.
    let (release, held) = mpsc::channel::<()>();
    let s = store.clone();
    let gate = tokio::spawn(async move {
        s.write(move |_| -> StoreResult<()> {
            let _ = held.recv();
            Ok(())
        })
        .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let s = store.clone();
    let group = tokio::spawn(async move {
        let before = s.write(insert("k1"));
        let boom = s.write(|c| -> StoreResult<()> {
            c.execute("INSERT INTO settings(key, value) VALUES ('k2', '1')", [])?;
            panic!("a bug inside a write");
        });
        let after = s.write(insert("k3"));
        tokio::join!(before, boom, after)
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    release.send(()).unwrap();
    gate.await.unwrap().unwrap();
    let (before, boom, after) = tokio::time::timeout(std::time::Duration::from_secs(5), group)
        .await
        .expect("every write of the group is answered")
        .unwrap();
    assert!(before.is_ok(), "{before:?}");
    assert!(after.is_ok(), "{after:?}");
    assert!(
        matches!(boom, Err(StoreError::Panicked(_))),
        "the panicking write gets an error of its own: {boom:?}"
    );
    assert_eq!(keys(&store).await, vec!["k1", "k3"]);

    // The writer is alive: later writes work, and the store says so.
    store.write(insert("k4")).await.unwrap();
    assert_eq!(keys(&store).await, vec!["k1", "k3", "k4"]);
    assert_eq!(store.write_state(), crate::store::WriteState::Ok);
}

/// Without group commit every write is its own transaction; a panic still
/// leaves the writer running.
#[tokio::test]
async fn a_panic_without_group_commit_leaves_the_writer_running() {
    let dir = tempfile::tempdir().unwrap();
    let opts = StoreOptions {
        group_commit: false,
        ..StoreOptions::default()
    };
    let store = Store::open(&dir.path().join("t.db"), opts).unwrap();
    let boom = store
        .write(|_| -> StoreResult<()> { panic!("a bug inside a write") })
        .await;
    assert!(matches!(boom, Err(StoreError::Panicked(_))), "{boom:?}");
    store.write(insert("k1")).await.unwrap();
    assert_eq!(keys(&store).await, vec!["k1"]);
}

/// A closed store is a store that cannot write, and says so.
#[tokio::test]
async fn a_stopped_writer_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db"), StoreOptions::default()).unwrap();
    assert_eq!(store.write_state(), crate::store::WriteState::Ok);
    store.close();
    assert_eq!(store.write_state(), crate::store::WriteState::Stopped);
}

/// Once the log has grown to SQLite's checkpoint size, commits reach the
/// database file itself without the writer checkpointing (its automatic
/// checkpoint waits for 10 000 pages): the store's checkpoint thread copies
/// the log into it.
#[tokio::test]
async fn commits_are_checkpointed_into_the_database_file_off_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path, StoreOptions::default()).unwrap();
    // About 1.3 MB a write: the log passes 1000 pages (4 MB) in four.
    for n in 0..4 {
        store
            .write(move |c| -> StoreResult<()> {
                c.execute(
                    "INSERT INTO settings(key, value) VALUES (?1, hex(randomblob(650000)))",
                    [format!("big{n}")],
                )?;
                Ok(())
            })
            .await
            .unwrap();
    }
    store.write(insert("k1")).await.unwrap();
    // The database file alone: `immutable` reads it without its log.
    let in_file = || -> i64 {
        let uri = format!("file:{}?immutable=1", path.display());
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        rusqlite::Connection::open_with_flags(uri, flags)
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM settings WHERE key = 'k1'", [], |r| {
                    r.get(0)
                })
            })
            .unwrap_or(0)
    };
    let mut found = in_file();
    for _ in 0..400 {
        if found == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        found = in_file();
    }
    assert_eq!(found, 1, "the write is still only in the log");
    store.close();
}
