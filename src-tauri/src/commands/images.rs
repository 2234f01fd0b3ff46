//! Item pictures from the admin panel in the desktop app: the same use
//! cases as `PUT`/`DELETE /api/items/{id}/image`. The picture's bytes come
//! as base64 in the command's arguments, with the media type the admin
//! panel read from them (the server checks the bytes either way).

use base64::Engine;
use crema::app::menu::ItemView;
use crema::app::{images, parse_id, AppError, ErrorCode};
use crema::domain::image::MAX_UPLOAD_BYTES;

use super::S;
use crate::error::CmdResult;

#[tauri::command]
pub async fn set_item_image(
    s: S<'_>,
    token: Option<String>,
    id: String,
    content_type: Option<String>,
    data: String,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "item")?;
    // Base64 is 4 characters for 3 bytes: anything longer is too large.
    if data.len() > MAX_UPLOAD_BYTES.div_ceil(3) * 4 {
        return Err(AppError::new(ErrorCode::PayloadTooLarge, "a picture is at most 5 MB").into());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|_| AppError::invalid("the picture's data is not base64"))?;
    Ok(images::set_picture(&s.app, &actor, id, content_type.as_deref(), bytes.into()).await?)
}

#[tauri::command]
pub async fn delete_item_image(s: S<'_>, token: Option<String>, id: String) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let id = parse_id(&id, "item")?;
    Ok(images::remove_picture(&s.app, &actor, id).await?)
}
