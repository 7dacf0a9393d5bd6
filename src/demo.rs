//! `actioneer serve --demo`: seeds the Pied Piper story (being built).

use crate::app::AppState;

/// Seeds demo data into an empty database; does nothing when demo data is already there.
pub fn seed(_state: &AppState) -> anyhow::Result<()> {
    Ok(())
}
