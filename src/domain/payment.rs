//! Money on an order: payments (cash may be tendered above the amount and
//! the change is given back; a tip may come with any payment) and refunds
//! (never above what was paid minus what was already refunded).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::order::{Order, OrderStatus};
use serde_json::json;

use super::{DomainError, Field, Money, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Card,
    Other,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Card => "card",
            PaymentMethod::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "cash" => Ok(PaymentMethod::Cash),
            "card" => Ok(PaymentMethod::Card),
            "other" => Ok(PaymentMethod::Other),
            _ => Err(DomainError::invalid_value(
                Field::PaymentMethod,
                format!("unknown payment method {s:?}"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Payment {
    pub id: Uuid,
    pub method: PaymentMethod,
    pub amount: Money,
    pub tendered: Option<Money>,
    pub change_due: Money,
    /// Given on top of the amount; not part of the order's total.
    pub tip: Money,
    pub created_at: DateTime<Utc>,
}

/// Money given back on an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Refund {
    pub id: Uuid,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reason: String,
    /// Who gave the money back.
    pub by: Option<Uuid>,
    /// The admin who approved a refund above a cashier's limit.
    pub approved_by: Option<Uuid>,
    /// The lines (and how many of each) given back, when refunded by lines.
    pub lines: Vec<RefundLine>,
    pub created_at: DateTime<Utc>,
}

/// `quantity` of the order's line `line_no` (0-based, as in `lines`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundLine {
    pub line_no: u32,
    pub quantity: u32,
}

/// A refund as asked for, before it is checked against the order.
#[derive(Debug, Clone)]
pub struct NewRefund {
    pub amount: Money,
    pub method: PaymentMethod,
    pub reason: String,
    pub lines: Vec<RefundLine>,
    pub by: Option<Uuid>,
    pub approved_by: Option<Uuid>,
}

impl Order {
    pub fn amount_paid(&self) -> Result<Money, DomainError> {
        Money::sum(self.total.currency, self.payments.iter().map(|p| p.amount))
    }

    pub fn outstanding(&self) -> Result<Money, DomainError> {
        self.total.checked_sub(self.amount_paid()?)
    }

    /// Recomputes `paid`, `change_due`, `refunded` and `tips` from the
    /// payments and refunds.
    pub fn settle(&mut self) -> Result<(), DomainError> {
        let currency = self.total.currency;
        self.paid = self.amount_paid()?.amount >= self.total.amount;
        self.change_due = Money::sum(currency, self.payments.iter().map(|p| p.change_due))?;
        self.refunded = Money::sum(currency, self.refunds.iter().map(|r| r.amount))?;
        self.tips = Money::sum(currency, self.payments.iter().map(|p| p.tip))?;
        Ok(())
    }

    /// What the order still holds: paid minus refunded (tips aside).
    pub fn held(&self) -> Result<Money, DomainError> {
        self.amount_paid()?.checked_sub(Money::sum(
            self.total.currency,
            self.refunds.iter().map(|r| r.amount),
        )?)
    }

    /// A cancel needs the order to hold no money: refund it first.
    pub fn check_cancellable(&self) -> Result<(), DomainError> {
        if self.held()?.amount > 0 {
            return Err(DomainError::new(
                Rule::RefundRequired,
                "this order still holds money; refund it before cancelling",
            ));
        }
        Ok(())
    }

    /// Builds a refund of `amount` against what the order holds. With
    /// `lines`, each must be a line of the order and no line may be given
    /// back more often than it was sold (over all its refunds).
    pub fn take_refund(
        &self,
        refund: NewRefund,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Refund, DomainError> {
        let NewRefund {
            amount,
            method,
            reason,
            lines,
            by,
            approved_by,
        } = refund;
        if amount.currency != self.total.currency {
            return Err(DomainError::wrong_currency(
                Field::Amount,
                self.total.currency,
                format!(
                    "this shop refunds in {}, not {}",
                    self.total.currency, amount.currency
                ),
            ));
        }
        if amount.amount <= 0 {
            return Err(DomainError::not_positive(
                Field::Amount,
                "a refund amount must be positive",
            ));
        }
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(DomainError::required(
                Field::Reason,
                "a refund needs a reason of at most 200 characters",
            ));
        }
        if reason.chars().count() > 200 {
            return Err(DomainError::too_long(
                Field::Reason,
                200,
                "a refund needs a reason of at most 200 characters",
            ));
        }
        if self.amount_paid()?.amount == 0 {
            return Err(DomainError::new(
                Rule::NotPaid,
                "nothing has been paid on this order",
            ));
        }
        let held = self.held()?;
        if amount.amount > held.amount {
            return Err(DomainError::new(
                Rule::RefundExceedsPaid,
                format!(
                    "a refund of {} is more than the {} paid and not yet refunded",
                    amount.to_decimal(),
                    held.to_decimal()
                ),
            )
            .with_params(json!({ "amount": amount, "left": held })));
        }
        for (i, l) in lines.iter().enumerate() {
            let Some(line) = self.lines.get(l.line_no as usize) else {
                return Err(DomainError::new(
                    Rule::RefundLineInvalid,
                    format!("the order has no line {}", l.line_no),
                )
                .with_params(json!({ "line": l.line_no + 1, "reason": "unknown" })));
            };
            if lines[..i].iter().any(|o| o.line_no == l.line_no) {
                return Err(DomainError::new(
                    Rule::RefundLineInvalid,
                    format!("line {} is listed twice", l.line_no),
                )
                .with_params(json!({ "line": l.line_no + 1, "reason": "twice" })));
            }
            let before: u32 = self
                .refunds
                .iter()
                .flat_map(|r| &r.lines)
                .filter(|r| r.line_no == l.line_no)
                .map(|r| r.quantity)
                .sum();
            if l.quantity == 0 || before + l.quantity > line.quantity {
                return Err(DomainError::new(
                    Rule::RefundLineInvalid,
                    format!(
                        "line {} was sold {} times and {} of them are refunded already",
                        l.line_no, line.quantity, before
                    ),
                )
                .with_params(json!({
                    "line": l.line_no + 1,
                    "reason": "too_many",
                    "item": line.name,
                    "sold": line.quantity,
                    "refunded": before,
                })));
            }
        }
        Ok(Refund {
            id,
            amount,
            method,
            reason,
            by,
            approved_by,
            lines,
            created_at: now,
        })
    }

    /// Builds the payment for `method`/`amount`/`tendered` against what is
    /// still owed. Cash may be tendered above the amount (change is due);
    /// card and other payments take no tendered amount.
    pub fn take_payment(
        &self,
        id: Uuid,
        method: PaymentMethod,
        amount: Money,
        tendered: Option<Money>,
        tip: Option<Money>,
        now: DateTime<Utc>,
    ) -> Result<Payment, DomainError> {
        if self.status == OrderStatus::Cancelled {
            return Err(DomainError::new(
                Rule::OrderCancelled,
                "a cancelled order cannot be paid",
            ));
        }
        if amount.currency != self.total.currency {
            return Err(DomainError::wrong_currency(
                Field::Amount,
                self.total.currency,
                format!(
                    "this shop takes {}, not {}",
                    self.total.currency, amount.currency
                ),
            ));
        }
        if amount.amount <= 0 {
            return Err(DomainError::not_positive(
                Field::Amount,
                "a payment amount must be positive",
            ));
        }
        let outstanding = self.outstanding()?;
        if outstanding.amount <= 0 {
            return Err(DomainError::new(
                Rule::AlreadyPaid,
                "this order is already paid",
            ));
        }
        if amount.amount > outstanding.amount {
            return Err(DomainError::new(
                Rule::PaymentExceedsOwed,
                format!(
                    "the payment of {} is more than the {} still owed",
                    amount.amount, outstanding.amount
                ),
            )
            .with_params(json!({ "amount": amount, "owed": outstanding })));
        }
        let tip = tip.unwrap_or(Money::zero(amount.currency));
        if tip.currency != amount.currency || tip.amount < 0 {
            return Err(DomainError::invalid_value(
                Field::Tip,
                "a tip is zero or more, in the shop's currency",
            ));
        }
        // What the customer gives: the amount and the tip.
        let due = amount.checked_add(tip)?;
        let change_due = match (method, tendered) {
            (PaymentMethod::Cash, Some(t)) => {
                if t.currency != amount.currency {
                    return Err(DomainError::wrong_currency(
                        Field::Tendered,
                        amount.currency,
                        "tendered must be in the shop's currency",
                    ));
                }
                if t.amount < due.amount {
                    return Err(DomainError::new(
                        Rule::TenderedTooLow,
                        "the cash tendered is less than the amount and the tip",
                    )
                    .with_params(json!({ "due": due, "tendered": t })));
                }
                t.checked_sub(due)?
            }
            (PaymentMethod::Cash, None) => Money::zero(amount.currency),
            (_, Some(_)) => {
                return Err(DomainError::invalid_value(
                    Field::Tendered,
                    "tendered is only for cash payments",
                ))
            }
            (_, None) => Money::zero(amount.currency),
        };
        Ok(Payment {
            id,
            method,
            amount,
            tendered,
            change_due,
            tip,
            created_at: now,
        })
    }
}

#[cfg(test)]
mod tests;
