use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

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
///
/// The busiest read there is (every tablet, kiosk and board polls it), so
/// it borrows the request's headers instead of copying them, and sizes the
/// answer's header map once for these headers, `content-length` and the
/// four the edge adds.
#[utoipa::path(get, path = "/api/menu", tag = "menu",
    responses((status = 200, body = MenuView, headers(("ETag" = String))),
              (status = 304, description = "not modified")))]
pub async fn get_menu(State(app): State<App>, req: Request) -> Result<Response, AppError> {
    let snapshot = menu::get(&app).await?;
    let etag =
        HeaderValue::from_maybe_shared(snapshot.etag_bytes.clone()).map_err(AppError::internal)?;
    let mut headers = HeaderMap::with_capacity(8);
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let mut resp = if matches_etag(req.headers(), &snapshot.etag) {
        let mut resp = Response::new(Body::empty());
        *resp.status_mut() = StatusCode::NOT_MODIFIED;
        resp
    } else {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        Response::new(Body::from(snapshot.json.clone()))
    };
    *resp.headers_mut() = headers;
    Ok(resp)
}
