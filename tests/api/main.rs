//! HTTP black-box tests: the real server on 127.0.0.1:0 over a temp data
//! dir, driven the way a tablet or the board would.

mod admin;
mod analytics;
mod auth;
mod conventions;
mod customers;
mod devices;
mod discounts;
mod documented;
mod error_params;
mod events;
mod helpers;
mod kitchen;
mod limits;
mod menu;
mod modifier_library;
mod modifier_library_refusals;
mod modifier_quantities;
mod money;
mod order_defaults;
mod order_flow;
mod orders;
mod outbox;
mod pins;
mod printer;
mod printer_money;
mod printer_settings;
mod printer_support;
mod query_count;
mod security;
mod setup;
mod shifts;
mod store_faults;
mod sync_push;
mod taxes;
mod z_property;
