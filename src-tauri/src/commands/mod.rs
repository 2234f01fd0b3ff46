//! Tauri commands: thin wrappers over `crema::app`, one per web-client
//! function, with the same request and response types as the HTTP API, one
//! file per area as in `crema::http::handlers`. No rules live here: who may
//! do what is decided in `crema::app`, so the counter and the LAN API can
//! never disagree.

pub mod audit;
pub mod auth;
pub mod coupons;
pub mod customers;
pub mod desktop;
pub mod devices;
pub mod feedback;
pub mod images;
pub mod loyalty;
pub mod menu;
pub mod orders;
pub mod printing;
pub mod reports;
pub mod settings;
pub mod shifts;
pub mod station_printers;
pub mod sync;
pub mod tables;
pub mod users;

use crate::state::Desktop;

type S<'a> = tauri::State<'a, Desktop>;
