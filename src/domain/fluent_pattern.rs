//! Email template values as Fluent patterns: checking and formatting one pattern.
//!
//! A value is made the body of a single message, each line indented, so that its line breaks are
//! kept and a line starting with `[`, `*` or `.` reads as Fluent syntax, as the spec says it does.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use std::collections::BTreeSet;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, Variant};
use fluent_syntax::parser::{self, ParserError};
use unic_langid::LanguageIdentifier;

use super::fluent_limits::{too_deep_at, MAX_DEPTH, MAX_PATTERN_BYTES};

const MESSAGE_ID: &str = "email";
/// Makes each line of a value a continuation line of the message.
const INDENT: &str = "    ";

/// Fluent source holding `pattern` as the value of the message `email`.
fn source(pattern: &str) -> String {
    let mut out = format!("{MESSAGE_ID} =\n");
    for line in pattern
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
    {
        if !line.trim().is_empty() {
            out.push_str(INDENT);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Checks that `pattern` parses and uses only the variables in `allowed` and no message or term
/// references or functions. `Err` says what is wrong and where, in one sentence without a period.
pub fn check(pattern: &str, allowed: &[&str]) -> Result<(), String> {
    let source = within_limits(pattern)?;
    let resource = match parser::parse(source.as_str()) {
        Ok(resource) => resource,
        Err((_, errors)) => {
            return Err(match errors.first() {
                Some(e) => describe(&source, e),
                None => "it is not valid Fluent syntax".to_string(),
            })
        }
    };
    let mut problems = Vec::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(m) if m.id.name == MESSAGE_ID && m.attributes.is_empty() => {
                if let Some(value) = &m.value {
                    problems_of(value, allowed, &mut problems);
                }
            }
            Entry::Message(_) => problems.push(
                "a line starts with `.`, which Fluent reads as an attribute; write it as {\".\"}"
                    .to_string(),
            ),
            _ => problems.push("it is not a single Fluent pattern".to_string()),
        }
    }
    match problems.into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// The Fluent source of `pattern` when it is small and shallow enough to hand to the parser.
fn within_limits(pattern: &str) -> Result<String, String> {
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(format!(
            "it is longer than {} KiB",
            MAX_PATTERN_BYTES / 1024
        ));
    }
    let source = source(pattern);
    if let Some(at) = too_deep_at(&source, MAX_DEPTH) {
        return Err(format!(
            "it nests placeables more than {MAX_DEPTH} deep {}",
            place(&source, at)
        ));
    }
    Ok(source)
}

/// A parser error with its line and column in the pattern (1-based).
fn describe(source: &str, error: &ParserError) -> String {
    format!("{} {}", error.kind, place(source, error.pos.start))
}

/// `at line L, column C` of byte `at` of the source, in the pattern's terms; `at the end` past it.
fn place(source: &str, at: usize) -> String {
    let at = at.min(source.len());
    let before = source.get(..at).unwrap_or(source);
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |s| s.chars().count())
        .saturating_sub(INDENT.len())
        + 1;
    if line > source.lines().count().saturating_sub(1) {
        return "at the end".to_string();
    }
    format!("at line {}, column {column}", line.max(1))
}

/// Problems of one pattern: unknown variables, functions, message and term references.
fn problems_of(pattern: &Pattern<&str>, allowed: &[&str], problems: &mut Vec<String>) {
    walk(pattern, &mut |node| match node {
        Node::Variable(name) if !allowed.contains(&name) => {
            problems.push(format!("it uses the unknown variable ${name}"))
        }
        Node::Function(name) => problems.push(format!(
            "it calls the function {name}(), and functions are not available"
        )),
        Node::Message(name) => problems.push(format!(
            "it references the message {name}, and message references are not available"
        )),
        Node::Term(name) => problems.push(format!(
            "it references the term -{name}, and term references are not available"
        )),
        _ => {}
    });
}

/// What a walk over a Fluent pattern meets, in source order.
pub enum Node<'a, 's> {
    /// Text outside placeables.
    Text(&'s str),
    /// A `$variable`.
    Variable(&'s str),
    /// A string literal as written (escapes not decoded).
    Literal(&'s str),
    Function(&'s str),
    Message(&'s str),
    Term(&'s str),
    /// A select expression, met before its selector and variants are walked.
    Select {
        selector: &'a InlineExpression<&'s str>,
        variants: &'a [Variant<&'s str>],
    },
}

/// The one walker over a pattern's syntax tree: calls `visit` for every node, going into
/// placeables, selectors, variants and call arguments.
pub fn walk<'a, 's>(pattern: &'a Pattern<&'s str>, visit: &mut impl FnMut(Node<'a, 's>)) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => visit(Node::Text(value)),
            PatternElement::Placeable { expression } => walk_expression(expression, visit),
        }
    }
}

fn walk_expression<'a, 's>(
    expression: &'a Expression<&'s str>,
    visit: &mut impl FnMut(Node<'a, 's>),
) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, visit),
        Expression::Select { selector, variants } => {
            visit(Node::Select { selector, variants });
            walk_inline(selector, visit);
            for variant in variants {
                walk(&variant.value, visit);
            }
        }
    }
}

