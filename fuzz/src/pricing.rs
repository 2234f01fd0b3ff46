//! `pricing`: an arbitrary order against a small menu, priced; the totals
//! of a priced order are checked.

use std::collections::HashMap;

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, TimeZone, Utc};
use crema::app::orders::{price_items, PlaceLine, Priced, MAX_LINES};
use crema::app::settings::{ShopSettings, TaxClass, STANDARD_CLASS};
use crema::app::AppResult;
use crema::domain::coupon::{Coupon, CouponKind};
use crema::domain::discount::ManualDiscount;
use crema::domain::menu::{Item, ModifierGroup, ModifierOption};
use crema::domain::order::OrderType;
use crema::domain::pricing::TaxMode;
use crema::domain::{Currency, Money};
use uuid::Uuid;

use crate::{assert_refusal, Outcome};

/// A small menu, a coupon and an order against them.
#[derive(Debug, Arbitrary)]
pub(crate) struct Case {
    /// Prices of the menu's four items (a fifth id is not on the menu).
    pub(crate) prices: [i32; 4],
    pub(crate) sold_out: [bool; 4],
    /// Price changes of the options: item i has options 2i and 2i+1 in a
    /// group of `min..=max`.
    pub(crate) deltas: [i16; 8],
    pub(crate) bounds: [(u8, u8); 4],
    /// Prices near the limits of i64, to reach the overflow checks.
    pub(crate) huge: bool,
    pub(crate) lines: Vec<(u8, i8, Vec<u8>)>,
    pub(crate) dine_in: bool,
    pub(crate) exclusive: bool,
    pub(crate) standard_bps: (u16, u16),
    pub(crate) reduced_bps: (u16, u16),
    pub(crate) coupon: Option<(bool, u32, Option<u32>, bool)>,
    /// A manual discount: basis points (`true`) or an amount, and its size.
    pub(crate) manual: Option<(bool, u32)>,
    pub(crate) shop_name: String,
    pub(crate) header: String,
    pub(crate) footer: String,
    pub(crate) wide: bool,
    pub(crate) open_drawer: bool,
    pub(crate) number: u16,
    pub(crate) minute: u32,
}

const CURRENCY: Currency = Currency::EUR;

pub(crate) fn eur(amount: i64) -> Money {
    Money::new(amount, CURRENCY)
}

fn menu(case: &Case) -> HashMap<Uuid, Item> {
    let scale: i64 = if case.huge { 1 << 40 } else { 1 };
    (0..4u8)
        .map(|i| {
            let n = usize::from(i);
            let (min, max) = case.bounds[n];
            let id = Uuid::from_u128(u128::from(i));
            let item = Item {
                id,
                category_id: Uuid::nil(),
                name: format!("Item {i}"),
                description: String::new(),
                price: eur(i64::from(case.prices[n]).saturating_mul(scale)),
                available: !case.sold_out[n],
                sort_order: i64::from(i),
                tax_class: if i % 2 == 0 {
                    STANDARD_CLASS
                } else {
                    "reduced"
                }
                .into(),
                local: false,
                featured: false,
                prep_minutes: 3,
                image: None,
                modifier_groups: vec![ModifierGroup {
                    id: Uuid::from_u128(0x1000 + u128::from(i)),
                    name: "Choice".into(),
                    min: u32::from(min % 3),
                    max: u32::from(max % 3),
                    sort_order: 0,
                    library: false,
                    options: (0..2u8)
                        .map(|k| {
                            let o = 2 * i + k;
                            ModifierOption {
                                id: Uuid::from_u128(0x100 + u128::from(o)),
                                name: format!("Option {o}"),
                                price_delta: eur(
                                    i64::from(case.deltas[usize::from(o)]).saturating_mul(scale)
                                ),
                                sort_order: i64::from(k),
                            }
                        })
                        .collect(),
                }],
            };
            (id, item)
        })
        .collect()
}

fn settings(case: &Case) -> ShopSettings {
    let class = |id: &str, (eat_in, takeaway): (u16, u16)| TaxClass {
        id: id.into(),
        name: id.into(),
        eat_in_bps: u32::from(eat_in % 10_001),
        takeaway_bps: u32::from(takeaway % 10_001),
    };
    let standard = class(STANDARD_CLASS, case.standard_bps);
    ShopSettings {
        shop_name: case.shop_name.clone(),
        currency: CURRENCY,
        tax_mode: if case.exclusive {
            TaxMode::Exclusive
        } else {
            TaxMode::Inclusive
        },
        tax_rate_bps: standard.takeaway_bps,
        tax_classes: vec![standard, class("reduced", case.reduced_bps)],
        receipt_header: case.header.clone(),
        receipt_footer: case.footer.clone(),
        ticket_amber_minutes: 5,
        ticket_red_minutes: 10,
        regular_after_visits: 3,
        cashier_refund_limit: 5000,
        cashier_discount_limit: 1000,
        default_order_type: OrderType::Takeaway,
        uses_tables: false,
        guest_orders_need_accept: false,
        kiosk_return_seconds: None,
        kitchen_gets_unpaid_orders: true,
        timezone: None,
        loyalty: Default::default(),
    }
}

