//! Tests: admin_operations (being built).
