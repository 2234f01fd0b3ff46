//! Tables and ordering from them. Admins keep the tables (name, area) and
//! their codes; a code's QR opens `/t/<code>` on a guest's phone, which
//! starts a guest session: a short-lived credential for that table alone,
//! with which the guest orders to the table and follows its own orders.

use chrono::Duration;
use rand::Rng;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{sha256_hex, Actor, App, AppError, AppResult, ErrorCode, Guest, NotFoundAs};
use crate::domain::user::Role;
use crate::domain::Field;
use crate::store::tables::{self as store, TableRow};

pub mod sheet;

/// Letters and digits a guest cannot misread (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters of a table's code: 31^10, about 8e14 codes.
const CODE_LEN: usize = 10;
/// The prefix of a guest's token (so that it is never taken for a JWT).
pub const GUEST_TOKEN_PREFIX: &str = "guest_";

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TableView {
    pub id: Uuid,
    pub name: String,
    pub area: String,
    /// What the table's QR code carries: `/t/<code>`.
    pub code: String,
    pub sort_order: i64,
}

impl From<TableRow> for TableView {
    fn from(t: TableRow) -> Self {
        TableView {
            id: t.id,
            name: t.name,
            area: t.area,
            code: t.code,
            sort_order: t.sort_order,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TableList {
    pub tables: Vec<TableView>,
}

/// `POST /api/tables`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableInput {
    /// 1 to 16 characters, as orders and receipts show it (e.g. `12`, `Terrace 3`).
    pub name: String,
    /// Where it is (e.g. `Terrace`), up to 40 characters.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub sort_order: Option<i64>,
}

/// `PATCH /api/tables/{id}`: absent fields stay; `new_code` replaces the
/// code (the old QR code stops working, its guests' sessions end).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TablePatch {
    pub name: Option<String>,
    pub area: Option<String>,
    pub sort_order: Option<i64>,
    #[serde(default)]
    pub new_code: bool,
}

fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

fn check_name(name: &str) -> AppResult<String> {
    // The same rule as an order's table label.
    crate::app::error::check_text(name, Field::Table, 16, "a table name is 1 to 16 characters")
}

fn check_area(area: &str) -> AppResult<String> {
    let a = area.trim();
    if a.chars().count() > 40 {
        return Err(AppError::too_long(
            Field::Name,
            40,
            "an area is at most 40 characters",
        ));
    }
    Ok(a.to_string())
}

/// The tables (admin).
pub async fn list(app: &App, actor: &Actor) -> AppResult<Vec<TableView>> {
    actor.require(&[Role::Admin], "see the tables")?;
    let rows = app.store().read(store::list).await?;
    Ok(rows.into_iter().map(TableView::from).collect())
}

/// Adds a table with a new code (admin); 409 `table_name_taken`.
pub async fn create(app: &App, actor: &Actor, input: TableInput) -> AppResult<TableView> {
    actor.require(&[Role::Admin], "change the tables")?;
    let name = check_name(&input.name)?;
    let area = check_area(&input.area)?;
    let now = app.now();
    let id = app.new_id();
    let row = app
        .store()
        .write(move |c| -> AppResult<_> {
            let sort_order = match input.sort_order {
                Some(s) => s,
                None => store::list(c)?
                    .iter()
                    .map(|t| t.sort_order + 1)
                    .max()
                    .unwrap_or(0),
            };
            let t = TableRow {
                id,
                name,
                area,
                code: new_code(),
                sort_order,
            };
            store::insert(c, &t, now)?;
            Ok(t)
        })
        .await?;
    Ok(row.into())
}

/// Renames, moves or gives a table a new code (admin).
pub async fn update(app: &App, actor: &Actor, id: Uuid, patch: TablePatch) -> AppResult<TableView> {
    actor.require(&[Role::Admin], "change the tables")?;
    let name = patch.name.as_deref().map(check_name).transpose()?;
    let area = patch.area.as_deref().map(check_area).transpose()?;
    let row = app
        .store()
        .write(move |c| -> AppResult<_> {
            let mut t = store::get(c, id)?.ok_or_else(|| AppError::not_found("no such table"))?;
            if let Some(n) = name {
                t.name = n;
            }
            if let Some(a) = area {
                t.area = a;
            }
            if let Some(s) = patch.sort_order {
                t.sort_order = s;
            }
            if patch.new_code {
                t.code = new_code();
            }
            store::update(c, &t)?;
            Ok(t)
        })
        .await?;
    Ok(row.into())
}

/// Removes a table (admin); its guests' orders stay.
pub async fn delete(app: &App, actor: &Actor, id: Uuid) -> AppResult<()> {
    actor.require(&[Role::Admin], "change the tables")?;
    app.store()
        .write(move |c| store::delete(c, id))
        .await
        .not_found_as("no such table")
}

/// The sheet of the tables' QR codes as a PDF (admin): one card per table,
/// in the tables' order, each for `<base>/t/<code>`. 400
/// `invalid_base_url` for a base that is not an absolute http(s) URL
/// without a query; 409 `no_tables` while the shop has none.
pub async fn sheet_pdf(app: &App, actor: &Actor, base: &str) -> AppResult<Vec<u8>> {
    actor.require(&[Role::Admin], "print the tables' QR codes")?;
    let base = sheet::check_base(base)?;
    let tables: Vec<TableView> = list(app, actor).await?;
    if tables.is_empty() {
        return Err(AppError::new(
            ErrorCode::NoTables,
            "the shop has no tables yet; add one first",
        ));
    }
    let shop = app.settings().shop_name.clone();
    tokio::task::spawn_blocking(move || sheet::sheet_pdf(&tables, &base, &shop))
        .await
        .map_err(AppError::internal)?
}

/// A guest's session, as `POST /api/tables/{code}/session` answers it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GuestSession {
    /// Sent as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    pub expires_in: i64,
    pub table: GuestTable,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GuestTable {
    pub name: String,
    pub area: String,
}

/// Starts a guest's session at the table whose code was scanned (anyone):
/// 404 `unknown_table_code` for a code that names no table.
pub async fn start_session(app: &App, code: &str) -> AppResult<GuestSession> {
    let unknown = || {
        AppError::new(
            ErrorCode::UnknownTableCode,
            "this table code names no table; ask the staff",
        )
    };
    let code = code.trim().to_ascii_uppercase();
    if code.len() != CODE_LEN || !code.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
        return Err(unknown());
    }
    let now = app.now();
    let minutes = i64::from(app.config().guest_session_minutes.max(1));
    let expires = now + Duration::minutes(minutes);
    let token = format!("{GUEST_TOKEN_PREFIX}{}", super::auth::new_refresh_token());
    let hash = sha256_hex(token.as_bytes());
    let id = app.new_id();
    let table = app
        .store()
        .write(move |c| -> AppResult<_> {
            let t = store::by_code(c, &code)?.ok_or_else(unknown)?;
            store::insert_session(c, id, t.id, &hash, now, expires)?;
            Ok(t)
        })
        .await?;
    Ok(GuestSession {
        access_token: token,
        expires_in: minutes * 60,
        table: GuestTable {
            name: table.name,
            area: table.area,
        },
    })
}

