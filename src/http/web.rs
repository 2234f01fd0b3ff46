//! The React build (frontend/dist), embedded in the binary in release
//! builds (read from disk in debug builds). Hashed assets are cached for a
//! year; index.html is revalidated; client routes fall back to index.html.
//! Every answer here carries [`WEB_CSP`]; `edge` adds `nosniff` and
//! `Referrer-Policy` to all answers, and a locked-down CSP to the API's.

use axum::http::{header, HeaderValue, Method, Uri};
use axum::response::{Html, IntoResponse, Response};
use rust_embed::Embed;

use super::error::error_response;
use crate::app::ErrorCode;

#[derive(Embed)]
#[folder = "frontend/dist"]
#[allow_missing = true]
struct Assets;

const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Crema</title></head>\
<body style=\"font-family:sans-serif;max-width:40rem;margin:4rem auto\"><h1>Crema</h1>\
<p>The API is running (<a href=\"/api/openapi.json\">OpenAPI</a>), but this binary was built \
without the web app. Build it with <code>make run</code> or <code>make build</code>.</p></body></html>";

/// The web app's Content Security Policy: its own scripts only (the build
/// has no inline script), inline styles (React `style` props, charts),
/// images from data/blob URLs (downloads, charts), the API on the same
/// origin, and no framing (clickjacking). The Tauri window has its own CSP
/// in `tauri.conf.json`.
pub const WEB_CSP: HeaderValue = HeaderValue::from_static(
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
);

fn asset(path: &str) -> Option<Response> {
    let file = Assets::get(path)?;
    let mime = HeaderValue::from_str(file.metadata.mimetype()).ok()?;
    let cache = if path.starts_with("assets/") {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    };
    Some(
        (
            [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, cache)],
            file.data.into_owned(),
        )
            .into_response(),
    )
}

/// Fallback for every path no API route took.
pub async fn fallback(method: Method, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return error_response(ErrorCode::NotFound, "there is no such endpoint");
    }
    let mut resp = app(&method, path).unwrap_or_else(|miss| match miss {
        Miss::MethodNotAllowed => error_response(
            ErrorCode::MethodNotAllowed,
            "this path only serves the web app",
        ),
        Miss::NotFound => error_response(ErrorCode::NotFound, "no such file"),
    });
    // The web app's paths have its policy, their errors too.
    resp.headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, WEB_CSP);
    resp
}

/// Why the web app has no answer for a request (each server words it in
/// its own errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// Not a GET or HEAD.
    MethodNotAllowed,
    /// A hashed asset that is not in the build.
    NotFound,
}

/// The web app's answer for `path` (without its leading `/`): the file, or
/// index.html for a client route (the app's router takes it from there),
/// with [`WEB_CSP`]. Head office serves the same build through this.
pub fn app(method: &Method, path: &str) -> Result<Response, Miss> {
    let mut resp = web(method, path)?;
    resp.headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, WEB_CSP);
    Ok(resp)
}

/// The build's own file at `path`, if it has one (not the app shell).
pub fn has_file(path: &str) -> bool {
    !path.is_empty() && Assets::get(path).is_some()
}

fn web(method: &Method, path: &str) -> Result<Response, Miss> {
    if method != Method::GET && method != Method::HEAD {
        return Err(Miss::MethodNotAllowed);
    }
    if !path.is_empty() {
        if let Some(resp) = asset(path) {
            return Ok(resp);
        }
        // A missing hashed asset is a real 404, not the app shell.
        if path.starts_with("assets/") {
            return Err(Miss::NotFound);
        }
    }
    Ok(asset("index.html").unwrap_or_else(|| Html(NOT_BUILT).into_response()))
}
