//! Handlers: parse → app call → response. No rules live here. One file per
//! resource; a file's name is its area's name in every layer.

pub mod audit;
pub mod auth;
pub mod categories;
pub mod coupons;
pub mod customers;
pub mod desktop;
pub mod devices;
pub mod events;
pub mod feedback;
pub mod health;
pub mod images;
pub mod items;
pub mod kitchen;
pub mod menu;
pub mod modifier_library;
pub mod notifications;
pub mod orders;
pub mod printing;
pub mod reports;
pub mod settings;
pub mod setup;
pub mod shifts;
pub mod station_printers;
pub mod sync;
pub mod tables;
pub mod users;
