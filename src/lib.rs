//! Actioneer: a self-hostable server for user actions, wire-compatible with FusionAuth's
//! User Actions, Actioning Users and Reasons APIs.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod api;
pub mod app;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod db;
pub mod delivery;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod openapi;
pub mod server;
pub mod service;
pub mod store;
pub mod web;
