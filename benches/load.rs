//! `bench-load`: the driver behind `make bench`. Starts the ceiling servers
//! (`bench-bare`) and the real `crema` binary on 127.0.0.1, loads them with
//! wrk (scripts in `benches/wrk/`), holds kitchen boards with `bench-sse`,
//! reads memory from /proc, runs the criterion micro-benchmarks, then prints
//! the table and writes `target/bench/results.json`, `results.md` and the
//! chart `latency.png` (drawn by `benches/chart.py`).
//!
//! Every load is bounded in time (`BENCH_SECONDS`, default 8 s per run) and
//! goes to 127.0.0.1 only. `BENCH_QUICK=1` shortens every run (development).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Generous limits so the load tests measure the server, not the limiter.
const RATE_LIMIT: &str = "1000000000";
const AUTH_RATE_LIMIT: &str = "1000000";
const BOARDS: usize = 50;
const STEADY_RATE: u32 = 200;

fn main() {
    if let Err(e) = run() {
        eprintln!("bench: error: {e}");
        std::process::exit(1);
    }
}

// ---- processes ------------------------------------------------------------------

/// A child process killed (and reaped) when dropped.
struct Proc {
    child: Child,
    name: String,
}

impl Proc {
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server that printed `listening on http://ADDR`.
struct Server {
    proc: Proc,
    url: String,
}

fn spawn_server(name: &str, mut cmd: Command, log: &Path) -> Result<Server, String> {
    let log_file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log_file))
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let proc = Proc {
        child,
        name: name.to_string(),
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        while let Some(Ok(line)) = lines.next() {
            if let Some(url) = line.strip_prefix("listening on ") {
                let _ = tx.send(url.trim().to_string());
                break;
            }
        }
        // Keep draining so the server never blocks on a full pipe.
        for _ in lines {}
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).map_err(|_| {
        format!(
            "{} did not print 'listening on' (log: {})",
            proc.name,
            log.display()
        )
    })?;
    Ok(Server { proc, url })
}

fn memory_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn output_of(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

fn json_line(out: &str, tag: &str) -> Result<Value, String> {
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix(tag))
        .ok_or_else(|| format!("no {tag} line in output:\n{out}"))?;
    serde_json::from_str(line.trim()).map_err(|e| format!("bad {tag} line {line:?}: {e}"))
}

// ---- measurements ---------------------------------------------------------------

/// One row of the results.
#[derive(Clone, Default)]
struct Row {
    id: String,
    group: &'static str,
    scenario: String,
    rps: Option<f64>,
    requests: u64,
    errors: u64,
    p50: Option<f64>,
    p90: Option<f64>,
    p99: Option<f64>,
    p999: Option<f64>,
    max: Option<f64>,
    ceiling: Option<String>,
    ratio: Option<f64>,
    note: String,
}

impl Row {
    fn json(&self) -> Value {
        json!({
            "id": self.id, "group": self.group, "scenario": self.scenario,
            "rps": self.rps, "requests": self.requests, "errors": self.errors,
            "p50_ms": self.p50, "p90_ms": self.p90, "p99_ms": self.p99,
            "p999_ms": self.p999, "max_ms": self.max,
            "ceiling": self.ceiling, "ratio": self.ratio, "note": self.note,
        })
    }
}

fn ms(v: &Value, key: &str, scale: f64) -> Option<f64> {
    v.get(key).and_then(Value::as_f64).map(|x| x / scale)
}

fn row_from_wrk(id: &str, group: &'static str, scenario: &str, w: &Value) -> Row {
    let requests = w["requests"].as_u64().unwrap_or(0);
    let secs = w["duration_us"].as_f64().unwrap_or(1.0) / 1e6;
    let errors = [
        "err_connect",
        "err_read",
        "err_write",
        "err_status",
        "err_timeout",
    ]
    .iter()
    .map(|k| w[*k].as_u64().unwrap_or(0))
    .sum();
    Row {
        id: id.into(),
        group,
        scenario: scenario.into(),
        rps: Some(requests as f64 / secs),
        requests,
        errors,
        p50: ms(w, "p50_us", 1000.0),
        p90: ms(w, "p90_us", 1000.0),
        p99: ms(w, "p99_us", 1000.0),
        p999: ms(w, "p999_us", 1000.0),
        max: ms(w, "max_us", 1000.0),
        ..Row::default()
    }
}

