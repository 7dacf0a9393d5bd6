//! user_directory for the admin app (being built).
