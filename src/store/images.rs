//! Item pictures: the JPEGs the server made, kept by the SHA-256 of their
//! bytes (so backups carry them), and which item shows which.

use rusqlite::{params, Connection, Row};
use uuid::Uuid;

use super::{row, StoreError, StoreResult};
use crate::domain::image::is_hash;
use crate::domain::menu::ItemImage;

/// An item row's picture (its `image` and `image_thumb` columns).
pub(super) fn item_image(r: &Row<'_>) -> StoreResult<Option<ItemImage>> {
    let large: Option<String> = r.get("image")?;
    let thumb: Option<String> = r.get("image_thumb")?;
    match (large, thumb) {
        (Some(large), Some(thumb)) => Ok(Some(ItemImage { large, thumb })),
        (None, None) => Ok(None),
        _ => Err(StoreError::Corrupt(
            "an item has only one of its two pictures".into(),
        )),
    }
}

/// Keeps a picture's bytes under `hash` (nothing happens when it is kept
/// already: the same hash is the same bytes).
pub fn put(conn: &Connection, hash: &str, bytes: &[u8]) -> StoreResult<()> {
    debug_assert!(is_hash(hash));
    conn.prepare_cached("INSERT INTO images (hash, bytes) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
        .execute(params![hash, bytes])?;
    Ok(())
}

/// Gives item `id` the picture `image` (`None`: takes its picture away).
/// Returns the picture it had; [`StoreError::NotFound`] for no such item.
pub fn set_item_image(
    conn: &Connection,
    id: Uuid,
    image: Option<&ItemImage>,
) -> StoreResult<Option<ItemImage>> {
    let before = row::first(
        conn,
        "SELECT image, image_thumb FROM items WHERE id = ?1",
        [id.to_string()],
        item_image,
    )?
    .ok_or(StoreError::NotFound)?;
    conn.prepare_cached("UPDATE items SET image = ?2, image_thumb = ?3 WHERE id = ?1")?
        .execute(params![
            id.to_string(),
            image.map(|i| i.large.as_str()),
            image.map(|i| i.thumb.as_str())
        ])?;
    Ok(before)
}

/// Deletes the pictures no item shows any more; returns their hashes.
pub fn prune(conn: &Connection) -> StoreResult<Vec<String>> {
    row::all(
        conn,
        "DELETE FROM images WHERE hash NOT IN
             (SELECT image FROM items WHERE image IS NOT NULL
              UNION SELECT image_thumb FROM items WHERE image_thumb IS NOT NULL)
         RETURNING hash",
        [],
        |r| Ok(r.get("hash")?),
    )
}

/// Whether item `id` exists.
pub fn has_item(conn: &Connection, id: Uuid) -> StoreResult<bool> {
    Ok(row::first(
        conn,
        "SELECT 1 AS one FROM items WHERE id = ?1",
        [id.to_string()],
        |_| Ok(()),
    )?
    .is_some())
}

/// The bytes of picture `hash`, if it is kept.
pub fn bytes(conn: &Connection, hash: &str) -> StoreResult<Option<Vec<u8>>> {
    row::first(
        conn,
        "SELECT bytes FROM images WHERE hash = ?1",
        [hash],
        |r| Ok(r.get("bytes")?),
    )
}

/// The hashes of every picture kept.
pub fn hashes(conn: &Connection) -> StoreResult<Vec<String>> {
    row::all(conn, "SELECT hash FROM images ORDER BY hash", [], |r| {
        Ok(r.get("hash")?)
    })
}