fn row_from_ms(id: &str, group: &'static str, scenario: &str, v: &Value) -> Row {
    Row {
        id: id.into(),
        group,
        scenario: scenario.into(),
        rps: v["rps"].as_f64(),
        requests: v["requests"].as_u64().or(v["events"].as_u64()).unwrap_or(0),
        p50: ms(v, "p50_ms", 1.0),
        p90: ms(v, "p90_ms", 1.0),
        p99: ms(v, "p99_ms", 1.0),
        p999: ms(v, "p999_ms", 1.0),
        max: ms(v, "max_ms", 1.0),
        ..Row::default()
    }
}

struct Bench {
    root: PathBuf,
    out: PathBuf,
    work: PathBuf,
    crema: PathBuf,
    bare: PathBuf,
    sse: PathBuf,
    wrk_dir: PathBuf,
    secs: u64,
    stage: usize,
    stages: usize,
    started: Instant,
    rows: Vec<Row>,
    notes: Vec<String>,
    servers_started: usize,
    template: PathBuf,
}

/// What a running Crema needs for the load scripts.
struct Crema {
    server: Server,
    cashier: String,
    kitchen: String,
}

impl Bench {
    fn progress(&mut self, what: &str) {
        self.stage += 1;
        println!(
            "[{:>2}/{}] {:>5.1}s  {what}",
            self.stage,
            self.stages,
            self.started.elapsed().as_secs_f64()
        );
        let _ = std::io::stdout().flush();
    }

    fn log(&mut self, name: &str) -> PathBuf {
        self.servers_started += 1;
        self.work
            .join(format!("{:02}-{name}.log", self.servers_started))
    }

    fn wrk(
        &self,
        url: &str,
        script: &str,
        threads: u32,
        conns: u32,
        secs: u64,
        args: &[&str],
    ) -> Command {
        let mut cmd = Command::new("wrk");
        cmd.arg(format!("-t{threads}"))
            .arg(format!("-c{conns}"))
            .arg(format!("-d{secs}s"))
            .arg("--timeout")
            .arg("10s")
            .arg("-s")
            .arg(self.wrk_dir.join(script))
            .arg(url)
            .arg("--")
            .args(args);
        cmd
    }

    fn run_wrk(
        &self,
        url: &str,
        script: &str,
        threads: u32,
        conns: u32,
        secs: u64,
        args: &[&str],
    ) -> Result<Value, String> {
        let out = output_of(&mut self.wrk(url, script, threads, conns, secs, args))?;
        json_line(&out, "WRKJSON")
    }

