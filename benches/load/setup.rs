//! Stage 1: the run's directories and binaries, the demo café with the
//! bench users (a template copied for every Crema started), the menu bytes,
//! its ETag and a realistic order body.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::bench::{Bench, Crema};
use crate::client::{http, order_body};
use crate::procs::output_of;

/// What the stages after the set-up share.
pub(crate) struct Setup {
    /// The Crema the menu was read from (the menu stage loads it).
    pub(crate) crema: Crema,
    pub(crate) etag: String,
    pub(crate) menu_file: PathBuf,
    /// A JSON order of the demo menu (two lines, modifiers).
    pub(crate) body: String,
}

impl Bench {
    pub(crate) fn new(stages: usize) -> Result<Bench, String> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let release = target.join("release");
        let quick = std::env::var("BENCH_QUICK").is_ok_and(|v| v == "1");
        let secs: u64 = std::env::var("BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(if quick { 3 } else { 8 });
        let out = target.join("bench");
        let work = out.join("work");
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
        let b = Bench {
            root: root.clone(),
            quick,
            out,
            work: work.clone(),
            crema: release.join("crema"),
            bare: release.join("examples").join("bench-bare"),
            sse: release.join("examples").join("bench-sse"),
            wrk_dir: root.join("benches").join("wrk"),
            secs,
            stage: 0,
            stages,
            started: Instant::now(),
            rows: Vec::new(),
            notes: Vec::new(),
            servers_started: 0,
            template: work.join("template"),
        };
        for p in [&b.crema, &b.bare, &b.sse] {
            if !p.exists() {
                return Err(format!(
                    "{} is missing: run `make bench` (it builds it)",
                    p.display()
                ));
            }
        }
        output_of(Command::new("wrk").arg("--version")).ok();
        Ok(b)
    }

    /// The demo café and bench users, then the menu and an order body.
    pub(crate) fn set_up(&mut self) -> Result<Setup, String> {
        self.progress("set-up: demo café, bench users, menu bytes, order body");
        let t = self.template.clone();
        output_of(
            Command::new(&self.crema)
                .arg("--data-dir")
                .arg(&t)
                .arg("demo"),
        )?;
        for (user, role) in [
            ("bench-admin", "admin"),
            ("bench-cashier", "cashier"),
            ("bench-kitchen", "kitchen"),
        ] {
            let mut child = Command::new(&self.crema)
                .arg("--data-dir")
                .arg(&t)
                .args(["user", "add", user, "--role", role, "--password-stdin"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .map_err(|e| e.to_string())?;
            if let Some(mut stdin) = child.stdin.take() {
                let _ = writeln!(stdin, "{user}-password");
            }
            let st = child.wait().map_err(|e| e.to_string())?;
            if !st.success() {
                return Err(format!("user add {user} failed"));
            }
        }
        let crema = self.start_crema("menu", true)?;
        let (status, head, menu_json) = http(&crema.server.url, "GET", "/api/menu", None)?;
        if status != 200 {
            return Err(format!("GET /api/menu: {status}"));
        }
        let etag = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("etag").then(|| v.trim().to_string())
            })
            .ok_or("no ETag on /api/menu")?;
        let menu_file = self.work.join("menu.json");
        std::fs::write(&menu_file, &menu_json).map_err(|e| e.to_string())?;
        let menu: Value = serde_json::from_str(&menu_json).map_err(|e| e.to_string())?;
        let body = order_body(&menu)?;
        std::fs::write(self.work.join("order.json"), &body).map_err(|e| e.to_string())?;
        let (status, _, _) = http(&crema.server.url, "GET", "/api/health", None)?;
        if status != 200 {
            return Err("health check failed".into());
        }
        println!(
            "        menu: {} bytes, ETag {etag}; order body: {} bytes",
            menu_json.len(),
            body.len()
        );
        Ok(Setup {
            crema,
            etag,
            menu_file,
            body,
        })
    }
}
