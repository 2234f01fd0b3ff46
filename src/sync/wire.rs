//! What a shop sends head office: events in batches, each with the shop's
//! own id for it (head office stores each exactly once by `(shop, id)`,
//! however often it arrives and in whatever order).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::order::{Order, OrderStatus, Payment, Refund};
use crate::domain::Currency;

/// The version of this format; head office refuses batches it does not know.
pub const WIRE_VERSION: u32 = 1;

/// One thing that happened in the shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The shop's id for the event: head office keeps one row per id.
    pub id: Uuid,
    /// The shop's order of its events (increasing, with gaps).
    pub seq: i64,
    /// When it happened (the shop's clock).
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub payload: Payload,
}

/// What happened, with everything head office needs to know about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Payload {
    /// An order as placed: lines, modifiers, discounts, tax, totals, the
    /// shop's ticket number and business date.
    OrderPlaced {
        order: Box<Order>,
        business_date: NaiveDate,
    },
    PaymentRecorded {
        order_id: Uuid,
        payment: Payment,
    },
    RefundRecorded {
        order_id: Uuid,
        refund: Refund,
    },
    /// The order moved to `status` (with the reason of a cancel).
    StatusChanged {
        order_id: Uuid,
        status: OrderStatus,
        reason: Option<String>,
    },
    ShiftClosed {
        shift: ClosedShift,
    },
    /// The shop now runs head office's menu `version` (applied in one
    /// transaction with this event).
    MenuApplied {
        version: i64,
    },
}

impl Payload {
    /// The kind's name, as in the JSON (`order_placed`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Payload::OrderPlaced { .. } => "order_placed",
            Payload::PaymentRecorded { .. } => "payment_recorded",
            Payload::RefundRecorded { .. } => "refund_recorded",
            Payload::StatusChanged { .. } => "status_changed",
            Payload::ShiftClosed { .. } => "shift_closed",
            Payload::MenuApplied { .. } => "menu_applied",
        }
    }
}

/// A closed shift: its float, cash in and out, what the drawer should have
/// held and what was counted (minor units of `currency`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedShift {
    pub id: Uuid,
    pub currency: Currency,
    pub opening_float: i64,
    pub cash_in: i64,
    pub cash_out: i64,
    pub expected_cash: i64,
    pub counted_cash: i64,
    pub opened_at: DateTime<Utc>,
    pub opened_by: Option<Uuid>,
    pub closed_at: DateTime<Utc>,
    pub closed_by: Option<Uuid>,
}

/// What a push sends: the shop's events, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub version: u32,
    pub events: Vec<Event>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reads_back_as_written_with_its_kind_beside_its_data() {
        let event = Event {
            id: Uuid::from_u128(7),
            seq: 3,
            at: "2026-12-03T09:00:00Z".parse().unwrap(),
            payload: Payload::StatusChanged {
                order_id: Uuid::from_u128(1),
                status: OrderStatus::Cancelled,
                reason: Some("customer left".into()),
            },
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["kind"], "status_changed");
        assert_eq!(json["data"]["status"], "cancelled");
        assert_eq!(event.payload.kind(), "status_changed");
        let back: Event = serde_json::from_value(json).unwrap();
        assert_eq!(back, event);
    }
}
