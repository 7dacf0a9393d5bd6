//! Reading locale files for the check: the files of a directory, syntax errors with their place,
//! and each message's variables, plural selectors and text.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast::{Entry, InlineExpression, Pattern, Variant, VariantKey};

use super::super::catalog::Source;
use crate::domain::fluent_limits::{too_deep_at, MAX_DEPTH};
use crate::domain::fluent_pattern::{walk, Node};

/// Reads every `<lang>/<file>.ftl` under `dir`.
pub fn read_dir(dir: &Path) -> std::io::Result<Vec<Source>> {
    let mut out = Vec::new();
    let mut langs: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    langs.sort_by_key(|e| e.file_name());
    for lang in langs {
        let mut files: Vec<_> = std::fs::read_dir(lang.path())?
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            out.push(Source {
                lang: lang.file_name().to_string_lossy().to_string(),
                file: file.file_name().to_string_lossy().to_string(),
                text: std::fs::read_to_string(file.path())?,
            });
        }
    }
    Ok(out)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// The syntax errors of one file as (line, column, description). A file nesting placeables
/// deeper than the parser can safely go is one error, and is not parsed.
pub fn syntax_errors(text: &str) -> Vec<(usize, usize, String)> {
    if let Some(at) = too_deep_at(text, MAX_DEPTH) {
        let (line, column) = position(text, at);
        return vec![(
            line,
            column,
            format!("placeables nest more than {MAX_DEPTH} deep"),
        )];
    }
    match fluent_syntax::parser::parse(text) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors
            .iter()
            .map(|e| {
                let (line, column) = position(text, e.pos.start);
                (line, column, e.kind.to_string())
            })
            .collect(),
    }
}

/// One message or term of a file, as the check needs it.
#[derive(Debug, Clone)]
pub struct Msg {
    pub id: String,
    pub line: usize,
    pub column: usize,
    /// The value (`None` for a message with attributes only), then each attribute.
    pub parts: Vec<Part>,
    /// `$variables` its comment names: in `en`, variables the code passes that a translation
    /// may use or leave out (e.g. `$hour24` for a 24-hour clock).
    pub declared: BTreeSet<String>,
    /// Its comment has a line `same-as-english`: a translator marked the value as rightly the
    /// same as in English, so it counts as translated.
    pub same_as_english: bool,
}

/// The comment line that marks a value as rightly the same as in English.
pub const SAME_AS_ENGLISH: &str = "same-as-english";

#[derive(Debug, Clone)]
pub struct Part {
    /// `None` for the value, else the attribute name.
    pub attribute: Option<String>,
    pub variables: BTreeSet<String>,
    /// Plural selectors: (variables selected on, variant keys, whether a default exists).
    pub selects: Vec<Select>,
    /// The text of the pattern, as written (for the identical-to-English comparison).
    pub text: String,
    /// Whether the text has letters outside placeables (a bare `{ $count }` needs no translation).
    pub wordy: bool,
}

#[derive(Debug, Clone)]
pub struct Select {
    pub variable: String,
    pub keys: BTreeSet<String>,
    pub default_key: Option<String>,
}

/// The messages of a file that parses (partially parsed files give what the parser recovered;
/// a file nested too deep to parse, none).
pub fn messages(text: &str) -> Vec<Msg> {
    if too_deep_at(text, MAX_DEPTH).is_some() {
        return Vec::new();
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes, comment) = match entry {
            Entry::Message(m) => (
                m.id.name.to_string(),
                m.value.as_ref(),
                &m.attributes,
                m.comment.as_ref(),
            ),
            Entry::Term(t) => (
                format!("-{}", t.id.name),
                Some(&t.value),
                &t.attributes,
                t.comment.as_ref(),
            ),
            _ => continue,
        };
        let declared = comment
            .map(|c| c.content.iter().flat_map(|l| named_variables(l)).collect())
            .unwrap_or_default();
        let same_as_english =
            comment.is_some_and(|c| c.content.iter().any(|l| l.trim() == SAME_AS_ENGLISH));
        let (line, column) = find_entry(text, &id);
        let mut parts = Vec::new();
        if let Some(value) = value {
            parts.push(part(None, value));
        }
        for a in attributes {
            parts.push(part(Some(a.id.name.to_string()), &a.value));
        }
        out.push(Msg {
            id,
            line,
            column,
            parts,
            declared,
            same_as_english,
        });
    }
    out
}

/// The `$names` mentioned in a line of comment.
fn named_variables(line: &str) -> Vec<String> {
    line.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Where the entry `id` starts (the AST has no positions): the line that begins with `id =`.
fn find_entry(text: &str, id: &str) -> (usize, usize) {
    for (n, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(id) {
            if rest.trim_start().starts_with('=') {
                return (n + 1, 1);
            }
        }
    }
    (1, 1)
}

fn part(attribute: Option<String>, pattern: &Pattern<&str>) -> Part {
    let mut p = Part {
        attribute,
        variables: BTreeSet::new(),
        selects: Vec::new(),
        text: pattern_text(pattern),
        wordy: false,
    };
    walk_pattern(pattern, &mut p);
    p
}

/// A canonical text of the pattern: text elements and placeables in a fixed form.
fn pattern_text(pattern: &Pattern<&str>) -> String {
    format!("{:?}", pattern.elements)
}

fn walk_pattern(pattern: &Pattern<&str>, p: &mut Part) {
    walk(pattern, &mut |node| match node {
        Node::Text(value) if value.chars().any(char::is_alphabetic) => p.wordy = true,
        Node::Variable(name) => {
            p.variables.insert(name.to_string());
        }
        Node::Select { selector, variants } => {
            if let Some(variable) = selected_variable(selector) {
                p.selects.push(Select {
                    variable,
                    keys: variants.iter().map(variant_key).collect(),
                    default_key: variants.iter().find(|v| v.default).map(variant_key),
                });
            }
        }
        _ => {}
    });
}

fn variant_key(v: &Variant<&str>) -> String {
    match &v.key {
        VariantKey::Identifier { name } => name.to_string(),
        VariantKey::NumberLiteral { value } => value.to_string(),
    }
}

/// `$x` or `NUMBER($x, …)`.
fn selected_variable(selector: &InlineExpression<&str>) -> Option<String> {
    match selector {
        InlineExpression::VariableReference { id } => Some(id.name.to_string()),
        InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
            match arguments.positional.first() {
                Some(InlineExpression::VariableReference { id }) => Some(id.name.to_string()),
                _ => None,
            }
        }
        _ => None,
    }
}
