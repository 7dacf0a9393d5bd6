//! The one integration-test binary: every module runs against SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod user_actions;
