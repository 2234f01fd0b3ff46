//! Handlers: parse → app call → response. No rules live here.

pub mod admin;
pub mod analytics;
pub mod auth;
pub mod customers;
pub mod devices;
pub mod events;
pub mod health;
pub mod menu;
pub mod orders;
pub mod printing;
pub mod settings;
pub mod setup;
