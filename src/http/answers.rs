//! The error answers that any operation may give, added to the OpenAPI
//! document where an operation does not list them itself: every status the
//! server can answer is documented (checked by schemathesis, see
//! `scripts/schemathesis.sh`).
//!
//! - every operation: 400 (bad parameters or headers), 401 (a token that is
//!   not valid is refused wherever the server reads one), 403, 404, 408 (the
//!   read timeout), 429 (the per-IP rate limit) and 500;
//! - operations with a request body: 413 and 415;
//! - writing operations (`POST`, `PUT`, `PATCH`, `DELETE`): 503 and 507,
//!   the storage faults.
//!
//! Each is a shared response in `components/responses` with the contract's
//! `{"error":{"code","message"}}` body; an operation's own description of a
//! status (naming its specific codes) is kept.

use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{ContentBuilder, Header, OpenApi, Ref, RefOr, ResponseBuilder, Schema};
use utoipa::Modify;

/// One common answer: its status, the name of its shared response and what
/// it means.
struct Answer {
    status: &'static str,
    name: &'static str,
    description: &'static str,
    /// A header the answer carries.
    header: Option<(&'static str, &'static str)>,
}

const ANY: &[Answer] = &[
    Answer {
        status: "400",
        name: "InvalidRequest",
        description: "`invalid_request`: malformed JSON, unknown fields, values out of range, bad parameters or headers",
        header: None,
    },
    Answer {
        status: "401",
        name: "Unauthorized",
        description: "`unauthorized`, `invalid_token` or `token_expired`: no valid token where one is needed, or a token that is not valid",
        header: Some(("WWW-Authenticate", "Always `Bearer`.")),
    },
    Answer {
        status: "403",
        name: "Forbidden",
        description: "`forbidden`: signed in, but the role may not do this",
        header: None,
    },
    Answer {
        status: "404",
        name: "NotFound",
        description: "`not_found`: no such thing",
        header: None,
    },
    Answer {
        status: "408",
        name: "RequestTimeout",
        description: "`request_timeout`: the server took too long to answer",
        header: None,
    },
    Answer {
        status: "429",
        name: "RateLimited",
        description: "`rate_limited`: too many requests from this address",
        header: Some(("Retry-After", "Seconds to wait before trying again.")),
    },
    Answer {
        status: "500",
        name: "Internal",
        description: "`internal`: a fault of the server; nothing was applied",
        header: None,
    },
];

const WITH_BODY: &[Answer] = &[
    Answer {
        status: "413",
        name: "PayloadTooLarge",
        description: "`payload_too_large`: the request body is too large",
        header: None,
    },
    Answer {
        status: "415",
        name: "UnsupportedMediaType",
        description: "`unsupported_media_type`: the body is not of a type this operation takes",
        header: None,
    },
];

const WRITING: &[Answer] = &[
    Answer {
        status: "503",
        name: "StoreUnavailable",
        description: "`store_read_only` or `store_unavailable`: the server's disk refuses or failed the write; nothing was saved",
        header: None,
    },
    Answer {
        status: "507",
        name: "StorageFull",
        description: "`storage_full`: the server's disk is full; nothing was saved",
        header: None,
    },
];

pub struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for answer in ANY.iter().chain(WITH_BODY).chain(WRITING) {
            components
                .responses
                .insert(answer.name.to_string(), RefOr::T(response(answer)));
        }
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                (HttpMethod::Get, &mut item.get),
                (HttpMethod::Put, &mut item.put),
                (HttpMethod::Post, &mut item.post),
                (HttpMethod::Delete, &mut item.delete),
                (HttpMethod::Options, &mut item.options),
                (HttpMethod::Head, &mut item.head),
                (HttpMethod::Patch, &mut item.patch),
                (HttpMethod::Trace, &mut item.trace),
            ];
            for (method, op) in operations {
                if let Some(op) = op {
                    add_answers(method, op);
                }
            }
        }
    }
}

fn add_answers(method: HttpMethod, op: &mut Operation) {
    let writes = matches!(
        method,
        HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch | HttpMethod::Delete
    );
    let mut wanted: Vec<&Answer> = ANY.iter().collect();
    if op.request_body.is_some() {
        wanted.extend(WITH_BODY);
    }
    if writes {
        wanted.extend(WRITING);
    }
    for answer in wanted {
        op.responses
            .responses
            .entry(answer.status.to_string())
            .or_insert_with(|| {
                RefOr::Ref(Ref::new(format!("#/components/responses/{}", answer.name)))
            });
    }
}

fn response(answer: &Answer) -> utoipa::openapi::Response {
    let mut builder = ResponseBuilder::new()
        .description(answer.description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        );
    if let Some((name, description)) = answer.header {
        let schema: Schema = ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .into();
        let mut header = Header::new(schema);
        header.description = Some(description.to_string());
        builder = builder.header(name, header);
    }
    builder.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(doc: &OpenApi, path: &str, method: HttpMethod) -> Vec<String> {
        let item = &doc.paths.paths[path];
        let op = match method {
            HttpMethod::Get => item.get.as_ref(),
            HttpMethod::Post => item.post.as_ref(),
            _ => unreachable!("only GET and POST are asked"),
        };
        op.expect("operation")
            .responses
            .responses
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn every_operation_documents_the_common_answers() {
        let (_, doc) = crate::http::api();
        // A read without a body: no 413/415, no storage faults.
        let menu = statuses(&doc, "/api/menu", HttpMethod::Get);
        for s in ["400", "401", "403", "404", "408", "429", "500"] {
            assert!(menu.contains(&s.to_string()), "GET /api/menu lacks {s}");
        }
        for s in ["413", "415", "503", "507"] {
            assert!(!menu.contains(&s.to_string()), "GET /api/menu has {s}");
        }
        // A write with a body: all of them.
        let orders = statuses(&doc, "/api/orders", HttpMethod::Post);
        for s in [
            "400", "401", "403", "404", "408", "413", "415", "429", "500", "503", "507",
        ] {
            assert!(
                orders.contains(&s.to_string()),
                "POST /api/orders lacks {s}"
            );
        }
        let components = doc.components.as_ref().expect("components");
        for name in ["InvalidRequest", "StorageFull", "StoreUnavailable"] {
            assert!(components.responses.contains_key(name), "{name}");
        }
    }

    #[test]
    fn an_operations_own_description_is_kept() {
        let (_, doc) = crate::http::api();
        let op = doc.paths.paths["/api/orders"].post.as_ref().unwrap();
        // POST /api/orders documents its own 409s; they stay inline.
        assert!(matches!(op.responses.responses["409"], RefOr::T(_)));
    }
}
