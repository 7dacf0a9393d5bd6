//! Server-side wording from the Fluent files under `locales/`: durations and dates for emails and
//! events. The files are embedded in the binary; `en` is the reference locale.

mod duration;
mod expiry;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::domain::locale::{self, LocalizedStrings};

pub use duration::localized_duration;
pub use expiry::format_expiry;

/// The reference language, used when no preferred language has a translation.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Every embedded locale: (language, Fluent sources).
const SOURCES: &[(&str, &[&str])] = &[
    ("en", &[include_str!("../../locales/en/time.ftl")]),
    ("de", &[include_str!("../../locales/de/time.ftl")]),
    ("fr", &[include_str!("../../locales/fr/time.ftl")]),
];

type Bundle = FluentBundle<FluentResource>;

/// The bundles, built once; a syntax error in a file is logged and the rest of it is used.
fn bundles() -> &'static [(&'static str, Bundle)] {
    static BUNDLES: OnceLock<Vec<(&'static str, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(lang, sources)| (*lang, bundle(lang, sources)))
            .collect()
    })
}

fn bundle(lang: &str, sources: &[&str]) -> Bundle {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text for emails and JSON: no FSI/PDI around placeables.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource = FluentResource::try_new((*source).to_string()).unwrap_or_else(|(r, e)| {
            tracing::error!(lang, errors = ?e, "syntax errors in an embedded locale file");
            r
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                lang,
                ?errors,
                "conflicting messages in the embedded locale files"
            );
        }
    }
    bundle
}

/// The first preferred language that has a translation (exact tag, then bare language, §11.2),
/// else `en`.
pub fn language(preferred: &[String]) -> &'static str {
    let available: LocalizedStrings = SOURCES
        .iter()
        .map(|(lang, _)| (lang.to_string(), lang.to_string()))
        .collect();
    locale::choose(&available, preferred)
        .and_then(|chosen| SOURCES.iter().find(|(lang, _)| *lang == chosen))
        .map_or(DEFAULT_LANGUAGE, |(lang, _)| lang)
}

/// Formats message `id` in `lang`, falling back to `en`; the id itself when no locale has it.
fn message(lang: &str, id: &str, args: &FluentArgs) -> String {
    for wanted in [lang, DEFAULT_LANGUAGE] {
        let Some((_, bundle)) = bundles().iter().find(|(l, _)| *l == wanted) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(
                    lang = wanted,
                    id,
                    ?errors,
                    "errors formatting a locale message"
                );
            }
            return text.into_owned();
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use fluent_syntax::ast;

    use super::*;

    /// Message ids of one locale, from the parsed sources; panics on a syntax error.
    fn ids(lang: &str) -> Vec<String> {
        let (_, sources) = SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
        let mut out = Vec::new();
        for source in *sources {
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
        for (lang, _) in SOURCES {
            assert_eq!(ids(lang), reference, "{lang}");
        }
    }

    #[test]
    fn language_is_the_first_preferred_with_a_translation() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(language(&tags(&["de"])), "de");
        assert_eq!(language(&tags(&["de_AT", "fr"])), "de");
        assert_eq!(language(&tags(&["es", "FR-ca"])), "fr");
        assert_eq!(language(&tags(&["es"])), "en");
        assert_eq!(language(&[]), "en");
    }

    #[test]
    fn unknown_message_falls_back_to_its_id() {
        assert_eq!(
            message("de", "no-such-key", &FluentArgs::new()),
            "no-such-key"
        );
    }
}
