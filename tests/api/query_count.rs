//! Reads of a list cost a fixed number of SQL statements, whatever its
//! length (no N+1): the statements one request runs are counted through the
//! store's statement hook, in a small shop and in a ten times larger one.

use std::sync::atomic::{AtomicUsize, Ordering};

use crema::app::menu::{GroupInput, NewCategory, NewItem, OptionInput};
use crema::app::orders::{PlaceLine, PlaceOrder};
use crema::app::users::Credential;
use crema::app::{menu, orders, users, Actor};
use crema::domain::order::{OrderStatus, OrderType, PaymentMethod};
use crema::domain::user::Role;
use crema::domain::{Currency, Money};
use crema::store::TraceEvent;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

/// Statements run by the stores whose hook is [`count_statement`] (only the
/// one test below sets it).
static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

fn count_statement(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(..) = event {
        STATEMENTS.fetch_add(1, Ordering::SeqCst);
    }
}

fn eur(amount: i64) -> Money {
    Money::new(amount, Currency::EUR)
}

/// A size to choose (one of two) and up to three extras.
fn modifier_groups() -> Vec<GroupInput> {
    let options = |names: &[&str]| -> Vec<OptionInput> {
        names
            .iter()
            .map(|n| OptionInput {
                name: n.to_string(),
                price_delta: eur(50),
            })
            .collect()
    };
    vec![
        GroupInput {
            name: "Size".into(),
            min: 1,
            max: 1,
            options: options(&["Regular", "Large"]),
        },
        GroupInput {
            name: "Extras".into(),
            min: 0,
            max: 3,
            options: options(&["Shot", "Syrup", "Cream"]),
        },
    ]
}

/// Every item of a menu as served, in order.
fn items_of(menu: &Value) -> Vec<&Value> {
    menu["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .flat_map(|c| c["items"].as_array().expect("items"))
        .collect()
}

/// `items` items in categories of ten; every other one has two modifier
/// groups.
fn a_menu(items: usize) -> Vec<NewCategory> {
    (0..items.div_ceil(10))
        .map(|c| NewCategory {
            name: format!("Category {c}"),
            station: None,
            items: (c * 10..(c * 10 + 10).min(items))
                .map(|i| NewItem {
                    name: format!("Item {i}"),
                    description: String::new(),
                    price: eur(300 + i as i64),
                    available: true,
                    tax_class: None,
                    local: false,
                    featured: false,
                    prep_minutes: 3,
                    groups: if i % 2 == 0 {
                        modifier_groups()
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
        })
        .collect()
}

/// A shop with `items` menu items and `orders` open orders of two lines
/// (one with modifiers), a third of them part-paid, some in progress or
/// ready; and an admin's access token.
async fn a_shop(items: usize, open_orders: usize) -> (TestApp, String) {
    let t = spawn_empty().await;
    let system = Actor::System;
    users::create_staff(
        &t.app,
        &system,
        ADMIN.0,
        Role::Admin,
        Credential::Password(ADMIN.1.into()),
    )
    .await
    .expect("admin");
    menu::add_categories(&t.app, &system, a_menu(items))
        .await
        .expect("menu");
    let menu = t.menu().await;
    let all = items_of(&menu);
    assert_eq!(all.len(), items);
    let id = |v: &Value| v["id"].as_str().unwrap().parse().unwrap();
    let with_groups = all[0];
    let option = |g: usize, o: usize| id(&with_groups["modifier_groups"][g]["options"][o]);
    let plain = all[1];

    let mut placing = tokio::task::JoinSet::new();
    for n in 0..open_orders {
        let app = t.app.clone();
        let req = PlaceOrder {
            lines: vec![
                PlaceLine {
                    item_id: id(with_groups),
                    quantity: 2,
                    modifier_option_ids: vec![option(0, 1), option(1, 0), option(1, 2)],
                    note: Some("extra hot".into()),
                    unit_price: None,
                    price: None,
                    line_total: None,
                },
                PlaceLine {
                    item_id: id(plain),
                    quantity: 1,
                    modifier_option_ids: Vec::new(),
                    note: None,
                    unit_price: None,
                    price: None,
                    line_total: None,
                },
            ],
            order_type: OrderType::Takeaway,
            table: None,
            coupon_code: None,
            customer_id: None,
            manual_discount: None,
            redeem_points: None,
            subtotal: None,
            discount: None,
            tax: None,
            total: None,
        };
        placing.spawn(async move {
            let order = orders::place(&app, &Actor::System, req, None)
                .await
                .expect("place")
                .order;
            if n % 3 == 0 {
                orders::pay(
                    &app,
                    &Actor::System,
                    order.id,
                    orders::PaymentRequest {
                        method: PaymentMethod::Card,
                        amount: eur(100),
                        tendered: None,
                        tip: None,
                    },
                    None,
                )
                .await
                .expect("pay");
            }
            for to in [OrderStatus::InProgress, OrderStatus::Ready]
                .iter()
                .take(n % 3)
            {
                let change = orders::StatusChange {
                    status: *to,
                    reason: None,
                };
                orders::set_status(&app, &Actor::System, order.id, change)
                    .await
                    .expect("move");
            }
        });
    }
    while let Some(done) = placing.join_next().await {
        done.expect("seeding task");
    }
    let token = t.login(ADMIN).await;
    (t, token)
}

/// The statements one GET of `path` runs, and its body.
async fn statements_of(t: &TestApp, path: &str, token: Option<&str>) -> (usize, Value) {
    t.app.store().set_trace(Some(count_statement));
    STATEMENTS.store(0, Ordering::SeqCst);
    let r = t.get(path, token).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let body: Value = r.json().await.expect("json");
    let n = STATEMENTS.load(Ordering::SeqCst);
    t.app.store().set_trace(None);
    (n, body)
}

/// (statements of the open-orders list, statements of a cold menu load).
async fn statements_in_a_shop(items: usize, open_orders: usize) -> (usize, usize) {
    let (t, token) = a_shop(items, open_orders).await;
    let open = "/api/orders?status=placed,in_progress,ready";
    // Once first, so that what is counted is the list, not a first sight
    // of this login.
    t.get(open, Some(&token)).await;
    let (for_orders, body) = statements_of(&t, open, Some(&token)).await;
    let listed = body["orders"].as_array().expect("a list of orders");
    assert_eq!(listed.len(), open_orders);
    assert!(listed
        .iter()
        .all(|o| o["lines"].as_array().unwrap().len() == 2
            && o["lines"][0]["modifiers"].as_array().unwrap().len() == 3));
    assert!(listed
        .iter()
        .any(|o| !o["payments"].as_array().unwrap().is_empty()));

    // The menu is cached: drop it, so that this request reads the store.
    menu::invalidate(&t.app);
    let (for_menu, body) = statements_of(&t, "/api/menu", None).await;
    assert_eq!(items_of(&body).len(), items);
    (for_orders, for_menu)
}

#[tokio::test]
async fn lists_and_the_menu_cost_the_same_statements_at_any_size() {
    let small = statements_in_a_shop(10, 20).await;
    let large = statements_in_a_shop(100, 200).await;
    eprintln!("statements (orders list, menu): 20 orders/10 items {small:?}, 200 orders/100 items {large:?}");
    assert_eq!(small, large, "a larger shop costs more statements: N+1");
    let (for_orders, for_menu) = large;
    // Four for the orders, their lines, modifiers and payments (and some
    // room for what checking a login may read); four for the categories,
    // items, modifier groups and options.
    assert!(
        for_orders <= 6,
        "{for_orders} statements for the open orders"
    );
    assert!(for_menu <= 4, "{for_menu} statements for the menu");
}
