//! Queries: user_directory (being built).
