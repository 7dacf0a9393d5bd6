//! Queries: insights (being built).
