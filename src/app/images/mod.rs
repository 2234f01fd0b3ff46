//! Item pictures (admin): an upload is checked by its content (JPEG, PNG
//! or WebP, at most 5 MiB, at most 40 megapixels), made into two JPEGs on
//! a blocking thread (see [`picture`]), kept in the store by their SHA-256
//! and written to `<data dir>/images/<sha256>.jpg` (see [`files`]), from
//! where anyone may fetch them at `/images/<sha256>.jpg`: a new picture is
//! a new address, so they are cached for good.

mod files;
mod picture;

use bytes::Bytes;
use serde_json::json;
use uuid::Uuid;

pub use files::Swept;
pub use picture::{Jpeg, Made, PictureError};

use super::menu::{self, ItemView};
use super::{Actor, App, AppError, AppResult, ErrorCode, NotFoundAs};
use crate::domain::image::{hash_of_file_name, PictureFormat, MAX_UPLOAD_BYTES};
use crate::domain::menu::ItemImage;
use crate::domain::user::Role;
use crate::store::images as store;

/// The address a picture is served at.
pub fn url(hash: &str) -> String {
    format!("/images/{hash}.jpg")
}

/// What the upload is, by its bytes; refused unless it is a JPEG, PNG or
/// WebP sent with the media type it is.
pub fn check_content(content_type: Option<&str>, bytes: &[u8]) -> AppResult<PictureFormat> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(AppError::new(
            ErrorCode::PayloadTooLarge,
            "a picture is at most 5 MB",
        ));
    }
    let found = PictureFormat::sniff(bytes).ok_or_else(|| {
        AppError::new(
            ErrorCode::UnsupportedMediaType,
            "the file is not a JPEG, PNG or WebP picture",
        )
    })?;
    let declared = content_type
        .and_then(PictureFormat::from_media_type)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::UnsupportedMediaType,
                "send the picture as image/jpeg, image/png or image/webp",
            )
        })?;
    if declared != found {
        return Err(AppError::new(
            ErrorCode::ImageTypeMismatch,
            format!(
                "the file is {} but was sent as {}",
                found.media_type(),
                declared.media_type()
            ),
        )
        .with_params(json!({ "declared": declared.media_type(), "found": found.media_type() })));
    }
    Ok(found)
}

fn refused(e: PictureError) -> AppError {
    match e {
        PictureError::TooManyPixels(size) => {
            let e = AppError::new(
                ErrorCode::ImageTooManyPixels,
                "the picture has too many pixels: at most 10 000 on a side and 40 megapixels",
            );
            match size {
                Some((w, h)) => e.with_params(json!({ "width": w, "height": h })),
                None => e,
            }
        }
        PictureError::Unreadable(why) => {
            tracing::debug!(%why, "an uploaded picture could not be decoded");
            AppError::new(
                ErrorCode::ImageUnreadable,
                "the picture is damaged or incomplete and cannot be read",
            )
        }
        PictureError::Encode(why) => {
            AppError::internal(anyhow::anyhow!("encoding a picture: {why}"))
        }
    }
}

/// Gives item `id` the picture in `bytes` (admin), replacing the one it
/// had: tablets and the counter hear `menu.updated`. Nothing is kept when
/// the picture is refused or the item does not exist.
pub async fn set_picture(
    app: &App,
    actor: &Actor,
    id: Uuid,
    content_type: Option<&str>,
    bytes: Bytes,
) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let format = check_content(content_type, &bytes)?;
    // Before the work: an unknown item is answered without decoding.
    if !app.store().read(move |c| store::has_item(c, id)).await? {
        return Err(AppError::not_found("no such item"));
    }
    let made = {
        // One picture at a time: decoding takes memory and both cores.
        let _permit = app
            .inner
            .pictures
            .acquire()
            .await
            .map_err(AppError::internal)?;
        tokio::task::spawn_blocking(move || picture::make(&bytes, format))
            .await
            .map_err(AppError::internal)?
            .map_err(refused)?
    };
    let image = ItemImage {
        large: made.large.hash.clone(),
        thumb: made.thumb.hash.clone(),
    };
    let kept = made.clone();
    let pruned = app
        .store()
        .write(move |c| -> AppResult<_> {
            store::put(c, &kept.large.hash, &kept.large.bytes)?;
            store::put(c, &kept.thumb.hash, &kept.thumb.bytes)?;
            store::set_item_image(c, id, Some(&image)).not_found_as("no such item")?;
            Ok(store::prune(c)?)
        })
        .await?;
    let dir = files::dir(app.data_dir());
    let written = tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        files::write(&dir, &made.large.hash, &made.large.bytes)?;
        files::write(&dir, &made.thumb.hash, &made.thumb.bytes)?;
        files::remove(&dir, &pruned)
    })
    .await
    .map_err(AppError::internal)?;
    if let Err(e) = written {
        // Kept in the store: served from there and written again on demand.
        tracing::warn!(error = %e, "could not write an item's picture files");
    }
    finish(app, id).await
}

