//! Live reload of `locales/`: the server reads the files at start and polls their modification
//! times once a second; a changed set becomes a new `Catalog`. A file that no longer parses
//! keeps its last good version (or the embedded one), and its error is remembered for the
//! translations page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::catalog::{Catalog, FileError, Locales, Source, EMBEDDED, FILES};
use super::check::{read_dir, syntax_errors};

/// How often the directory is looked at.
pub const POLL: Duration = Duration::from_secs(1);

/// What a file looked like when last read: modification time and length.
type Stamp = (Option<SystemTime>, u64);

/// A locales directory and what is known about its files.
pub struct LocaleDir {
    dir: PathBuf,
    stamps: BTreeMap<PathBuf, Stamp>,
    /// (lang, file) → the last text that parsed.
    last_good: BTreeMap<(String, String), String>,
}

impl LocaleDir {
    pub fn new(dir: impl Into<PathBuf>) -> LocaleDir {
        LocaleDir {
            dir: dir.into(),
            stamps: BTreeMap::new(),
            last_good: BTreeMap::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The `.ftl` files under the directory with their stamps (empty when it is unreadable).
    fn scan(&self) -> BTreeMap<PathBuf, Stamp> {
        let mut out = BTreeMap::new();
        let Ok(langs) = std::fs::read_dir(&self.dir) else {
            return out;
        };
        for lang in langs.filter_map(Result::ok) {
            let Ok(files) = std::fs::read_dir(lang.path()) else {
                continue;
            };
            for file in files.filter_map(Result::ok) {
                let path = file.path();
                if path.extension().is_some_and(|x| x == "ftl") {
                    if let Ok(meta) = file.metadata() {
                        out.insert(path, (meta.modified().ok(), meta.len()));
                    }
                }
            }
        }
        out
    }

    /// Whether any file changed, appeared or went away since the last `load`.
    pub fn changed(&self) -> bool {
        self.scan() != self.stamps
    }

    /// Reads every file and builds a catalog: per file the text on disk when it parses, else
    /// its last good text, else the embedded copy.
    pub fn load(&mut self) -> Catalog {
        self.stamps = self.scan();
        let on_disk = match read_dir(&self.dir) {
            Ok(sources) => sources,
            Err(e) => {
                tracing::error!(dir = %self.dir.display(), error = %e, "cannot read the locales directory; keeping the embedded locales");
                return Catalog::embedded().with_errors(vec![FileError {
                    lang: String::new(),
                    file: self.dir.display().to_string(),
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                }]);
            }
        };
        let mut errors = Vec::new();
        let mut used = Vec::new();
        for source in on_disk {
            let key = (source.lang.clone(), source.file.clone());
            let problems = syntax_errors(&source.text);
            if let Some((line, column, message)) = problems.first() {
                tracing::error!(lang = %source.lang, file = %source.file, line, column, %message, "a locale file does not parse; keeping its last good version");
                errors.push(FileError {
                    lang: source.lang.clone(),
                    file: source.file.clone(),
                    line: *line,
                    column: *column,
                    message: message.clone(),
                });
                let fallback = self
                    .last_good
                    .get(&key)
                    .cloned()
                    .or_else(|| embedded_text(&source.lang, &source.file));
                if let Some(text) = fallback {
                    used.push(Source { text, ..source });
                }
            } else {
                self.last_good.insert(key, source.text.clone());
                used.push(source);
            }
        }
        Catalog::from_sources(used).with_errors(errors)
    }
}

/// The text of `lang/file` compiled into the binary.
fn embedded_text(lang: &str, file: &str) -> Option<String> {
    let (_, texts) = EMBEDDED.iter().find(|(l, _)| *l == lang)?;
    let index = FILES.iter().position(|f| *f == file)?;
    texts.get(index).map(|t| t.to_string())
}

/// Loads `dir` into `locales` when it exists and watches it until `stop` is set. Returns whether
/// the directory is in use (otherwise the embedded locales stay).
pub fn start(locales: &Locales, dir: &Path, stop: Arc<AtomicBool>) -> bool {
    if !dir.is_dir() {
        tracing::info!(dir = %dir.display(), "no locales directory; using the embedded locales");
        return false;
    }
    let mut watched = LocaleDir::new(dir);
    locales.replace(watched.load());
    tracing::info!(dir = %dir.display(), "locales loaded from disk; watching for changes");
    let locales = locales.clone();
    let spawned = std::thread::Builder::new()
        .name("locales-reload".into())
        .spawn(move || watch(&mut watched, &locales, &stop));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the locales watcher");
    }
    true
}

/// Polls once a second; swaps in a new catalog when a file changed.
pub fn watch(dir: &mut LocaleDir, locales: &Locales, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(POLL);
        if dir.changed() {
            locales.replace(dir.load());
            tracing::info!(dir = %dir.dir().display(), "locales reloaded");
        }
    }
}
