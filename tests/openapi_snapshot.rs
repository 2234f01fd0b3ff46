//! The OpenAPI document generated from the Rust DTOs is committed at
//! `frontend/src/api/openapi.json`; the frontend generates its TypeScript
//! types from it. This test fails when the committed copy is stale.
//! Refresh it with `UPDATE_OPENAPI=1 cargo test --test openapi_snapshot`.
//! Head office's document is kept the same way, beside it.

#[test]
fn the_committed_openapi_document_is_current() {
    let (_, doc) = crema::http::api();
    let fresh = serde_json::to_string_pretty(&doc).expect("serialise") + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frontend/src/api/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &fresh).expect("write snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_OPENAPI=1 cargo test --test openapi_snapshot` and regenerate the frontend types",
        path.display()
    );
}

/// Head office's own document, for the owners' screens' types
/// (`frontend/src/api/hq-openapi.json` → `npm run gen:api:hq`).
#[test]
fn the_committed_head_office_openapi_document_is_current() {
    let doc = crema::hq::http::openapi();
    let fresh = serde_json::to_string_pretty(&doc).expect("serialise") + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frontend/src/api/hq-openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &fresh).expect("write snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_OPENAPI=1 cargo test --test openapi_snapshot` and `npm run gen:api:hq` in frontend/",
        path.display()
    );
}
