//! `actioneer locales check`: compares every locale with the reference `en` and reports what a
//! translator must fix (errors) or may want to look at (warnings). Plain functions over sources.

mod extract;
mod plurals;
mod progress;
mod report;

use std::collections::{BTreeMap, BTreeSet};

use super::catalog::Source;
use super::DEFAULT_LANGUAGE;
use plurals::CATEGORIES;

pub use extract::{
    messages, position, read_dir, syntax_errors, Msg, Part, Select, SAME_AS_ENGLISH,
};
pub use plurals::plural_categories;
pub use progress::{ui_progress, UiProgress};
pub use report::{Issue, IssueKind, Report, Severity};

/// Messages whose value may rightly be the same as in English (names, formats).
pub const ALLOWED_IDENTICAL: &[&str] = &["app-name", "format-datetime", "format-date"];

/// Compares every language of `sources` with `en`.
pub fn check(sources: &[Source]) -> Report {
    let mut report = Report::default();
    // lang → file → text
    let mut tree: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for s in sources {
        tree.entry(s.lang.as_str())
            .or_default()
            .insert(s.file.as_str(), s.text.as_str());
    }
    for (lang, files) in &tree {
        for (file, text) in files {
            for (line, column, description) in syntax_errors(text) {
                report.push(issue(
                    IssueKind::Syntax,
                    lang,
                    file,
                    (line, column),
                    None,
                    description,
                ));
            }
        }
    }
    let Some(reference) = tree.get(DEFAULT_LANGUAGE) else {
        report.push(issue(
            IssueKind::MissingFile,
            DEFAULT_LANGUAGE,
            "",
            (0, 0),
            None,
            "the reference language en has no files".into(),
        ));
        return report;
    };
    let en: BTreeMap<&str, Vec<Msg>> = reference
        .iter()
        .map(|(file, text)| (*file, messages(text)))
        .collect();
    let en_by_id: BTreeMap<&str, &Msg> =
        en.values().flatten().map(|m| (m.id.as_str(), m)).collect();
    for (lang, files) in &tree {
        duplicates(lang, files, &mut report);
        if *lang == DEFAULT_LANGUAGE {
            continue;
        }
        let categories = plural_categories(lang);
        for (file, en_msgs) in &en {
            let Some(text) = files.get(file) else {
                report.push(issue(
                    IssueKind::MissingFile,
                    lang,
                    file,
                    (0, 0),
                    None,
                    format!("{file} is missing ({} message(s) in en)", en_msgs.len()),
                ));
                continue;
            };
            let ours = messages(text);
            // A file that does not parse has already said so; its lost entries are not "missing".
            let broken = !syntax_errors(text).is_empty();
            for m in en_msgs {
                match ours.iter().find(|o| o.id == m.id) {
                    None if broken => {}
                    None => report.push(issue(
                        IssueKind::MissingMessage,
                        lang,
                        file,
                        (0, 0),
                        Some(m.id.clone()),
                        format!("missing (en has it at {file}:{})", m.line),
                    )),
                    Some(o) => compare(lang, file, m, o, categories.as_ref(), &mut report),
                }
            }
            for o in ours
                .iter()
                .filter(|o| !en_msgs.iter().any(|m| m.id == o.id))
            {
                let elsewhere = if en_by_id.contains_key(o.id.as_str()) {
                    " (en has it in another file)"
                } else {
                    ""
                };
                report.push(issue(
                    IssueKind::ExtraMessage,
                    lang,
                    file,
                    (o.line, o.column),
                    Some(o.id.clone()),
                    format!("not in en/{file}{elsewhere}"),
                ));
            }
        }
        for file in files.keys().filter(|f| !en.contains_key(*f)) {
            report.push(issue(
                IssueKind::ExtraFile,
                lang,
                file,
                (0, 0),
                None,
                format!("en has no {file}"),
            ));
        }
    }
    report.issues.sort_by(|a, b| {
        (&a.lang, &a.file, a.line, a.column).cmp(&(&b.lang, &b.file, b.line, b.column))
    });
    report
}

fn duplicates(lang: &str, files: &BTreeMap<&str, &str>, report: &mut Report) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (file, text) in files {
        for m in messages(text) {
            if let Some(first) = seen.get(&m.id) {
                report.push(issue(
                    IssueKind::DuplicateMessage,
                    lang,
                    file,
                    (m.line, m.column),
                    Some(m.id.clone()),
                    format!("defined twice (also in {first})"),
                ));
            } else {
                seen.insert(m.id.clone(), file);
            }
        }
    }
}

