//! The kitchen's side of orders: the station of each line, lines bumped at
//! a station, and the ready time of every open order (`domain::ready`),
//! estimated when it is placed and refined whenever the kitchen moves an
//! order, all inside the write that changes the order.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::order::{self, Order, OrderStatus};
use crate::domain::ready::{self, Lanes, Pace, Queued, Work};
use crate::domain::user::Role;
use crate::store::kitchen as store;
use crate::store::orders as order_store;
use crate::store::StoreError;

/// How far back the kitchen's pace is measured.
const PACE_WINDOW_MINUTES: i64 = 60;
/// Orders made ready in that window the pace looks at, at most.
const PACE_SAMPLES: usize = 200;
/// Open orders whose ready time a move refines, oldest first. A café never
/// has this many orders in the making; orders beyond keep their estimate.
const QUEUE_LIMIT: usize = 300;

/// A ready time that changed: `order.eta` tells the order's audience.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrderEta {
    pub id: Uuid,
    pub number: i64,
    pub estimated_ready_at: DateTime<Utc>,
    #[serde(skip)]
    pub placed_by: Option<Uuid>,
    #[serde(skip)]
    pub customer_id: Option<Uuid>,
}

fn pace_in(c: &Connection, now: DateTime<Utc>) -> AppResult<Pace> {
    let since = now - Duration::minutes(PACE_WINDOW_MINUTES);
    Ok(ready::pace(&store::ready_since(c, since, PACE_SAMPLES)?))
}

/// Inside the write placing `order` (its lines priced with their
/// stations), or accepting it: gives the order its ready time, behind the
/// stations' lanes, and keeps the tickets of the stations' printers.
pub(crate) fn place_in(c: &Connection, order: &mut Order, now: DateTime<Utc>) -> AppResult<()> {
    let queued = Queued {
        id: order.id,
        created_at: order.created_at,
        started_at: None,
        lines: order
            .lines
            .iter()
            .map(|l| Work {
                station: l.station.clone(),
                prep_minutes: l.prep_minutes,
            })
            .collect(),
    };
    let (at, lanes) = ready::estimate_new(&queued, pace_in(c, now)?, now, store::lanes(c)?);
    order.estimated_ready_at = Some(at);
    store::set_lanes(c, &lanes)?;
    // The stations with a printer get their tickets.
    super::printing::stations::tickets_in(c, order, now)?;
    Ok(())
}

/// Inside a write that moved an order or bumped a line: estimates the
/// queue again and returns the ready times that changed.
pub(crate) fn refine_in(c: &Connection, now: DateTime<Utc>) -> AppResult<Vec<OrderEta>> {
    let queue = store::queue(c, QUEUE_LIMIT)?;
    let orders: Vec<Queued> = queue.iter().map(|e| e.order.clone()).collect();
    let (times, mut lanes) = ready::estimate(&orders, pace_in(c, now)?, now, Lanes::new());
    if queue.len() == QUEUE_LIMIT {
        // Orders beyond the limit are still queued behind the lanes.
        for (station, free) in store::lanes(c)? {
            let lane = lanes.entry(station).or_insert(free);
            *lane = (*lane).max(free);
        }
    }
    store::set_lanes(c, &lanes)?;
    let mut changed = Vec::new();
    for (entry, (_, at)) in queue.iter().zip(times) {
        if entry.estimated_ready_at != Some(at) {
            store::set_estimate(c, entry.order.id, at)?;
            changed.push(OrderEta {
                id: entry.order.id,
                number: entry.number,
                estimated_ready_at: at,
                placed_by: entry.placed_by,
                customer_id: entry.customer_id,
            });
        }
    }
    Ok(changed)
}

/// Tells each order's audience its new ready time.
pub(crate) fn publish(app: &App, etas: &[OrderEta]) {
    for eta in etas {
        app.inner
            .events
            .publish_scoped("order.eta", eta, eta.placed_by, eta.customer_id);
    }
}

/// 409 `order_not_accepted` for a guest's order that still waits for staff
/// to accept it: the kitchen does not see it yet, nor may it move it.
pub(crate) fn check_accepted(order: &Order) -> AppResult<()> {
    if order.awaiting_accept {
        return Err(AppError::new(
            ErrorCode::OrderNotAccepted,
            "this guest's order waits for staff to accept it",
        ));
    }
    Ok(())
}

/// `POST /api/orders/{id}/lines/{line_no}/bump`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Bump {
    /// `true`: made; `false`: to make again (a recall). Default `true`.
    #[serde(default = "crate::app::default_true")]
    pub done: bool,
}

/// Bumps one line at its station (kitchen, cashier, admin). The first bump
/// starts a placed order; once every line is made the order is ready, and
/// un-bumping a line of a ready order takes it back into the making.
/// 409 `invalid_transition` on an order that is completed or cancelled.
pub async fn bump_line(
    app: &App,
    actor: &Actor,
    id: Uuid,
    line_no: i64,
    bump: Bump,
) -> AppResult<Order> {
    actor.require(&[Role::Admin, Role::Cashier, Role::Kitchen], "bump lines")?;
    let now = app.now();
    let (order, placed_by, etas) = app
        .store()
        .write(move |c| -> AppResult<_> {
            let current =
                order_store::get(c, id)?.ok_or_else(|| AppError::not_found("no such order"))?;
            if current.status.is_terminal() {
                return Err(AppError::new(
                    ErrorCode::InvalidTransition,
                    format!(
                        "the order is {}: its lines are done with",
                        current.status.as_str()
                    ),
                ));
            }
            check_accepted(&current)?;
            store::bump_line(c, id, line_no, bump.done, now).map_err(|e| match e {
                StoreError::NotFound => AppError::not_found("the order has no such line"),
                e => e.into(),
            })?;
            let all_done = store::all_done(c, id, None)?;
            let path: &[OrderStatus] = match (current.status, bump.done, all_done) {
                (OrderStatus::Placed, true, false) => &[OrderStatus::InProgress],
                (OrderStatus::Placed, true, true) => &[OrderStatus::InProgress, OrderStatus::Ready],
                (OrderStatus::InProgress, true, true) => &[OrderStatus::Ready],
                (OrderStatus::Ready, false, _) => &[OrderStatus::InProgress],
                _ => &[],
            };
            let mut from = current.status;
            for &to in path {
                if to != OrderStatus::InProgress || from != OrderStatus::Ready {
                    order::check_transition(from, to, Role::Kitchen, None)?;
                }
                order_store::update_status(c, id, to, None, now)?;
                store::record_move(c, id, to, now)?;
                from = to;
            }
            if path.is_empty() {
                order_store::touch(c, id, now)?;
            }
            let etas = refine_in(c, now)?;
            let placed_by = crate::store::tables::follower_of(c, id)?;
            let order = order_store::get(c, id)?.ok_or(StoreError::NotFound)?;
            Ok((order, placed_by, etas))
        })
        .await?;
    app.inner
        .events
        .publish_order("order.updated", &order, placed_by);
    publish(app, &etas);
    Ok(order)
}
