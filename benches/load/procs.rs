//! Child processes: servers that announce their address, output parsing,
//! memory read from /proc.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// A child process killed (and reaped) when dropped.
pub(crate) struct Proc {
    pub(crate) child: Child,
    pub(crate) name: String,
}

impl Proc {
    pub(crate) fn pid(&self) -> u32 {
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
pub(crate) struct Server {
    pub(crate) proc: Proc,
    pub(crate) url: String,
}

pub(crate) fn spawn_server(name: &str, mut cmd: Command, log: &Path) -> Result<Server, String> {
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

pub(crate) fn memory_kb(pid: u32) -> (u64, u64) {
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

pub(crate) fn output_of(cmd: &mut Command) -> Result<String, String> {
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

pub(crate) fn json_line(out: &str, tag: &str) -> Result<Value, String> {
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix(tag))
        .ok_or_else(|| format!("no {tag} line in output:\n{out}"))?;
    serde_json::from_str(line.trim()).map_err(|e| format!("bad {tag} line {line:?}: {e}"))
}

/// Asks `proc` to stop (SIGTERM) and waits up to `patience` for it to exit,
/// so that what it writes on the way out (a callgrind profile, the flush
/// count of the slow-disk shim) is there.
pub(crate) fn stop(proc: &mut Proc, patience: Duration) -> Result<(), String> {
    let pid = proc.pid().to_string();
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    let end = std::time::Instant::now() + patience;
    while proc.child.try_wait().ok().flatten().is_none() {
        if std::time::Instant::now() > end {
            return Err(format!("{} did not stop on SIGTERM", proc.name));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}
