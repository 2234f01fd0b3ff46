//! Targets, the machine, and the markdown table.

use std::process::Command;

use serde_json::{json, Value};

use crate::bench::Bench;
use crate::rows::Row;

/// The last stage: ratios to the ceilings, targets, `results.json`,
/// `results.md` and the chart; prints the table.
pub(crate) fn write(b: &mut Bench) -> Result<(), String> {
    b.progress("results: table, results.json, results.md, latency.png");
    for i in 0..b.rows.len() {
        if let Some(c) = b.rows[i].ceiling.clone() {
            let base = b.rows.iter().find(|r| r.id == c).and_then(|r| r.rps);
            if let (Some(base), Some(rps)) = (base, b.rows[i].rps) {
                b.rows[i].ratio = Some(rps / base);
            }
        }
    }
    let targets = targets(b);
    let machine = machine();
    let results = json!({
        "generated_at": chrono::Utc::now().to_rfc3339(),
        "seconds_per_run": b.secs,
        "machine": machine,
        "rows": b.rows.iter().map(Row::json).collect::<Vec<_>>(),
        "targets": targets,
        "notes": b.notes,
    });
    std::fs::create_dir_all(&b.out).map_err(|e| e.to_string())?;
    let results_path = b.out.join("results.json");
    std::fs::write(
        &results_path,
        serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let md = markdown(b, &targets, &machine);
    std::fs::write(b.out.join("results.md"), &md).map_err(|e| e.to_string())?;
    let png = b.out.join("latency.png");
    let chart = Command::new("/usr/bin/python3")
        .arg(b.root.join("benches").join("chart.py"))
        .arg(&results_path)
        .arg(&png)
        .status();
    if !matches!(chart, Ok(s) if s.success()) {
        b.notes
            .push("the chart could not be drawn (python3-matplotlib missing?)".into());
    }

    println!();
    print!("{md}");
    println!();
    println!("results: {}", results_path.display());
    println!("chart:   {}", png.display());
    println!("total:   {:.0} s", b.started.elapsed().as_secs_f64());
    Ok(())
}

fn targets(b: &Bench) -> Value {
    let row = |id: &str| b.rows.iter().find(|r| r.id == id);
    let rps = |id: &str| row(id).and_then(|r| r.rps);
    let ratio = |a: &str, c: &str| Some(rps(a)? / rps(c)?);
    let kb = |id: &str| {
        b.notes
            .iter()
            .find_map(|n| n.strip_prefix(&format!("{id}_kb=")))
            .and_then(|v| v.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
    };
    let mut t = Vec::new();
    let mut add = |name: &str, value: Option<f64>, unit: &str, op: &str, limit: f64| {
        let met = value.map(|v| match op {
            ">=" => v >= limit,
            "<=" => v <= limit,
            _ => v < limit,
        });
        t.push(json!({"target": name, "value": value, "unit": unit, "op": op, "limit": limit, "met": met}));
    };
    add(
        "GET /api/menu (200) req/s ÷ bare axum ceiling",
        ratio("crema_menu_200", "ceiling_menu_200"),
        "×",
        ">=",
        0.8,
    );
    add(
        "GET /api/menu (304) req/s ÷ bare axum ceiling",
        ratio("crema_menu_304", "ceiling_menu_304"),
        "×",
        ">=",
        0.8,
    );
    for status in ["200", "304"] {
        add(
            &format!("GET /api/menu ({status}) instructions/request ÷ bare axum (callgrind)"),
            row(&format!("callgrind_crema_menu_{status}")).and_then(|r| r.ratio),
            "×",
            "<=",
            1.25,
        );
    }
    add(
        "POST /api/orders req/s ÷ bare group-commit ceiling",
        ratio("crema_orders_group", "ceiling_orders_group"),
        "×",
        ">=",
        0.5,
    );
    add(
        "POST /api/orders req/s ÷ bare 1-order-per-commit ceiling",
        ratio("crema_orders_group", "ceiling_orders_tx"),
        "×",
        ">=",
        3.0,
    );
    add(
        "created_at -> event p99, 50 boards",
        row("crema_sse_latency").and_then(|r| r.p99),
        "ms",
        "<",
        20.0,
    );
    add(
        "order latency p99 at 200 orders/s",
        row("crema_orders_steady").and_then(|r| r.p99),
        "ms",
        "<",
        10.0,
    );
    add(
        &format!(
            "slow disk (+{} ms a flush): order p99 at 200/s, group commit",
            crate::slowdisk::delay_ms()
        ),
        row("slowdisk_group_orders").and_then(|r| r.p99),
        "ms",
        "<",
        40.0,
    );
    add(
        "counter in Chromium: tap -> cart p99",
        row("browser_tap").and_then(|r| r.p99),
        "ms",
        "<",
        crate::browser::TAP_P99_MS,
    );
    add(
        "counter in Chromium: Place & pay -> number p99",
        row("browser_place").and_then(|r| r.p99),
        "ms",
        "<",
        crate::browser::PLACE_P99_MS,
    );
    add(
        "counter app cold start, median of 5",
        row("coldstart").and_then(|r| r.p50),
        "ms",
        "<",
        crate::coldstart::MEDIAN_MS,
    );
    add(
        "head office ingest orders/s ÷ bare batched insert ceiling",
        ratio("hq_ingest", "hq_ceiling"),
        "×",
        ">=",
        crate::hq::RATIO_TARGET,
    );
    add(
        "shop commit -> visible at head office p99, 1 s interval",
        row("hq_lag").and_then(|r| r.p99),
        "ms",
        "<",
        crate::hq::LAG_P99_MS,
    );
    add("RSS at idle", kb("rss_idle"), "MB", "<", 50.0);
    add("peak RSS under the rush", kb("rss_peak"), "MB", "<", 150.0);
    Value::Array(t)
}

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mem_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let cmd = |c: &str, a: &[&str]| {
        Command::new(c)
            .args(a)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    json!({
        "cpu": model,
        "cores": cores,
        "memory_gb": (mem_kb as f64 / 1048576.0 * 10.0).round() / 10.0,
        "kernel": cmd("uname", &["-sr"]),
        "rustc": cmd("rustc", &["--version"]),
        "wrk": cmd("sh", &["-c", "wrk -v 2>&1 | head -1 | cut -d' ' -f1-2"]),
    })
}

fn fmt_opt(v: Option<f64>, digits: usize) -> String {
    match v {
        Some(v) => format!("{v:.digits$}"),
        None => "–".into(),
    }
}

fn markdown(b: &Bench, targets: &Value, machine: &Value) -> String {
    let mut s = String::new();
    s.push_str("| scenario | req/s | p50 ms | p99 ms | ratio to ceiling | notes |\n");
    s.push_str("|---|---:|---:|---:|---|---|\n");
    for r in &b.rows {
        let ratio = match (&r.ratio, &r.ceiling) {
            (Some(x), Some(c)) => {
                let name = b
                    .rows
                    .iter()
                    .find(|x| &x.id == c)
                    .map(|x| x.scenario.clone())
                    .unwrap_or_default();
                format!("{:.2} of {name}", x)
            }
            _ => String::new(),
        };
        let (p50, p99) = if r.group == "micro" {
            (
                r.p50.map(|ms| fmt_ns(ms * 1e6)).unwrap_or_default(),
                String::new(),
            )
        } else {
            (fmt_opt(r.p50, 2), fmt_opt(r.p99, 2))
        };
        let mut note = r.note.clone();
        if r.errors > 0 {
            note = format!("{} errors; {note}", r.errors);
        }
        if r.group == "micro" {
            note.clear();
        }
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.scenario,
            fmt_opt(r.rps, 0),
            p50,
            p99,
            ratio,
            note
        ));
    }
    s.push_str("\n| target | measured | goal | met |\n|---|---:|---|---|\n");
    for t in targets.as_array().into_iter().flatten() {
        let unit = t["unit"].as_str().unwrap_or("");
        let value = t["value"]
            .as_f64()
            .map(|v| format!("{v:.2} {unit}"))
            .unwrap_or_else(|| "–".into());
        let met = match t["met"].as_bool() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "–",
        };
        s.push_str(&format!(
            "| {} | {} | {} {} {unit} | {met} |\n",
            t["target"].as_str().unwrap_or(""),
            value,
            t["op"].as_str().unwrap_or(""),
            t["limit"]
        ));
    }
    s.push_str(&format!(
        "\nMachine: {}, {} cores, {} GB RAM; {}; {}; {}; {} s per load run.\n",
        machine["cpu"].as_str().unwrap_or("?"),
        machine["cores"],
        machine["memory_gb"],
        machine["kernel"].as_str().unwrap_or("?"),
        machine["rustc"].as_str().unwrap_or("?"),
        machine["wrk"].as_str().unwrap_or("?"),
        b.secs
    ));
    s
}

pub(crate) fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
