//! Interface strings edited in the browser: the changed locale file is checked as `locales check`
//! checks it, then written to the locales directory when it can be, else handed back to download.

use std::collections::BTreeMap;
use std::path::Path;

use crate::i18n::catalog::{Locales, Source, FILES};
use crate::i18n::check::{self, Issue, Severity};
use crate::i18n::edit::{self, UiChange};
use crate::i18n::reload::LocaleDir;

/// What became of a saved file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiSaved {
    /// Written to the locales directory, and the catalog reloaded from it.
    Written,
    /// The directory is not writable: the file's new text, to download.
    Download(String),
}

/// Whether `file` is one of the locale files.
pub fn is_ui_file(file: &str) -> bool {
    FILES.contains(&file)
}

/// Applies `changes` to `lang`'s `file`, checks every language as `locales check` does, and
/// refuses with the errors found in that file; else writes it under `dir` when it can.
pub fn save(
    locales: &Locales,
    dir: &Path,
    lang: &str,
    file: &str,
    changes: &BTreeMap<String, UiChange>,
) -> Result<UiSaved, Vec<Issue>> {
    let catalog = locales.current();
    let sources = catalog.sources();
    let text = edit::apply(edit::file_text(sources, lang, file), changes);
    let mut changed: Vec<Source> = sources
        .iter()
        .filter(|s| !(s.lang == lang && s.file == file))
        .cloned()
        .collect();
    changed.push(Source {
        lang: lang.to_string(),
        file: file.to_string(),
        text: text.clone(),
    });
    let errors: Vec<Issue> = check::check(&changed)
        .issues
        .into_iter()
        .filter(|i| i.severity == Severity::Error && i.lang == lang && i.file == file)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let written = dir.is_dir()
        && std::fs::create_dir_all(dir.join(lang)).is_ok()
        && std::fs::write(dir.join(lang).join(file), &text).is_ok();
    if !written {
        return Ok(UiSaved::Download(text));
    }
    // Pages show the change at once, without waiting for the watcher's next look.
    locales.replace(LocaleDir::new(dir).load());
    Ok(UiSaved::Written)
}
