//! Updates: a check against a local server whose manifest is signed with the
//! test key finds the newer version and its package verifies; a package
//! signed with another key is rejected before anything is installed.

use std::io::Cursor;
use std::sync::Arc;

use axum::routing::get;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use crema_desktop::state::Updates;
use crema_desktop::updater::{check, download_verified, TauriUpdates};
use serde_json::json;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::Url;

struct Key {
    /// What `update_pubkey` holds: base64 of the minisign public key file.
    public: String,
    pair: minisign::KeyPair,
}

fn key() -> Key {
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let public = STANDARD.encode(pair.pk.to_box().unwrap().into_string());
    Key { public, pair }
}

/// The `signature` field of a manifest: base64 of the minisign signature file.
fn sign(k: &Key, data: &[u8]) -> String {
    let sig = minisign::sign(
        Some(&k.pair.pk),
        &k.pair.sk,
        Cursor::new(data),
        Some("file:crema_0.2.0_amd64.deb"),
        Some("signature from the test key"),
    )
    .unwrap();
    STANDARD.encode(sig.into_string())
}

/// A release server on 127.0.0.1:0 with a good and a forged manifest.
async fn release_server(package: Vec<u8>, good_sig: String, forged_sig: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let manifest = |sig: String| {
        json!({
            "version": "0.2.0",
            "notes": "Faster receipts",
            "pub_date": "2026-11-20T10:00:00Z",
            "platforms": {
                "linux-x86_64": {"signature": sig, "url": format!("{base}/crema_0.2.0_amd64.deb")}
            }
        })
    };
    let (good, forged) = (manifest(good_sig), manifest(forged_sig));
    let app = axum::Router::new()
        .route("/latest.json", get(move || async move { axum::Json(good) }))
        .route(
            "/forged.json",
            get(move || async move { axum::Json(forged) }),
        )
        .route(
            "/crema_0.2.0_amd64.deb",
            get(move || async move { package.clone() }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

fn mock_app() -> tauri::App<MockRuntime> {
    let mut ctx = mock_context(noop_assets());
    // As tauri.conf.json ships it: no key, no endpoint (set at run time).
    ctx.config_mut()
        .plugins
        .0
        .insert("updater".into(), json!({"pubkey": "", "endpoints": []}));
    mock_builder()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .build(ctx)
        .unwrap()
}

#[test]
fn a_signed_update_is_found_and_verified_and_a_forged_one_rejected() {
    let app = mock_app();
    let handle = app.handle().clone();
    let ours = key();
    let theirs = key();
    let package = b"pretend this is crema_0.2.0_amd64.deb".repeat(100);
    tauri::async_runtime::block_on(async move {
        let base = release_server(
            package.clone(),
            sign(&ours, &package),
            sign(&theirs, &package),
        )
        .await;

        // The app is 0.1.0; the server offers 0.2.0.
        let good: Url = format!("{base}/latest.json").parse().unwrap();
        let update = check(&handle, &good, &ours.public)
            .await
            .expect("check")
            .expect("0.2.0 is newer than 0.1.0");
        assert_eq!(update.version, "0.2.0");
        assert_eq!(update.body.as_deref(), Some("Faster receipts"));
        let bytes = download_verified(&update).await.expect("our key verifies");
        assert_eq!(bytes, package);

        // The same package announced with a signature from another key.
        let forged: Url = format!("{base}/forged.json").parse().unwrap();
        let update = check(&handle, &forged, &ours.public)
            .await
            .expect("check")
            .expect("announced");
        let err = download_verified(&update)
            .await
            .expect_err("a signature from another key is rejected");
        let text = err.to_string().to_lowercase();
        assert!(
            text.contains("signature") || text.contains("key"),
            "unexpected error: {text}"
        );

        // What the counter's admin sees through the command layer.
        let updates = TauriUpdates::from_config(
            handle.clone(),
            Some(good.as_str()),
            Some(ours.public.as_str()),
        )
        .unwrap()
        .expect("configured");
        let info = Arc::new(updates).check().await.unwrap();
        assert!(info.enabled && info.available);
        assert_eq!(info.version.as_deref(), Some("0.2.0"));
        assert_eq!(info.current_version, "0.1.0");
    });
}

#[test]
fn updates_are_off_without_an_endpoint_and_a_key() {
    let app = mock_app();
    let h = app.handle().clone();
    assert!(TauriUpdates::from_config(h.clone(), None, Some("k"))
        .unwrap()
        .is_none());
    assert!(
        TauriUpdates::from_config(h.clone(), Some("https://x/latest.json"), None)
            .unwrap()
            .is_none()
    );
    assert!(TauriUpdates::from_config(h.clone(), Some(""), Some(""))
        .unwrap()
        .is_none());
    assert!(TauriUpdates::from_config(h, Some("not a url"), Some("k")).is_err());
}
