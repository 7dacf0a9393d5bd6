//! Checking translations without the database: what a change is, what can be wrong with it, and
//! the rules a value must meet before it is written.

use crate::domain::email_template::{self, VARIABLES};
use crate::domain::fluent_pattern;
use crate::domain::locale::{match_key, LocalizedStrings};

use super::{Item, ItemKind};

/// A translation to set: an empty value removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub lang: String,
    pub value: String,
    /// Where it came from in an import file (0 from a form).
    pub line: usize,
}

/// What is wrong with a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownId,
    /// A `$variable` the reference does not use.
    UnknownVariable(String),
    /// A `$variable` the reference uses that the translation does not.
    MissingVariable(String),
    /// A placeable other than a quoted literal in a plain text.
    Placeable,
    /// The Fluent syntax is wrong (the sentence says where).
    Syntax(String),
    /// The object's service refused the change (its message).
    Rejected(String),
}

impl Problem {
    /// An English sentence, for the command line.
    pub fn describe(&self) -> String {
        match self {
            Problem::UnknownId => "no action, option, reason or email template has this id".into(),
            Problem::UnknownVariable(v) => format!("uses ${v}, which the reference does not"),
            Problem::MissingVariable(v) => format!("does not use ${v}, which the reference does"),
            Problem::Placeable => "a plain text may only contain quoted literals in braces".into(),
            Problem::Syntax(s) => s.clone(),
            Problem::Rejected(s) => s.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub key: String,
    pub lang: String,
    pub line: usize,
    pub problem: Problem,
}

/// A change that was (or in a dry run would be) made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub key: String,
    pub lang: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Placeable problems of a template translation against its reference.
pub fn placeable_problems(reference: &str, translation: &str) -> Vec<Problem> {
    if let Err(problem) = fluent_pattern::check(translation, &VARIABLES) {
        return vec![Problem::Syntax(problem)];
    }
    let (theirs, ours) = (
        fluent_pattern::variables(reference),
        fluent_pattern::variables(translation),
    );
    let mut out: Vec<Problem> = ours
        .difference(&theirs)
        .map(|v| Problem::UnknownVariable(v.clone()))
        .collect();
    out.extend(
        theirs
            .difference(&ours)
            .map(|v| Problem::MissingVariable(v.clone())),
    );
    out
}

/// Checks changes against the items without writing: unknown ids and placeables.
pub fn validate(items: &[Item], changes: &[Change]) -> Vec<DataError> {
    let mut out = Vec::new();
    for c in changes {
        let error = |problem| DataError {
            key: c.key.clone(),
            lang: c.lang.clone(),
            line: c.line,
            problem,
        };
        let Some(item) = items.iter().find(|i| i.key == c.key) else {
            out.push(error(Problem::UnknownId));
            continue;
        };
        if item.kind.is_pattern() && !c.value.trim().is_empty() {
            out.extend(
                placeable_problems(&item.reference, &c.value)
                    .into_iter()
                    .map(error),
            );
        }
    }
    out
}

/// Sets `lang` in `map` (keeping the spelling of an existing tag); empty removes it.
pub(super) fn set(map: &mut LocalizedStrings, lang: &str, value: &str) {
    let wanted = match_key(lang);
    let existing = map.keys().find(|k| match_key(k) == wanted).cloned();
    let value = value.trim_end();
    match (existing, value.trim().is_empty()) {
        (Some(k), true) => {
            map.remove(&k);
        }
        (Some(k), false) => {
            map.insert(k, value.to_string());
        }
        (None, true) => {}
        (None, false) => {
            map.insert(lang.to_string(), value.to_string());
        }
    }
}

/// Whether two texts differ beyond trailing white space.
pub(super) fn differs(before: Option<&str>, after: &str) -> bool {
    before.unwrap_or_default().trim_end() != after.trim_end()
}

/// Translators' HTML email bodies made safe to send (`sanitize_translated_html`): the changes as
/// they will be saved, and the bodies that cannot be made safe. A body sent back unchanged (the
/// editor posts every row) is left as it is stored: it may be an administrator's.
pub(super) fn sanitise_html(items: &[Item], changes: &[Change]) -> (Vec<Change>, Vec<DataError>) {
    let mut out = Vec::with_capacity(changes.len());
    let mut errors = Vec::new();
    for c in changes {
        let html = items
            .iter()
            .find(|i| i.key == c.key && i.kind == ItemKind::TemplateHtml);
        let unchanged = html.is_some_and(|i| !differs(i.translation(&c.lang), &c.value));
        if html.is_none() || unchanged || c.value.trim().is_empty() {
            out.push(c.clone());
            continue;
        }
        match email_template::sanitize_translated_html(&c.value) {
            Ok(value) => out.push(Change { value, ..c.clone() }),
            Err(problem) => errors.push(DataError {
                key: c.key.clone(),
                lang: c.lang.clone(),
                line: c.line,
                problem: Problem::Rejected(problem),
            }),
        }
    }
    (out, errors)
}