/// The guest a guest token belongs to; 401 `invalid_token` for one that
/// names no live session (expired, or its table's code was replaced).
pub async fn authenticate(app: &App, token: &str) -> AppResult<Actor> {
    let hash = sha256_hex(token.as_bytes());
    let now = app.now();
    let session = app
        .store()
        .read(move |c| store::session_by_hash(c, &hash, now))
        .await?
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidToken,
                "this table session has ended; scan the table's code again",
            )
        })?;
    Ok(Actor::Guest(Guest {
        session_id: session.id,
        table_id: session.table_id,
        table: session.table_name,
    }))
}

/// Accepts a guest's order waiting for staff (cashier, admin): the kitchen
/// sees it from now on. 409 `not_awaiting_accept` otherwise.
pub async fn accept(
    app: &App,
    actor: &Actor,
    order: Uuid,
) -> AppResult<crate::domain::order::Order> {
    actor.require(&[Role::Admin, Role::Cashier], "accept guests' orders")?;
    let now = app.now();
    let (o, guest) = app
        .store()
        .write(move |c| -> AppResult<_> {
            let mut o = crate::store::orders::get(c, order)?
                .ok_or_else(|| AppError::not_found("no such order"))?;
            if !store::accept(c, order)? {
                return Err(AppError::new(
                    ErrorCode::NotAwaitingAccept,
                    "this order is not waiting to be accepted",
                ));
            }
            crate::store::orders::touch(c, order, now)?;
            super::kitchen::place_in(c, &mut o, now)?;
            crate::store::kitchen::set_estimate(c, order, o.estimated_ready_at.unwrap_or(now))?;
            let guest = store::guest_of(c, order)?;
            let o =
                crate::store::orders::get(c, order)?.ok_or(crate::store::StoreError::NotFound)?;
            Ok((o, guest))
        })
        .await?;
    app.inner.events.publish_order("order.updated", &o, guest);
    Ok(o)
}
