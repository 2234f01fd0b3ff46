//! Stage 8: kitchen boards on `GET /api/events` while orders come at a
//! steady rate; `bench-sse` times each `order.created` from the order's
//! `created_at`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::bench::{Bench, Crema};
use crate::orders::steady_delay;
use crate::procs::{json_line, Proc};
use crate::rows::{row_from_ms, row_from_wrk};
use crate::{BOARDS, STEADY_RATE};

pub(crate) fn run(b: &mut Bench, body: &str) -> Result<(), String> {
    b.progress(&format!(
        "crema: {BOARDS} boards on GET /api/events, orders at {STEADY_RATE}/s: created_at -> event"
    ));
    let conns = 10u32;
    let steady_secs = b.secs + 2;
    let crema = b.start_crema("sse", true)?;
    let (probe, probe_out) = start_probe(b, &crema, BOARDS, steady_secs + 3)?;
    let w = b.run_wrk(
        &crema.server.url,
        "orders.lua",
        1,
        conns,
        steady_secs,
        &[&crema.cashier, body, "sse", &steady_delay(conns)],
    )?;
    let v = finish_probe(probe, probe_out)?;
    let mut r = row_from_wrk(
        "crema_orders_sse",
        "crema",
        &format!("crema POST /api/orders at 200/s, {BOARDS} boards"),
        &w,
    );
    r.note = format!("{conns} connections");
    b.rows.push(r);
    let mut r = row_from_ms(
        "crema_sse_latency",
        "crema",
        &format!("created_at -> event on {BOARDS} boards"),
        &v,
    );
    r.rps = v["events"]
        .as_f64()
        .map(|e| e / v["seconds"].as_f64().unwrap_or(1.0));
    let expected = w["requests"].as_u64().unwrap_or(0) * BOARDS as u64;
    r.note = format!(
        "{} events of {} expected, {} resyncs; rate = events/s delivered",
        v["events"], expected, v["resyncs"]
    );
    if v["events"].as_u64().unwrap_or(0) < expected {
        r.errors = expected - v["events"].as_u64().unwrap_or(0);
    }
    b.rows.push(r);
    Ok(())
}

pub(crate) fn start_probe(
    b: &Bench,
    crema: &Crema,
    boards: usize,
    secs: u64,
) -> Result<(Proc, mpsc::Receiver<String>), String> {
    let mut child = Command::new(&b.sse)
        .args(["--url", &crema.server.url, "--token", &crema.kitchen])
        .args(["--boards", &boards.to_string()])
        .args(["--seconds", &secs.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("bench-sse: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(30))
        .map_err(|_| "bench-sse did not connect its boards")?;
    if !first.starts_with("ready") {
        return Err(format!("bench-sse: {first}"));
    }
    Ok((
        Proc {
            child,
            name: "bench-sse".into(),
        },
        rx,
    ))
}

pub(crate) fn finish_probe(probe: Proc, out: mpsc::Receiver<String>) -> Result<Value, String> {
    let line = out
        .recv_timeout(Duration::from_secs(60))
        .map_err(|_| format!("{} gave no result", probe.name))?;
    drop(probe);
    json_line(&line, "BENCHJSON")
}