fn coupon(case: &Case, now: DateTime<Utc>) -> Option<Coupon> {
    let (percent, value, min_subtotal, active) = case.coupon?;
    Some(Coupon {
        id: Uuid::nil(),
        code: "FUZZ".into(),
        kind: if percent {
            CouponKind::Percent {
                basis_points: value % 10_001,
            }
        } else {
            CouponKind::Fixed {
                amount: eur(i64::from(value)),
            }
        },
        min_subtotal: min_subtotal.map(|m| eur(i64::from(m))),
        valid_from: Some(now - chrono::Duration::days(1)),
        valid_until: None,
        usage_limit: None,
        used_count: 0,
        active,
        limits: Default::default(),
    })
}

pub(crate) fn now(case: &Case) -> DateTime<Utc> {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    start + chrono::Duration::minutes(i64::from(case.minute % (60 * 24 * 730)))
}

/// Prices the case's order; checks the totals of a priced one.
pub(crate) fn price(case: &Case) -> Option<(Priced, ShopSettings, Option<String>)> {
    let items = menu(case);
    let settings = settings(case);
    let now = now(case);
    let lines: Vec<PlaceLine> = case
        .lines
        .iter()
        .take(MAX_LINES)
        .map(|(item, quantity, options)| PlaceLine {
            item_id: Uuid::from_u128(u128::from(item % 5)),
            quantity: i64::from(*quantity),
            modifier_option_ids: options
                .iter()
                .map(|o| Uuid::from_u128(0x100 + u128::from(o % 9)))
                .collect(),
            note: None,
            unit_price: None,
            price: None,
            line_total: None,
        })
        .collect();
    let code = case.coupon.map(|_| "FUZZ".to_string());
    let find =
        |c: &str| -> AppResult<Option<Coupon>> { Ok(coupon(case, now).filter(|k| k.code == c)) };
    let order_type = if case.dine_in {
        OrderType::DineIn
    } else {
        OrderType::Takeaway
    };
    let manual = case.manual.and_then(|(percent, n)| {
        let (bps, amount) = if percent {
            (Some(n % 10_001), None)
        } else {
            (None, Some(eur(i64::from(n))))
        };
        // A refused discount (out of range) is the domain's unit tests' part.
        ManualDiscount::parse(bps, amount, "fuzz").ok()
    });
    match price_items(
        &items,
        &lines,
        code.as_deref(),
        find,
        manual.as_ref(),
        order_type,
        &settings,
        now,
    ) {
        Err(e) => {
            assert_refusal(&e, "pricing an order");
            None
        }
        Ok(priced) => {
            check_totals(&priced, &items, &settings);
            Some((priced, settings, code))
        }
    }
}

/// Total = lines − discount (+ tax when prices exclude it), all in integer
/// minor units of the shop's currency, nothing negative.
fn check_totals(p: &Priced, items: &HashMap<Uuid, Item>, settings: &ShopSettings) {
    let t = &p.totals;
    for m in [t.subtotal, t.discount, t.tax, t.total] {
        assert_eq!(m.currency, CURRENCY);
        assert!(m.amount >= 0, "a negative amount: {t:?}");
    }
    let mut sum: i128 = 0;
    for line in &p.lines {
        let item = &items[&line.item_id];
        assert_eq!(line.unit_price, item.price);
        let unit = i128::from(item.price.amount)
            + line
                .modifiers
                .iter()
                .map(|m| i128::from(m.price_delta.amount))
                .sum::<i128>();
        assert_eq!(
            i128::from(line.line_total.amount),
            unit * i128::from(line.quantity),
            "a line's total is its unit price with modifiers times its quantity"
        );
        sum += i128::from(line.line_total.amount);
    }
    assert_eq!(i128::from(t.subtotal.amount), sum, "subtotal = the lines");
    assert!(
        t.discount.amount <= t.subtotal.amount,
        "discount ≤ subtotal"
    );
    let listed: i64 = p.discounts.iter().map(|d| d.amount.amount).sum();
    assert_eq!(listed, t.discount.amount, "the discounts add up to the discount");
    let base = t.subtotal.amount - t.discount.amount;
    let tax_sum: i64 = t.taxes.iter().map(|r| r.tax.amount).sum();
    let net_sum: i64 = t.taxes.iter().map(|r| r.net.amount).sum();
    assert_eq!(t.tax.amount, tax_sum, "tax = the taxes of each rate");
    match settings.tax_mode {
        TaxMode::Inclusive => {
            assert_eq!(
                t.total.amount, base,
                "inclusive: total = subtotal − discount"
            );
            assert_eq!(net_sum + tax_sum, t.total.amount);
        }
        TaxMode::Exclusive => {
            assert_eq!(
                t.total.amount,
                base + t.tax.amount,
                "exclusive: total adds the tax"
            );
            assert_eq!(net_sum, base);
        }
    }
    for r in &t.taxes {
        assert!(r.rate <= 10_000 && r.tax.amount >= 0 && r.net.amount >= 0);
    }
}

/// An arbitrary order against a small menu: no panic, a refusal is a 4xx,
/// the totals of a priced order are consistent.
pub fn pricing(data: &[u8]) -> Outcome {
    match Case::arbitrary(&mut Unstructured::new(data)) {
        Err(_) => Outcome::Skipped,
        Ok(case) => match price(&case) {
            None => Outcome::Refused,
            Some(_) => Outcome::Accepted,
        },
    }
}