/// Takes item `id`'s picture away (admin).
pub async fn remove_picture(app: &App, actor: &Actor, id: Uuid) -> AppResult<ItemView> {
    actor.require(&[Role::Admin], "change the menu")?;
    let pruned = app
        .store()
        .write(move |c| -> AppResult<_> {
            store::set_item_image(c, id, None).not_found_as("no such item")?;
            Ok(store::prune(c)?)
        })
        .await?;
    forget(app, pruned).await;
    finish(app, id).await
}

/// Removes the files of pictures the store no longer keeps (after a write
/// that pruned them); a failure is only logged (the next start's sweep
/// removes what is left).
pub(crate) async fn forget(app: &App, pruned: Vec<String>) {
    if pruned.is_empty() {
        return;
    }
    let dir = files::dir(app.data_dir());
    match tokio::task::spawn_blocking(move || files::remove(&dir, &pruned)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "could not remove unused picture files"),
        Err(e) => tracing::warn!(error = %e, "could not remove unused picture files"),
    }
}

/// After a committed picture change: the menu is rebuilt and announced,
/// and the item is answered as it now is.
async fn finish(app: &App, id: Uuid) -> AppResult<ItemView> {
    menu::changed(app).await?;
    let snapshot = menu::get(app).await?;
    snapshot
        .view
        .categories
        .iter()
        .flat_map(|c| c.items.iter())
        .find(|i| i.id == id)
        .cloned()
        .ok_or_else(|| AppError::not_found("no such item"))
}

/// The bytes of the picture file `name` (`<sha256>.jpg`), for anyone.
/// 404 for any other name or a picture the shop does not have.
pub async fn file(app: &App, name: &str) -> AppResult<Bytes> {
    let hash = hash_of_file_name(name)
        .ok_or_else(|| AppError::not_found("no such picture"))?
        .to_string();
    let dir = files::dir(app.data_dir());
    let path = files::path(&dir, &hash);
    let read = tokio::task::spawn_blocking(move || std::fs::read(path))
        .await
        .map_err(AppError::internal)?;
    match read {
        Ok(bytes) => return Ok(Bytes::from(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(AppError::internal(e)),
    }
    let h = hash.clone();
    let bytes = app
        .store()
        .read(move |c| store::bytes(c, &h))
        .await?
        .ok_or_else(|| AppError::not_found("no such picture"))?;
    let bytes = Bytes::from(bytes);
    let copy = bytes.clone();
    tokio::task::spawn_blocking(move || {
        if let Err(e) = files::write(&dir, &hash, &copy) {
            tracing::warn!(error = %e, "could not write a picture file");
        }
    });
    Ok(bytes)
}

/// Makes the pictures' directory match the store (at start: after a
/// restore the files may be missing, after a crash some left over).
pub async fn sweep(app: &App) -> AppResult<Swept> {
    let kept = app.store().read(store::hashes).await?;
    let dir = files::dir(app.data_dir());
    let db = app.store().clone();
    tokio::task::spawn_blocking(move || {
        files::sweep(&dir, &kept, |hash| {
            db.read_blocking(|c| store::bytes(c, hash))
                .map_err(std::io::Error::other)
        })
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_and_the_label_must_agree() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            check_content(Some("image/png"), png).unwrap(),
            PictureFormat::Png
        );
        let code = |ct: Option<&str>, b: &[u8]| check_content(ct, b).unwrap_err().code;
        assert_eq!(code(Some("image/jpeg"), png), ErrorCode::ImageTypeMismatch);
        assert_eq!(code(None, png), ErrorCode::UnsupportedMediaType);
        assert_eq!(
            code(Some("image/gif"), png),
            ErrorCode::UnsupportedMediaType
        );
        assert_eq!(
            code(Some("image/png"), b"just text"),
            ErrorCode::UnsupportedMediaType
        );
        assert_eq!(
            code(Some("image/png"), b""),
            ErrorCode::UnsupportedMediaType
        );
        let big = vec![0u8; MAX_UPLOAD_BYTES + 1];
        assert_eq!(code(Some("image/png"), &big), ErrorCode::PayloadTooLarge);
    }
}