fn walk_inline<'a, 's>(
    inline: &'a InlineExpression<&'s str>,
    visit: &mut impl FnMut(Node<'a, 's>),
) {
    let arguments = match inline {
        InlineExpression::StringLiteral { value } => {
            visit(Node::Literal(value));
            None
        }
        InlineExpression::NumberLiteral { .. } => None,
        InlineExpression::VariableReference { id } => {
            visit(Node::Variable(id.name));
            None
        }
        InlineExpression::FunctionReference { id, arguments } => {
            visit(Node::Function(id.name));
            Some(arguments)
        }
        InlineExpression::MessageReference { id, .. } => {
            visit(Node::Message(id.name));
            None
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            visit(Node::Term(id.name));
            arguments.as_ref()
        }
        InlineExpression::Placeable { expression } => {
            walk_expression(expression, visit);
            None
        }
    };
    if let Some(arguments) = arguments {
        for argument in &arguments.positional {
            walk_inline(argument, visit);
        }
        for named in &arguments.named {
            walk_inline(&named.value, visit);
        }
    }
}

/// The string literals of `pattern` as written (escapes not decoded); none when it does not parse.
pub fn string_literals(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_node(pattern, |node| {
        if let Node::Literal(value) = node {
            out.push(value.to_string());
        }
    });
    out
}

/// The `$variables` `pattern` uses; none when it is over the limits.
pub fn variables(pattern: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for_each_node(pattern, |node| {
        if let Node::Variable(name) = node {
            out.insert(name.to_string());
        }
    });
    out
}

/// Walks the pattern as far as it parses.
fn for_each_node(pattern: &str, mut visit: impl FnMut(Node<'_, '_>)) {
    let Ok(source) = within_limits(pattern) else {
        return;
    };
    let resource = match parser::parse(source.as_str()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            if let Some(value) = &m.value {
                walk(value, &mut visit);
            }
        }
    }
}

/// Formats `pattern` with `args`, without isolation marks; an unknown variable shows as Fluent's
/// error text (`{$name}`). `None` when the pattern does not parse.
pub fn format(pattern: &str, lang: &LanguageIdentifier, args: &FluentArgs) -> Option<String> {
    let resource = FluentResource::try_new(within_limits(pattern).ok()?).ok()?;
    let mut bundle = FluentBundle::new(vec![lang.clone()]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).ok()?;
    let value = bundle.get_message(MESSAGE_ID)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(value, Some(args), &mut errors)
            .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARS: &[&str] = &["firstName", "phase"];

    #[test]
    fn accepts_text_variables_literals_and_selects() {
        for ok in [
            "Hello",
            "Hello { $firstName }",
            "Braces: {\"{\"} {\"}\"} and { 42 }",
            "{ $phase ->\n  [cancel] was lifted\n *[other] is in place\n}",
            "Line one\n\nLine three\n{\"*\"} starred",
            "<p>Hi</p>\r\n<p>{ $firstName }</p>",
        ] {
            assert_eq!(check(ok, VARS), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_syntax_errors_with_their_place() {
        let err = check("Hello\nDear { $firstName", VARS).unwrap_err();
        assert!(err.ends_with("at the end"), "{err}");
        let err = check("Hello\nDear { $firstName $phase }", VARS).unwrap_err();
        assert!(err.contains("line 2, column 19"), "{err}");
        let err = check("Hi\n[x] text", VARS).unwrap_err();
        assert!(err.contains("line 2, column 1"), "{err}");
        assert!(check("Hi\n.attr = x", VARS)
            .unwrap_err()
            .contains("attribute"));
        assert!(check("{", VARS).is_err());
    }

    #[test]
    fn rejects_unknown_variables_references_and_functions() {
        assert!(check("{ $nope }", VARS).unwrap_err().contains("$nope"));
        assert!(check("{ other }", VARS)
            .unwrap_err()
            .contains("message other"));
        assert!(check("{ -brand }", VARS)
            .unwrap_err()
            .contains("term -brand"));
        assert!(check("{ NUMBER($phase) }", VARS)
            .unwrap_err()
            .contains("NUMBER()"));
        assert!(check("{ $phase ->\n *[other] { $secret }\n}", VARS)
            .unwrap_err()
            .contains("$secret"));
    }

    #[test]
    fn formats_keeping_line_breaks_without_isolation_marks() {
        let mut args = FluentArgs::new();
        args.set("firstName", "Jane");
        let en: LanguageIdentifier = "en".parse().unwrap();
        assert_eq!(
            format("Hello { $firstName },\n\n  indented\nbye", &en, &args).unwrap(),
            "Hello Jane,\n\n  indented\nbye"
        );
        assert_eq!(format("{ $nope }", &en, &args).unwrap(), "{$nope}");
        assert_eq!(format("{", &en, &args), None);
    }
}
