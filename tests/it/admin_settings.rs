//! Tests: admin_settings (being built).
