//! Item pictures: `PUT`/`DELETE /api/items/{id}/image` (admin) and the
//! picture files at `/images/{sha256}.jpg` (anyone, cached for good).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::app::menu::ItemView;
use crate::app::{images, parse_id, App, AppError};
use crate::domain::image::MAX_UPLOAD_BYTES;
use crate::http::error::ErrorBody;
use crate::http::extract::Auth;

/// The body of a picture upload may be this large (the edge reads it
/// within the same limit for this route, see `edge::body_limit_for`).
pub const UPLOAD_LIMIT: usize = MAX_UPLOAD_BYTES;

/// Whether a request is a picture upload (it gets [`UPLOAD_LIMIT`]).
pub fn is_upload(method: &axum::http::Method, path: &str) -> bool {
    method == axum::http::Method::PUT
        && path
            .strip_prefix("/api/items/")
            .and_then(|rest| rest.strip_suffix("/image"))
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// Give an item its picture, replacing any it had (admin). The body is the
/// picture itself, a JPEG, PNG or WebP of at most 5 MiB (5 242 880 bytes),
/// at most 10 000 pixels on a side and 40 megapixels, sent with the
/// `Content-Type` it is: the server checks the bytes, not the label. It
/// makes a JPEG for tablets (`image_url`, 480 px on the long side) and one
/// for the counter (`image_thumb_url`, 160 px); tablets hear `menu.updated`.
#[utoipa::path(put, path = "/api/items/{id}/image", tag = "menu", security(("bearer" = [])),
    params(("id" = String, Path, description = "item id")),
    request_body(description = "The picture's bytes",
        content((Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp"))),
    responses((status = 200, body = ItemView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 413, description = "`payload_too_large`: over 5 MiB", body = ErrorBody),
              (status = 415, description = "`unsupported_media_type`: not a JPEG, PNG or WebP (by its bytes), or sent without one of their media types; `image_type_mismatch`: sent as another of them than it is", body = ErrorBody),
              (status = 422, description = "`image_unreadable`: damaged or incomplete; `image_too_many_pixels`: over 10 000 px on a side or 40 megapixels", body = ErrorBody)))]
pub async fn put_image(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<axum::Json<ItemView>, AppError> {
    let id = parse_id(&id, "item")?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    // The edge has read the body already, within UPLOAD_LIMIT; one byte
    // more lets the use case tell "too large" apart.
    let bytes = axum::body::to_bytes(body, UPLOAD_LIMIT + 1)
        .await
        .map_err(|_| {
            AppError::new(
                crate::app::ErrorCode::PayloadTooLarge,
                "a picture is at most 5 MB",
            )
        })?;
    images::set_picture(&app, &actor, id, content_type, bytes)
        .await
        .map(axum::Json)
}

/// Take an item's picture away (admin); tablets hear `menu.updated`.
#[utoipa::path(delete, path = "/api/items/{id}/image", tag = "menu", security(("bearer" = [])),
    params(("id" = String, Path, description = "item id")),
    responses((status = 200, body = ItemView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_image(
    State(app): State<App>,
    Auth(actor): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<ItemView>, AppError> {
    images::remove_picture(&app, &actor, parse_id(&id, "item")?)
        .await
        .map(axum::Json)
}

/// A picture file, as an item's `image_url` or `image_thumb_url` names it
/// (anyone). Its name is the SHA-256 of its bytes, so it never changes:
/// cached for a year, `immutable`. Any other name → 404.
#[utoipa::path(get, path = "/images/{name}", tag = "menu",
    params(("name" = String, Path, description = "`<sha256>.jpg`")),
    responses((status = 200, description = "The JPEG", content_type = "image/jpeg", body = Vec<u8>,
                  headers(("Cache-Control" = String, description = "`public, max-age=31536000, immutable`"))),
              (status = 404, body = ErrorBody)))]
pub async fn get_file(
    State(app): State<App>,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    let bytes = images::file(&app, &name).await?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    #[test]
    fn only_picture_uploads_get_the_larger_limit() {
        assert!(is_upload(&Method::PUT, "/api/items/0190-abc/image"));
        assert!(!is_upload(&Method::POST, "/api/items/0190-abc/image"));
        assert!(!is_upload(&Method::PUT, "/api/items//image"));
        assert!(!is_upload(&Method::PUT, "/api/items/a/b/image"));
        assert!(!is_upload(&Method::PUT, "/api/items/a/modifier-groups"));
        assert!(!is_upload(&Method::PUT, "/api/settings"));
    }
}
