//! Shifts at the till (cashier, admin): open one with a float, put cash in
//! or take it out with a reason, close it with the cash counted against what
//! the drawer should hold. One shift is open at a time.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::shift::ShiftCash;
use crate::domain::user::Role;
use crate::domain::{Currency, DomainError, Field, Money};
use crate::store::shifts::{self as store, CashMove, ShiftRow};
use serde_json::json;

/// A shift as the till and the Z report show it. While it is open,
/// `expected_cash` is what the drawer should hold now; `counted_cash` and
/// `difference` (counted − expected) come with the close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Shift {
    pub id: Uuid,
    pub opened_at: DateTime<Utc>,
    pub opened_by: Option<Uuid>,
    pub opening_float: Money,
    pub cash_in: Money,
    pub cash_out: Money,
    pub closed_at: Option<DateTime<Utc>>,
    pub expected_cash: Money,
    pub counted_cash: Option<Money>,
    pub difference: Option<Money>,
}

// `POST /api/shifts`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenShift {
    pub opening_float: Money,
}

/// `in`: cash put into the drawer; `out`: taken out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CashKind {
    In,
    Out,
}

// `POST /api/shifts/current/cash`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CashMovement {
    pub kind: CashKind,
    pub amount: Money,
    pub reason: String,
}

// `POST /api/shifts/current/close`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseShift {
    pub counted_cash: Money,
}

const TILL: [Role; 2] = [Role::Admin, Role::Cashier];

pub(crate) fn no_open_shift() -> AppError {
    AppError::new(ErrorCode::NoOpenShift, "no shift is open; open one first")
}

/// Most cash one movement or count may hold, in minor units.
const MAX_CASH: i64 = 100_000_000;

fn checked(
    amount: Money,
    currency: Currency,
    (field, what): (Field, &str),
    zero_ok: bool,
) -> AppResult<Money> {
    if amount.currency != currency {
        return Err(AppError::wrong_currency(
            field,
            currency,
            format!("{what} must be in {currency}"),
        ));
    }
    if !zero_ok && amount.amount == 0 {
        return Err(DomainError::not_positive(field, format!("{what} must be positive")).into());
    }
    if amount.amount < 0 || amount.amount > MAX_CASH {
        return Err(
            AppError::new(ErrorCode::OutOfRange, format!("{what} is out of range")).with_params(
                json!({
                    "field": field,
                    "min": Money::zero(currency),
                    "max": Money::new(MAX_CASH, currency),
                }),
            ),
        );
    }
    Ok(amount)
}

/// The view of a stored shift: its cash flow is read for its window (up to
/// now while it is open).
pub(crate) fn view(c: &rusqlite::Connection, s: ShiftRow, now: DateTime<Utc>) -> AppResult<Shift> {
    let currency = Currency::parse(&s.currency)?;
    let m = |a| Money::new(a, currency);
    let expected = match s.expected_cash {
        Some(e) => m(e),
        None => {
            let flow = store::cash_flow(c, s.opened_at, s.closed_at.unwrap_or(now))?;
            ShiftCash {
                opening_float: m(s.opening_float),
                taken: m(flow.taken),
                refunded: m(flow.refunded),
                cash_in: m(s.cash_in),
                cash_out: m(s.cash_out),
            }
            .expected()?
        }
    };
    let counted = s.counted_cash.map(m);
    Ok(Shift {
        id: s.id,
        opened_at: s.opened_at,
        opened_by: s.opened_by,
        opening_float: m(s.opening_float),
        cash_in: m(s.cash_in),
        cash_out: m(s.cash_out),
        closed_at: s.closed_at,
        expected_cash: expected,
        difference: counted.map(|c| c.checked_sub(expected)).transpose()?,
        counted_cash: counted,
    })
}

/// Opens a shift with a float; 409 `shift_open` when one is open.
pub async fn open(app: &App, actor: &Actor, req: OpenShift) -> AppResult<Shift> {
    actor.require(&TILL, "open a shift")?;
    let currency = app.settings().currency;
    let float = checked(
        req.opening_float,
        currency,
        (Field::OpeningFloat, "the opening float"),
        true,
    )?;
    let (id, by, now) = (app.new_id(), actor.user_id(), app.now());
    app.store()
        .write(move |c| -> AppResult<Shift> {
            if store::open_shift(c)?.is_some() {
                return Err(AppError::new(
                    ErrorCode::ShiftOpen,
                    "a shift is open already; close it first",
                ));
            }
            store::insert(c, id, currency.as_str(), float.amount, by, now)?;
            let row = store::get(c, id)?.ok_or_else(no_open_shift)?;
            view(c, row, now)
        })
        .await
}

/// The open shift, or 404 `no_open_shift`.
pub async fn current(app: &App, actor: &Actor) -> AppResult<Shift> {
    actor.require(&TILL, "see the shift")?;
    let now = app.now();
    app.store()
        .read(move |c| -> AppResult<Shift> {
            let row = store::open_shift(c)?.ok_or_else(no_open_shift)?;
            view(c, row, now)
        })
        .await
}

/// Puts cash into the drawer or takes it out, with a reason.
pub async fn move_cash(app: &App, actor: &Actor, req: CashMovement) -> AppResult<Shift> {
    actor.require(&TILL, "move cash")?;
    let currency = app.settings().currency;
    let amount = checked(req.amount, currency, (Field::Amount, "the amount"), false)?;
    let reason = req.reason.trim().to_string();
    if reason.is_empty() {
        return Err(AppError::required(
            Field::Reason,
            "a reason of 1 to 200 characters is required",
        ));
    }
    if reason.chars().count() > 200 {
        return Err(AppError::too_long(
            Field::Reason,
            200,
            "a reason of 1 to 200 characters is required",
        ));
    }
    let (id, by, now) = (app.new_id(), actor.user_id(), app.now());
    app.store()
        .write(move |c| -> AppResult<Shift> {
            let shift = store::open_shift(c)?.ok_or_else(no_open_shift)?;
            let kind = match req.kind {
                CashKind::In => "in",
                CashKind::Out => "out",
            };
            let m = CashMove {
                id,
                shift_id: shift.id,
                kind,
                amount: amount.amount,
                reason: &reason,
                by,
                at: now,
            };
            store::insert_cash(c, &m)?;
            let row = store::get(c, shift.id)?.ok_or_else(no_open_shift)?;
            view(c, row, now)
        })
        .await
}

/// Closes the open shift with the cash counted: the answer has what the
/// drawer should have held and the difference. 404 `no_open_shift` when
/// none is open (closing twice).
pub async fn close(app: &App, actor: &Actor, req: CloseShift) -> AppResult<Shift> {
    actor.require(&TILL, "close a shift")?;
    let currency = app.settings().currency;
    let counted = checked(
        req.counted_cash,
        currency,
        (Field::CountedCash, "the counted cash"),
        true,
    )?;
    let (by, now) = (actor.user_id(), app.now());
    let shift = app
        .store()
        .write(move |c| -> AppResult<Shift> {
            let open = store::open_shift(c)?.ok_or_else(no_open_shift)?;
            let id = open.id;
            let expected = view(c, open, now)?.expected_cash;
            store::insert_close(c, id, expected.amount, counted.amount, by, now)?;
            let row = store::get(c, id)?.ok_or_else(no_open_shift)?;
            view(c, row, now)
        })
        .await?;
    app.inner.events.publish("shift.closed", &shift);
    Ok(shift)
}
