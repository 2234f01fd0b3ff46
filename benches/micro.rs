//! Micro-benchmarks: pricing an order and verifying an access token.
//! Load benchmarks against a running server live behind `make bench`.

use crema::app::users::Credential;
use crema::app::{auth, users, Actor, App};
use crema::config::Config;
use crema::domain::pricing::{line_total, price_order, TaxMode, TaxPolicy};
use crema::domain::user::Role;
use crema::domain::{Currency, Money};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn pricing(c: &mut Criterion) {
    let eur = |a| Money::new(a, Currency::EUR);
    let tax = TaxPolicy {
        mode: TaxMode::Inclusive,
        rate_bps: 1900,
    };
    c.bench_function("price a 6-line order with modifiers", |b| {
        b.iter(|| {
            let lines: Vec<Money> = (0..6)
                .map(|i| line_total(eur(380 + i), [eur(80), eur(40), eur(50)], 2).unwrap())
                .collect();
            black_box(price_order(Currency::EUR, lines, eur(150), black_box(tax)).unwrap())
        })
    });
}

fn tokens(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(dir.path(), Config::default()).unwrap();
    let token = rt.block_on(async {
        users::create_staff(
            &app,
            &Actor::System,
            "bench",
            Role::Cashier,
            Credential::Password("bench-password".into()),
        )
        .await
        .unwrap();
        auth::login(&app, "bench", "bench-password")
            .await
            .unwrap()
            .access_token
    });
    c.bench_function("verify an access token (cached family)", |b| {
        b.iter(|| rt.block_on(app.authenticate(black_box(&token))).unwrap())
    });
}

criterion_group!(benches, pricing, tokens);
criterion_main!(benches);
