//! Server-side wording from the Fluent files under `locales/`: durations and dates for emails and
//! events. The files are embedded in the binary; `en` is the reference locale.

pub mod add;
pub mod catalog;
pub mod check;
pub mod data_files;
mod duration;
pub mod edit;
mod expiry;
pub mod reload;
pub mod ui;

use std::sync::OnceLock;

use crate::domain::locale::{self, LocalizedStrings};
use catalog::EMBEDDED;

pub use catalog::{Catalog, Locales};
pub use duration::{duration_in, localized_duration};
pub use expiry::{format_expiry, format_expiry_in};
pub use ui::Tr;

/// The reference language, used when no preferred language has a translation.
pub const DEFAULT_LANGUAGE: &str = "en";

/// The embedded catalog, for callers without the server's live `Locales` (unit tests, the email
/// template preview's sample values). Pages, events and emails use the live catalog.
pub(crate) fn embedded() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

/// The first preferred language that has a translation (exact tag, then bare language),
/// else `en`.
pub fn language(preferred: &[String]) -> &'static str {
    let available: LocalizedStrings = EMBEDDED
        .iter()
        .map(|(lang, _)| (lang.to_string(), lang.to_string()))
        .collect();
    locale::choose(&available, preferred)
        .and_then(|chosen| EMBEDDED.iter().find(|(lang, _)| *lang == chosen))
        .map_or(DEFAULT_LANGUAGE, |(lang, _)| lang)
}

/// The first preferred language that `catalog` has (exact tag, then bare language), else `en`.
pub fn language_in(catalog: &Catalog, preferred: &[String]) -> String {
    let available: LocalizedStrings = catalog
        .languages()
        .into_iter()
        .map(|lang| (lang.to_string(), lang.to_string()))
        .collect();
    locale::choose(&available, preferred)
        .map_or_else(|| DEFAULT_LANGUAGE.to_string(), str::to_string)
}

/// `localized_duration` worded with `catalog` (the live one, reloaded from `locales/`).
pub fn localized_duration_in(catalog: &Catalog, millis: i64, preferred: &[String]) -> String {
    duration_in(catalog, &language_in(catalog, preferred), millis)
}

#[cfg(test)]
mod tests {
    use fluent_syntax::ast;

    use super::*;

    /// Message ids of one locale, from the parsed sources; panics on a syntax error.
    fn ids(lang: &str) -> Vec<String> {
        let (_, sources) = EMBEDDED.iter().find(|(l, _)| *l == lang).unwrap();
        let mut out = Vec::new();
        for source in sources {
            let resource = fluent_syntax::parser::parse(*source)
                .unwrap_or_else(|(_, e)| panic!("{lang}: syntax errors {e:?}"));
            for entry in resource.body {
                match entry {
                    ast::Entry::Message(m) => out.push(m.id.name.to_string()),
                    ast::Entry::Junk { content } => panic!("{lang}: junk {content}"),
                    _ => {}
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn every_locale_parses_and_has_exactly_the_english_keys() {
        let reference = ids("en");
        assert!(reference.contains(&"date-time".to_string()));
        for (lang, _) in EMBEDDED {
            assert_eq!(ids(lang), reference, "{lang}");
        }
    }

    #[test]
    fn language_is_the_first_preferred_with_a_translation() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(language(&tags(&["de"])), "de");
        assert_eq!(language(&tags(&["de_AT", "fr"])), "de");
        assert_eq!(language(&tags(&["it", "FR-ca"])), "fr");
        assert_eq!(language(&tags(&["it"])), "en");
        assert_eq!(language(&[]), "en");
    }

    #[test]
    fn unknown_message_falls_back_to_its_id() {
        assert_eq!(embedded().format("de", "no-such-key", None), "no-such-key");
    }
}
