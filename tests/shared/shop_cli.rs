//! The shop's `crema` binary as the tests run it: on a data dir, with no
//! `CREMA_*` settings leaking in from the environment the tests run in
//! (`#[path]`-included by the test suites that start it).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A `crema` command on `dir`.
pub fn crema(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crema"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("CREMA_") {
            c.env_remove(name);
        }
    }
    c.env("CREMA_LOG", "warn").arg("--data-dir").arg(dir);
    c
}

/// Runs `cmd` with `input` on its standard input; its whole output.
pub fn run_with_stdin(cmd: &mut Command, input: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn crema");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for crema")
}
