//! The criterion micro-benchmarks (`benches/micro.rs`), run by cargo and
//! read back from their `estimates.json`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::bench::Bench;
use crate::report::fmt_ns;
use crate::rows::Row;

pub(crate) fn micro(b: &mut Bench) -> Result<(), String> {
    let started = std::time::SystemTime::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&b.root)
        .args(["bench", "--bench", "micro", "--"])
        .args(["--warm-up-time", "1", "--measurement-time", "3"])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench --bench micro failed".into());
    }
    let crit = b
        .out
        .parent()
        .unwrap_or(Path::new("target"))
        .join("criterion");
    let mut found = Vec::new();
    for entry in walk(&crit) {
        if !entry.ends_with("new/estimates.json") {
            continue;
        }
        let fresh = std::fs::metadata(&entry)
            .and_then(|m| m.modified())
            .is_ok_and(|m| m >= started);
        if !fresh {
            continue;
        }
        let dir = entry.parent().unwrap_or(Path::new("."));
        let est: Value = std::fs::read_to_string(&entry)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        let name: String = std::fs::read_to_string(dir.join("benchmark.json"))
            .ok()
            .and_then(|s| serde_json::from_str::<Value>(&s).ok())
            .and_then(|v| v["full_id"].as_str().map(str::to_string))
            .unwrap_or_else(|| dir.display().to_string());
        let median_ns = est["median"]["point_estimate"].as_f64().unwrap_or(0.0);
        found.push((name, median_ns));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, ns) in found {
        let id = format!(
            "micro_{}",
            name.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
        );
        b.rows.push(Row {
            id,
            group: "micro",
            scenario: format!("micro: {name}"),
            rps: Some(1e9 / ns.max(1e-9)),
            p50: Some(ns / 1e6),
            note: format!("median {}", fmt_ns(ns)),
            ..Row::default()
        });
    }
    Ok(())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
