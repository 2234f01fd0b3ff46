use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::menu::{self, MenuView};
use crate::app::{App, AppError};

fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
}

/// The menu. Served from a cache; answers `If-None-Match` with 304.
#[utoipa::path(get, path = "/api/menu", tag = "menu",
    responses((status = 200, body = MenuView, headers(("ETag" = String))),
              (status = 304, description = "not modified")))]
pub async fn get_menu(State(app): State<App>, headers: HeaderMap) -> Result<Response, AppError> {
    let snapshot = menu::get(&app).await?;
    let etag = HeaderValue::from_str(&snapshot.etag).map_err(AppError::internal)?;
    let cache = HeaderValue::from_static("no-cache");
    if matches_etag(&headers, &snapshot.etag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache),
        ],
        snapshot.json.clone(),
    )
        .into_response())
}
