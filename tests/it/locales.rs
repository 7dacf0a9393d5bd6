//! Tests: locales (being built).
