//! The counter app's cold start under Xvfb: process start -> the counter
//! screen takes a tap, median and worst of 5 launches, over a store with the
//! demo menu and 10 000 past orders (made by `bench-seed` through the app
//! layer). `benches/desktop/coldstart.mjs` drives the real window with
//! tauri-driver + WebKitWebDriver, as `scripts/desktop-test.sh` does.

use std::path::PathBuf;
use std::process::Command;

use crate::bench::Bench;
use crate::procs::{json_line, output_of};
use crate::rows::Row;

pub(crate) const LAUNCHES: usize = 5;
pub(crate) const MEDIAN_MS: f64 = 1500.0;
const PIN: &str = "258046";

/// The counter app: `BENCH_DESKTOP_BIN`, else the release build, else the
/// debug build `make test` leaves.
fn desktop_bin(b: &Bench) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BENCH_DESKTOP_BIN") {
        return Some(PathBuf::from(p));
    }
    let release = b.crema.parent()?.join("crema-desktop");
    let debug = b.crema.parent()?.parent()?.join("debug/crema-desktop");
    [release, debug].into_iter().find(|p| p.exists())
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success())
}

pub(crate) fn run(b: &mut Bench) -> Result<(), String> {
    let orders = if b.quick { 2000 } else { 10_000 };
    b.progress(&format!(
        "counter app: cold start under Xvfb over {orders} past orders, {LAUNCHES} launches"
    ));
    let Some(app) = desktop_bin(b) else {
        b.notes
            .push("cold start skipped: no crema-desktop build (make test builds one)".into());
        return Ok(());
    };
    if !have("xvfb-run") || !have("tauri-driver") {
        b.notes.push(
            "cold start skipped: needs xvfb-run and tauri-driver (scripts/desktop-deps.sh)".into(),
        );
        return Ok(());
    }
    let dir = b.work.join("coldstart-data");
    let _ = std::fs::remove_dir_all(&dir);
    let seed = b.crema.parent().map(|p| p.join("examples/bench-seed"));
    let seed = seed.ok_or("no bench-seed")?;
    let seeded = output_of(
        Command::new(&seed)
            .arg("--dir")
            .arg(&dir)
            .args(["--orders", &orders.to_string()])
            .args(["--cashier", &format!("mia:{PIN}")]),
    )?;
    println!("        {}", seeded.trim());
    let out = output_of(
        Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x800x24", "node"])
            .arg(b.root.join("benches/desktop/coldstart.mjs"))
            .arg(&app)
            .arg(&dir)
            .arg(PIN)
            .arg(LAUNCHES.to_string()),
    )?;
    let v = json_line(&out, "BENCHJSON")?;
    let launches: Vec<String> = v["launches"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| x.to_string())
        .collect();
    let to_page: Vec<String> = v["to_page_ms"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| x.to_string())
        .collect();
    let build = if app.components().any(|c| c.as_os_str() == "debug") {
        "debug build"
    } else {
        "release build"
    };
    b.rows.push(Row {
        id: "coldstart".into(),
        group: "desktop",
        scenario: format!(
            "counter app cold start ({orders} past orders): process start -> till takes a tap"
        ),
        requests: launches.len() as u64,
        p50: v["median_ms"].as_f64(),
        max: v["worst_ms"].as_f64(),
        note: format!(
            "{build}; launches {} ms (of which to the page's start {} ms); worst {} ms; warm file cache",
            launches.join(", "),
            to_page.join(", "),
            v["worst_ms"]
        ),
        ..Row::default()
    });
    Ok(())
}
