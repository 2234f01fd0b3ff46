//! Head office (`crema hq`) end to end: the real binary over a fresh
//! PostgreSQL and a fresh MariaDB database for every test, fed with the
//! events of real sales made by the shop's own server.

mod proxy;
mod sales;
mod shop;
#[path = "../shared/shop_cli.rs"]
mod shop_cli;
mod support;

mod analytics;
mod auth;
mod enrol;
mod ingest;
mod killed;
mod menu;
mod nginx;
mod replicas;
mod reports;
mod sync;
mod web;

/// Runs the async test `$name(backend)` once on PostgreSQL, once on MariaDB.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(crate::support::Backend::Postgres).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn mariadb() {
                super::$name(crate::support::Backend::MariaDb).await
            }
        }
    )*};
}
pub(crate) use on_both;
