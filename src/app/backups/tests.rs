use chrono::TimeZone;

use super::*;
use crate::config::Config;
use crate::store::StoreResult;

fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, h, m, s).unwrap()
}

fn app(dir: &Path, keep: u32) -> App {
    let config = Config {
        backup_keep: keep,
        ..Config::default()
    };
    App::open(dir, config).unwrap()
}

async fn sell(app: &App, key: String) {
    app.store()
        .write(move |c| -> StoreResult<()> {
            c.execute("INSERT INTO settings(key, value) VALUES (?1, 'x')", [key])?;
            Ok(())
        })
        .await
        .unwrap();
}

#[test]
fn names_sort_as_their_times_and_other_files_are_not_backups() {
    assert_eq!(file_name(at(9, 30, 0)), "crema-20260314T093000.000Z.db");
    assert_eq!(time_of(&file_name(at(9, 30, 5))), Some(at(9, 30, 5)));
    for other in [
        "crema.db",
        "crema-x.db",
        "crema-20260314T093000Z.db",
        "notes.txt",
    ] {
        assert_eq!(time_of(other), None, "{other}");
    }
}

#[test]
fn retention_deletes_the_oldest_beyond_keep_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let stamps = [
        at(9, 0, 0),
        at(12, 0, 0),
        at(10, 0, 0),
        at(11, 0, 0),
        at(8, 0, 0),
    ];
    for t in stamps {
        std::fs::write(dir.path().join(file_name(t)), "x").unwrap();
    }
    for other in ["crema.db", "notes.txt", "crema-old.db"] {
        std::fs::write(dir.path().join(other), "keep me").unwrap();
    }
    let deleted = prune(dir.path(), 2).unwrap();
    let names = |v: Vec<PathBuf>| -> Vec<String> {
        v.iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        names(deleted),
        vec![
            file_name(at(8, 0, 0)),
            file_name(at(9, 0, 0)),
            file_name(at(10, 0, 0))
        ]
    );
    let left = names(
        list(dir.path())
            .unwrap()
            .into_iter()
            .map(|(p, _)| p)
            .collect(),
    );
    assert_eq!(left, vec![file_name(at(11, 0, 0)), file_name(at(12, 0, 0))]);
    for other in ["crema.db", "notes.txt", "crema-old.db"] {
        assert!(dir.path().join(other).exists(), "{other} was deleted");
    }
    assert!(prune(dir.path(), 5).unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_writes_a_checked_copy_skips_an_unchanged_store_and_prunes() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path(), 2);
    let dir = data.path().join("backups");
    sell(&app, "a".into()).await;
    let take_at = |t| {
        let (d, b) = (data.path().to_path_buf(), dir.clone());
        tokio::task::spawn_blocking(move || take(&d, &b, 2, t))
    };
    let first = take_at(at(9, 0, 0)).await.unwrap().unwrap();
    assert!(matches!(first, Outcome::Written { ref deleted, .. } if deleted.is_empty()));
    // Nothing sold since: the same bytes, so no second copy.
    assert_eq!(
        take_at(at(10, 0, 0)).await.unwrap().unwrap(),
        Outcome::Unchanged
    );
    sell(&app, "b".into()).await;
    take_at(at(11, 0, 0)).await.unwrap().unwrap();
    sell(&app, "c".into()).await;
    match take_at(at(12, 0, 0)).await.unwrap().unwrap() {
        Outcome::Written { path, deleted, .. } => {
            assert_eq!(path, dir.join(file_name(at(12, 0, 0))));
            assert_eq!(deleted, vec![dir.join(file_name(at(9, 0, 0)))]);
        }
        other => panic!("{other:?}"),
    }
    let left: Vec<_> = list(&dir).unwrap().into_iter().map(|(_, t)| t).collect();
    assert_eq!(left, vec![at(11, 0, 0), at(12, 0, 0)]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(file_name(at(12, 0, 0)))), 0o600);
    }
    app.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_schedule_runs_beside_sales_keeps_the_newest_and_stops_with_the_app() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path(), 3);
    let dir = data.path().join("backups");
    start_with(
        &app,
        dir.clone(),
        Duration::from_millis(40),
        Duration::from_millis(1),
    );
    // A second start does not start a second schedule.
    start_with(
        &app,
        dir.clone(),
        Duration::from_millis(1),
        Duration::from_millis(1),
    );
    for i in 0..60 {
        sell(&app, format!("sale-{i}")).await;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    app.shutdown();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let kept = list(&dir).unwrap();
    assert_eq!(kept.len(), 3, "{kept:?}");
    for (path, _) in &kept {
        backup::verify(path).unwrap();
    }
    // Stopped: no more copies after shutdown.
    let names: Vec<_> = kept.into_iter().map(|(p, _)| p).collect();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let later: Vec<_> = list(&dir).unwrap().into_iter().map(|(p, _)| p).collect();
    assert_eq!(names, later);
}

#[test]
fn the_first_backup_is_an_interval_after_the_newest_but_not_at_start() {
    let hour = Duration::from_secs(3600);
    assert_eq!(first_delay(None, at(9, 0, 0), hour), START_DELAY);
    assert_eq!(
        first_delay(Some(at(8, 45, 0)), at(9, 0, 0), hour),
        Duration::from_secs(45 * 60)
    );
    assert_eq!(
        first_delay(Some(at(6, 0, 0)), at(9, 0, 0), hour),
        START_DELAY
    );
    // A clock set back does not postpone backups beyond an interval.
    assert_eq!(
        first_delay(Some(at(10, 0, 0)), at(9, 0, 0), hour),
        START_DELAY
    );
}
