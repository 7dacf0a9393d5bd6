//! End-to-end tests: the admin app in headless Chromium, driven over WebDriver (chromedriver),
//! against a real Actioneer server on a fresh SQLite database.
//!
//! Without chromedriver these tests print `SKIPPED` and pass, except in CI (`CI=true`), where
//! they fail. Screenshots of the main pages go to `<target>/screenshots/`.
//!
//! Adding a flow: write a `flow!(name, |s| { … })` in a module below, using the `Session`
//! helpers (`sign_in_as`, `goto`, `fill`, `click_button`, `assert_text`, `screenshot`…).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../it/support.rs"]
mod support;
#[allow(dead_code)]
#[path = "../it/web_support.rs"]
mod web_support;

mod browser;

mod account;
mod actions;
mod admin_fit;
mod bulk;
mod day_work;
mod definition_lifecycle;
mod demo;
mod lifecycle_admin;
mod pages;
mod reasons;
mod sign_in;
mod staff_notes;
mod stale_change;
mod survey;
mod translators;
mod users;
