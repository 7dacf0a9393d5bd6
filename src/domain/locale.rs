//! Locale tags (BCP 47 or Java style) and choosing a translation for a user.

use std::collections::BTreeMap;

/// Localized values keyed by locale tag, exactly as the client gave the tags.
pub type LocalizedStrings = BTreeMap<String, String>;

/// `is_valid_tag` as a regular expression, for the OpenAPI document (a test checks they agree).
pub const TAG_PATTERN: &str = "^[A-Za-z]{2,3}([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?\
     ([-_]([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$";

/// The longest tag accepted, everywhere a tag is given (API, admin forms, OpenAPI document):
/// room for a language, script, region and a couple of variants.
pub const MAX_TAG: usize = 35;

/// A tag is a language (2–3 letters), then optionally a script (4 letters), a region (2 letters or
/// 3 digits) and variants (5–8 alphanumerics, or 4 starting with a digit), joined by `-` or `_`;
/// at most `MAX_TAG` characters in all.
pub fn is_valid_tag(tag: &str) -> bool {
    if tag.len() > MAX_TAG {
        return false;
    }
    let mut parts = tag.split(['-', '_']);
    let Some(language) = parts.next() else {
        return false;
    };
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // 0: script may follow, 1: region may follow, 2: only variants
    let mut stage = 0;
    for part in parts {
        let alpha = part.chars().all(|c| c.is_ascii_alphabetic());
        let digits = part.chars().all(|c| c.is_ascii_digit());
        let alnum = part.chars().all(|c| c.is_ascii_alphanumeric());
        let script = stage == 0 && part.len() == 4 && alpha;
        let region = stage <= 1 && ((part.len() == 2 && alpha) || (part.len() == 3 && digits));
        let variant = alnum
            && ((5..=8).contains(&part.len())
                || (part.len() == 4 && part.starts_with(|c: char| c.is_ascii_digit())));
        if script {
            stage = 1;
        } else if region || variant {
            stage = 2;
        } else {
            return false;
        }
    }
    true
}

/// The form used for matching: `-` and `_` are the same, letter case is ignored.
pub fn match_key(tag: &str) -> String {
    tag.replace('_', "-").to_ascii_lowercase()
}

/// The bare language of a tag (`fr_CA` → `fr`).
pub fn bare_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Picks the value for the first preferred language that the map has, by exact tag, then by the
/// tag's bare language; `None` when nothing matches (the caller then uses the default value).
pub fn choose<'a>(map: &'a LocalizedStrings, preferred: &[String]) -> Option<&'a str> {
    if map.is_empty() {
        return None;
    }
    for tag in preferred {
        let wanted = match_key(tag);
        if let Some((_, v)) = map.iter().find(|(k, _)| match_key(k) == wanted) {
            return Some(v);
        }
        let bare = bare_language(tag).to_ascii_lowercase();
        if let Some((_, v)) = map.iter().find(|(k, _)| match_key(k) == bare) {
            return Some(v);
        }
    }
    None
}

/// The one rule for showing a localized text (a name, an option, a reason) to someone: the map's
/// value for their first preferred language that it has, by exact tag, then by bare language;
/// else the default. The API and every admin page choose with it.
pub fn localized<'a>(map: &'a LocalizedStrings, default: &'a str, preferred: &[String]) -> &'a str {
    choose(map, preferred).unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bcp47_and_java_tags() {
        for tag in [
            "de",
            "fr_CA",
            "pt-BR",
            "zh-Hant-TW",
            "es-419",
            "de-DE-1996",
            "ast",
        ] {
            assert!(is_valid_tag(tag), "{tag}");
        }
        for tag in ["", "xx-!!", "d", "german", "de-", "de--DE", "12", "de-DE-x"] {
            assert!(!is_valid_tag(tag), "{tag}");
        }
    }

    #[test]
    fn tags_are_at_most_max_tag_long() {
        let at_limit = "sla-Latn-380-rozaj-biske-nedis-1994";
        assert_eq!(at_limit.len(), MAX_TAG);
        assert!(is_valid_tag(at_limit));
        // Well-formed, but one character over.
        let over = "sla-Latn-380-rozaj-biske-nedisx-1994";
        assert!(!is_valid_tag(over));
    }

    /// Every tag the documented pattern and length allow is one the services accept.
    #[test]
    fn the_documented_pattern_is_the_rule() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        // Anchored at both ends: proptest generates whole strings and takes no anchors.
        let whole = TAG_PATTERN
            .strip_prefix('^')
            .and_then(|p| p.strip_suffix('$'));
        let strategy = proptest::string::string_regex(whole.unwrap()).unwrap();
        TestRunner::default()
            .run(&strategy, |tag| {
                prop_assert_eq!(is_valid_tag(&tag), tag.len() <= MAX_TAG, "{}", tag);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn chooses_exact_then_bare_language_in_preference_order() {
        let map: LocalizedStrings = [
            ("fr".to_string(), "Bannir".to_string()),
            ("de_AT".to_string(), "Sperre".to_string()),
        ]
        .into_iter()
        .collect();
        assert_eq!(choose(&map, &["fr_CA".into()]), Some("Bannir"));
        assert_eq!(choose(&map, &["de-at".into()]), Some("Sperre"));
        assert_eq!(choose(&map, &["es".into(), "fr".into()]), Some("Bannir"));
        assert_eq!(choose(&map, &["de".into()]), None);
        assert_eq!(choose(&map, &[]), None);
        assert_eq!(localized(&map, "Ban", &["de_AT".into()]), "Sperre");
        assert_eq!(localized(&map, "Ban", &["de".into()]), "Ban");
    }
}
