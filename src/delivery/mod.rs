//! Delivering what the API committed: webhooks, emails, and ends of expired instances.

pub mod health;
pub mod schedule;
pub mod signing;
pub mod smtp;
pub mod webhook;
pub mod worker;
