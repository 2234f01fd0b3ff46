//! Answers the server really gives are the ones its OpenAPI document lists:
//! the status, the content type and the body's fields (each case here was
//! found by schemathesis, `scripts/schemathesis.sh`).

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn openapi(t: &TestApp) -> Value {
    t.get("/api/openapi.json", None).await.json().await.unwrap()
}

/// The document's answer for `status` of `method path`, following a
/// `$ref` to a shared response.
fn answer<'a>(doc: &'a Value, method: &str, path: &str, status: StatusCode) -> Option<&'a Value> {
    let a = &doc["paths"][path][method]["responses"][status.as_str()];
    match a["$ref"].as_str() {
        Some(r) => {
            let name = r.strip_prefix("#/components/responses/")?;
            doc["components"]["responses"].get(name)
        }
        None if a.is_null() => None,
        None => Some(a),
    }
}

/// Asserts that `r`'s status and content type are documented for the
/// operation; returns the documented schema of that content.
fn assert_documented<'a>(doc: &'a Value, method: &str, path: &str, r: &Response) -> &'a Value {
    let status = r.status();
    let a = answer(doc, method, path, status)
        .unwrap_or_else(|| panic!("{method} {path} answers an undocumented {status}"));
    let content_type = r.headers()["content-type"].to_str().unwrap();
    let media = content_type.split(';').next().unwrap().trim();
    let schema = &a["content"][media]["schema"];
    assert!(
        !schema.is_null(),
        "{method} {path} answers {status} as {media}, documented: {:?}",
        a["content"]
            .as_object()
            .map(|c| c.keys().collect::<Vec<_>>())
    );
    schema
}

/// A component schema's own properties (no `allOf` of closed schemas).
fn properties<'a>(doc: &'a Value, schema: &Value) -> &'a serde_json::Map<String, Value> {
    let name = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .expect("a schema reference");
    doc["components"]["schemas"][name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{name} lists its properties"))
}

#[tokio::test]
async fn an_updated_coupon_has_only_the_fields_its_schema_allows() {
    let t = spawn_app().await;
    let doc = openapi(&t).await;
    let admin = t.login(ADMIN).await;
    let r = t
        .send(
            Method::PUT,
            "/api/coupons/WELCOME10",
            Some(&admin),
            Some(json!({"kind": "percent", "value": 1500})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let schema = assert_documented(&doc, "put", "/api/coupons/{code}", &r).clone();
    let props = properties(&doc, &schema);
    let body: Value = r.json().await.unwrap();
    for key in body.as_object().unwrap().keys() {
        assert!(
            props.contains_key(key),
            "coupon field {key} is not in the schema"
        );
    }
    for key in ["code", "kind", "value", "used_count", "active"] {
        assert!(props.contains_key(key), "the schema lacks {key}");
    }
    assert_eq!(body["value"], 1500);
    assert_eq!(body["code"], "WELCOME10");
}

#[tokio::test]
async fn the_z_report_answers_in_each_documented_content_type() {
    let t = spawn_app().await;
    let doc = openapi(&t).await;
    let admin = t.login(ADMIN).await;
    for (accept, media) in [
        ("application/json", "application/json"),
        ("text/csv", "text/csv"),
        ("application/pdf", "application/pdf"),
    ] {
        let r = t
            .client
            .get(t.url("/api/reports/z?date=2026-01-05"))
            .bearer_auth(&admin)
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{accept}");
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(media));
        assert_documented(&doc, "get", "/api/reports/z", &r);
    }
}

#[tokio::test]
async fn staff_and_item_changes_answer_documented_refusals() {
    let t = spawn_app().await;
    let doc = openapi(&t).await;
    let admin = t.login(ADMIN).await;
    let patch = |path: String, body: Value| {
        let (t, admin) = (&t, &admin);
        async move { t.send(Method::PATCH, &path, Some(admin), Some(body)).await }
    };

    // An item given a tax class the shop does not have: 422.
    let item = t.item("Carrot cake").await;
    let r = patch(
        format!("/api/items/{}", item["id"].as_str().unwrap()),
        json!({"tax_class": "no-such-class"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_documented(&doc, "patch", "/api/items/{id}", &r);

    // A PIN too short: 422; another cashier's PIN: 409; oneself disabled: 409.
    let carl = format!("/api/users/{}", t.user_id(&admin, CASHIER.0).await);
    let r = patch(carl.clone(), json!({"pin": "12"})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_documented(&doc, "patch", "/api/users/{id}", &r);
    let r = patch(carl, json!({"pin": CASHIER_PIN})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_documented(&doc, "patch", "/api/users/{id}", &r);
    let r = patch(
        format!("/api/users/{}", t.user_id(&admin, ADMIN.0).await),
        json!({"disabled": true}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_documented(&doc, "patch", "/api/users/{id}", &r);

    // A new cashier with a weak PIN: 422.
    let r = t
        .post(
            "/api/users",
            Some(&admin),
            json!({"username": "dora", "role": "cashier", "pin": "1"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_documented(&doc, "post", "/api/users", &r);
}

#[tokio::test]
async fn common_refusals_are_documented_on_every_operation() {
    let t = spawn_app().await;
    let doc = openapi(&t).await;
    // A token that is not valid is refused, also where none is needed.
    let r = t.get("/api/shifts/current", Some("not-a-token")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_documented(&doc, "get", "/api/shifts/current", &r);
    let r = t
        .post(
            "/api/auth/pin",
            Some("not-a-token"),
            json!({"pin": "000000"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_documented(&doc, "post", "/api/auth/pin", &r);
    // A body that is not JSON: 415 on a writing route.
    let r = t
        .client
        .post(t.url("/api/orders/quote"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_documented(&doc, "post", "/api/orders/quote", &r);
    // Every writing operation documents the storage faults.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["post", "put", "patch", "delete"].contains(&method.as_str()) {
                for s in ["503", "507"] {
                    assert!(
                        !op["responses"][s].is_null(),
                        "{method} {path} does not document {s}"
                    );
                }
            }
        }
    }
}
