use proptest::prelude::*;

use super::*;
use crate::domain::order::{Channel, OrderType};
use crate::domain::Currency;

fn eur(amount: i64) -> Money {
    Money::new(amount, Currency::parse("EUR").unwrap())
}

fn order(total: i64) -> Order {
    let now = Utc::now();
    Order {
        id: Uuid::nil(),
        number: 1,
        status: OrderStatus::Placed,
        order_type: OrderType::Takeaway,
        table: None,
        channel: Channel::Counter,
        lines: Vec::new(),
        subtotal: eur(total),
        discount: eur(0),
        tax: eur(0),
        taxes: Vec::new(),
        total: eur(total),
        coupon_code: None,
        discounts: Vec::new(),
        customer_id: None,
        payments: Vec::new(),
        paid: false,
        change_due: eur(0),
        refunds: Vec::new(),
        refunded: eur(0),
        tips: eur(0),
        cancel_reason: None,
        estimated_ready_at: None,
        awaiting_accept: false,
        created_at: now,
        updated_at: now,
    }
}

#[derive(Debug, Clone)]
enum Step {
    Pay { amount: i64, tip: i64, cash: bool },
    Refund { amount: i64 },
    Cancel,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1i64..3000, 0i64..500, any::<bool>()).prop_map(|(amount, tip, cash)| Step::Pay {
            amount,
            tip,
            cash
        }),
        (1i64..3000).prop_map(|amount| Step::Refund { amount }),
        Just(Step::Cancel),
    ]
}

fn refund(amount: i64) -> NewRefund {
    NewRefund {
        amount: eur(amount),
        method: PaymentMethod::Card,
        reason: "test".into(),
        lines: Vec::new(),
        by: None,
        approved_by: None,
    }
}

proptest! {
    /// Whatever the cashier does, money is never refunded beyond what
    /// was paid, a payment never goes beyond the total, tips stay out
    /// of the total, and an order may be cancelled exactly when it
    /// holds no money.
    #[test]
    fn money_on_an_order_adds_up(total in 1i64..5000, steps in proptest::collection::vec(step(), 0..30)) {
        let mut o = order(total);
        let now = Utc::now();
        let mut tips = 0;
        for s in steps {
            match s {
                Step::Pay { amount, tip, cash } => {
                    let (method, tendered) = if cash {
                        (PaymentMethod::Cash, Some(eur(amount + tip + 50)))
                    } else {
                        (PaymentMethod::Card, None)
                    };
                    let owed = o.outstanding().unwrap().amount;
                    match o.take_payment(Uuid::nil(), method, eur(amount), tendered, Some(eur(tip)), now) {
                        Ok(p) => {
                            prop_assert!(amount <= owed);
                            if cash {
                                prop_assert_eq!(p.change_due, eur(50));
                            }
                            tips += tip;
                            o.payments.push(p);
                        }
                        Err(_) => prop_assert!(owed <= 0 || amount > owed),
                    }
                }
                Step::Refund { amount } => {
                    let held = o.held().unwrap().amount;
                    match o.take_refund(refund(amount), Uuid::nil(), now) {
                        Ok(r) => {
                            prop_assert!(amount <= held);
                            o.refunds.push(r);
                        }
                        Err(e) => prop_assert!(
                            (e.rule == Rule::NotPaid && o.payments.is_empty())
                                || (e.rule == Rule::RefundExceedsPaid && amount > held)
                        ),
                    }
                }
                Step::Cancel => {
                    let held = o.held().unwrap().amount;
                    prop_assert_eq!(o.check_cancellable().is_ok(), held == 0);
                }
            }
            o.settle().unwrap();
            let paid = o.amount_paid().unwrap().amount;
            prop_assert!(o.refunded.amount <= paid);
            prop_assert!(paid <= o.total.amount);
            prop_assert_eq!(o.held().unwrap().amount, paid - o.refunded.amount);
            prop_assert_eq!(o.tips, eur(tips));
            prop_assert_eq!(o.paid, paid == o.total.amount);
        }
    }
}
