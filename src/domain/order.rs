//! Orders, their lines, and the order state machine. Payments are in
//! [`super::payment`] (re-exported here).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use super::payment::{NewRefund, Payment, PaymentMethod, Refund, RefundLine};
use super::user::Role;
use super::{DomainError, Field, Money, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Placed,
    InProgress,
    Ready,
    Completed,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 5] = [
        OrderStatus::Placed,
        OrderStatus::InProgress,
        OrderStatus::Ready,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::InProgress => "in_progress",
            OrderStatus::Ready => "ready",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid_value(
                    Field::OrderStatus,
                    format!("unknown order status {s:?}"),
                )
            })
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, OrderStatus::Completed | OrderStatus::Cancelled)
    }
}

/// The moves the state machine allows, whoever asks.
pub fn is_allowed_move(from: OrderStatus, to: OrderStatus) -> bool {
    use OrderStatus::*;
    matches!(
        (from, to),
        (Placed, InProgress)
            | (InProgress, Ready)
            | (Ready, Completed)
            | (Placed, Cancelled)
            | (InProgress, Cancelled)
    )
}

/// Decides a status change asked for by `role`. Kitchen staff move orders
/// forward; only cashiers and admins cancel, and only with a reason.
/// The stage an order goes back to when staff undo a move (a ticket marked
/// ready too early, an order handed over by mistake): completed → ready →
/// in progress → placed. Nothing goes back from placed or cancelled.
pub fn previous_stage(from: OrderStatus) -> Option<OrderStatus> {
    match from {
        OrderStatus::Completed => Some(OrderStatus::Ready),
        OrderStatus::InProgress => Some(OrderStatus::Placed),
        OrderStatus::Ready => Some(OrderStatus::InProgress),
        _ => None,
    }
}

pub fn check_transition(
    from: OrderStatus,
    to: OrderStatus,
    role: Role,
    reason: Option<&str>,
) -> Result<(), DomainError> {
    if !matches!(role, Role::Admin | Role::Cashier | Role::Kitchen) {
        return Err(DomainError::new(
            Rule::Forbidden,
            "your role may not change an order's status",
        ));
    }
    if !is_allowed_move(from, to) {
        return Err(DomainError::new(
            Rule::InvalidTransition,
            format!(
                "an order cannot move from {} to {}",
                from.as_str(),
                to.as_str()
            ),
        ));
    }
    if to == OrderStatus::Cancelled {
        if !matches!(role, Role::Admin | Role::Cashier) {
            return Err(DomainError::new(
                Rule::Forbidden,
                "only a cashier or an admin may cancel an order",
            ));
        }
        if reason.map(str::trim).unwrap_or("").is_empty() {
            return Err(DomainError::required(
                Field::Reason,
                "a reason is required to cancel an order",
            ));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderType {
    Takeaway,
    DineIn,
}

impl OrderType {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderType::Takeaway => "takeaway",
            OrderType::DineIn => "dine_in",
        }
    }
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "takeaway" => Ok(OrderType::Takeaway),
            "dine_in" => Ok(OrderType::DineIn),
            _ => Err(DomainError::invalid_value(
                Field::OrderType,
                format!("unknown order type {s:?}"),
            )),
        }
    }
}

/// Where an order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Counter,
    Kiosk,
    Customer,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Counter => "counter",
            Channel::Kiosk => "kiosk",
            Channel::Customer => "customer",
        }
    }
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "counter" => Ok(Channel::Counter),
            "kiosk" => Ok(Channel::Kiosk),
            "customer" => Ok(Channel::Customer),
            _ => Err(DomainError::invalid_value(
                Field::Request,
                format!("unknown channel {s:?}"),
            )),
        }
    }
    pub fn for_role(role: Role) -> Channel {
        match role {
            Role::Kiosk => Channel::Kiosk,
            Role::Customer => Channel::Customer,
            _ => Channel::Counter,
        }
    }
}

/// How many of one line: 1 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity(u32);

