//! Pure rules: no HTTP, no SQL, no clock (time is passed in).

pub mod errors;
pub mod instance;
pub mod locale;
pub mod reason;
pub mod text;
pub mod user_action;

pub use errors::{FieldErrors, Kind};
pub mod application;
pub mod tenant;
pub mod user;
