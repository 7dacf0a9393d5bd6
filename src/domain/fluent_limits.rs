//! Limits checked before Fluent text reaches `fluent-syntax`, whose parser recurses once per
//! nested placeable (`{ { … } }`) or call (`F(F(…))`): thousands of levels overflow the stack and
//! abort the process. A linear scan finds how deep the parser would go, without recursing.
//!
//! The scan follows the parser's contexts closely enough never to see *less* nesting than the
//! parser would reach: pattern text (where `"` and `(` are plain characters), expressions (where
//! `"` opens a string literal whose braces do not count), and select variants (text again, until
//! a line that starts a new variant or closes the select). Where it cannot tell, it counts. Lines
//! at column 0 that start a comment (`#`) or an entry (`id =`, `-id =`) end any nesting: the
//! parser either starts a new entry there or has already stopped at an error.

/// How deep placeables and calls may nest.
pub const MAX_DEPTH: usize = 32;

/// The longest Fluent pattern (an email template part), in bytes.
pub const MAX_PATTERN_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// Inside `{ … }`: an expression.
    Placeable,
    /// Inside `F( … )`: call arguments, expressions too.
    Call,
    /// The text of a select variant, after `[key]`.
    Variant,
}

/// The byte offset in `source` (a Fluent resource: a file, or a message) where placeables and
/// calls first nest deeper than `max`, if they do.
pub fn too_deep_at(source: &str, max: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = 0usize;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            if let Some((next, at_line_start)) = entry_boundary(bytes, i) {
                stack.clear();
                depth = 0;
                in_string = false;
                i = next;
                line_start = at_line_start;
                continue;
            }
            if stack.last() == Some(&Frame::Variant) && variant_ends_at_line(bytes, i) {
                stack.pop();
            }
        }
        let b = bytes[i];
        i += 1;
        if b == b'\n' {
            in_string = false;
            line_start = true;
            continue;
        }
        if in_string {
            match b {
                b'"' => in_string = false,
                // An escape takes the next byte, except a line break (the parser stops there).
                b'\\' if bytes.get(i).is_some_and(|n| *n != b'\n') => i += 1,
                _ => {}
            }
            continue;
        }
        let in_text = matches!(stack.last(), None | Some(Frame::Variant));
        match b {
            b'{' => {
                stack.push(Frame::Placeable);
                depth += 1;
            }
            b'(' if !in_text => {
                stack.push(Frame::Call);
                depth += 1;
            }
            b'"' if !in_text => in_string = true,
            b']' if !in_text => stack.push(Frame::Variant),
            b')' if stack.last() == Some(&Frame::Call) => {
                stack.pop();
                depth -= 1;
            }
            b'}' => {
                // Closes the innermost placeable (the parser stops at an error otherwise).
                while let Some(frame) = stack.pop() {
                    if frame != Frame::Variant {
                        depth -= 1;
                    }
                    if frame == Frame::Placeable {
                        break;
                    }
                }
            }
            _ => {}
        }
        if depth > max {
            return Some(i - 1);
        }
    }
    None
}

/// Whether `source` nests placeables or calls deeper than `max`.
pub fn too_deep(source: &str, max: usize) -> bool {
    too_deep_at(source, max).is_some()
}

/// At the start of a line: where scanning goes on when the line is a comment (the next line,
/// `true`: at its start) or starts an entry (just after its `=`, `false`), else `None`.
fn entry_boundary(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let rest = bytes.get(start..)?;
    match rest.first()? {
        b'#' => Some((
            rest.iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |p| start + p + 1),
            true,
        )),
        _ => {
            let id = rest.strip_prefix(b"-").unwrap_or(rest);
            let skipped = rest.len() - id.len();
            if !id.first()?.is_ascii_alphabetic() {
                return None;
            }
            let name = id
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
                .count();
            let blank = id[name..]
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            (id.get(name + blank) == Some(&b'='))
                .then_some((start + skipped + name + blank + 1, false))
        }
    }
}

