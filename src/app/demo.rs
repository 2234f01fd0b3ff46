//! The demo café: a realistic menu, tax, and the `WELCOME10` coupon.

use super::menu::{GroupInput, NewCategory, NewItem, OptionInput};
use super::settings::ShopSettings;
use super::{Actor, App, AppError, AppResult, ErrorCode};
use crate::domain::coupon::{Coupon, CouponKind};
use crate::domain::pricing::TaxMode;
use crate::domain::user::Role;
use crate::domain::{Currency, Money};

fn eur(amount: i64) -> Money {
    Money::new(amount, Currency::EUR)
}

fn group(name: &str, min: u32, max: u32, options: &[(&str, i64)]) -> GroupInput {
    GroupInput {
        name: name.into(),
        min,
        max,
        options: options
            .iter()
            .map(|(n, p)| OptionInput {
                name: n.to_string(),
                price_delta: eur(*p),
            })
            .collect(),
    }
}

fn item(
    name: &str,
    description: &str,
    price: i64,
    available: bool,
    groups: Vec<GroupInput>,
) -> NewItem {
    NewItem {
        name: name.into(),
        description: description.into(),
        price: eur(price),
        available,
        tax_class: None,
        local: false,
        featured: false,
        prep_minutes: crate::app::menu::DEFAULT_PREP_MINUTES,
        groups,
    }
}

fn size() -> GroupInput {
    group("Size", 1, 1, &[("Regular", 0), ("Large", 80)])
}
fn milk() -> GroupInput {
    group(
        "Milk",
        1,
        1,
        &[
            ("Whole milk", 0),
            ("Oat milk", 40),
            ("Soy milk", 40),
            ("Almond milk", 50),
            ("Lactose-free", 30),
        ],
    )
}
fn shots() -> GroupInput {
    group(
        "Extra shot",
        0,
        2,
        &[("Extra shot", 60), ("Decaf shot", 60)],
    )
}
fn syrups() -> GroupInput {
    group(
        "Syrups",
        0,
        2,
        &[
            ("Vanilla", 50),
            ("Caramel", 50),
            ("Hazelnut", 50),
            ("Sugar-free vanilla", 50),
        ],
    )
}

/// The demo menu: 6 categories, 26 items.
pub fn menu() -> Vec<NewCategory> {
    // Drinks go to the bar's board and printer, food to the kitchen's; each
    // category's items take about the same time to make.
    let cat = |name: &str, items: Vec<NewItem>| {
        let (station, prep) = match name {
            "Espresso bar" | "Tea & more" => ("bar", 3),
            "Filter & cold" => ("bar", 2),
            "Breakfast & lunch" => ("kitchen", 7),
            _ => ("kitchen", 1),
        };
        let featured = ["Flat white", "Cinnamon bun"];
        NewCategory {
            name: name.into(),
            station: Some(station.into()),
            items: items
                .into_iter()
                .map(|i| NewItem {
                    prep_minutes: prep,
                    featured: featured.contains(&i.name.as_str()),
                    ..i
                })
                .collect(),
        }
    };
    vec![
        cat(
            "Espresso bar",
            vec![
                item(
                    "Espresso",
                    "A double shot of our house blend",
                    250,
                    true,
                    vec![shots()],
                ),
                item(
                    "Americano",
                    "Espresso topped with hot water",
                    300,
                    true,
                    vec![size(), shots()],
                ),
                item(
                    "Cappuccino",
                    "Espresso, steamed milk, thick foam",
                    370,
                    true,
                    vec![size(), milk(), shots(), syrups()],
                ),
                item(
                    "Flat white",
                    "Double ristretto, silky milk",
                    390,
                    true,
                    vec![milk(), shots()],
                ),
                item(
                    "Latte",
                    "Espresso with plenty of steamed milk",
                    380,
                    true,
                    vec![size(), milk(), shots(), syrups()],
                ),
                item(
                    "Mocha",
                    "Espresso, chocolate, steamed milk",
                    420,
                    true,
                    vec![size(), milk(), shots()],
                ),
                item(
                    "Cortado",
                    "Equal parts espresso and warm milk",
                    330,
                    true,
                    vec![milk()],
                ),
            ],
        ),
        cat(
            "Filter & cold",
            vec![
                item(
                    "Filter coffee",
                    "Today's single origin, batch brewed",
                    280,
                    true,
                    vec![size()],
                ),
                item(
                    "Cold brew",
                    "Steeped for 18 hours, served over ice",
                    400,
                    true,
                    vec![size(), syrups()],
                ),
                item(
                    "Iced latte",
                    "Espresso and cold milk over ice",
                    420,
                    true,
                    vec![milk(), shots(), syrups()],
                ),
                item(
                    "Espresso tonic",
                    "Espresso over tonic water and ice",
                    450,
                    false,
                    vec![],
                ),
            ],
        ),
        cat(
            "Tea & more",
            vec![
                item(
                    "Black tea",
                    "Assam or Earl Grey",
                    280,
                    true,
                    vec![group("Tea", 1, 1, &[("Assam", 0), ("Earl Grey", 0)])],
                ),
                item("Green tea", "Japanese sencha", 300, true, vec![]),
                item(
                    "Chai latte",
                    "Spiced black tea with steamed milk",
                    400,
                    true,
                    vec![size(), milk()],
                ),
                item(
                    "Hot chocolate",
                    "Dark chocolate, steamed milk",
                    380,
                    true,
                    vec![
                        size(),
                        milk(),
                        group(
                            "Topping",
                            0,
                            1,
                            &[("Whipped cream", 50), ("Marshmallows", 50)],
                        ),
                    ],
                ),
            ],
        ),
        cat(
            "Pastries",
            vec![
                item(
                    "Butter croissant",
                    "Baked this morning",
                    250,
                    true,
                    vec![group("Warm it up", 0, 1, &[("Warmed", 0)])],
                ),
                item(
                    "Pain au chocolat",
                    "Two bars of dark chocolate",
                    290,
                    true,
                    vec![],
                ),
                item(
                    "Cinnamon bun",
                    "Cardamom dough, cinnamon butter",
                    340,
                    true,
                    vec![],
                ),
                item(
                    "Almond croissant",
                    "Twice baked with frangipane",
                    360,
                    false,
                    vec![],
                ),
            ],
        ),
        cat(
            "Breakfast & lunch",
            vec![
                item(
                    "Avocado toast",
                    "Sourdough, avocado, chili, lime",
                    850,
                    true,
                    vec![group(
                        "Add",
                        0,
                        2,
                        &[("Poached egg", 150), ("Feta", 120), ("Bacon", 180)],
                    )],
                ),
                item(
                    "Granola bowl",
                    "Yoghurt, house granola, berries",
                    650,
                    true,
                    vec![group(
                        "Yoghurt",
                        1,
                        1,
                        &[("Greek yoghurt", 0), ("Coconut yoghurt", 50)],
                    )],
                ),
                item(
                    "Ham & cheese toastie",
                    "Sourdough, ham, gruyère",
                    720,
                    true,
                    vec![],
                ),
                item("Soup of the day", "With bread", 690, false, vec![]),
            ],
        ),
        cat(
            "Cakes",
            vec![
                item("Carrot cake", "Cream cheese frosting", 420, true, vec![]),
                item("Lemon drizzle", "A thick slice", 390, true, vec![]),
                item(
                    "Brownie",
                    "Dark chocolate, sea salt",
                    350,
                    true,
                    vec![group("Serve with", 0, 1, &[("Vanilla ice cream", 150)])],
                ),
            ],
        ),
    ]
}