fn issue(
    kind: IssueKind,
    lang: &str,
    file: &str,
    (line, column): (usize, usize),
    id: Option<String>,
    message: String,
) -> Issue {
    Issue {
        severity: kind.severity(),
        kind,
        lang: lang.to_string(),
        file: file.to_string(),
        line,
        column,
        id,
        message,
    }
}

fn full_id(m: &Msg, part: &Part) -> String {
    match &part.attribute {
        Some(a) => format!("{}.{a}", m.id),
        None => m.id.clone(),
    }
}

/// One message of `lang` against its English counterpart.
fn compare(
    lang: &str,
    file: &str,
    en: &Msg,
    ours: &Msg,
    categories: Option<&BTreeSet<&'static str>>,
    report: &mut Report,
) {
    let at = (ours.line, ours.column);
    for e in &en.parts {
        let id = full_id(en, e);
        let Some(o) = ours.parts.iter().find(|o| o.attribute == e.attribute) else {
            let (kind, what) = match &e.attribute {
                Some(a) => (
                    IssueKind::MissingAttribute,
                    format!("attribute .{a} missing"),
                ),
                None => (IssueKind::MissingValue, "value missing".to_string()),
            };
            report.push(issue(kind, lang, file, at, Some(id), what));
            continue;
        };
        let passed: BTreeSet<String> = e.variables.union(&en.declared).cloned().collect();
        for v in o.variables.difference(&passed) {
            report.push(issue(
                IssueKind::UnknownVariable,
                lang,
                file,
                at,
                Some(id.clone()),
                format!("uses ${v}, which en does not pass"),
            ));
        }
        for v in e
            .variables
            .difference(&o.variables)
            .filter(|v| !en.declared.contains(*v))
        {
            report.push(issue(
                IssueKind::UnusedVariable,
                lang,
                file,
                at,
                Some(id.clone()),
                format!("does not use ${v}, which en uses"),
            ));
        }
        if let Some(categories) = categories {
            plural_gaps(lang, file, at, &id, e, o, categories, report);
        }
        let allowed = ALLOWED_IDENTICAL.contains(&en.id.as_str()) || ours.same_as_english;
        if o.wordy && o.text == e.text && !allowed {
            report.push(issue(
                IssueKind::IdenticalToEnglish,
                lang,
                file,
                at,
                Some(id.clone()),
                format!(
                    "same as English (untranslated? if it is right, put a comment line `# {SAME_AS_ENGLISH}` above it)"
                ),
            ));
        }
    }
    for o in &ours.parts {
        if let Some(a) = &o.attribute {
            if !en.parts.iter().any(|e| e.attribute.as_ref() == Some(a)) {
                report.push(issue(
                    IssueKind::ExtraAttribute,
                    lang,
                    file,
                    at,
                    Some(full_id(ours, o)),
                    format!("attribute .{a} is not in en"),
                ));
            }
        }
    }
}

/// A selector is on a number when its keys (here or in English) name a plural category other
/// than `other`; then every category the language needs must have a variant, except the one the
/// default variant stands for (`*[other]`, which CLDR's `other` is).
#[allow(clippy::too_many_arguments)]
fn plural_gaps(
    lang: &str,
    file: &str,
    at: (usize, usize),
    id: &str,
    en: &Part,
    ours: &Part,
    categories: &BTreeSet<&'static str>,
    report: &mut Report,
) {
    let plural_key = |k: &String| CATEGORIES.contains(&k.as_str()) && k != "other";
    for select in &ours.selects {
        let en_plural = en
            .selects
            .iter()
            .any(|s| s.variable == select.variable && s.keys.iter().any(plural_key));
        if !en_plural && !select.keys.iter().any(plural_key) {
            continue;
        }
        let missing: Vec<&str> = categories
            .iter()
            .copied()
            .filter(|c| !select.keys.contains(*c))
            .filter(|c| !(*c == "other" && select.default_key.is_some()))
            .collect();
        if !missing.is_empty() {
            report.push(issue(
                IssueKind::MissingPluralCategory,
                lang,
                file,
                at,
                Some(id.to_string()),
                format!(
                    "the selector on ${} lacks the plural categories {} that {lang} needs",
                    select.variable,
                    missing.join(", ")
                ),
            ));
        }
    }
}
