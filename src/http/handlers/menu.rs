use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use crate::app::menu::{self, MenuSnapshot, MenuView};
use crate::app::AppError;
use crate::http::{edge, HttpState};

fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers.get_all(header::IF_NONE_MATCH).iter().any(|v| {
        // What a client that has the menu sends: exactly the tag it got.
        v.as_bytes() == etag.as_bytes()
            || v.to_str().is_ok_and(|v| {
                v.split(',')
                    .map(str::trim)
                    .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
            })
    })
}

/// The menu answer's headers for the current menu snapshot (200 and 304),
/// with the edge's already in place; each answer gets a copy.
#[derive(Default)]
pub struct MenuHeaders(RwLock<Option<Prepared>>);

struct Prepared {
    snapshot: Arc<MenuSnapshot>,
    ok: HeaderMap,
    not_modified: HeaderMap,
}

impl MenuHeaders {
    fn for_answer(
        &self,
        snapshot: &Arc<MenuSnapshot>,
        not_modified: bool,
    ) -> Result<HeaderMap, AppError> {
        let pick = |p: &Prepared| {
            if not_modified {
                p.not_modified.clone()
            } else {
                p.ok.clone()
            }
        };
        if let Some(p) = self.0.read().ok().as_deref().and_then(Option::as_ref) {
            if Arc::ptr_eq(&p.snapshot, snapshot) {
                return Ok(pick(p));
            }
        }
        let prepared = Prepared::new(snapshot)?;
        let headers = pick(&prepared);
        if let Ok(mut slot) = self.0.write() {
            *slot = Some(prepared);
        }
        Ok(headers)
    }
}

impl Prepared {
    fn new(snapshot: &Arc<MenuSnapshot>) -> Result<Prepared, AppError> {
        let etag = HeaderValue::from_maybe_shared(snapshot.etag_bytes.clone())
            .map_err(AppError::internal)?;
        // Every header each answer will carry, so that none is added to a
        // copy (which has no room to spare): the 304's `content-length: 0`
        // is the one axum would add (hyper leaves it out of a 304).
        let mut not_modified = HeaderMap::with_capacity(7);
        not_modified.insert(header::ETAG, etag);
        not_modified.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        edge::prepare(&mut not_modified);
        let mut ok = not_modified.clone();
        not_modified.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        ok.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        ok.insert(
            header::CONTENT_LENGTH,
            HeaderValue::from(snapshot.json.len()),
        );
        Ok(Prepared {
            snapshot: snapshot.clone(),
            ok,
            not_modified,
        })
    }
}

// The busiest read there is (every tablet, kiosk and board polls it): it
// borrows the request's headers instead of copying them, and its answer's
// headers are a copy of ones prepared once per menu.
/// The menu. Served from a cache; answers `If-None-Match` with 304.
#[utoipa::path(get, path = "/api/menu", tag = "menu",
    responses((status = 200, body = MenuView, headers(("ETag" = String))),
              (status = 304, description = "not modified")))]
pub async fn get_menu(State(state): State<HttpState>, req: Request) -> Result<Response, AppError> {
    let snapshot = menu::get(&state.app).await?;
    let not_modified = matches_etag(req.headers(), &snapshot.etag);
    let headers = state.menu_headers.for_answer(&snapshot, not_modified)?;
    let mut resp = if not_modified {
        let mut resp = Response::new(Body::empty());
        *resp.status_mut() = StatusCode::NOT_MODIFIED;
        resp
    } else {
        Response::new(Body::from(snapshot.json.clone()))
    };
    *resp.headers_mut() = headers;
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inm(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::IF_NONE_MATCH, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn if_none_match_matches_the_tag_in_any_list_weak_or_star() {
        let tag = "\"abc\"";
        assert!(matches_etag(&inm(&["\"abc\""]), tag));
        assert!(matches_etag(&inm(&["\"x\", \"abc\""]), tag));
        assert!(matches_etag(&inm(&["W/\"abc\""]), tag));
        assert!(matches_etag(&inm(&["*"]), tag));
        assert!(matches_etag(&inm(&["\"x\"", "\"abc\""]), tag));
        assert!(!matches_etag(&inm(&["\"x\""]), tag));
        assert!(!matches_etag(&inm(&[]), tag));
    }
}