/// Loads the demo café into an empty store: EUR, 10 % VAT included in
/// prices, the menu, and the `WELCOME10` coupon (10 % off).
pub async fn load(app: &App, actor: &Actor) -> AppResult<()> {
    actor.require(&[Role::Admin], "load the demo café")?;
    if !super::menu::is_empty(app).await? {
        return Err(AppError::new(
            ErrorCode::NotEmpty,
            "the store already has a menu; the demo loads only into an empty store",
        ));
    }
    super::settings::update(
        app,
        actor,
        ShopSettings {
            shop_name: "Crema Demo Café".into(),
            currency: Currency::EUR,
            tax_mode: TaxMode::Inclusive,
            tax_rate_bps: 1000,
            receipt_header: "Crema Demo Café\nKaffeestraße 1, 10115 Berlin".into(),
            receipt_footer: "Thank you! Free Wi-Fi: crema-guest".into(),
            ticket_amber_minutes: 5,
            ticket_red_minutes: 10,
            regular_after_visits: 5,
            cashier_refund_limit: 2000,
            tax_classes: Vec::new(),
            ..(*app.settings()).clone()
        },
    )
    .await?;
    load_menu(app, actor).await
}

/// Adds the demo menu and the `WELCOME10` coupon to an empty store, keeping
/// the shop's own settings (first-run setup).
pub async fn load_menu(app: &App, actor: &Actor) -> AppResult<()> {
    actor.require(&[Role::Admin], "load the demo menu")?;
    if !super::menu::is_empty(app).await? {
        return Err(AppError::new(
            ErrorCode::NotEmpty,
            "the store already has a menu; the demo loads only into an empty store",
        ));
    }
    // The demo's prices, as amounts in the shop's own currency.
    let currency = app.settings().currency;
    let mut categories = menu();
    for item in categories.iter_mut().flat_map(|c| c.items.iter_mut()) {
        item.price.currency = currency;
        for option in item.groups.iter_mut().flat_map(|g| g.options.iter_mut()) {
            option.price_delta.currency = currency;
        }
    }
    super::menu::add_categories(app, actor, categories).await?;
    let coupon = Coupon {
        id: app.new_id(),
        code: "WELCOME10".into(),
        kind: CouponKind::Percent { basis_points: 1000 },
        min_subtotal: None,
        valid_from: None,
        valid_until: None,
        usage_limit: None,
        used_count: 0,
        active: true,
        limits: Default::default(),
    };
    app.store()
        .write(move |c| crate::store::coupons::insert(c, &coupon))
        .await?;
    Ok(())
}
