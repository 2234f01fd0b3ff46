//! A full disk and a read-only store, on a real small file system the test
//! mounts (a tmpfs for the full disk, an ext4 image on a loop device for the
//! read-only store, whose immutable flag the kernel enforces on files that
//! are already open). Both need root and a kernel that lets the test mount;
//! where it cannot, the test says so loudly and is skipped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crema::store::StoreResult;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

/// A file system mounted by the test; unmounted when dropped.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Mounts with `args` on `target`, or says loudly why the test cannot run.
fn mount_or_skip(test: &str, args: &[&str], target: &Path) -> Option<Mounted> {
    std::fs::create_dir_all(target).expect("mount point");
    match run(Command::new("mount").args(args).arg(target)) {
        Ok(()) => Some(Mounted(target.to_path_buf())),
        Err(e) => {
            eprintln!(
                "\n**************** SKIPPED {test} ****************\n\
                 cannot mount a small file system here ({e}).\n\
                 This test needs root and a kernel that allows mount (not an \
                 unprivileged container).\n\
                 ************************************************\n"
            );
            None
        }
    }
}

/// Fills the file system of `dir` to the last byte with a file; returns it.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).expect("filler");
    for chunk in [1 << 20, 4096, 512] {
        let buf = vec![0u8; chunk];
        while f.write_all(&buf).and_then(|()| f.flush()).is_ok() {}
    }
    let _ = f.sync_all();
    path
}

async fn orders_and_key(r: &Running, key: &str) -> (i64, i64) {
    let key = key.to_string();
    r.app
        .store()
        .read(move |c| -> StoreResult<(i64, i64)> {
            assert_whole(c);
            let orders = c.query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?;
            let keys = c.query_row(
                "SELECT count(*) FROM idempotency_keys WHERE key = ?1",
                [&key],
                |r| r.get(0),
            )?;
            Ok((orders, keys))
        })
        .await
        .expect("read the store")
}

async fn assert_degraded(r: &Running, store: &str) {
    let (status, body) = r.health().await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(
        body,
        json!({"status": "degraded", "version": env!("CARGO_PKG_VERSION"), "store": store})
    );
}

async fn assert_healthy(r: &Running) {
    let (status, body) = r.health().await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})
    );
}

async fn assert_error(resp: reqwest::Response, status: StatusCode, code: &str) {
    assert_eq!(resp.status(), status);
    let body: Value = resp.json().await.expect("error body");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nothing was saved")),
        "{body}"
    );
    assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_answers_507_writes_nothing_and_recovers_when_space_returns() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let disk = tmp.path().join("disk");
    let Some(mounted) = mount_or_skip(
        "a_full_disk_answers_507",
        &["-t", "tmpfs", "-o", "size=16m", "tmpfs"],
        &disk,
    ) else {
        return;
    };
    let r = serve(prepare(&disk.join("data")).await).await;
    let token = r.login().await;
    let body = cake_order(&r, 1).await;
    let resp = r.post(&token, "/api/orders", "before", &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_healthy(&r).await;
    let (baseline, _) = orders_and_key(&r, "").await;

    let filler = fill(&disk);
    // The write-ahead log reuses the room it already has; the first write
    // that needs more is refused.
    let mut acked = 0;
    let mut refused = None;
    for i in 0..3000 {
        let key = format!("full-{i}");
        let resp = r.post(&token, "/api/orders", &key, &body).await;
        match resp.status() {
            StatusCode::CREATED => acked += 1,
            _ => {
                assert_error(resp, StatusCode::INSUFFICIENT_STORAGE, "storage_full").await;
                refused = Some(key);
                break;
            }
        }
    }
    let refused = refused.expect("no write was refused on a full disk");
    println!("disk full: {acked} orders still fitted, then 507 storage_full");
    assert_degraded(&r, "full").await;
    let (orders, stored) = orders_and_key(&r, &refused).await;
    assert_eq!(orders, baseline + acked, "the refused order left a trace");
    assert_eq!(stored, 0, "the refused order's key was stored");

    // Room again: health sees it (its probe writes), and the same request
    // goes through, no restart.
    std::fs::remove_file(filler).expect("remove filler");
    assert_healthy(&r).await;
    let resp = r.post(&token, "/api/orders", &refused, &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_healthy(&r).await;
    let (orders, stored) = orders_and_key(&r, &refused).await;
    assert_eq!((orders, stored), (baseline + acked + 1, 1));
    r.stop().await;
    drop(mounted);
}

/// `chattr` on the store's files; true if it worked.
fn chattr(flag: &str, data: &Path) -> Result<(), String> {
    run(Command::new("chattr")
        .arg(flag)
        .arg(data.join("crema.db"))
        .arg(data.join("crema.db-wal")))
}

/// Takes the immutable flag off again, whatever happens in the test.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = chattr("-i", &self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_store_answers_503_writes_nothing_and_recovers_when_writable() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let image = tmp.path().join("disk.img");
    std::fs::File::create(&image)
        .and_then(|f| f.set_len(64 << 20))
        .expect("image");
    if let Err(e) = run(Command::new("mkfs.ext4")
        .args(["-q", "-F", "-m", "0"])
        .arg(&image))
    {
        eprintln!(
            "\n**************** SKIPPED a_read_only_store_answers_503 ****************\n\
             cannot make an ext4 image ({e}); install e2fsprogs.\n\
             ***********************************************************************\n"
        );
        return;
    }
    let disk = tmp.path().join("disk");
    let image_arg = image.to_str().expect("utf-8 path");
    let Some(mounted) = mount_or_skip(
        "a_read_only_store_answers_503",
        &["-o", "loop", image_arg],
        &disk,
    ) else {
        return;
    };
    let data = disk.join("data");
    let r = serve(prepare(&data).await).await;
    let token = r.login().await;
    let body = cake_order(&r, 2).await;
    let resp = r.post(&token, "/api/orders", "before", &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let (baseline, _) = orders_and_key(&r, "").await;

    chattr("+i", &data).expect("chattr +i on the store's files");
    let guard = Immutable(data.clone());
    let resp = r
        .post(&token, "/api/orders", "while-read-only", &body)
        .await;
    assert_error(resp, StatusCode::SERVICE_UNAVAILABLE, "store_read_only").await;
    assert_degraded(&r, "read_only").await;
    let (orders, stored) = orders_and_key(&r, "while-read-only").await;
    assert_eq!(
        (orders, stored),
        (baseline, 0),
        "the refused order left a trace"
    );

    chattr("-i", &data).expect("chattr -i");
    drop(guard);
    let resp = r
        .post(&token, "/api/orders", "while-read-only", &body)
        .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert_healthy(&r).await;
    let (orders, stored) = orders_and_key(&r, "while-read-only").await;
    assert_eq!((orders, stored), (baseline + 1, 1));
    r.stop().await;
    drop(mounted);
}
