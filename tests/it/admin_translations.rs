//! Tests: admin_translations (being built).
