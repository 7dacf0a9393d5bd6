//! Data translations as `.ftl` files for translators who work in files: writing plain texts and
//! email template patterns as Fluent messages, and reading them back with their line numbers.

use super::check::syntax_errors;

/// One message of an export file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// Comment lines written above the message.
    pub comments: Vec<String>,
    /// `None`: untranslated, written as a commented-out line with the reference text.
    pub value: Option<String>,
    pub reference: String,
    /// Whether the value is a Fluent pattern (email templates) rather than plain text.
    pub pattern: bool,
}

/// Plain text as a Fluent pattern: braces and line breaks become string literals.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            '\n' => out.push_str("{\"\\u000A\"}"),
            '\r' => out.push_str("{\"\\u000D\"}"),
            c => out.push(c),
        }
    }
    out
}

/// A value written after `id =`: one line inline, several lines as an indented block.
fn message_value(value: &str) -> String {
    let value = value.replace("\r\n", "\n");
    if !value.contains('\n') {
        return format!(" {}", value.trim());
    }
    let mut out = String::new();
    for line in value.trim_end_matches('\n').split('\n') {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
    }
    out
}

/// The text of one export file.
pub fn write(lang: &str, entries: &[Entry]) -> String {
    let mut out = format!(
        "# Data translations for {lang}: names of actions and options, reason texts, email\n\
         # templates. A commented-out message is not translated yet: remove the `# ` and translate.\n\
         # Import with `actioneer locales import`.\n"
    );
    for e in entries {
        out.push('\n');
        for c in &e.comments {
            out.push_str("# ");
            out.push_str(c);
            out.push('\n');
        }
        let reference = if e.pattern {
            e.reference.clone()
        } else {
            escape_text(&e.reference)
        };
        match &e.value {
            Some(v) => {
                let v = if e.pattern { v.clone() } else { escape_text(v) };
                out.push_str(&format!("{} ={}\n", e.id, message_value(&v)));
            }
            None => {
                let line = format!("{} ={}", e.id, message_value(&reference));
                for l in line.split('\n') {
                    out.push_str("# ");
                    out.push_str(l);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// A message read from an import file: its id, the raw pattern text and the line of its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMessage {
    pub id: String,
    pub line: usize,
    pub pattern: String,
}

/// A problem with a file, at a line (and column, 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads the messages of an import file; every syntax error is reported with its position.
pub fn read(text: &str) -> Result<Vec<RawMessage>, Vec<FileProblem>> {
    let errors = syntax_errors(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|(line, column, message)| FileProblem {
                line,
                column,
                message,
            })
            .collect());
    }
    let mut out: Vec<RawMessage> = Vec::new();
    let mut current: Option<(String, usize, String, Vec<String>)> = None;
    let finish = |current: Option<(String, usize, String, Vec<String>)>,
                  out: &mut Vec<RawMessage>| {
        if let Some((id, line, inline, block)) = current {
            out.push(RawMessage {
                id,
                line,
                pattern: join(&inline, &block),
            });
        }
    };
    for (n, line) in text.lines().enumerate() {
        let continues = line.is_empty() || line.starts_with(' ');
        if continues {
            if let Some((_, _, _, block)) = current.as_mut() {
                block.push(line.to_string());
            }
            continue;
        }
        finish(current.take(), &mut out);
        if line.starts_with('#') {
            continue;
        }
        if let Some((id, rest)) = line.split_once('=') {
            current = Some((
                id.trim().to_string(),
                n + 1,
                rest.trim().to_string(),
                Vec::new(),
            ));
        }
    }
    finish(current, &mut out);
    Ok(out)
}

/// The pattern of a message: its inline part, then its block with the indentation removed.
fn join(inline: &str, block: &[String]) -> String {
    let mut lines: Vec<&str> = block.iter().map(String::as_str).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut parts: Vec<String> = Vec::new();
    if !inline.is_empty() {
        parts.push(inline.to_string());
    }
    for l in lines {
        parts.push(l.get(indent..).unwrap_or_default().to_string());
    }
    parts.join("\n")
}