impl Quantity {
    pub const MAX: u32 = 99;
    pub fn parse(n: i64) -> Result<Self, DomainError> {
        if (1..=i64::from(Self::MAX)).contains(&n) {
            Ok(Quantity(n as u32))
        } else {
            Err(DomainError::new(
                Rule::QuantityOutOfRange,
                format!("quantity must be between 1 and {}, got {n}", Self::MAX),
            )
            .with_params(serde_json::json!({ "min": 1, "max": Self::MAX, "quantity": n })))
        }
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

/// A table label for dine-in orders: 1 to 16 visible characters.
pub fn check_table(
    table: Option<&str>,
    order_type: OrderType,
) -> Result<Option<String>, DomainError> {
    match table.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > 16 => Err(DomainError::too_long(
            Field::Table,
            16,
            "a table label is at most 16 characters",
        )),
        Some(_) if order_type == OrderType::Takeaway => Err(DomainError::new(
            Rule::TableNotForTakeaway,
            "a table can only be given for dine-in orders",
        )),
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// A line note for the kitchen: at most 200 characters.
pub fn check_note(note: Option<&str>) -> Result<Option<String>, DomainError> {
    match note.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(n) if n.chars().count() > 200 => Err(DomainError::too_long(
            Field::Note,
            200,
            "a note is at most 200 characters",
        )),
        Some(n) => Ok(Some(n.to_string())),
    }
}

/// One option taken on a line. An option taken twice (a double extra shot)
/// is listed twice, so the deltas of `modifiers` always sum to what the
/// options add to one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LineModifier {
    pub id: Uuid,
    pub name: String,
    pub price_delta: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrderLine {
    pub item_id: Uuid,
    pub name: String,
    pub quantity: u32,
    /// Base price of one item, before modifiers.
    pub unit_price: Money,
    pub modifiers: Vec<LineModifier>,
    /// (unit_price + sum of modifier deltas) * quantity.
    pub line_total: Money,
    pub note: Option<String>,
    /// The kitchen station it goes to (its category's when it was sold);
    /// absent: every board.
    #[serde(default)]
    pub station: Option<String>,
    /// Minutes to make one, as the menu said when it was sold.
    #[serde(default)]
    pub prep_minutes: u32,
    /// When its station bumped it (made); absent while still to make.
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
}

impl OrderLine {
    /// The line's modifiers, each once with how often it was taken, in the
    /// order they were first listed (for the receipt: `2x Extra shot`).
    pub fn modifier_counts(&self) -> Vec<(&LineModifier, u32)> {
        let mut out: Vec<(&LineModifier, u32)> = Vec::new();
        for m in &self.modifiers {
            match out.iter_mut().find(|(seen, _)| seen.id == m.id) {
                Some((_, n)) => *n += 1,
                None => out.push((m, 1)),
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Order {
    pub id: Uuid,
    /// Short ticket number for the board and the receipt; restarts daily.
    pub number: i64,
    pub status: OrderStatus,
    #[serde(rename = "type")]
    pub order_type: OrderType,
    pub table: Option<String>,
    pub channel: Channel,
    pub lines: Vec<OrderLine>,
    pub subtotal: Money,
    pub discount: Money,
    pub tax: Money,
    /// The tax of each rate, lowest first (`tax` is their sum).
    #[serde(default)]
    pub taxes: Vec<super::pricing::RateTax>,
    pub total: Money,
    pub coupon_code: Option<String>,
    /// Each discount of the order (`discount` is their sum).
    #[serde(default)]
    pub discounts: Vec<Discount>,
    pub customer_id: Option<Uuid>,
    pub payments: Vec<Payment>,
    pub paid: bool,
    pub change_due: Money,
    /// Money given back, oldest first; `refunded` is their sum.
    #[serde(default)]
    pub refunds: Vec<Refund>,
    pub refunded: Money,
    /// The tips of the payments (not part of the total).
    pub tips: Money,
    pub cancel_reason: Option<String>,
    /// When the kitchen should have it ready (see `domain::ready`), refined
    /// as the kitchen moves orders; absent once it is ready or done.
    #[serde(default)]
    pub estimated_ready_at: Option<DateTime<Utc>>,
    /// A guest's order from a table waiting for staff to accept it (the
    /// kitchen does not see it yet).
    #[serde(default)]
    pub awaiting_accept: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

mod discounts;
pub use discounts::{Discount, DiscountKind};

#[cfg(test)]
mod tests;
