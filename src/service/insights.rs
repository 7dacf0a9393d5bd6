//! insights for the admin app (being built).
