//! A set of Fluent bundles, one per language, built from `.ftl` sources; and the handle the
//! server shares so the set can be swapped when files change on disk.

use std::sync::{Arc, OnceLock, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::DEFAULT_LANGUAGE;
use crate::domain::fluent_limits::{too_deep, MAX_DEPTH};

/// The files of every locale, in the order they are loaded.
pub const FILES: [&str; 8] = [
    "ui.ftl",
    "time.ftl",
    "definitions.ftl",
    "users.ftl",
    "insights.ftl",
    "operations.ftl",
    "settings.ftl",
    "translations.ftl",
];

macro_rules! embedded_locale {
    ($lang:literal) => {
        (
            $lang,
            [
                include_str!(concat!("../../locales/", $lang, "/ui.ftl")),
                include_str!(concat!("../../locales/", $lang, "/time.ftl")),
                include_str!(concat!("../../locales/", $lang, "/definitions.ftl")),
                include_str!(concat!("../../locales/", $lang, "/users.ftl")),
                include_str!(concat!("../../locales/", $lang, "/insights.ftl")),
                include_str!(concat!("../../locales/", $lang, "/operations.ftl")),
                include_str!(concat!("../../locales/", $lang, "/settings.ftl")),
                include_str!(concat!("../../locales/", $lang, "/translations.ftl")),
            ],
        )
    };
}

/// The locale files compiled into the binary: the fallback when `locales/` is not on disk.
pub const EMBEDDED: &[(&str, [&str; FILES.len()])] = &[
    embedded_locale!("en"),
    embedded_locale!("de"),
    embedded_locale!("fr"),
    embedded_locale!("es"),
];

type Bundle = FluentBundle<FluentResource>;

/// One source file of a locale.
#[derive(Debug, Clone)]
pub struct Source {
    pub lang: String,
    pub file: String,
    pub text: String,
}

/// A locale file that could not be loaded as it is on disk (its last good version, or the
/// embedded one, is in use instead).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileError {
    pub lang: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Bundles per language; `en` is the reference and the fallback for missing messages.
///
/// A language's bundle is parsed from its sources the first time a message of it is asked for:
/// parsed, the four embedded locales took about 1.9 MB of an idle server's 4.5 MB of heap, and
/// most servers speak one or two of them.
pub struct Catalog {
    bundles: Vec<(String, OnceLock<Bundle>)>,
    /// The texts the bundles were built from (the translations page measures progress on them).
    sources: Vec<Source>,
    /// Problems met while loading files from disk.
    errors: Vec<FileError>,
}

impl Catalog {
    pub fn embedded() -> Catalog {
        let sources = EMBEDDED.iter().flat_map(|(lang, texts)| {
            FILES.iter().zip(texts.iter()).map(|(file, text)| Source {
                lang: lang.to_string(),
                file: file.to_string(),
                text: text.to_string(),
            })
        });
        Catalog::from_sources(sources)
    }

    /// A catalog of `sources`, each language's bundle built when first used (`bundle`).
    pub fn from_sources(sources: impl IntoIterator<Item = Source>) -> Catalog {
        let sources: Vec<Source> = sources.into_iter().collect();
        let mut bundles: Vec<(String, OnceLock<Bundle>)> = Vec::new();
        for source in &sources {
            if !bundles.iter().any(|(l, _)| *l == source.lang) {
                bundles.push((source.lang.clone(), OnceLock::new()));
            }
        }
        Catalog {
            bundles,
            sources,
            errors: Vec::new(),
        }
    }

    /// The same catalog, remembering the load errors the translations page shows.
    pub fn with_errors(mut self, errors: Vec<FileError>) -> Catalog {
        self.errors = errors;
        self
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn errors(&self) -> &[FileError] {
        &self.errors
    }

    /// The languages with a bundle, `en` first.
    pub fn languages(&self) -> Vec<&str> {
        let mut langs: Vec<&str> = self.bundles.iter().map(|(l, _)| l.as_str()).collect();
        langs.sort_by_key(|l| (*l != DEFAULT_LANGUAGE, l.to_string()));
        langs
    }

    /// The language of this catalog that best serves `tag` (exact, then bare language).
    pub fn supported(&self, tag: &str) -> Option<&str> {
        let tag = tag.trim().replace('_', "-");
        let bare = tag.split('-').next().unwrap_or_default();
        let find = |want: &str| {
            self.bundles
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(want))
                .map(|(l, _)| l.as_str())
        };
        find(&tag).or_else(|| find(bare))
    }

    pub fn has(&self, lang: &str, id: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(id))
    }

    fn bundle(&self, lang: &str) -> Option<&Bundle> {
        let (lang, bundle) = self.bundles.iter().find(|(l, _)| l == lang)?;
        Some(bundle.get_or_init(|| build_bundle(lang, &self.sources)))
    }

    /// The languages whose bundle has been built so far.
    #[cfg(test)]
    fn built_languages(&self) -> Vec<&str> {
        self.bundles
            .iter()
            .filter(|(_, b)| b.get().is_some())
            .map(|(l, _)| l.as_str())
            .collect()
    }

    /// Message `id` (or `id.attribute`) in `lang`, else in `en`, else the id itself.
    pub fn format(&self, lang: &str, id: &str, args: Option<&FluentArgs>) -> String {
        let (message_id, attribute) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        for wanted in [lang, DEFAULT_LANGUAGE] {
            let Some(bundle) = self.bundle(wanted) else {
                continue;
            };
            let Some(message) = bundle.get_message(message_id) else {
                continue;
            };
            let pattern = match attribute {
                Some(a) => message.get_attribute(a).map(|a| a.value()),
                None => message.value(),
            };
            if let Some(pattern) = pattern {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
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
}

/// `lang`'s bundle from its sources, in order. A file with syntax errors contributes its valid
/// entries and the errors are logged (the `locales check` command reports them precisely).
fn build_bundle(lang: &str, sources: &[Source]) -> Bundle {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text for pages, emails and JSON: no FSI/PDI marks around placeables.
    bundle.set_use_isolating(false);
    for source in sources.iter().filter(|s| s.lang == lang) {
        if too_deep(&source.text, MAX_DEPTH) {
            tracing::error!(lang = %source.lang, file = %source.file, "a locale file nests placeables too deep to parse; skipped");
            continue;
        }
        let resource = FluentResource::try_new(source.text.clone()).unwrap_or_else(|(r, e)| {
            tracing::error!(lang = %source.lang, file = %source.file, errors = ?e, "syntax errors in a locale file");
            r
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(lang = %source.lang, file = %source.file, ?errors, "conflicting messages in a locale file");
        }
    }
    bundle
}

/// The catalog in use, replaceable while requests read it (live reload of `locales/`).
#[derive(Clone)]
pub struct Locales {
    current: Arc<RwLock<Arc<Catalog>>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales")
            .field("languages", &self.current().languages())
            .finish()
    }
}

impl Default for Locales {
    fn default() -> Self {
        Locales::embedded()
    }
}

impl Locales {
    pub fn new(catalog: Catalog) -> Locales {
        Locales {
            current: Arc::new(RwLock::new(Arc::new(catalog))),
        }
    }

    pub fn embedded() -> Locales {
        Locales::new(Catalog::embedded())
    }

    pub fn current(&self) -> Arc<Catalog> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn replace(&self, catalog: Catalog) {
        match self.current.write() {
            Ok(mut guard) => *guard = Arc::new(catalog),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(catalog),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_parsed_when_first_asked_for() {
        let catalog = Catalog::embedded();
        assert_eq!(catalog.languages(), ["en", "de", "es", "fr"]);
        assert!(catalog.built_languages().is_empty());
        assert_eq!(catalog.supported("de-CH"), Some("de"));
        assert!(catalog.built_languages().is_empty());
        let german = catalog.format("de", "nav-users", None);
        assert!(!german.is_empty() && german != "nav-users");
        assert_ne!(german, catalog.format("en", "nav-users", None));
        assert_eq!(catalog.built_languages(), ["en", "de"]);
        assert_eq!(catalog.format("de", "nav-users", None), german);
        assert_eq!(
            catalog.format("fr", "no-such-message", None),
            "no-such-message"
        );
        assert_eq!(catalog.built_languages(), ["en", "de", "fr"]);
    }
}
