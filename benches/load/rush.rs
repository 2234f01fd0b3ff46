//! Stage 9: the café rush — tablets browsing the menu (9 of 10 answered
//! 304), counters ordering, the kitchen listing and moving orders, 10
//! boards — and the server's memory at idle and at its peak.

use std::io::Read;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::bench::Bench;
use crate::boards::{finish_probe, start_probe};
use crate::procs::{json_line, memory_kb};
use crate::rows::{row_from_ms, row_from_wrk, Row};

pub(crate) fn run(b: &mut Bench, etag: &str, body: &str, secs: u64) -> Result<(), String> {
    let crema = b.start_crema("rush", true)?;
    let pid = crema.server.proc.pid();
    std::thread::sleep(Duration::from_millis(500));
    let (idle_rss, _) = memory_kb(pid);
    let (probe, probe_out) = start_probe(b, &crema, 10, secs + 2)?;
    let url = crema.server.url.clone();
    let mut tablets = b
        .wrk(&url, "menu.lua", 1, 16, secs, &[etag, "10"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut counter = b
        .wrk(
            &url,
            "orders.lua",
            1,
            8,
            secs,
            &[&crema.cashier, body, "rush"],
        )
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut kitchen = b
        .wrk(&url, "kitchen.lua", 1, 1, secs, &[&crema.kitchen])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut peak_rss = 0;
    let end = Instant::now() + Duration::from_secs(secs + 1);
    while Instant::now() < end {
        peak_rss = peak_rss.max(memory_kb(pid).0);
        std::thread::sleep(Duration::from_millis(100));
    }
    let read = |c: &mut Child| -> Result<Value, String> {
        let mut s = String::new();
        if let Some(mut o) = c.stdout.take() {
            let _ = o.read_to_string(&mut s);
        }
        let _ = c.wait();
        json_line(&s, "WRKJSON")
    };
    let t = read(&mut tablets)?;
    let c = read(&mut counter)?;
    let k = read(&mut kitchen)?;
    let v = finish_probe(probe, probe_out)?;
    let (rss_end, hwm) = memory_kb(pid);
    peak_rss = peak_rss.max(rss_end);
    let mut r = row_from_wrk(
        "rush_tablets",
        "rush",
        "rush: tablets GET /api/menu (9/10 are 304)",
        &t,
    );
    r.note = "16 connections".into();
    b.rows.push(r);
    let mut r = row_from_wrk("rush_counter", "rush", "rush: counter POST /api/orders", &c);
    r.note = "8 connections".into();
    b.rows.push(r);
    let mut r = row_from_wrk(
        "rush_kitchen",
        "rush",
        "rush: kitchen list + status moves",
        &k,
    );
    r.note = "1 connection".into();
    b.rows.push(r);
    let mut r = row_from_ms(
        "rush_sse_latency",
        "rush",
        "rush: created_at -> event on 10 boards",
        &v,
    );
    r.rps = v["events"]
        .as_f64()
        .map(|e| e / v["seconds"].as_f64().unwrap_or(1.0));
    r.note = format!("{} events, {} resyncs", v["events"], v["resyncs"]);
    b.rows.push(r);
    for (id, scenario, kb) in [
        ("rss_idle", "memory: RSS at idle after start", idle_rss),
        (
            "rss_peak",
            "memory: peak RSS under the rush (VmHWM)",
            hwm.max(peak_rss),
        ),
    ] {
        b.rows.push(Row {
            id: id.into(),
            group: "memory",
            scenario: scenario.into(),
            note: format!("{:.1} MB", kb as f64 / 1024.0),
            p50: None,
            ..Row::default()
        });
        b.notes.push(format!("{id}_kb={kb}"));
    }
    Ok(())
}
