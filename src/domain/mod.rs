//! Pure rules: no HTTP, no SQL, no clock (time is passed in).

pub mod email_template;
pub mod errors;
pub mod event;
pub mod fluent_limits;
pub mod fluent_pattern;
pub mod instance;
pub mod instance_search;
pub mod instance_version;
pub mod lifecycle;
pub mod locale;
pub mod naming;
pub mod paging;
pub mod reason;
pub mod signin;
pub mod signing_key;
pub mod staff;
pub mod staff_note;
pub mod text;
pub mod token;
pub mod user_action;
pub mod webhook;
pub mod webhook_event_log;
pub mod webhook_reach;

pub use errors::{FieldErrors, Kind};
pub mod application;
pub mod bulk;
pub mod tenant;
pub mod user;

/// Removes `id` from a list of references; whether it was there. How a definition or a webhook
/// forgets a tenant or a definition that was deleted.
pub(crate) fn forget(ids: &mut Vec<uuid::Uuid>, id: uuid::Uuid) -> bool {
    let before = ids.len();
    ids.retain(|known| *known != id);
    ids.len() != before
}
