//! The OpenAPI document generated from the Rust DTOs is committed at
//! `frontend/src/api/openapi.json`; the frontend generates its TypeScript
//! types from it. This test fails when the committed copy is stale.
//! Refresh it with `UPDATE_OPENAPI=1 cargo test --test openapi_snapshot`.
//! Head office's document is kept the same way, beside it.

/// Compares `doc` with the committed `frontend/src/api/<file>` (or writes
/// it, with `UPDATE_OPENAPI`); `regenerate` says how to refresh the types.
fn check(doc: &utoipa::openapi::OpenApi, file: &str, regenerate: &str) {
    let fresh = serde_json::to_string_pretty(doc).expect("serialise") + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("frontend/src/api")
        .join(file);
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &fresh).expect("write snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_OPENAPI=1 cargo test --test openapi_snapshot` and {regenerate}",
        path.display()
    );
}

#[test]
fn the_committed_openapi_document_is_current() {
    let (_, doc) = crema::http::api();
    check(&doc, "openapi.json", "regenerate the frontend types");
}

/// Head office's own document, for the owners' screens' types
/// (`frontend/src/api/hq-openapi.json` → `npm run gen:api:hq`).
#[test]
fn the_committed_head_office_openapi_document_is_current() {
    check(
        &crema::hq::http::openapi(),
        "hq-openapi.json",
        "`npm run gen:api:hq` in frontend/",
    );
}
