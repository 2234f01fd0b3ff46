//! The counter in Chromium against `crema serve`: tap on an item -> the
//! cart shows it, "Place & pay" -> the order's number shown, and cash
//! (exact) -> the paid screen; over 200 orders (`benches/browser/till.mjs`,
//! playwright-core from the frontend's node_modules).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::bench::Bench;
use crate::procs::{json_line, output_of};
use crate::rows::{row_from_ms, Row};

/// Where the in-browser figures are compared (targets in `report`).
pub(crate) const TAP_P99_MS: f64 = 50.0;
pub(crate) const PLACE_P99_MS: f64 = 150.0;

pub(crate) fn run(b: &mut Bench) -> Result<(), String> {
    let orders = if b.quick { 50 } else { 200 };
    b.progress(&format!(
        "browser: tap-to-cart and place-to-number at the counter in Chromium, {orders} orders"
    ));
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let modules = b.root.join("frontend/node_modules/playwright-core");
    if !Path::new(&chromium).exists() || !modules.exists() {
        b.notes.push(format!(
            "browser figures skipped: needs {chromium} and the frontend's node_modules (make test installs both)"
        ));
        return Ok(());
    }
    let crema = b.start_crema("browser", true)?;
    let out = output_of(
        Command::new("node")
            .arg(b.root.join("benches/browser/till.mjs"))
            .arg(&crema.server.url)
            .args(["bench-cashier", "bench-cashier-password"])
            .arg(orders.to_string()),
    )?;
    let v = json_line(&out, "BENCHJSON")?;
    let row = |id: &str, scenario: &str, v: &Value| -> Row {
        let mut r = row_from_ms(id, "browser", scenario, v);
        r.requests = v["n"].as_u64().unwrap_or(0);
        r.rps = None;
        r.note = format!("{} samples; max {:.1} ms", r.requests, r.max.unwrap_or(0.0));
        r
    };
    b.rows.push(row(
        "browser_tap",
        "counter in Chromium: tap an item -> the cart shows it",
        &v["tap"],
    ));
    b.rows.push(row(
        "browser_place",
        "counter in Chromium: Place & pay -> the order's number shown",
        &v["place"],
    ));
    b.rows.push(row(
        "browser_pay",
        "counter in Chromium: cash (exact), Confirm -> paid, number shown",
        &v["pay"],
    ));
    Ok(())
}
