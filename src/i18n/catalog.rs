//! A set of Fluent bundles, one per language, built from `.ftl` sources; and the handle the
//! server shares so the set can be swapped when files change on disk.

use std::sync::{Arc, RwLock};

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
pub struct Catalog {
    bundles: Vec<(String, Bundle)>,
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

    /// Builds bundles from sources; a file with syntax errors contributes its valid entries
    /// and the errors are logged (the `locales check` command reports them precisely).
    pub fn from_sources(sources: impl IntoIterator<Item = Source>) -> Catalog {
        let mut bundles: Vec<(String, Bundle)> = Vec::new();
        let mut kept = Vec::new();
        for source in sources {
            kept.push(source.clone());
            let index = match bundles.iter().position(|(l, _)| *l == source.lang) {
                Some(i) => i,
                None => {
                    bundles.push((source.lang.clone(), new_bundle(&source.lang)));
                    bundles.len() - 1
                }
            };
            if too_deep(&source.text, MAX_DEPTH) {
                tracing::error!(lang = %source.lang, file = %source.file, "a locale file nests placeables too deep to parse; skipped");
                continue;
            }
            let resource = FluentResource::try_new(source.text).unwrap_or_else(|(r, e)| {
                tracing::error!(lang = %source.lang, file = %source.file, errors = ?e, "syntax errors in a locale file");
                r
            });
            if let Err(errors) = bundles[index].1.add_resource(resource) {
                tracing::error!(lang = %source.lang, file = %source.file, ?errors, "conflicting messages in a locale file");
            }
        }
        Catalog {
            bundles,
            sources: kept,
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
        self.bundles.iter().find(|(l, _)| l == lang).map(|(_, b)| b)
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

fn new_bundle(lang: &str) -> Bundle {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text for pages, emails and JSON: no FSI/PDI marks around placeables.
    bundle.set_use_isolating(false);
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
