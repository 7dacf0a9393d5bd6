//! Tests: admin_users (being built).
