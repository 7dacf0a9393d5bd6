//! Tests: admin_insights (being built).
