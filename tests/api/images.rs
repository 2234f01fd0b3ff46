//! Item pictures: uploads of each format made into two JPEGs, served by
//! their hash with long-lived cache headers, replaced and removed; see
//! `images_refusals.rs` for what is refused.

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use reqwest::{Response, StatusCode};
use serde_json::Value;

use crate::helpers::*;

/// A colourful test picture of `w`×`h` pixels.
fn pixels(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) % 200) as u8,
        ])
    })
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let rgb = pixels(w, h);
    let img = RgbaImage::from_fn(w, h, |x, y| {
        let Rgb([r, g, b]) = *rgb.get_pixel(x, y);
        Rgba([r, g, b, if y < h / 4 { 0 } else { 255 }])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&pixels(w, h))
        .unwrap();
    out
}

pub fn webp(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(pixels(w, h).as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

impl TestApp {
    pub async fn put_image(
        &self,
        token: Option<&str>,
        item_id: &str,
        content_type: Option<&str>,
        bytes: Vec<u8>,
    ) -> Response {
        let mut req = self
            .client
            .put(self.url(&format!("/api/items/{item_id}/image")))
            .body(bytes);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        req.send().await.expect("request")
    }

    /// The names of the files in the pictures' directory, sorted.
    pub fn image_files(&self) -> Vec<String> {
        let mut names: Vec<String> = match std::fs::read_dir(self.dir.path().join("images")) {
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
    }
}

/// The picture at `url`, checked as served: a JPEG cached for good.
async fn fetch(t: &TestApp, url: &str) -> (u32, u32) {
    let r = t.get(url, None).await;
    assert_eq!(r.status(), StatusCode::OK, "{url}");
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let bytes = r.bytes().await.unwrap();
    let name = url.strip_prefix("/images/").unwrap();
    assert_eq!(format!("{}.jpg", sha256(&bytes)), name, "named by its hash");
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
    (img.width(), img.height())
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn urls(item: &Value) -> (String, String) {
    (
        item["image_url"].as_str().expect("image_url").to_string(),
        item["image_thumb_url"]
            .as_str()
            .expect("image_thumb_url")
            .to_string(),
    )
}

async fn ok(r: Response) -> Value {
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn id_of(t: &TestApp, name: &str) -> String {
    t.item(name).await["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_png_a_jpeg_and_a_webp_each_become_a_tablet_picture_and_a_thumbnail() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let before = t.item("Latte").await;
    assert!(before["image_url"].is_null() && before["image_thumb_url"].is_null());
    let etag = t.get("/api/menu", None).await.headers()["etag"].clone();

    // (item, type, bytes, tablet size, thumbnail size)
    let cases = [
        ("Latte", "image/png", png(1200, 600), (480, 240), (160, 80)),
        (
            "Espresso",
            "image/jpeg",
            jpeg(600, 900),
            (320, 480),
            (107, 160),
        ),
        (
            "Carrot cake",
            "image/webp",
            webp(300, 200),
            (300, 200),
            (160, 107),
        ),
    ];
    for (name, ct, bytes, large, thumb) in cases {
        let id = id_of(&t, name).await;
        let item = ok(t.put_image(Some(&admin), &id, Some(ct), bytes).await).await;
        assert_eq!(item["id"], id.as_str());
        let (url, thumb_url) = urls(&item);
        assert_eq!(fetch(&t, &url).await, large, "{name}");
        assert_eq!(fetch(&t, &thumb_url).await, thumb, "{name}");
        // The menu every client reads shows the same addresses.
        assert_eq!(urls(&t.item(name).await), (url, thumb_url));
    }
    assert_eq!(t.image_files().len(), 6);
    assert_eq!(t.table_count("images").await, 6);
    let r = t.get("/api/menu", None).await;
    assert_ne!(r.headers()["etag"], etag, "the menu's ETag changed");
}

#[tokio::test]
async fn a_transparent_png_is_laid_over_white() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let id = id_of(&t, "Latte").await;
    let item = ok(t
        .put_image(Some(&admin), &id, Some("image/png"), png(400, 400))
        .await)
    .await;
    let bytes = t
        .get(item["image_url"].as_str().unwrap(), None)
        .await
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap().into_rgb8();
    // The top quarter was transparent.
    assert!(img.get_pixel(200, 20).0.iter().all(|c| *c > 240));
}

#[tokio::test]
async fn replacing_a_picture_gives_new_addresses_announces_the_menu_and_drops_the_old_files() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let id = id_of(&t, "Latte").await;
    let first = urls(
        &ok(t
            .put_image(Some(&admin), &id, Some("image/png"), png(500, 300))
            .await)
        .await,
    );
    let mut events = t.app.subscribe();
    let second = urls(
        &ok(t
            .put_image(Some(&admin), &id, Some("image/jpeg"), jpeg(800, 800))
            .await)
        .await,
    );
    assert_ne!(first.0, second.0);
    assert_ne!(first.1, second.1);
    let event = events.recv().await.unwrap();
    assert_eq!(event.name, "menu.updated");
    assert!(
        event.data.contains(&second.0),
        "the event carries the new menu"
    );
    assert_eq!(fetch(&t, &second.0).await, (480, 480));
    for old in [&first.0, &first.1] {
        assert_eq!(t.get(old, None).await.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(t.image_files().len(), 2);
    assert_eq!(t.table_count("images").await, 2);
}

#[tokio::test]
async fn a_picture_is_removed_and_one_shared_by_two_items_stays_for_the_other() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let (latte, espresso) = (id_of(&t, "Latte").await, id_of(&t, "Espresso").await);
    let same = jpeg(640, 480);
    let a = urls(
        &ok(t
            .put_image(Some(&admin), &latte, Some("image/jpeg"), same.clone())
            .await)
        .await,
    );
    let b = urls(
        &ok(t
            .put_image(Some(&admin), &espresso, Some("image/jpeg"), same)
            .await)
        .await,
    );
    assert_eq!(a, b, "the same picture, the same files");
    assert_eq!(t.image_files().len(), 2);

    let path = format!("/api/items/{latte}/image");
    let item = ok(t
        .send(reqwest::Method::DELETE, &path, Some(&admin), None)
        .await)
    .await;
    assert!(item["image_url"].is_null() && item["image_thumb_url"].is_null());
    assert!(t.item("Latte").await["image_url"].is_null());
    assert_eq!(fetch(&t, &b.0).await, (480, 360), "still the espresso's");
    // Again: nothing to remove, same answer.
    let again = ok(t
        .send(reqwest::Method::DELETE, &path, Some(&admin), None)
        .await)
    .await;
    assert!(again["image_url"].is_null());

    // The espresso goes, and its picture with it.
    let r = t
        .send(
            reqwest::Method::DELETE,
            &format!("/api/items/{espresso}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(t.get(&b.0, None).await.status(), StatusCode::NOT_FOUND);
    assert!(t.image_files().is_empty());
    assert_eq!(t.table_count("images").await, 0);
}

#[tokio::test]
async fn a_missing_file_is_served_from_the_store_and_written_again() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let id = id_of(&t, "Latte").await;
    let (url, _) = urls(
        &ok(t
            .put_image(Some(&admin), &id, Some("image/webp"), webp(900, 300))
            .await)
        .await,
    );
    // As after restoring a backup, which carries the pictures in the store.
    std::fs::remove_dir_all(t.dir.path().join("images")).unwrap();
    assert_eq!(fetch(&t, &url).await, (480, 160));
    let name = url.strip_prefix("/images/").unwrap().to_string();
    for _ in 0..100 {
        if t.image_files().contains(&name) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{name} was not written again");
}

#[tokio::test]
async fn picture_addresses_other_than_a_hash_are_not_found() {
    let t = spawn_app().await;
    let hash = "0".repeat(64);
    for path in [
        format!("/images/{hash}.jpg"),
        format!("/images/{}.jpg", "A".repeat(64)),
        format!("/images/{hash}.png"),
        format!("/images/{hash}"),
        "/images/..%2Fcrema.db".to_string(),
        "/images/%2E%2E%2Fcrema.lock".to_string(),
        "/images/.jpg".to_string(),
    ] {
        let r = t.get(&path, None).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(error_code(r).await, "not_found");
    }
}

#[tokio::test]
async fn a_backup_carries_the_pictures_and_a_restored_shop_writes_and_serves_them() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let id = id_of(&t, "Latte").await;
    let (url, thumb) = urls(
        &ok(t
            .put_image(Some(&admin), &id, Some("image/jpeg"), jpeg(640, 640))
            .await)
        .await,
    );
    let served = t.get(&url, None).await.bytes().await.unwrap();

    let copy = t.dir.path().join("copy.db");
    crema::store::backup::backup(&t.dir.path().join("crema.db"), &copy).unwrap();
    let other = tempfile::tempdir().unwrap();
    crema::store::restore::restore(other.path(), &copy, chrono::Utc::now()).unwrap();
    assert!(
        !other.path().join("images").exists(),
        "only the store was restored"
    );

    let app = crema::app::App::open(other.path(), crema::config::Config::default()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(crema::http::serve(app, listener, std::future::pending()));
    // The start wrote the pictures' files from the store, before answering.
    let r = t
        .client
        .get(format!("http://{addr}{url}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.unwrap(), served);
    let mut files: Vec<String> = std::fs::read_dir(other.path().join("images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut expected = vec![
        url.trim_start_matches("/images/").to_string(),
        thumb.trim_start_matches("/images/").to_string(),
    ];
    expected.sort();
    assert_eq!(files, expected);
    server.abort();
}
