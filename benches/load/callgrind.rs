//! Instructions per `GET /api/menu` under callgrind, for the bare axum
//! server and for Crema: a figure the load on the machine cannot move, where
//! the wall-clock ratio moves by ±10 % between runs.
//!
//! Each server runs once under `valgrind --tool=callgrind`. One keep-alive
//! connection (outside valgrind, one request at a time) sends `WARM` requests
//! of each kind; then the counters are zeroed (`callgrind_control -z`), `N`
//! requests answered 200 are sent and the counters dumped
//! (`callgrind_control -d`), then `N` answered 304 and dumped again. Each
//! dump's total over `N` is what one request costs: its parsing, routing,
//! middleware, handler, answer, and the runtime's work around it. The
//! profiles stay in `target/bench/work/callgrind-*.out.{1,2}` for
//! `callgrind_annotate`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::bench::Bench;
use crate::procs::{output_of, spawn_server, stop};
use crate::rows::Row;

const WARM: usize = 100;

pub(crate) fn run(b: &mut Bench, etag: &str, menu_file: &Path) -> Result<(), String> {
    b.progress("callgrind: instructions per GET /api/menu, bare axum and crema (200, 304)");
    if Command::new("valgrind").arg("--version").output().is_err() {
        b.notes
            .push("valgrind is missing: no instruction counts (apt-get install valgrind)".into());
        return Ok(());
    }
    let n = if b.quick { 500 } else { 2000 };
    let bare = per_request(b, "bare", n, etag, |b| {
        let mut cmd = Command::new(&b.bare);
        cmd.args(["menu", "--bind", "127.0.0.1:0", "--etag", etag])
            .arg("--menu-file")
            .arg(menu_file);
        Ok(cmd)
    })?;
    let crema = per_request(b, "crema", n, etag, |b| b.crema_command("callgrind", true))?;
    for (k, status) in [(0, "200"), (1, "304")] {
        let base = format!("callgrind_bare_menu_{status}");
        b.rows.push(Row {
            id: base.clone(),
            group: "ceiling",
            scenario: format!("bare axum GET menu ({status}), callgrind"),
            requests: n as u64,
            value: Some(bare[k]),
            unit: "instructions/request",
            note: format!("{:.1} k instructions per request", bare[k] / 1000.0),
            ..Row::default()
        });
        b.rows.push(Row {
            id: format!("callgrind_crema_menu_{status}"),
            group: "crema",
            scenario: format!("crema GET /api/menu ({status}), callgrind"),
            requests: n as u64,
            value: Some(crema[k]),
            unit: "instructions/request",
            ceiling: Some(base),
            ratio: Some(crema[k] / bare[k]),
            note: format!("{:.1} k instructions per request", crema[k] / 1000.0),
            ..Row::default()
        });
    }
    Ok(())
}

/// Instructions per request `[200, 304]` of the server `make` builds.
fn per_request(
    b: &mut Bench,
    name: &str,
    n: usize,
    etag: &str,
    make: impl FnOnce(&mut Bench) -> Result<Command, String>,
) -> Result<[f64; 2], String> {
    let cmd = make(b)?;
    let out = b.work.join(format!("callgrind-{name}.out"));
    let mut vg = Command::new("valgrind");
    vg.arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => vg.env(k, v),
            None => vg.env_remove(k),
        };
    }
    let log = b.log(&format!("callgrind-{name}"));
    let mut server = spawn_server(&format!("{name} under callgrind"), vg, &log)?;
    let pid = server.proc.pid().to_string();
    let control = |what: &str| -> Result<(), String> {
        output_of(Command::new("callgrind_control").args([what, &pid])).map(|_| ())
    };
    let mut conn = Conn::open(&server.url)?;
    for _ in 0..WARM {
        conn.get_menu(None, 200)?;
        conn.get_menu(Some(etag), 304)?;
    }
    control("-z")?;
    for _ in 0..n {
        conn.get_menu(None, 200)?;
    }
    control("-d")?;
    for _ in 0..n {
        conn.get_menu(Some(etag), 304)?;
    }
    control("-d")?;
    drop(conn);
    stop(&mut server.proc, Duration::from_secs(120))?;
    let per = |dump: u32| -> Result<f64, String> {
        let file = out.with_extension(format!("out.{dump}"));
        Ok(instructions(&file)? as f64 / n as f64)
    };
    Ok([per(1)?, per(2)?])
}

/// The `totals:` line of a callgrind profile.
fn instructions(file: &Path) -> Result<u64, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("totals:")
                .or_else(|| l.strip_prefix("summary:"))
        })
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("no instruction total in {}", file.display()))
}

/// One keep-alive HTTP/1.1 connection, one request at a time.
struct Conn {
    stream: TcpStream,
    host: String,
    buf: Vec<u8>,
}

impl Conn {
    fn open(url: &str) -> Result<Conn, String> {
        let host = url.trim_start_matches("http://").trim_end_matches('/');
        let stream = TcpStream::connect(host).map_err(|e| format!("{host}: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let _ = stream.set_nodelay(true);
        Ok(Conn {
            stream,
            host: host.to_string(),
            buf: Vec::with_capacity(64 * 1024),
        })
    }

    fn get_menu(&mut self, etag: Option<&str>, want: u16) -> Result<(), String> {
        let inm = etag
            .map(|e| format!("If-None-Match: {e}\r\n"))
            .unwrap_or_default();
        let req = format!("GET /api/menu HTTP/1.1\r\nHost: {}\r\n{inm}\r\n", self.host);
        self.stream
            .write_all(req.as_bytes())
            .map_err(|e| e.to_string())?;
        let head_end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill()?;
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end]).to_ascii_lowercase();
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or("bad status line")?;
        if status != want {
            return Err(format!("GET /api/menu answered {status}, not {want}"));
        }
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while self.buf.len() < head_end + len {
            self.fill()?;
        }
        self.buf.drain(..head_end + len);
        Ok(())
    }

    fn fill(&mut self) -> Result<(), String> {
        let mut chunk = [0u8; 16 * 1024];
        let got = self.stream.read(&mut chunk).map_err(|e| e.to_string())?;
        if got == 0 {
            return Err("the server closed the connection".into());
        }
        self.buf.extend_from_slice(&chunk[..got]);
        Ok(())
    }
}
