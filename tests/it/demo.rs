//! Tests: demo (being built).
