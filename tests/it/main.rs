//! The one integration-test binary: every module runs against SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sinks;
mod support;
mod web_support;

mod actioning;
mod admin_actions;
mod admin_auth;
mod admin_emails;
mod admin_insights;
mod admin_operations;
mod admin_settings;
mod admin_translations;
mod admin_users;
mod api_keys;
mod bad_input;
mod demo;
mod email_templates;
mod events;
mod faults;
mod keys;
mod locales;
mod processes;
mod reasons;
mod search;
mod signin_throttle;
mod tenants;
mod unique;
mod user_actions;
mod users_login;
mod web_day_work;
mod webhooks;
