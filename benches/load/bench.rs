//! The run's state and the helpers every stage uses: progress lines, logs,
//! wrk, fresh data directories and a started Crema.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

use crate::client::login;
use crate::procs::{json_line, output_of, spawn_server, Server};
use crate::rows::Row;
use crate::{AUTH_RATE_LIMIT, RATE_LIMIT};

pub(crate) struct Bench {
    pub(crate) root: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) work: PathBuf,
    pub(crate) crema: PathBuf,
    pub(crate) bare: PathBuf,
    pub(crate) sse: PathBuf,
    pub(crate) wrk_dir: PathBuf,
    pub(crate) secs: u64,
    /// `BENCH_QUICK=1`: shorter runs everywhere (development).
    pub(crate) quick: bool,
    pub(crate) stage: usize,
    pub(crate) stages: usize,
    pub(crate) started: Instant,
    pub(crate) rows: Vec<Row>,
    pub(crate) notes: Vec<String>,
    pub(crate) servers_started: usize,
    pub(crate) template: PathBuf,
}

/// What a running Crema needs for the load scripts.
pub(crate) struct Crema {
    pub(crate) server: Server,
    pub(crate) cashier: String,
    pub(crate) kitchen: String,
}

impl Bench {
    pub(crate) fn progress(&mut self, what: &str) {
        self.stage += 1;
        println!(
            "[{:>2}/{}] {:>5.1}s  {what}",
            self.stage,
            self.stages,
            self.started.elapsed().as_secs_f64()
        );
        let _ = std::io::stdout().flush();
    }

    pub(crate) fn log(&mut self, name: &str) -> PathBuf {
        self.servers_started += 1;
        self.work
            .join(format!("{:02}-{name}.log", self.servers_started))
    }

    pub(crate) fn wrk(
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

    pub(crate) fn run_wrk(
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
    pub(crate) fn fresh_data_dir(&mut self, name: &str) -> Result<PathBuf, String> {
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

    /// `crema serve` on 127.0.0.1:0 over a fresh copy of the template, with
    /// the limits lifted (all load comes from this machine).
    pub(crate) fn crema_command(
        &mut self,
        name: &str,
        group_commit: bool,
    ) -> Result<Command, String> {
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
        Ok(cmd)
    }

    pub(crate) fn start_crema(&mut self, name: &str, group_commit: bool) -> Result<Crema, String> {
        let cmd = self.crema_command(name, group_commit)?;
        self.start_crema_with(name, cmd)
    }

    /// Starts `cmd` (from [`Bench::crema_command`], maybe changed) and signs
    /// the bench cashier and kitchen in.
    pub(crate) fn start_crema_with(&mut self, name: &str, cmd: Command) -> Result<Crema, String> {
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
