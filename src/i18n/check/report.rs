//! What `locales check` reports: issues with their kind, severity and place, and their text.

use serde::Serialize;

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

    pub(super) fn push(&mut self, issue: Issue) {
        match issue.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.issues.push(issue);
    }
}