/// Whether a variant's text ends before the line starting at `start`, as the parser decides: a
/// line at column 0 that is not blank, or an indented line starting with `[`, `*`, `.` or `}`.
fn variant_ends_at_line(bytes: &[u8], start: usize) -> bool {
    let rest = &bytes[start..];
    let indent = rest.iter().take_while(|b| **b == b' ').count();
    match rest.get(indent) {
        None => true,
        Some(b) if indent == 0 => !matches!(b, b'\r' | b'\n'),
        Some(b) => matches!(b, b'.' | b'}' | b'[' | b'*'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_needed(source: &str) -> usize {
        (0..=64)
            .find(|max| !too_deep(source, *max))
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn counts_placeables_and_calls() {
        assert_eq!(depth_needed("a = hello"), 0);
        assert_eq!(depth_needed("a = { $x } and { $y }"), 1);
        assert_eq!(depth_needed("a = { { { 1 } } }"), 3);
        assert_eq!(depth_needed("a = { F(G(H($x))) }"), 4);
        assert_eq!(depth_needed("a = {{{{{{"), 6);
        assert_eq!(too_deep_at("a = {{{", 2), Some(6));
    }

    #[test]
    fn string_literals_do_not_count_in_expressions_but_quotes_in_text_do_not_hide_braces() {
        assert_eq!(depth_needed("a = {\"{\"} {\"{{{{\"} {\"\\\"{{\"}"), 1);
        // In text a quote is a plain character: the braces after it count.
        assert_eq!(depth_needed("a = say \"{{{"), 3);
        // An unterminated string ends at the line's end, as the parser's does.
        assert_eq!(depth_needed("a = { \"abc\n    {{{"), 4);
        assert_eq!(depth_needed("a = { \"abc\\\n    {{{"), 4);
        // Parentheses in text are text.
        assert_eq!(depth_needed("a = ((((( :-("), 0);
    }

    #[test]
    fn select_variants_are_text() {
        let select = "a = { $n ->\n    [one] \"{{\n   *[other] ok\n}";
        assert_eq!(depth_needed(select), 3);
        let nested = "a = { $n ->\n   *[other] { $m ->\n       *[x] { 1 }\n    }\n}";
        assert_eq!(depth_needed(nested), 3);
        // After the variants, the select is an expression again: a string there hides braces.
        let after = "a = { $n ->\n   *[other] x\n} {\"{{{\"}";
        assert_eq!(depth_needed(after), 1);
        // A variant's text goes on over indented lines that start with other characters.
        let long = "a = { $n ->\n   *[other] x\n     \"{{\n}";
        assert_eq!(depth_needed(long), 3);
    }

    #[test]
    fn comments_and_new_entries_end_nesting() {
        assert_eq!(depth_needed("a = {{{{\nb = {\n"), 4);
        assert_eq!(depth_needed("# {{{{{{\nb = { $x }\n"), 1);
        assert_eq!(depth_needed("# {{{{{{\n# {{{{\n## {{\nb = { $x }\n"), 1);
        assert_eq!(depth_needed("a = {{{{\n# c\nb = x\n-t = {"), 4);
        // A line at column 0 inside a placeable that is not an entry keeps counting.
        assert_eq!(depth_needed("a = {\nF(\nF(\nF("), 4);
    }

    /// How deep placeables and calls nest in what the parser built.
    fn ast_depth(source: &str) -> usize {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn pattern(p: &Pattern<&str>) -> usize {
            p.elements
                .iter()
                .map(|e| match e {
                    PatternElement::Placeable { expression } => 1 + expression_depth(expression),
                    PatternElement::TextElement { .. } => 0,
                })
                .max()
                .unwrap_or(0)
        }
        fn expression_depth(e: &Expression<&str>) -> usize {
            match e {
                Expression::Inline(i) => inline(i),
                Expression::Select { selector, variants } => variants
                    .iter()
                    .map(|v| pattern(&v.value))
                    .chain([inline(selector)])
                    .max()
                    .unwrap_or(0),
            }
        }
        fn inline(i: &InlineExpression<&str>) -> usize {
            match i {
                InlineExpression::Placeable { expression } => 1 + expression_depth(expression),
                InlineExpression::FunctionReference { arguments, .. }
                | InlineExpression::TermReference {
                    arguments: Some(arguments),
                    ..
                } => {
                    1 + arguments
                        .positional
                        .iter()
                        .chain(arguments.named.iter().map(|n| &n.value))
                        .map(inline)
                        .max()
                        .unwrap_or(0)
                }
                _ => 0,
            }
        }
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(r) | Err((r, _)) => r,
        };
        resource
            .body
            .iter()
            .map(|entry| match entry {
                Entry::Message(m) => m
                    .value
                    .iter()
                    .chain(m.attributes.iter().map(|a| &a.value))
                    .map(pattern)
                    .max()
                    .unwrap_or(0),
                Entry::Term(t) => t
                    .attributes
                    .iter()
                    .map(|a| &a.value)
                    .chain([&t.value])
                    .map(pattern)
                    .max()
                    .unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..Default::default()
        })]

        /// The scan never sees less nesting than the parser builds (shallow random text, so the
        /// parser itself is safe to run).
        #[test]
        fn the_scan_never_underestimates(
            text in "(a = |-t = |# |  )?[{}()\\[\\]*\"\\\\$aF ->.#=\n:,1]{0,120}"
        ) {
            let measured = depth_needed(&text);
            proptest::prop_assert!(ast_depth(&text) <= measured, "{:?}", text);
        }
    }

    #[test]
    fn the_parser_accepts_what_the_scan_measures() {
        // Valid nesting up to the limit parses, so the limit costs nothing a template needs.
        let source = format!(
            "a = {}$x{}\n",
            "{ ".repeat(MAX_DEPTH),
            " }".repeat(MAX_DEPTH)
        );
        assert!(!too_deep(&source, MAX_DEPTH));
        assert!(fluent_syntax::parser::parse(source.as_str()).is_ok());
        let deeper = format!("a = {}$x{}\n", "{ ".repeat(33), " }".repeat(33));
        assert!(too_deep(&deeper, MAX_DEPTH));
    }
}
