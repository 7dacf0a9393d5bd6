//! How far a language's interface strings are translated, for the translators' page.

use std::collections::BTreeMap;

use super::super::catalog::Source;
use super::super::DEFAULT_LANGUAGE;
use super::{messages, Msg, ALLOWED_IDENTICAL};

/// How far a language's UI strings are: messages present and not identical to English.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UiProgress {
    pub lang: String,
    pub translated: usize,
    pub total: usize,
    /// Message ids `en` has and the language lacks.
    pub missing: Vec<String>,
    /// Message ids whose value is still the English text.
    pub untranslated: Vec<String>,
}

/// The UI progress of `lang` measured on `sources` (every language's files).
pub fn ui_progress(sources: &[Source], lang: &str) -> UiProgress {
    let of = |l: &str| -> BTreeMap<String, Msg> {
        sources
            .iter()
            .filter(|s| s.lang == l)
            .flat_map(|s| messages(&s.text))
            .map(|m| (m.id.clone(), m))
            .collect()
    };
    let en = of(DEFAULT_LANGUAGE);
    let ours = of(lang);
    let mut out = UiProgress {
        lang: lang.to_string(),
        total: en.len(),
        ..UiProgress::default()
    };
    for (id, e) in &en {
        match ours.get(id) {
            None => out.missing.push(id.clone()),
            Some(o) => {
                let same = lang != DEFAULT_LANGUAGE
                    && !ALLOWED_IDENTICAL.contains(&id.as_str())
                    && !o.same_as_english
                    && e.parts.iter().any(|p| p.wordy)
                    && e.parts.len() == o.parts.len()
                    && e.parts.iter().zip(&o.parts).all(|(a, b)| a.text == b.text);
                if same {
                    out.untranslated.push(id.clone());
                } else {
                    out.translated += 1;
                }
            }
        }
    }
    out
}
