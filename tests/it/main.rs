//! The one integration-test binary: every module runs against SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod actioning;
mod api_keys;
mod bad_input;
mod reasons;
mod search;
mod tenants;
mod user_actions;
mod users_login;