    /// A fresh copy of the template data dir (demo café + bench users).
    fn fresh_data_dir(&mut self, name: &str) -> Result<PathBuf, String> {
        let dir = self.work.join(format!("data-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        for f in ["crema.db", "crema.db-wal", "jwt.secret"] {
            let from = self.template.join(f);
            if from.exists() {
                std::fs::copy(&from, dir.join(f)).map_err(|e| format!("copy {f}: {e}"))?;
            }
        }
        Ok(dir)
    }

    fn start_crema(&mut self, name: &str, group_commit: bool) -> Result<Crema, String> {
        let dir = self.fresh_data_dir(name)?;
        let mut cmd = Command::new(&self.crema);
        cmd.arg("--data-dir")
            .arg(&dir)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(["--rate-limit-per-minute", RATE_LIMIT])
            .args(["--auth-rate-limit-per-minute", AUTH_RATE_LIMIT])
            .env("CREMA_ACCESS_TOKEN_MINUTES", "120")
            // All load comes from this machine, boards on one kitchen login:
            // lift the per-client caps, as for the rate limits.
            .env("CREMA_MAX_CONNECTIONS_PER_IP", "100000")
            .env("CREMA_MAX_CONNECTIONS", "100000")
            .env("CREMA_MAX_EVENT_STREAMS_PER_USER", "100000");
        if !group_commit {
            cmd.arg("--no-group-commit");
        }
        let log = self.log(&format!("crema-{name}"));
        let server = spawn_server("crema", cmd, &log)?;
        let cashier = login(&server.url, "bench-cashier")?;
        let kitchen = login(&server.url, "bench-kitchen")?;
        Ok(Crema {
            server,
            cashier,
            kitchen,
        })
    }
}

// ---- a little HTTP for set-up (std only; loads go through wrk) --------------------

/// One HTTP/1.1 request on a fresh connection; returns (status, headers, body).
fn http(
    url: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<(u16, String, String), String> {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(host).map_err(|e| format!("{host}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let raw = String::from_utf8_lossy(&raw).to_string();
    let (head, rest) = raw.split_once("\r\n\r\n").ok_or("bad HTTP answer")?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        let mut out = String::new();
        let mut rest = rest;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 || tail.len() < n {
                break;
            }
            out.push_str(&tail[..n]);
            rest = tail[n..].trim_start_matches("\r\n");
        }
        out
    } else {
        rest.to_string()
    };
    Ok((status, head.to_string(), body))
}

fn login(url: &str, user: &str) -> Result<String, String> {
    let body = json!({"username": user, "password": format!("{user}-password")}).to_string();
    let (status, _, body) = http(url, "POST", "/api/auth/login", Some(&body))?;
    if status != 200 {
        return Err(format!("login {user}: {status} {body}"));
    }
    let v: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    v["access_token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "no access_token".into())
}

/// A realistic counter order from the demo menu: a drink with its required
/// modifiers (and one optional one) twice, and a plain item once.
fn order_body(menu: &Value) -> Result<String, String> {
    let items: Vec<&Value> = menu["categories"]
        .as_array()
        .ok_or("menu has no categories")?
        .iter()
        .flat_map(|c| c["items"].as_array().into_iter().flatten())
        .filter(|i| i["available"].as_bool() == Some(true))
        .collect();
    let pick = |i: &Value| -> Vec<Value> {
        let mut chosen = Vec::new();
        for (n, g) in i["modifier_groups"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let min = g["min"].as_u64().unwrap_or(0) as usize;
            let want = if n == 0 { min.max(1) } else { min };
            let want = want.min(g["max"].as_u64().unwrap_or(1) as usize);
            for o in g["options"].as_array().into_iter().flatten().take(want) {
                chosen.push(o["id"].clone());
            }
        }
        chosen
    };
    let drink = items
        .iter()
        .find(|i| {
            i["modifier_groups"]
                .as_array()
                .is_some_and(|g| !g.is_empty())
        })
        .ok_or("no item with modifiers")?;
    let other = items
        .iter()
        .find(|i| i["id"] != drink["id"])
        .ok_or("no second item")?;
    Ok(json!({
        "lines": [
            {"item_id": drink["id"], "quantity": 2, "modifier_option_ids": pick(drink)},
            {"item_id": other["id"], "quantity": 1, "modifier_option_ids": pick(other)},
        ],
        "type": "takeaway",
    })
    .to_string())
}

// ---- the run --------------------------------------------------------------------

fn run() -> Result<(), String> {
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
    let mut b = Bench {
        root: root.clone(),
        out: out.clone(),
        work: work.clone(),
        crema: release.join("crema"),
        bare: release.join("examples").join("bench-bare"),
        sse: release.join("examples").join("bench-sse"),
        wrk_dir: root.join("benches").join("wrk"),
        secs,
        stage: 0,
        stages: 13,
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
    println!("bench: {secs} s per load run, results in {}", out.display());

    // 1. the demo café and bench users, copied for every Crema started.
    b.progress("set-up: demo café, bench users, menu bytes, order body");
    let t = b.template.clone();
    output_of(Command::new(&b.crema).arg("--data-dir").arg(&t).arg("demo"))?;
    for (user, role) in [
        ("bench-admin", "admin"),
        ("bench-cashier", "cashier"),
        ("bench-kitchen", "kitchen"),
    ] {
        let mut child = Command::new(&b.crema)
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
    let crema = b.start_crema("menu", true)?;
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
    let menu_file = work.join("menu.json");
    std::fs::write(&menu_file, &menu_json).map_err(|e| e.to_string())?;
    let menu: Value = serde_json::from_str(&menu_json).map_err(|e| e.to_string())?;
    let body = order_body(&menu)?;
    std::fs::write(work.join("order.json"), &body).map_err(|e| e.to_string())?;
    let (status, _, _) = http(&crema.server.url, "GET", "/api/health", None)?;
    if status != 200 {
        return Err("health check failed".into());
    }
    println!(
        "        menu: {} bytes, ETag {etag}; order body: {} bytes",
        menu_json.len(),
        body.len()
    );

    // 2. (a) the HTTP ceiling.
    b.progress("ceiling (a): bare axum GET /api/menu from memory (200, 304)");
    let mut cmd = Command::new(&b.bare);
    cmd.args(["menu", "--bind", "127.0.0.1:0", "--etag", &etag])
        .arg("--menu-file")
        .arg(&menu_file);
    let log = b.log("bare-menu");
    let bare = spawn_server("bench-bare menu", cmd, &log)?;
    let w = b.run_wrk(&bare.url, "menu.lua", 2, 64, secs, &[])?;
    let mut r = row_from_wrk(
        "ceiling_menu_200",
        "ceiling",
        "bare axum GET menu (200)",
        &w,
    );
    r.note = "same JSON bytes from memory".into();
    b.rows.push(r);
    let w = b.run_wrk(&bare.url, "menu.lua", 2, 64, secs, &[&etag])?;
    b.rows.push(row_from_wrk(
        "ceiling_menu_304",
        "ceiling",
        "bare axum GET menu (304)",
        &w,
    ));
    drop(bare);

    // 3. Crema's menu.
    b.progress("crema: GET /api/menu (200, and 304 via If-None-Match)");
    let w = b.run_wrk(&crema.server.url, "menu.lua", 2, 64, secs, &[])?;
    let mut r = row_from_wrk("crema_menu_200", "crema", "crema GET /api/menu (200)", &w);
    r.ceiling = Some("ceiling_menu_200".into());
    b.rows.push(r);
    let w = b.run_wrk(&crema.server.url, "menu.lua", 2, 64, secs, &[&etag])?;
    let mut r = row_from_wrk("crema_menu_304", "crema", "crema GET /api/menu (304)", &w);
    r.ceiling = Some("ceiling_menu_304".into());
    b.rows.push(r);
    drop(crema);

    // 4. (b) the durable HTTP ceilings.
    b.progress("ceiling (b): bare axum POST orders -> writer thread, 1 order per commit");
    for (id, scenario, per_tx) in [
        (
            "ceiling_orders_tx",
            "bare POST orders, 1 order/commit",
            true,
        ),
        (
            "ceiling_orders_group",
            "bare POST orders, group commit",
            false,
        ),
    ] {
        if !per_tx {
            b.progress("ceiling (b): bare axum POST orders -> writer thread, group commit");
        }
        let db = work.join(format!("{id}.db"));
        let mut cmd = Command::new(&b.bare);
        cmd.args(["orders", "--bind", "127.0.0.1:0"])
            .arg("--db")
            .arg(&db);
        if per_tx {
            cmd.arg("--per-tx");
        }
        let log = b.log(id);
        let bare = spawn_server("bench-bare orders", cmd, &log)?;
        let w = b.run_wrk(&bare.url, "orders.lua", 2, 64, secs, &["none", &body, id])?;
        let mut r = row_from_wrk(id, "ceiling", scenario, &w);
        r.note = "real schema, WAL, synchronous=FULL".into();
        b.rows.push(r);
    }

    // 5. (c) the store alone.
    b.progress("ceiling (c): Crema's store insert driven directly (no HTTP)");
    for (id, scenario, group) in [
        ("store_group", "store insert, no HTTP, group commit", true),
        ("store_tx", "store insert, no HTTP, 1 per commit", false),
    ] {
        let dir = work.join(id);
        let mut cmd = Command::new(&b.bare);
        cmd.args(["store", "--concurrency", "64"])
            .arg("--seconds")
            .arg((secs.div_ceil(2)).max(2).to_string())
            .arg("--dir")
            .arg(&dir);
        if !group {
            cmd.arg("--no-group-commit");
        }
        let v = json_line(&output_of(&mut cmd)?, "BENCHJSON")?;
        let mut r = row_from_ms(id, "reference", scenario, &v);
        r.note = "64 concurrent writers".into();
        b.rows.push(r);
    }

    // 6. Crema's orders, grouped and not.
    b.progress("crema: POST /api/orders (auth, pricing, idempotency, events), group commit");
    for (id, scenario, group) in [
        (
            "crema_orders_group",
            "crema POST /api/orders (group commit)",
            true,
        ),
        (
            "crema_orders_tx",
            "crema POST /api/orders (--no-group-commit)",
            false,
        ),
    ] {
        if !group {
            b.progress("crema: POST /api/orders with --no-group-commit");
        }
        let crema = b.start_crema(id, group)?;
        let w = b.run_wrk(
            &crema.server.url,
            "orders.lua",
            2,
            64,
            secs,
            &[&crema.cashier, &body, id],
        )?;
        let mut r = row_from_wrk(id, "crema", scenario, &w);
        r.ceiling = Some(if group {
            "ceiling_orders_group".into()
        } else {
            "ceiling_orders_tx".into()
        });
        b.rows.push(r);
    }

    // 7. steady 200 orders/s: latency.
    b.progress("crema: POST /api/orders at a steady 200 orders/s");
    let conns = 10u32;
    let delay = (conns as f64 * 1000.0 / STEADY_RATE as f64).to_string();
    let steady_secs = secs + 2;
    {
        let crema = b.start_crema("steady", true)?;
        let w = b.run_wrk(
            &crema.server.url,
            "orders.lua",
            1,
            conns,
            steady_secs,
            &[&crema.cashier, &body, "steady", &delay],
        )?;
        let mut r = row_from_wrk(
            "crema_orders_steady",
            "crema",
            "crema POST /api/orders at 200/s",
            &w,
        );
        r.note = format!("{conns} connections, ~{STEADY_RATE}/s offered");
        b.rows.push(r);
    }

    // 8. SSE fan-out.
    b.progress(&format!(
        "crema: {BOARDS} boards on GET /api/events, orders at {STEADY_RATE}/s: created_at -> event"
    ));
    {
        let crema = b.start_crema("sse", true)?;
        let (probe, probe_out) = start_probe(&b, &crema, BOARDS, steady_secs + 3)?;
        let w = b.run_wrk(
            &crema.server.url,
            "orders.lua",
            1,
            conns,
            steady_secs,
            &[&crema.cashier, &body, "sse", &delay],
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
    }

    // 9. the rush and memory.
    b.progress("crema: café rush (tablets, counter, kitchen, 10 boards) and memory");
    rush(&mut b, &etag, &body, secs + 4)?;

    // 10. criterion.
    b.progress("criterion micro-benchmarks: pricing, token verification");
    micro(&mut b)?;

    // 11. results.
    b.progress("results: table, results.json, results.md, latency.png");
    for i in 0..b.rows.len() {
        if let Some(c) = b.rows[i].ceiling.clone() {
            let base = b.rows.iter().find(|r| r.id == c).and_then(|r| r.rps);
            if let (Some(base), Some(rps)) = (base, b.rows[i].rps) {
                b.rows[i].ratio = Some(rps / base);
            }
        }
    }
    let targets = targets(&b);
    let machine = machine();
    let results = json!({
        "generated_at": chrono::Utc::now().to_rfc3339(),
        "seconds_per_run": secs,
        "machine": machine,
        "rows": b.rows.iter().map(Row::json).collect::<Vec<_>>(),
        "targets": targets,
        "notes": b.notes,
    });
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let results_path = out.join("results.json");
    std::fs::write(
        &results_path,
        serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let md = markdown(&b, &targets, &machine);
    std::fs::write(out.join("results.md"), &md).map_err(|e| e.to_string())?;
    let png = out.join("latency.png");
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

fn start_probe(
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

fn finish_probe(probe: Proc, out: mpsc::Receiver<String>) -> Result<Value, String> {
    let line = out
        .recv_timeout(Duration::from_secs(60))
        .map_err(|_| format!("{} gave no result", probe.name))?;
    drop(probe);
    json_line(&line, "BENCHJSON")
}

fn rush(b: &mut Bench, etag: &str, body: &str, secs: u64) -> Result<(), String> {
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

fn micro(b: &mut Bench) -> Result<(), String> {
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

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
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

// ---- targets and output ------------------------------------------------------------

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
        let met = value.map(|v| if op == ">=" { v >= limit } else { v < limit });
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
