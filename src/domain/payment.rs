//! Payments on an order: methods, what has been paid, and taking a payment
//! (cash may be tendered above the amount; the change is given back).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::order::{Order, OrderStatus};
use super::{DomainError, Money, Rule};

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
            _ => Err(DomainError::invalid(format!(
                "unknown payment method {s:?}"
            ))),
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
    pub created_at: DateTime<Utc>,
}

impl Order {
    pub fn amount_paid(&self) -> Result<Money, DomainError> {
        Money::sum(self.total.currency, self.payments.iter().map(|p| p.amount))
    }

    pub fn outstanding(&self) -> Result<Money, DomainError> {
        self.total.checked_sub(self.amount_paid()?)
    }

    /// Recomputes `paid` and `change_due` from the payments.
    pub fn settle(&mut self) -> Result<(), DomainError> {
        self.paid = self.amount_paid()?.amount >= self.total.amount;
        self.change_due = Money::sum(
            self.total.currency,
            self.payments.iter().map(|p| p.change_due),
        )?;
        Ok(())
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
        now: DateTime<Utc>,
    ) -> Result<Payment, DomainError> {
        if self.status == OrderStatus::Cancelled {
            return Err(DomainError::new(
                Rule::OrderCancelled,
                "a cancelled order cannot be paid",
            ));
        }
        if amount.currency != self.total.currency {
            return Err(DomainError::invalid(format!(
                "this shop takes {}, not {}",
                self.total.currency, amount.currency
            )));
        }
        if amount.amount <= 0 {
            return Err(DomainError::invalid("a payment amount must be positive"));
        }
        let outstanding = self.outstanding()?;
        if outstanding.amount <= 0 {
            return Err(DomainError::new(
                Rule::AlreadyPaid,
                "this order is already paid",
            ));
        }
        if amount.amount > outstanding.amount {
            return Err(DomainError::invalid(format!(
                "the payment of {} is more than the {} still owed",
                amount.amount, outstanding.amount
            )));
        }
        let change_due = match (method, tendered) {
            (PaymentMethod::Cash, Some(t)) => {
                if t.currency != amount.currency {
                    return Err(DomainError::invalid(
                        "tendered must be in the shop's currency",
                    ));
                }
                if t.amount < amount.amount {
                    return Err(DomainError::invalid(
                        "the cash tendered is less than the amount",
                    ));
                }
                t.checked_sub(amount)?
            }
            (PaymentMethod::Cash, None) => Money::zero(amount.currency),
            (_, Some(_)) => return Err(DomainError::invalid("tendered is only for cash payments")),
            (_, None) => Money::zero(amount.currency),
        };
        Ok(Payment {
            id,
            method,
            amount,
            tendered,
            change_due,
            created_at: now,
        })
    }
}
