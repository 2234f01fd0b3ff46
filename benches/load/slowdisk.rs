//! Slow-disk mode: the café rush on a disk whose every flush takes
//! `BENCH_FSYNC_DELAY_MS` (10 ms unless set) longer, as an SD card or an SSD
//! without power-loss protection does. `benches/slowdisk/fsync_delay.c`, built
//! here with `cc`, is preloaded into Crema and sleeps after every `fsync`,
//! `fdatasync`, `syncfs` and `sync_file_range` of the process (while it
//! serves, Crema flushes only its store: the WAL at each commit, the
//! database at checkpoints).
//!
//! The rush: 8 counter/kiosk connections ordering, 200 orders/s offered in
//! all (`bench-pace`: on a schedule, so the rate holds however long answers
//! take, unlike wrk's delay after each answer), and 10 boards on
//! `GET /api/events`; once with group commit and once with
//! `--no-group-commit`.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::bench::Bench;
use crate::boards::{finish_probe, start_probe};
use crate::procs::{json_line, output_of, stop};
use crate::rows::row_from_ms;
use crate::STEADY_RATE;

const COUNTERS: u32 = 8;
const BOARDS: usize = 10;

/// The flush delay of the run, in ms.
pub(crate) fn delay_ms() -> f64 {
    std::env::var("BENCH_FSYNC_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0)
}

/// Compiles the shim into the work directory.
fn build_shim(b: &Bench) -> Result<PathBuf, String> {
    let src = b.root.join("benches/slowdisk/fsync_delay.c");
    let lib = b.work.join("libfsync_delay.so");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let st = Command::new(&cc)
        .args(["-shared", "-fPIC", "-O2", "-Wall", "-o"])
        .arg(&lib)
        .arg(&src)
        .arg("-ldl")
        .status()
        .map_err(|e| format!("{cc}: {e}"))?;
    if !st.success() {
        return Err(format!("{cc} could not build {}", src.display()));
    }
    Ok(lib)
}

pub(crate) fn run(b: &mut Bench, body: &str) -> Result<(), String> {
    let delay = delay_ms();
    b.progress(&format!(
        "slow disk (+{delay} ms a flush): rush of {COUNTERS} counters at {STEADY_RATE}/s and {BOARDS} boards, group commit on, then off"
    ));
    let shim = build_shim(b)?;
    let secs = b.secs + 2;
    for (tag, group) in [("group", true), ("tx", false)] {
        let id = format!("slowdisk_{tag}");
        let flushes = b.work.join(format!("{id}.flushes"));
        let mut cmd = b.crema_command(&id, group)?;
        cmd.env("LD_PRELOAD", &shim)
            .env("BENCH_FSYNC_DELAY_MS", delay.to_string())
            .env("BENCH_FSYNC_COUNT_FILE", &flushes);
        let mut crema = b.start_crema_with(&id, cmd)?;
        let (probe, probe_out) = start_probe(b, &crema, BOARDS, secs + 3)?;
        let w = json_line(
            &output_of(
                Command::new(b.bare.with_file_name("bench-pace"))
                    .args(["--url", &crema.server.url, "--token", &crema.cashier])
                    .args(["--body", body, "--prefix", &id])
                    .args(["--conns", &COUNTERS.to_string()])
                    .args(["--rate", &STEADY_RATE.to_string()])
                    .args(["--seconds", &secs.to_string()]),
            )?,
            "BENCHJSON",
        )?;
        let v = finish_probe(probe, probe_out)?;
        stop(&mut crema.server.proc, Duration::from_secs(30))?;
        let flushed: Option<u64> = std::fs::read_to_string(&flushes)
            .ok()
            .and_then(|s| s.trim().parse().ok());
        let orders = w["requests"].as_u64().unwrap_or(0);
        let how = if group {
            "group commit"
        } else {
            "--no-group-commit"
        };
        let mut r = row_from_ms(
            &format!("{id}_orders"),
            "slowdisk",
            &format!("slow disk +{delay} ms: counter POST /api/orders at {STEADY_RATE}/s, {how}"),
            &w,
        );
        r.errors = w["errors"].as_u64().unwrap_or(0);
        r.note = match flushed {
            Some(f) if f > 0 => format!(
                "{COUNTERS} connections; {orders} orders, {f} flushes in all (sign-ins and checkpoints included): {:.1} orders a flush",
                orders as f64 / f as f64
            ),
            _ => format!("{COUNTERS} connections; {orders} orders"),
        };
        b.rows.push(r);
        let mut r = row_from_ms(
            &format!("{id}_sse"),
            "slowdisk",
            &format!("slow disk +{delay} ms: created_at -> event on {BOARDS} boards, {how}"),
            &v,
        );
        r.rps = v["events"]
            .as_f64()
            .map(|e| e / v["seconds"].as_f64().unwrap_or(1.0));
        r.note = format!("{} events, {} resyncs", v["events"], v["resyncs"]);
        b.rows.push(r);
    }
    Ok(())
}
