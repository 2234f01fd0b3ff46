//! Head office's HTTP server (axum): the routes of `hq-contract.md`, the
//! shops' enrolment and pushes, rate limits, and its own OpenAPI document.

pub mod analytics;
pub mod cache;
pub mod error;
pub mod extract;
pub mod handlers;
pub mod live;
pub mod menu;
pub mod ratelimit;
pub mod redis_limit;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::hq::app::{Hq, HqCode, HqError};
use handlers as h;
use ratelimit::Limits;

/// State shared by the handlers.
#[derive(Clone)]
pub struct HqState {
    pub hq: Hq,
    /// Owners' live stream.
    pub live: live::Live,
    /// The reports' answers, until new sales arrive.
    pub cache: cache::ReadCache,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Crema head office API", version = "1",
         description = "Head office (`crema hq`): every shop's sales, exactly once; owners' reports."),
    modifiers(&BearerAuth),
    components(schemas(error::ErrorBody, HqCode))
)]
struct ApiDoc;

struct BearerAuth;
impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The routes (but the batch route) and the OpenAPI document of them all.
fn api(batch_limit: usize) -> (Router<HqState>, utoipa::openapi::OpenApi) {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(h::health))
        .routes(routes!(h::login))
        .routes(routes!(h::refresh))
        .routes(routes!(h::logout))
        .routes(routes!(h::list_shops))
        .routes(routes!(h::summary))
        .routes(routes!(h::list_orders))
        .routes(routes!(analytics::daily))
        .routes(routes!(analytics::daily_csv))
        .routes(routes!(analytics::items))
        .routes(routes!(analytics::payments))
        .routes(routes!(h::enrol))
        .routes(routes!(live::stream))
        .routes(routes!(menu::get_menu, menu::put_menu))
        .routes(routes!(menu::import_menu))
        .routes(routes!(menu::publish_menu))
        .routes(routes!(menu::menu_versions))
        .routes(routes!(menu::published_menu))
        .split_for_parts();
    // Batches and menus are larger than any other body: their own limit.
    let (events, events_doc) = OpenApiRouter::new()
        .routes(routes!(h::push_events))
        .routes(routes!(menu::put_shop_menu))
        .split_for_parts();
    let mut doc = doc;
    doc.merge(events_doc);
    let router = router.merge(events.layer(DefaultBodyLimit::max(batch_limit)));
    (router, doc)
}

/// The OpenAPI document (for `GET /api/openapi.json` and tests).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api(1).1
}

async fn method_not_allowed() -> Response {
    HqError::new(
        HqCode::MethodNotAllowed,
        "this endpoint does not take that method",
    )
    .into_response()
}

/// The whole application: routes, limits, fallbacks.
pub fn router(state: HqState, limits: Arc<Limits>) -> Router {
    let config = state.hq.config().clone();
    let (api, doc) = api(config.batch_limit_bytes);
    let doc = Arc::new(doc);
    api.route(
        "/api/openapi.json",
        get(move || {
            let doc = doc.clone();
            async move { axum::Json(doc.as_ref().clone()).into_response() }
        }),
    )
    .fallback(web::fallback)
    .method_not_allowed_fallback(method_not_allowed)
    .layer(DefaultBodyLimit::max(config.body_limit_bytes))
    .layer(middleware::from_fn_with_state(limits, ratelimit::limit))
    .with_state(state)
}

/// Serves head office on `listener` until `shutdown` resolves, then lets
/// in-flight requests finish.
pub async fn serve(
    hq: Hq,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), HqError> {
    let config = hq.config().clone();
    let redis = match &config.redis_url {
        Some(url) => Some(
            redis_limit::RedisLimits::connect(url.expose(), &config.redis_key_prefix)
                .await
                .map_err(|e| HqError::invalid(format!("cannot use Redis: {e}")))?,
        ),
        None => None,
    };
    let limits = Limits::new(
        config.rate_limit_per_minute,
        config.auth_rate_limit_per_minute,
        config.trusted_proxies.clone(),
        redis,
    );
    // Live streams end when shutdown begins (else they would hold it up).
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let live = live::Live::new(
        config
            .redis_url
            .as_ref()
            .map(|u| (u.expose(), config.redis_key_prefix.as_str())),
        stop,
    )
    .await
    .map_err(|e| HqError::invalid(format!("cannot use Redis: {e}")))?;
    let cache = match &config.redis_url {
        Some(url) => cache::ReadCache::shared(url.expose(), &config.redis_key_prefix)
            .await
            .map_err(|e| HqError::invalid(format!("cannot use Redis: {e}")))?,
        None => cache::ReadCache::local(),
    };
    let shutdown = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    };
    let pruned = limits.clone();
    let pruner = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            pruned.prune();
        }
    });
    let state = HqState { hq, live, cache };
    let app = router(state, limits).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(HqError::internal);
    pruner.abort();
    result
}
