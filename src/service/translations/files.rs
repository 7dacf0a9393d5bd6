//! Translation files: the `.ftl` export of a language, and reading one back into changes.

use std::collections::BTreeSet;

use fluent_bundle::FluentArgs;

use super::{validate, Change, DataError, Item, Problem};
use crate::domain::fluent_pattern;
use crate::i18n::data_files::{self, Entry};

/// The export file of `lang`.
pub fn export_file(items: &[Item], lang: &str) -> String {
    let entries: Vec<Entry> = items
        .iter()
        .map(|i| Entry {
            id: i.key.clone(),
            comments: vec![format!("{}: {}", i.kind.name(), one_line(&i.label))],
            value: i.translation(lang).map(str::to_string),
            reference: i.reference.clone(),
            pattern: i.kind.is_pattern(),
        })
        .collect();
    data_files::write(lang, &entries)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads an export file of `lang` into changes; problems carry their line.
pub fn read_file(items: &[Item], lang: &str, text: &str) -> Result<Vec<Change>, Vec<DataError>> {
    let error = |key: &str, line, problem| DataError {
        key: key.to_string(),
        lang: lang.to_string(),
        line,
        problem,
    };
    let messages = data_files::read(text).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| {
                error(
                    "",
                    p.line,
                    Problem::Syntax(format!("{} (column {})", p.message, p.column)),
                )
            })
            .collect::<Vec<_>>()
    })?;
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for m in messages {
        if !seen.insert(m.id.clone()) {
            errors.push(error(
                &m.id,
                m.line,
                Problem::Syntax("defined twice".into()),
            ));
            continue;
        }
        let Some(item) = items.iter().find(|i| i.key == m.id) else {
            errors.push(error(&m.id, m.line, Problem::UnknownId));
            continue;
        };
        let value = if item.kind.is_pattern() {
            m.pattern
        } else {
            match plain_text(&m.pattern) {
                Some(text) => text,
                None => {
                    errors.push(error(&m.id, m.line, Problem::Placeable));
                    continue;
                }
            }
        };
        changes.push(Change {
            key: m.id,
            lang: lang.to_string(),
            value,
            line: m.line,
        });
    }
    errors.extend(validate(items, &changes));
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

/// The text of a plain-text pattern (only quoted literals in braces), or `None`.
fn plain_text(pattern: &str) -> Option<String> {
    fluent_pattern::check(pattern, &[]).ok()?;
    let en = unic_langid::LanguageIdentifier::default();
    fluent_pattern::format(pattern, &en, &FluentArgs::new())
}
