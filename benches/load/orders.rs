//! Stages 4–7: durable orders. The bare ceilings (one order per commit and
//! grouped), Crema's store driven without HTTP, Crema's `POST /api/orders`
//! with group commit on and off, and a steady 200 orders/s for latency.

use std::process::Command;

use crate::bench::Bench;
use crate::procs::{json_line, output_of, spawn_server};
use crate::rows::{row_from_ms, row_from_wrk};
use crate::STEADY_RATE;

/// The bare POST orders server and Crema's store alone.
pub(crate) fn ceilings(b: &mut Bench, body: &str) -> Result<(), String> {
    let secs = b.secs;
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
        let db = b.work.join(format!("{id}.db"));
        let mut cmd = Command::new(&b.bare);
        cmd.args(["orders", "--bind", "127.0.0.1:0"])
            .arg("--db")
            .arg(&db);
        if per_tx {
            cmd.arg("--per-tx");
        }
        let log = b.log(id);
        let bare = spawn_server("bench-bare orders", cmd, &log)?;
        let w = b.run_wrk(&bare.url, "orders.lua", 2, 64, secs, &["none", body, id])?;
        let mut r = row_from_wrk(id, "ceiling", scenario, &w);
        r.note = "real schema, WAL, synchronous=FULL".into();
        b.rows.push(r);
    }

    b.progress("ceiling (c): Crema's store insert driven directly (no HTTP)");
    for (id, scenario, group) in [
        ("store_group", "store insert, no HTTP, group commit", true),
        ("store_tx", "store insert, no HTTP, 1 per commit", false),
    ] {
        let dir = b.work.join(id);
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
    Ok(())
}

/// Crema's orders at full speed, grouped and not, then at a steady rate.
pub(crate) fn crema(b: &mut Bench, body: &str) -> Result<(), String> {
    let secs = b.secs;
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
            &[&crema.cashier, body, id],
        )?;
        let mut r = row_from_wrk(id, "crema", scenario, &w);
        r.ceiling = Some(if group {
            "ceiling_orders_group".into()
        } else {
            "ceiling_orders_tx".into()
        });
        b.rows.push(r);
    }

    b.progress("crema: POST /api/orders at a steady 200 orders/s");
    let conns = 10u32;
    let crema = b.start_crema("steady", true)?;
    let w = b.run_wrk(
        &crema.server.url,
        "orders.lua",
        1,
        conns,
        secs + 2,
        &[&crema.cashier, body, "steady", &steady_delay(conns)],
    )?;
    let mut r = row_from_wrk(
        "crema_orders_steady",
        "crema",
        "crema POST /api/orders at 200/s",
        &w,
    );
    r.note = format!("{conns} connections, ~{STEADY_RATE}/s offered");
    b.rows.push(r);
    Ok(())
}

/// wrk's delay per connection (ms) for `conns` connections to offer
/// [`STEADY_RATE`] orders/s in all.
pub(crate) fn steady_delay(conns: u32) -> String {
    (conns as f64 * 1000.0 / STEADY_RATE as f64).to_string()
}
