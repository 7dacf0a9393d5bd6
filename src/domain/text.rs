//! Small text rules shared by every object: trimming, length limits, localized maps.

use super::errors::{FieldErrors, Kind};
use super::locale::{is_valid_tag, match_key, LocalizedStrings};

/// FusionAuth's limit for indexed text columns. Input schemas repeat it as `max_length = 191`
/// (an attribute takes only a literal); a test of the OpenAPI document checks they agree.
pub const MAX_NAME: usize = 191;
pub const MAX_COMMENT: usize = 4000;
pub const MAX_DESCRIPTION: usize = 1024;

/// Trims; an empty result counts as absent.
pub fn trim_opt(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub fn too_long(value: &str, max: usize) -> bool {
    value.chars().count() > max
}

/// Checks a localized map: valid tags, no two tags for one locale, non-blank values within `max`.
pub fn check_localized(map: &LocalizedStrings, field: &str, max: usize, errors: &mut FieldErrors) {
    let mut seen: Vec<String> = Vec::new();
    for (tag, value) in map {
        if !is_valid_tag(tag) {
            errors.add_with(
                Kind::Invalid,
                field,
                format!("[{tag}] in [{field}] is not a valid locale."),
            );
        }
        let key = match_key(tag);
        if seen.contains(&key) {
            errors.add_with(
                Kind::Duplicate,
                field,
                format!("[{field}] names the locale [{tag}] twice."),
            );
        }
        seen.push(key);
        if value.trim().is_empty() {
            errors.add_with(
                Kind::Blank,
                field,
                format!("The [{tag}] value of [{field}] is blank."),
            );
        } else if too_long(value, max) {
            errors.add_with(
                Kind::TooLong,
                field,
                format!("The [{tag}] value of [{field}] is too long."),
            );
        }
    }
}
