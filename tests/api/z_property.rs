//! Property: whatever a day brings (orders with and without the coupon,
//! split payments with tips in cash and by card, refunds, cancels, cash in
//! and out), the Z report's figures are the sums over the day's orders by
//! the contract's definitions, its tax per rate re-adds to the totals of the
//! orders paid, the shift's expected cash follows the contract's formula,
//! and the dashboard agrees with it.

use crema::app::orders::{self, PaymentRequest, RefundRequest, StatusChange};
use crema::app::shifts::{self, CashKind, CashMovement, OpenShift};
use crema::app::{demo, menu, reports, Actor, App};
use crema::config::Config;
use crema::domain::order::{Order, OrderStatus, PaymentMethod};
use crema::domain::{Currency, Money};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunConfig, TestRunner};

fn eur(amount: i64) -> Money {
    Money::new(amount, Currency::EUR)
}

#[derive(Debug, Clone)]
enum Step {
    Place {
        item: usize,
        quantity: i64,
        coupon: bool,
    },
    Pay {
        order: usize,
        part: u8,
        tip: i64,
        cash: bool,
    },
    Refund {
        order: usize,
        amount: i64,
        cash: bool,
    },
    Cancel {
        order: usize,
    },
    Cash {
        amount: i64,
        out: bool,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..4, 1i64..4, any::<bool>())
            .prop_map(|(item, quantity, coupon)| Step::Place { item, quantity, coupon }),
        4 => (0usize..12, 1u8..=2, 0i64..150, any::<bool>())
            .prop_map(|(order, part, tip, cash)| Step::Pay { order, part, tip, cash }),
        2 => (0usize..12, 1i64..1500, any::<bool>())
            .prop_map(|(order, amount, cash)| Step::Refund { order, amount, cash }),
        1 => (0usize..12).prop_map(|order| Step::Cancel { order }),
        1 => (1i64..2000, any::<bool>()).prop_map(|(amount, out)| Step::Cash { amount, out }),
    ]
}

