//! The owners' screens: head office serves the shop's React build (the same
//! files, through `crate::http::web`) at `/hq` and `/hq/…`, with its assets;
//! `/` leads to `/hq`. Every other path, `/api/…` included, is a JSON 404.

use axum::http::{header, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Redirect, Response};

use crate::hq::app::{HqCode, HqError};
use crate::http::web::{self, Miss};

/// Fallback for every path no API route took.
pub async fn fallback(method: Method, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.is_empty() && (method == Method::GET || method == Method::HEAD) {
        return Redirect::to("/hq").into_response();
    }
    let shell = path == "hq" || path.starts_with("hq/");
    if !shell && !web::has_file(path) {
        return HqError::new(HqCode::NotFound, "there is nothing here").into_response();
    }
    let mut resp = web::app(&method, path).unwrap_or_else(|miss| {
        match miss {
            Miss::MethodNotAllowed => HqError::new(
                HqCode::MethodNotAllowed,
                "this path only serves the web app",
            ),
            Miss::NotFound => HqError::new(HqCode::NotFound, "no such file"),
        }
        .into_response()
    });
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}
