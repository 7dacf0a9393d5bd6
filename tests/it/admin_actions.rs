//! Tests: admin_actions (being built).
