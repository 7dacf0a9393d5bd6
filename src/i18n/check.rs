//! `actioneer locales check`: compares every locale with the reference `en` and reports what a
//! translator must fix (errors) or may want to look at (warnings). Plain functions over sources.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, Variant, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::catalog::Source;
use super::DEFAULT_LANGUAGE;
use crate::domain::fluent_limits::{too_deep_at, MAX_DEPTH};

/// Messages whose value may rightly be the same as in English (names, formats).
pub const ALLOWED_IDENTICAL: &[&str] = &["app-name", "format-datetime", "format-date"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of problem an issue is; stable names for `--format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    Syntax,
    MissingFile,
    ExtraFile,
    MissingMessage,
    ExtraMessage,
    DuplicateMessage,
    MissingAttribute,
    ExtraAttribute,
    MissingValue,
    UnknownVariable,
    UnusedVariable,
    MissingPluralCategory,
    IdenticalToEnglish,
}

impl IssueKind {
    pub fn severity(self) -> Severity {
        match self {
            IssueKind::IdenticalToEnglish => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One finding, with where it is (1-based line and column; 0 when it concerns a whole file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    pub kind: IssueKind,
    pub lang: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The message (or `message.attribute`) concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub message: String,
}

impl Issue {
    /// `de/ui.ftl:12:5: error[missing-message] nav-users: …`
    pub fn line_text(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let kind = serde_json::to_value(self.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let id = self
            .id
            .as_deref()
            .map(|i| format!(" {i}:"))
            .unwrap_or_default();
        format!(
            "{}/{}:{}:{}: {severity}[{kind}]{id} {}",
            self.lang, self.file, self.line, self.column, self.message
        )
    }
}

/// Everything `check` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub errors: usize,
    pub warnings: usize,
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    pub fn of_kind(&self, kind: IssueKind) -> Vec<&Issue> {
        self.issues.iter().filter(|i| i.kind == kind).collect()
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for issue in &self.issues {
            out.push_str(&issue.line_text());
            out.push('\n');
        }
        out.push_str(&format!(
            "{} error(s), {} warning(s)\n",
            self.errors, self.warnings
        ));
        out
    }

    fn push(&mut self, issue: Issue) {
        match issue.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.issues.push(issue);
    }
}

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
}

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
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                if value.chars().any(char::is_alphabetic) {
                    p.wordy = true;
                }
            }
            PatternElement::Placeable { expression } => walk_expression(expression, p),
        }
    }
}

fn walk_expression(expression: &Expression<&str>, p: &mut Part) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, p),
        Expression::Select { selector, variants } => {
            walk_inline(selector, p);
            if let Some(variable) = selected_variable(selector) {
                p.selects.push(Select {
                    variable,
                    keys: variants.iter().map(variant_key).collect(),
                    default_key: variants.iter().find(|v| v.default).map(variant_key),
                });
            }
            for variant in variants {
                walk_pattern(&variant.value, p);
            }
        }
    }
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

fn walk_inline(inline: &InlineExpression<&str>, p: &mut Part) {
    match inline {
        InlineExpression::VariableReference { id } => {
            p.variables.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, p);
            }
            for a in &arguments.named {
                walk_inline(&a.value, p);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                walk_inline(a, p);
            }
            for a in &arguments.named {
                walk_inline(&a.value, p);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, p),
        _ => {}
    }
}

/// The CLDR plural category names.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The cardinal categories `lang` uses for whole numbers (found by asking the CLDR rules about a
/// range of numbers; `intl_pluralrules` has no list). `None` for a language CLDR does not know.
pub fn plural_categories(lang: &str) -> Option<BTreeSet<&'static str>> {
    let id: LanguageIdentifier = lang.parse().ok()?;
    let bare: LanguageIdentifier = id.language.as_str().parse().ok()?;
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(bare, PluralRuleType::CARDINAL))
        .ok()?;
    let mut found = BTreeSet::new();
    let samples = (0..=1200u64).chain([10_000, 100_000, 1_000_000, 10_000_000]);
    for n in samples {
        if let Ok(c) = rules.select(n) {
            found.insert(category_name(c));
        }
    }
    Some(found)
}

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
        let allowed = ALLOWED_IDENTICAL.contains(&en.id.as_str());
        if o.wordy && o.text == e.text && !allowed {
            report.push(issue(
                IssueKind::IdenticalToEnglish,
                lang,
                file,
                at,
                Some(id.clone()),
                "same as English (untranslated?)".into(),
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

/// How far a language's UI strings are: messages present and not identical to English.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UiProgress {
    pub lang: String,
    pub translated: usize,
    pub total: usize,
    /// Message ids `en` has and the language lacks.
    pub missing: Vec<String>,
    /// Message ids whose value is still the English text.
    pub untranslated: Vec<String>,
}

/// The UI progress of `lang` measured on `sources` (every language's files).
pub fn ui_progress(sources: &[Source], lang: &str) -> UiProgress {
    let of = |l: &str| -> BTreeMap<String, Msg> {
        sources
            .iter()
            .filter(|s| s.lang == l)
            .flat_map(|s| messages(&s.text))
            .map(|m| (m.id.clone(), m))
            .collect()
    };
    let en = of(DEFAULT_LANGUAGE);
    let ours = of(lang);
    let mut out = UiProgress {
        lang: lang.to_string(),
        total: en.len(),
        ..UiProgress::default()
    };
    for (id, e) in &en {
        match ours.get(id) {
            None => out.missing.push(id.clone()),
            Some(o) => {
                let same = lang != DEFAULT_LANGUAGE
                    && !ALLOWED_IDENTICAL.contains(&id.as_str())
                    && e.parts.iter().any(|p| p.wordy)
                    && e.parts.len() == o.parts.len()
                    && e.parts.iter().zip(&o.parts).all(|(a, b)| a.text == b.text);
                if same {
                    out.untranslated.push(id.clone());
                } else {
                    out.translated += 1;
                }
            }
        }
    }
    out
}
