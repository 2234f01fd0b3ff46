//! Item pictures that are refused, and who may not upload: each refusal
//! leaves the item, the store and the pictures' directory as they were.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::*;
use crate::images::{jpeg, png, webp};

const MAX: usize = 5 * 1024 * 1024;

/// A PNG whose header claims `w`×`h` pixels (checksum fixed) with the data
/// of one pixel: a decompression bomb in miniature.
fn bomb(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let mut crc = !0u32;
    for b in &bytes[12..29] {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    bytes[29..33].copy_from_slice(&(!crc).to_be_bytes());
    bytes
}

/// A refused upload: what it is, its `Content-Type`, its bytes, and the
/// status and code it is answered with.
type Case = (
    &'static str,
    Option<&'static str>,
    Vec<u8>,
    StatusCode,
    &'static str,
);

/// What a refusal must leave as it was.
#[derive(Debug, PartialEq)]
struct Kept {
    item: Value,
    files: Vec<String>,
    images: i64,
}

async fn kept(t: &TestApp, name: &str) -> Kept {
    Kept {
        item: t.item(name).await,
        files: t.image_files(),
        images: t.table_count("images").await,
    }
}

#[tokio::test]
async fn what_is_not_a_picture_or_not_what_it_says_is_refused_and_nothing_is_written() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let id = t.item("Latte").await["id"].as_str().unwrap().to_string();
    // With a picture already, which a refusal must not disturb.
    let r = t
        .put_image(Some(&admin), &id, Some("image/png"), png(300, 300))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let before = kept(&t, "Latte").await;
    assert_eq!(before.files.len(), 2);

    // A PNG cut in half; a JPEG cut inside its headers (a JPEG cut later
    // in its picture data is decoded as far as it goes, as browsers do).
    let mut cut_png = png(400, 400);
    cut_png.truncate(cut_png.len() / 2);
    let mut cut_jpeg = jpeg(400, 400);
    cut_jpeg.truncate(100);
    let cases: Vec<Case> = vec![
        (
            "text labelled PNG",
            Some("image/png"),
            b"I am not a picture at all".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "an empty body",
            Some("image/jpeg"),
            Vec::new(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "a GIF",
            Some("image/gif"),
            b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "a PNG without a type",
            None,
            png(50, 50),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "a PNG as octet-stream",
            Some("application/octet-stream"),
            png(50, 50),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "a JPEG labelled PNG",
            Some("image/png"),
            jpeg(50, 50),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image_type_mismatch",
        ),
        (
            "a WebP labelled JPEG",
            Some("image/jpeg"),
            webp(50, 50),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image_type_mismatch",
        ),
        (
            "a cut-off PNG",
            Some("image/png"),
            cut_png,
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "a JPEG cut in its headers",
            Some("image/jpeg"),
            cut_jpeg,
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "a pixel bomb",
            Some("image/png"),
            bomb(60_000, 60_000),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_too_many_pixels",
        ),
        (
            "81 megapixels",
            Some("image/png"),
            bomb(9_000, 9_000),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_too_many_pixels",
        ),
    ];
    for (what, ct, bytes, status, code) in cases {
        let r = t.put_image(Some(&admin), &id, ct, bytes).await;
        assert_eq!(r.status(), status, "{what}");
        let e = error_of(r).await;
        assert_eq!(e["code"], code, "{what}");
        assert_eq!(kept(&t, "Latte").await, before, "{what}: nothing written");
    }
    // The mismatch names both types, for the client's text.
    let e = error_of(
        t.put_image(Some(&admin), &id, Some("image/png"), jpeg(20, 20))
            .await,
    )
    .await;
    assert_eq!(e["params"]["declared"], "image/png");
    assert_eq!(e["params"]["found"], "image/jpeg");
    let e = error_of(
        t.put_image(Some(&admin), &id, Some("image/png"), bomb(9_000, 9_000))
            .await,
    )
    .await;
    assert_eq!(
        (
            e["params"]["width"].as_u64(),
            e["params"]["height"].as_u64()
        ),
        (Some(9000), Some(9000))
    );
}

#[tokio::test]
async fn five_mebibytes_are_taken_and_one_byte_more_is_too_large() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let id = t.item("Latte").await["id"].as_str().unwrap().to_string();
    // A JPEG padded after its end to the limit: decoders stop at the end.
    let mut at_limit = jpeg(200, 100);
    at_limit.resize(MAX, 0);
    let r = t
        .put_image(Some(&admin), &id, Some("image/jpeg"), at_limit.clone())
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let before = kept(&t, "Latte").await;

    at_limit.push(0);
    let r = t
        .put_image(Some(&admin), &id, Some("image/jpeg"), at_limit)
        .await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(r).await, "payload_too_large");
    assert_eq!(kept(&t, "Latte").await, before);
    // Other routes keep the server's own, much smaller limit.
    let r = t
        .client
        .put(t.url("/api/settings"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body(vec![b' '; 100 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn only_an_admin_may_upload_or_remove_and_only_for_an_item_that_exists() {
    let t = spawn_app().await;
    let cashier = t.login(CASHIER).await;
    let kitchen = t.login(KITCHEN).await;
    let admin = t.login(ADMIN).await;
    let id = t.item("Latte").await["id"].as_str().unwrap().to_string();
    let before = kept(&t, "Latte").await;

    let r = t.put_image(None, &id, Some("image/png"), png(64, 64)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    for token in [&cashier, &kitchen] {
        let r = t
            .put_image(Some(token), &id, Some("image/png"), png(64, 64))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_code(r).await, "forbidden");
        let path = format!("/api/items/{id}/image");
        let r = t.send(Method::DELETE, &path, Some(token), None).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    let r = t
        .send(
            Method::DELETE,
            &format!("/api/items/{id}/image"),
            None,
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let unknown = "0190a000-0000-7000-8000-000000000000";
    let r = t
        .put_image(Some(&admin), unknown, Some("image/png"), png(64, 64))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "not_found");
    let path = format!("/api/items/{unknown}/image");
    let r = t.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = t
        .put_image(Some(&admin), "not-an-id", Some("image/png"), png(64, 64))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(kept(&t, "Latte").await, before, "nothing written");
    assert!(t.image_files().is_empty());
}
