//! Crema's counter app: the Tauri v2 shell over the Crema application
//! services. It opens the store in the OS app-data directory, starts the
//! embedded LAN server for tablets and the kitchen board, and answers the web
//! client's `invoke` calls with the same use cases the HTTP API runs.
#![forbid(unsafe_code)]

pub mod commands;
pub mod error;
pub mod server;
pub mod state;
pub mod updater;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crema::app::App;
use crema::config::{Config, Overrides};
use tauri::{Emitter, Manager, RunEvent, Runtime};

pub use state::{Desktop, EventPayload, EVENT};

/// Registers every command (used by the app and by the mock-runtime tests).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::auth::health,
        commands::auth::login,
        commands::auth::login_with_pin,
        commands::auth::register,
        commands::auth::pair_device,
        commands::auth::refresh,
        commands::auth::logout,
        commands::menu::get_menu,
        commands::menu::patch_item,
        commands::orders::place_order,
        commands::orders::quote_order,
        commands::orders::list_orders,
        commands::orders::get_order,
        commands::orders::set_order_status,
        commands::orders::step_order_back,
        commands::orders::bump_order_line,
        commands::orders::add_payment,
        commands::orders::refund_order,
        commands::shifts::open_shift,
        commands::shifts::current_shift,
        commands::shifts::move_shift_cash,
        commands::shifts::close_shift,
        commands::shifts::z_report,
        commands::reports::get_summary,
        commands::reports::orders_csv,
        commands::settings::get_settings,
        commands::settings::update_settings,
        commands::customers::search_customers,
        commands::customers::create_customer,
        commands::customers::my_orders,
        commands::devices::create_pairing_code,
        commands::devices::list_devices,
        commands::devices::revoke_device,
        commands::audit::list_audit_log,
        commands::sync::get_sync_status,
        commands::menu::list_categories,
        commands::menu::create_category,
        commands::menu::update_category,
        commands::menu::delete_category,
        commands::menu::create_item,
        commands::menu::delete_item,
        commands::images::set_item_image,
        commands::images::delete_item_image,
        commands::menu::replace_modifier_groups,
        commands::menu::list_modifier_groups,
        commands::menu::create_modifier_group,
        commands::menu::update_modifier_group,
        commands::menu::delete_modifier_group,
        commands::coupons::list_coupons,
        commands::coupons::create_coupon,
        commands::coupons::update_coupon,
        commands::coupons::delete_coupon,
        commands::users::list_users,
        commands::users::create_user,
        commands::users::update_user,
        commands::printing::printer_status,
        commands::printing::get_printer_settings,
        commands::printing::update_printer_settings,
        commands::printing::print_test_page,
        commands::printing::retry_prints,
        commands::printing::open_drawer,
        commands::printing::print_receipt,
        commands::printing::print_refund_slip,
        commands::printing::print_z_report,
        commands::printing::print_x_report,
        commands::desktop::subscribe_events,
        commands::desktop::unsubscribe_events,
        commands::settings::setup_status,
        commands::settings::complete_setup,
        commands::desktop::server_info,
        commands::desktop::restart_server,
        commands::desktop::check_update,
        commands::desktop::install_update,
        commands::feedback::leave_feedback,
        commands::feedback::list_feedback,
        commands::feedback::moderate_feedback,
        commands::feedback::public_feedback,
        commands::feedback::list_notifications,
        commands::feedback::read_notification,
        commands::feedback::read_all_notifications,
        // Station printers, and loyalty as the web client has it over HTTP.
        commands::station_printers::list_station_printers,
        commands::station_printers::station_printer_status,
        commands::station_printers::update_station_printer,
        commands::station_printers::print_station_test_page,
        commands::loyalty::create_coupon_batch,
        commands::loyalty::coupon_batch_csv,
        commands::loyalty::my_loyalty,
        commands::loyalty::customer_loyalty,
        commands::tables::list_tables,
        commands::tables::create_table,
        commands::tables::update_table,
        commands::tables::delete_table,
        commands::tables::tables_sheet,
        commands::tables::accept_order,
    ])
}

/// Sends live events to the web view through the app handle.
pub fn emitter<R: Runtime>(handle: tauri::AppHandle<R>) -> state::Emit {
    Arc::new(move |payload: EventPayload| {
        if let Err(e) = handle.emit(EVENT, payload) {
            tracing::warn!(error = %e, "could not deliver a live event to the window");
        }
    })
}

/// The desktop defaults under crema.toml and CREMA_* : the LAN server
/// listens on every interface, port 8080.
pub fn load_config(data_dir: &std::path::Path) -> Result<Config, String> {
    let defaults = Config {
        bind: SocketAddr::from(([0, 0, 0, 0], 8080)),
        ..Config::default()
    };
    Config::load_from(defaults, data_dir, &Overrides::default()).map_err(|e| e.to_string())
}

fn data_dir<R: Runtime>(app: &tauri::App<R>) -> Result<PathBuf, String> {
    if let Some(d) = std::env::var_os("CREMA_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    app.path()
        .app_data_dir()
        .map_err(|e| format!("no application data directory: {e}"))
}

fn open<R: Runtime>(app: &tauri::App<R>) -> Result<Desktop, String> {
    let dir = data_dir(app)?;
    let config = load_config(&dir)?;
    let updates = updater::TauriUpdates::from_config(
        app.handle().clone(),
        config.update_endpoint.as_deref(),
        config.update_pubkey.as_deref(),
    )?
    .map(|u| Arc::new(u) as Arc<dyn state::Updates>);
    let crema = App::open(&dir, config).map_err(|e| e.report())?;
    tracing::info!(data_dir = %dir.display(), updates = updates.is_some(), "store open");
    Ok(Desktop::new(crema, emitter(app.handle().clone()), updates))
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CREMA_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tao=warn,wry=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs the counter app until its window closes.
pub fn run() {
    init_tracing();
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_updater::Builder::new().build())
        // A (re)loaded page starts its own event feeds; the old page's end.
        .on_page_load(|webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Started {
                if let Some(desktop) = webview.try_state::<Desktop>() {
                    desktop.unsubscribe_all();
                }
            }
        })
        .setup(|app| {
            let desktop = open(app).map_err(|e| {
                eprintln!("crema: {e}");
                e
            })?;
            let info = tauri::async_runtime::block_on(async {
                // Receipts still waiting from before (also when the LAN server cannot start).
                if let Err(e) = crema::app::printing::resume(&desktop.app).await {
                    tracing::warn!(error = %e.message, "could not queue the waiting receipts");
                }
                // Scheduled backups, also when the LAN server cannot start.
                crema::app::backups::start(&desktop.app);
                crema::sync::pusher::start(&desktop.app);
                desktop.server.lock().await.start().await
            });
            match (&info.error, info.urls.first()) {
                (Some(p), _) => eprintln!("crema: LAN server not started: {}", p.message),
                (None, Some(url)) => println!("LAN server on {url}"),
                _ => {}
            }
            app.manage(desktop);
            Ok(())
        });
    let app = match with_commands(builder).build(tauri::generate_context!("../tauri.conf.json")) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("crema: the counter app could not start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            if let Some(desktop) = handle.try_state::<Desktop>() {
                tauri::async_runtime::block_on(desktop.shutdown());
            }
        }
    });
}
