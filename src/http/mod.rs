//! The LAN server (axum): routes of the v1 contract, layers, OpenAPI.

mod accept;
pub mod answers;
pub mod conn;
pub mod edge;
pub mod error;
pub mod extract;
pub mod handlers;
pub mod ratelimit;
mod request_id;
pub mod streams;
mod timer;
pub mod web;

use crate::app::ErrorCode;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, FromRef};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::App;
use error::error_response;
use handlers::{
    audit, auth, categories, coupons, customers, desktop, devices, events, feedback, health,
    images, items, kitchen, menu, modifier_library, notifications, orders, printing, reports,
    settings, setup, shifts, station_printers, sync, tables, users,
};

/// State shared by the handlers: one `Arc`, as axum clones it for every
/// request.
#[derive(Clone)]
pub struct HttpState(Arc<HttpShared>);

impl std::ops::Deref for HttpState {
    type Target = HttpShared;
    fn deref(&self) -> &HttpShared {
        &self.0
    }
}

pub struct HttpShared {
    pub app: App,
    /// Turns true when the server begins shutting down (ends SSE streams).
    pub shutdown: watch::Receiver<bool>,
    /// Live event streams held per account or device.
    pub streams: Arc<streams::StreamSlots>,
    /// The address the server listens on (for the addresses tablets use).
    pub bound: SocketAddr,
    /// The menu answer's headers, built once per menu.
    pub menu_headers: menu::MenuHeaders,
}

impl FromRef<HttpState> for App {
    fn from_ref(s: &HttpState) -> App {
        s.app.clone()
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Crema LAN API", version = "1", description = "Point of sale and ordering for cafés: the HTTP contract v1."),
    modifiers(&BearerAuth),
    components(schemas(error::ErrorBody, crate::app::ErrorCode, error::ErrorField, crate::app::desktop::ServerInfo, crate::app::desktop::ServerProblem, crate::app::desktop::UpdateInfo))
)]
struct ApiDoc;

struct BearerAuth;
impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// All API routes and the OpenAPI document describing exactly them.
pub fn api() -> (Router<HttpState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(auth::login))
        .routes(routes!(auth::pin, auth::pin_here))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::register))
        .routes(routes!(menu::get_menu))
        .routes(routes!(items::patch_item, items::delete_item))
        .routes(routes!(items::create_item))
        .routes(routes!(items::replace_groups))
        .routes(routes!(images::put_image, images::delete_image))
        .routes(routes!(images::get_file))
        .routes(routes!(modifier_library::list, modifier_library::create))
        .routes(routes!(modifier_library::update, modifier_library::delete))
        .routes(routes!(
            categories::list_categories,
            categories::create_category
        ))
        .routes(routes!(
            categories::update_category,
            categories::delete_category
        ))
        .routes(routes!(coupons::list_coupons, coupons::create_coupon))
        .routes(routes!(coupons::update_coupon, coupons::delete_coupon))
        .routes(routes!(coupons::create_batch))
        .routes(routes!(coupons::get_batch))
        .routes(routes!(users::list_users, users::create_user))
        .routes(routes!(users::update_user))
        .routes(routes!(orders::place, orders::list))
        .routes(routes!(orders::get))
        .routes(routes!(orders::quote))
        .routes(routes!(orders::set_status))
        .routes(routes!(orders::step_back))
        .routes(routes!(orders::pay))
        .routes(routes!(orders::refund))
        .routes(routes!(kitchen::bump))
        .routes(routes!(tables::list, tables::create))
        .routes(routes!(tables::update, tables::delete))
        .routes(routes!(tables::start_session))
        .routes(routes!(tables::accept))
        .routes(routes!(tables::sheet))
        .routes(routes!(events::events))
        .routes(routes!(reports::summary))
        .routes(routes!(reports::orders_csv))
        .routes(routes!(reports::z))
        .routes(routes!(shifts::open))
        .routes(routes!(shifts::current))
        .routes(routes!(shifts::cash))
        .routes(routes!(shifts::close))
        .routes(routes!(settings::get, settings::put))
        .routes(routes!(setup::status, setup::complete))
        .routes(routes!(customers::search, customers::create))
        .routes(routes!(customers::my_orders))
        .routes(routes!(customers::my_loyalty))
        .routes(routes!(customers::loyalty))
        .routes(routes!(devices::create_code))
        .routes(routes!(devices::pair))
        .routes(routes!(devices::list))
        .routes(routes!(devices::revoke))
        .routes(routes!(audit::list))
        .routes(routes!(sync::status))
        .routes(routes!(desktop::server))
        .routes(routes!(printing::status))
        .routes(routes!(printing::get_settings, printing::update_settings))
        .routes(routes!(printing::test_page))
        .routes(routes!(printing::retry))
        .routes(routes!(printing::drawer))
        .routes(routes!(printing::receipt))
        .routes(routes!(printing::refund_slip))
        .routes(routes!(printing::z_report))
        .routes(routes!(printing::x_report))
        .routes(routes!(station_printers::list))
        .routes(routes!(station_printers::status))
        .routes(routes!(station_printers::update))
        .routes(routes!(station_printers::test_page))
        .routes(routes!(feedback::leave))
        .routes(routes!(feedback::list))
        .routes(routes!(feedback::moderate))
        .routes(routes!(feedback::public))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::read))
        .routes(routes!(notifications::read_all))
        .split_for_parts();
    // After the routes: it completes the answers of every operation.
    answers::CommonAnswers.modify(&mut doc);
    (router, doc)
}