/// Runs `steps` on a fresh demo café; errors the rules give (paying a paid
/// order, refunding more than held, cancelling an order holding money) are
/// part of the day and simply change nothing.
async fn a_day(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(dir.path(), Config::default()).unwrap();
    let admin = Actor::System;
    demo::load(&app, &admin).await.unwrap();
    let items: Vec<_> = menu::get(&app)
        .await
        .unwrap()
        .view
        .categories
        .iter()
        .flat_map(|c| c.items.iter())
        .filter(|i| i.available && i.modifier_groups.iter().all(|g| g.min == 0))
        .map(|i| i.id)
        .take(4)
        .collect();
    let float = 10_000;
    shifts::open(
        &app,
        &admin,
        OpenShift {
            opening_float: eur(float),
        },
    )
    .await
    .unwrap();
    let (mut cash_in, mut cash_out) = (0, 0);
    let mut ids = Vec::new();
    for s in steps {
        match s {
            Step::Place {
                item,
                quantity,
                coupon,
            } => {
                let body = serde_json::json!({
                    "lines": [{"item_id": items[item % items.len()], "quantity": quantity}],
                    "type": "takeaway",
                    "coupon_code": if coupon { Some("WELCOME10") } else { None },
                });
                let placed =
                    orders::place(&app, &admin, serde_json::from_value(body).unwrap(), None).await;
                ids.push(placed.unwrap().order.id);
            }
            Step::Pay {
                order,
                part,
                tip,
                cash,
            } if !ids.is_empty() => {
                let id = ids[order % ids.len()];
                let o = orders::get(&app, &admin, id).await.unwrap();
                let owed = o.outstanding().unwrap().amount;
                let amount = if part == 2 { (owed / 2).max(1) } else { owed };
                let req = PaymentRequest {
                    method: if cash {
                        PaymentMethod::Cash
                    } else {
                        PaymentMethod::Card
                    },
                    amount: eur(amount),
                    tendered: cash.then(|| eur(amount + tip + 35)),
                    tip: Some(eur(tip)),
                };
                let _ = orders::pay(&app, &admin, id, req, None).await;
            }
            Step::Refund {
                order,
                amount,
                cash,
            } if !ids.is_empty() => {
                let req = RefundRequest {
                    amount: eur(amount),
                    method: if cash {
                        PaymentMethod::Cash
                    } else {
                        PaymentMethod::Card
                    },
                    reason: "test".into(),
                    lines: None,
                    approval: None,
                    cancel: false,
                };
                let _ = orders::refund(&app, &admin, ids[order % ids.len()], req, None).await;
            }
            Step::Cancel { order } if !ids.is_empty() => {
                let change = StatusChange {
                    status: OrderStatus::Cancelled,
                    reason: Some("test".into()),
                };
                let _ = orders::set_status(&app, &admin, ids[order % ids.len()], change).await;
            }
            Step::Cash { amount, out } => {
                let kind = if out { CashKind::Out } else { CashKind::In };
                let m = CashMovement {
                    kind,
                    amount: eur(amount),
                    reason: "test".into(),
                };
                shifts::move_cash(&app, &admin, m).await.unwrap();
                if out {
                    cash_out += amount
                } else {
                    cash_in += amount
                }
            }
            _ => {}
        }
    }

    let mut all: Vec<Order> = Vec::new();
    for id in &ids {
        all.push(orders::get(&app, &admin, *id).await.unwrap());
    }
    let sum = |f: &dyn Fn(&Order) -> i64| -> i64 { all.iter().map(f).sum() };
    let paid = |o: &Order| o.payments.iter().map(|p| p.amount.amount).sum::<i64>();
    let refunded = |o: &Order| o.refunds.iter().map(|r| r.amount.amount).sum::<i64>();
    let with_payments = |o: &Order| !o.payments.is_empty();
    for o in &all {
        prop_assert!(refunded(o) <= paid(o), "refunded above paid: {o:?}");
    }

    let date = app.business_date(app.now());
    let z = reports::z_report(&app, &admin, date).await.unwrap();
    let net = sum(&|o| paid(o) - refunded(o));
    let refunds = sum(&refunded);
    let discounts = sum(&|o| {
        if with_payments(o) {
            o.discount.amount
        } else {
            0
        }
    });
    prop_assert_eq!(
        z.orders,
        all.iter().filter(|o| with_payments(o)).count() as i64
    );
    prop_assert_eq!(z.net_sales, eur(net));
    prop_assert_eq!(z.refunds, eur(refunds));
    prop_assert_eq!(z.discounts, eur(discounts));
    prop_assert_eq!(z.gross_sales, eur(net + discounts + refunds));
    prop_assert_eq!(z.tips, eur(sum(&|o| o.tips.amount)));
    let by_method = |m: PaymentMethod| -> i64 {
        all.iter()
            .flat_map(|o| &o.payments)
            .filter(|p| p.method == m)
            .map(|p| p.amount.amount)
            .sum()
    };
    for p in &z.payments {
        let m = PaymentMethod::parse(&p.method).unwrap();
        prop_assert_eq!(p.amount, eur(by_method(m)));
    }
    let taxed: i64 = z.tax.iter().map(|t| t.net.amount + t.tax.amount).sum();
    prop_assert_eq!(
        taxed,
        sum(&|o| if with_payments(o) { o.total.amount } else { 0 })
    );
    prop_assert_eq!(
        z.cancelled_orders,
        all.iter()
            .filter(|o| o.status == OrderStatus::Cancelled)
            .count() as i64
    );
    let open: Vec<&Order> = all
        .iter()
        .filter(|o| o.status != OrderStatus::Cancelled && paid(o) < o.total.amount)
        .collect();
    prop_assert_eq!(z.open_orders, open.len() as i64);
    prop_assert_eq!(
        z.open_amount,
        eur(open.iter().map(|o| o.total.amount - paid(o)).sum())
    );

    // float + cash taken (amount and tip) − cash refunded + in − out
    let cash_taken: i64 = all
        .iter()
        .flat_map(|o| &o.payments)
        .filter(|p| p.method == PaymentMethod::Cash)
        .map(|p| p.amount.amount + p.tip.amount)
        .sum();
    let cash_refunded: i64 = all
        .iter()
        .flat_map(|o| &o.refunds)
        .filter(|r| r.method == PaymentMethod::Cash)
        .map(|r| r.amount.amount)
        .sum();
    let expected = float + cash_taken - cash_refunded + cash_in - cash_out;
    prop_assert_eq!(z.shifts.len(), 1);
    prop_assert_eq!(z.shifts[0].expected_cash, eur(expected));

    let summary = reports::summary(&app, &admin, date, date).await.unwrap();
    prop_assert_eq!(summary.revenue, z.net_sales, "the dashboard agrees");
    prop_assert_eq!(summary.orders, z.orders);
    app.shutdown();
    Ok(())
}

#[test]
fn the_z_report_is_the_sum_of_the_days_orders() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut runner = TestRunner::new(RunConfig {
        cases: 12,
        ..RunConfig::default()
    });
    runner
        .run(&proptest::collection::vec(step(), 5..40), |steps| {
            rt.block_on(a_day(steps))
        })
        .unwrap();
}
