//! Editing interface strings in the browser: the entries of one locale file as text a translator
//! can change, and the file rewritten with the changes. Plain functions over file texts; the
//! caller checks the result as `locales check` does before it is written.

use std::collections::BTreeMap;

use super::catalog::Source;
use super::check::{messages, SAME_AS_ENGLISH};
use super::DEFAULT_LANGUAGE;

/// One message of an English file, with the language's text for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiString {
    pub id: String,
    /// The English entry body (value and attributes), dedented.
    pub english: String,
    /// The language's entry body; `None` when the file lacks the message.
    pub value: Option<String>,
    /// The language marks the value as rightly the same as in English.
    pub same_as_english: bool,
}

/// The text of `lang`'s `file` (empty when it has none).
pub fn file_text<'a>(sources: &'a [Source], lang: &str, file: &str) -> &'a str {
    sources
        .iter()
        .find(|s| s.lang == lang && s.file == file)
        .map_or("", |s| s.text.as_str())
}

/// Every message (not term) of `en/<file>` with `lang`'s text for it, in English file order.
pub fn ui_strings(sources: &[Source], lang: &str, file: &str) -> Vec<UiString> {
    let english = file_text(sources, DEFAULT_LANGUAGE, file);
    let ours = file_text(sources, lang, file);
    let marked: BTreeMap<String, bool> = messages(ours)
        .into_iter()
        .map(|m| (m.id, m.same_as_english))
        .collect();
    messages(english)
        .into_iter()
        .filter(|m| !m.id.starts_with('-'))
        .map(|m| UiString {
            english: entry_body(english, &m.id).unwrap_or_default(),
            value: entry_body(ours, &m.id),
            same_as_english: marked.get(&m.id).copied().unwrap_or(false),
            id: m.id,
        })
        .collect()
}

/// Where the entry `id` is in `text`: its first line, and the line after its last.
fn entry_lines(lines: &[&str], id: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|line| {
        line.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })?;
    let mut end = start + 1;
    let mut last = start + 1;
    while end < lines.len() {
        let line = lines[end];
        if line.trim().is_empty() {
            end += 1;
            continue;
        }
        if !line.starts_with(' ') {
            break;
        }
        end += 1;
        last = end;
    }
    Some((start, last))
}

/// The body of entry `id`: what follows `id =` and its indented lines, dedented.
pub fn entry_body(text: &str, id: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let (start, end) = entry_lines(&lines, id)?;
    let first = lines[start]
        .split_once('=')
        .map_or("", |(_, rest)| rest.trim());
    let rest = &lines[start + 1..end];
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    if !first.is_empty() {
        out.push(first.to_string());
    }
    for line in rest {
        out.push(line.get(indent..).unwrap_or("").trim_end().to_string());
    }
    Some(out.join("\n"))
}

/// The source lines of entry `id` with `body`: one line when it is one, else indented lines.
fn entry_source(id: &str, body: &str) -> Vec<String> {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim_end();
    if !body.contains('\n') {
        return vec![format!("{id} = {}", body.trim())];
    }
    let mut out = vec![format!("{id} =")];
    for line in body.split('\n') {
        if line.trim().is_empty() {
            out.push(String::new());
        } else {
            out.push(format!("    {line}"));
        }
    }
    out
}

/// A change to one message: its new body (empty removes the message), and the mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiChange {
    pub body: String,
    pub same_as_english: bool,
}

/// `text` with `changes` made: a changed message is rewritten in place (its comment kept, the
/// `same-as-english` line set or removed), a new one appended at the end.
pub fn apply(text: &str, changes: &BTreeMap<String, UiChange>) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (id, change) in changes {
        let borrowed: Vec<&str> = lines.iter().map(String::as_str).collect();
        let found = entry_lines(&borrowed, id);
        let mut new = Vec::new();
        if change.same_as_english && !change.body.trim().is_empty() {
            new.push(format!("# {SAME_AS_ENGLISH}"));
        }
        if !change.body.trim().is_empty() {
            new.extend(entry_source(id, &change.body));
        }
        match found {
            Some((start, end)) => {
                // The marker line right above the entry is replaced with the entry.
                let from = if start > 0 && lines[start - 1].trim() == format!("# {SAME_AS_ENGLISH}")
                {
                    start - 1
                } else {
                    start
                };
                lines.splice(from..end, new);
            }
            None if !new.is_empty() => {
                if lines.last().is_some_and(|l| !l.trim().is_empty()) {
                    lines.push(String::new());
                }
                lines.extend(new);
            }
            None => {}
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "# A comment\nhello = Hello\nitems = { $count ->\n        [one] One item\n       *[other] { $count } items\n    }\nbutton = Go\n    .title = Go now\n";

    fn change(body: &str, same: bool) -> UiChange {
        UiChange {
            body: body.into(),
            same_as_english: same,
        }
    }

    #[test]
    fn bodies_come_out_dedented_and_go_back_valid() {
        assert_eq!(entry_body(EN, "hello").as_deref(), Some("Hello"));
        assert_eq!(
            entry_body(EN, "items").as_deref(),
            Some("{ $count ->\n    [one] One item\n   *[other] { $count } items\n}")
        );
        assert_eq!(
            entry_body(EN, "button").as_deref(),
            Some("Go\n.title = Go now")
        );
        assert_eq!(entry_body(EN, "nope"), None);
        // Written back unchanged, every message reads the same.
        let changes: BTreeMap<String, UiChange> = ["hello", "items", "button"]
            .iter()
            .map(|id| (id.to_string(), change(&entry_body(EN, id).unwrap(), false)))
            .collect();
        let again = apply(EN, &changes);
        assert!(
            super::super::check::syntax_errors(&again).is_empty(),
            "{again}"
        );
        for id in ["hello", "items", "button"] {
            assert_eq!(entry_body(&again, id), entry_body(EN, id), "{again}");
        }
    }

    #[test]
    fn changes_replace_mark_append_and_remove() {
        let mut changes = BTreeMap::new();
        changes.insert("hello".to_string(), change("Hallo", false));
        changes.insert("button".to_string(), change("Go", true));
        changes.insert("fresh".to_string(), change("Neu\nzwei Zeilen", false));
        let out = apply(EN, &changes);
        assert!(out.contains("hello = Hallo\n"), "{out}");
        assert!(out.contains("# same-as-english\nbutton = Go\n"), "{out}");
        assert!(
            out.ends_with("fresh =\n    Neu\n    zwei Zeilen\n"),
            "{out}"
        );
        assert!(out.starts_with("# A comment\n"), "{out}");
        let marked = messages(&out);
        assert!(marked.iter().any(|m| m.id == "button" && m.same_as_english));
        // Unmarked again, the marker goes; an empty body removes the message.
        let mut changes = BTreeMap::new();
        changes.insert("button".to_string(), change("Los", false));
        changes.insert("fresh".to_string(), change("", false));
        let out = apply(&out, &changes);
        assert!(!out.contains(SAME_AS_ENGLISH), "{out}");
        assert!(!out.contains("fresh"), "{out}");
        assert!(out.contains("button = Los\n"), "{out}");
    }
}
