//! `bench-load`: the driver behind `make bench`. Starts the ceiling servers
//! (`bench-bare`) and the real `crema` binary on 127.0.0.1, loads them with
//! wrk (scripts in `benches/wrk/`), holds kitchen boards with `bench-sse`,
//! reads memory from /proc, loads a head office (`crema hq`) on PostgreSQL
//! with 100 shops' pushes, runs the criterion micro-benchmarks, then prints
//! the table and writes `target/bench/results.json`, `results.md` and the
//! chart `latency.png` (drawn by `benches/chart.py`).
//!
//! Every load is bounded in time (`BENCH_SECONDS`, default 8 s per run) and
//! goes to 127.0.0.1 only. `BENCH_QUICK=1` shortens every run and
//! `BENCH_ONLY=stage,…` runs only those stages (development).
//!
//! One module per stage, in the order they run: `setup`, `menu`,
//! `callgrind`, `orders`, `boards`, `rush`, `slowdisk`, `browser`,
//! `coldstart`, `hq` (with `hq_load`), `micro`, then `report`.

mod bench;
mod boards;
mod browser;
mod callgrind;
mod client;
mod coldstart;
mod hq;
mod hq_load;
mod menu;
mod micro;
mod orders;
mod procs;
mod report;
mod rows;
mod rush;
mod setup;
mod slowdisk;

use bench::Bench;

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

fn run() -> Result<(), String> {
    // BENCH_ONLY=callgrind,slowdisk runs just those stages (development).
    let only = std::env::var("BENCH_ONLY").ok();
    let wants = |stage: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|s| s.trim() == stage))
    };
    let mut b = Bench::new(18)?;
    println!(
        "bench: {} s per load run, results in {}",
        b.secs,
        b.out.display()
    );
    let setup = b.set_up()?;
    if wants("menu") {
        menu::run(&mut b, &setup)?;
    }
    drop(setup.crema);
    if wants("callgrind") {
        callgrind::run(&mut b, &setup.etag, &setup.menu_file)?;
    }
    let (etag, body) = (setup.etag, setup.body);
    if wants("orders") {
        orders::ceilings(&mut b, &body)?;
        orders::crema(&mut b, &body)?;
    }
    if wants("boards") {
        boards::run(&mut b, &body)?;
    }
    if wants("rush") {
        b.progress("crema: café rush (tablets, counter, kitchen, 10 boards) and memory");
        let secs = b.secs + 4;
        rush::run(&mut b, &etag, &body, secs)?;
    }
    if wants("slowdisk") {
        slowdisk::run(&mut b, &body)?;
    }
    if wants("browser") {
        browser::run(&mut b)?;
    }
    if wants("coldstart") {
        coldstart::run(&mut b)?;
    }
    if wants("hq") {
        hq::run(&mut b)?;
    }
    if wants("micro") {
        b.progress("criterion micro-benchmarks: pricing, token verification");
        micro::micro(&mut b)?;
    }
    report::write(&mut b)
}