async fn method_not_allowed() -> Response {
    error_response(
        ErrorCode::MethodNotAllowed,
        "this endpoint does not take that method",
    )
}

/// The limit axum's body extractors apply without a `DefaultBodyLimit`.
const AXUM_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The routes with their state, body limit and fallbacks.
pub fn router(app: App, shutdown: watch::Receiver<bool>, bound: SocketAddr) -> Router {
    let body_limit = app.config().body_limit_bytes;
    let streams = streams::StreamSlots::new(app.config().max_event_streams_per_user);
    let (api, doc) = api();
    let doc = Arc::new(doc);
    let api = api
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = doc.clone();
                async move { axum::Json(doc.as_ref().clone()).into_response() }
            }),
        )
        .fallback(web::fallback)
        .method_not_allowed_fallback(method_not_allowed);
    // The edge reads every body within `body_limit` before a handler runs.
    // axum's extractors have their own default (2 MiB), lifted only when
    // the configured limit is above it: a layer on every route costs every
    // request an extension and a wrapper (callgrind).
    let api = if body_limit > AXUM_BODY_LIMIT {
        api.layer(DefaultBodyLimit::max(body_limit))
    } else {
        api
    };
    api.with_state(HttpState(Arc::new(HttpShared {
        app,
        shutdown,
        streams,
        bound,
        menu_headers: menu::MenuHeaders::default(),
    })))
}

/// Serves the API on `listener` until `shutdown` resolves, then stops taking
/// connections, ends event streams and lets in-flight requests (and their
/// writes) finish. The caller closes the `App` afterwards.
pub async fn serve(
    app: App,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let bound = listener.local_addr()?;
    // Receipts that were waiting for the printer when the shop last closed.
    if let Err(e) = crate::app::printing::resume(&app).await {
        tracing::warn!(error = %e.message, "could not queue the waiting receipts");
    }
    // The admins' inbox follows the events from here on.
    crate::app::notifications::watch::start(&app);
    // Pictures' files as the store has them (missing ones after a restore).
    match crate::app::images::sweep(&app).await {
        Ok(s) if s.written + s.removed > 0 => {
            tracing::info!(
                written = s.written,
                removed = s.removed,
                "picture files brought in line with the store"
            )
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e.message, "could not check the picture files"),
    }
    let config = app.config().clone();
    let limits = ratelimit::Limits::new(
        config.rate_limit_per_minute,
        config.auth_rate_limit_per_minute,
    );
    let edge = Arc::new(edge::Edge {
        limits: limits.clone(),
        read_timeout: Duration::from_secs(config.request_timeout_seconds),
        body_limit: config.body_limit_bytes,
        ids: edge::RequestIds::default(),
    });
    let router = router(app, stop_rx.clone(), bound);
    let mut prune_stop = stop_rx.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = tick.tick() => limits.prune(),
                _ = prune_stop.wait_for(|s| *s) => break,
            }
        }
    });
    let caps = conn::ConnCaps::new(
        conn::effective_max_connections(config.max_connections),
        config.max_connections_per_ip,
    );
    accept::run(
        conn::CappedListener::new(listener, caps),
        edge,
        router,
        Duration::from_secs(config.request_timeout_seconds),
        async move {
            shutdown.await;
            let _ = stop_tx.send(true);
        },
    )
    .await;
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
