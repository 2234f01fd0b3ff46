//! Stages 2–3: the menu under wrk, the bare axum ceiling first, then Crema
//! (200, and 304 via `If-None-Match`).

use std::process::Command;

use crate::bench::Bench;
use crate::procs::spawn_server;
use crate::rows::row_from_wrk;
use crate::setup::Setup;

pub(crate) fn run(b: &mut Bench, setup: &Setup) -> Result<(), String> {
    let secs = b.secs;
    let etag = setup.etag.as_str();
    b.progress("ceiling (a): bare axum GET /api/menu from memory (200, 304)");
    let mut cmd = Command::new(&b.bare);
    cmd.args(["menu", "--bind", "127.0.0.1:0", "--etag", etag])
        .arg("--menu-file")
        .arg(&setup.menu_file);
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
    let w = b.run_wrk(&bare.url, "menu.lua", 2, 64, secs, &[etag])?;
    b.rows.push(row_from_wrk(
        "ceiling_menu_304",
        "ceiling",
        "bare axum GET menu (304)",
        &w,
    ));
    drop(bare);

    b.progress("crema: GET /api/menu (200, and 304 via If-None-Match)");
    let crema = &setup.crema;
    let w = b.run_wrk(&crema.server.url, "menu.lua", 2, 64, secs, &[])?;
    let mut r = row_from_wrk("crema_menu_200", "crema", "crema GET /api/menu (200)", &w);
    r.ceiling = Some("ceiling_menu_200".into());
    b.rows.push(r);
    let w = b.run_wrk(&crema.server.url, "menu.lua", 2, 64, secs, &[etag])?;
    let mut r = row_from_wrk("crema_menu_304", "crema", "crema GET /api/menu (304)", &w);
    r.ceiling = Some("ceiling_menu_304".into());
    b.rows.push(r);
    Ok(())
}
