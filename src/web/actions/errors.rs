//! The definition form's errors: the service's codes as messages next to the form's fields.
//! The domain reports some rules on a field other than the one a person changes (preventLogin
//! on `userAction.temporal`) or several rules under one code (`userAction.options`): those get a
//! message that says which rule, at the field where it can be fixed.

use std::collections::BTreeMap;

use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::web::FormErrors;

/// Form fields (the API's names) that show their errors themselves.
const FIELDS: &[&str] = &[
    "name",
    "localizedNames",
    "temporal",
    "preventLogin",
    "sendEndEvent",
    "userEmailingEnabled",
    "userNotificationsEnabled",
    "includeEmailInEventJSON",
    "startEmailTemplateId",
    "modifyEmailTemplateId",
    "cancelEmailTemplateId",
    "endEmailTemplateId",
    "options",
    "transactionType",
    "tenantIds",
    "kind",
    "reminders",
    "escalation",
    "escalation.window",
    "escalation.durations",
];

/// (service field path, error kind) → (form field, message id).
const SPECIFIC: &[(&str, Kind, &str, &str)] = &[
    (
        "userAction.temporal",
        Kind::Invalid,
        "preventLogin",
        "actions-error-prevent-login",
    ),
    (
        "userAction.name",
        Kind::Inactive,
        "name",
        "actions-error-name-inactive",
    ),
    (
        "userAction.name",
        Kind::Duplicate,
        "name",
        "actions-error-name-duplicate",
    ),
    (
        "userAction.localizedNames",
        Kind::Invalid,
        "localizedNames",
        "actions-error-locale",
    ),
    (
        "userAction.localizedNames",
        Kind::Duplicate,
        "localizedNames",
        "actions-error-locale-duplicate",
    ),
    (
        "userAction.localizedNames",
        Kind::Blank,
        "localizedNames",
        "actions-error-localized-blank",
    ),
    (
        "userAction.options",
        Kind::NotAllowed,
        "options",
        "actions-error-options-temporal",
    ),
    (
        "userAction.options",
        Kind::Blank,
        "options",
        "actions-error-option-blank",
    ),
    (
        "userAction.options",
        Kind::Duplicate,
        "options",
        "actions-error-option-duplicate",
    ),
    (
        "userAction.options",
        Kind::Invalid,
        "options",
        "actions-error-option-locale",
    ),
    (
        "userAction.options",
        Kind::TooLong,
        "options",
        "actions-error-option-too-long",
    ),
    (
        "userAction.startEmailTemplateId",
        Kind::Missing,
        "startEmailTemplateId",
        "actions-error-start-template",
    ),
    (
        "userAction.startEmailTemplateId",
        Kind::Invalid,
        "startEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.modifyEmailTemplateId",
        Kind::Invalid,
        "modifyEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.cancelEmailTemplateId",
        Kind::Invalid,
        "cancelEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.endEmailTemplateId",
        Kind::Invalid,
        "endEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.tenantIds",
        Kind::Invalid,
        "tenantIds",
        "actions-error-tenant-unknown",
    ),
    (
        "userAction.kind",
        Kind::Invalid,
        "kind",
        "actions-error-kind",
    ),
    (
        "userAction.reminders",
        Kind::NotAllowed,
        "reminders",
        "actions-error-reminders-temporal",
    ),
    (
        "userAction.reminders",
        Kind::TooLong,
        "reminders",
        "actions-error-reminders-too-many",
    ),
    (
        "userAction.escalation",
        Kind::NotAllowed,
        "escalation",
        "actions-error-escalation-penalty",
    ),
    (
        "userAction.escalation.window",
        Kind::Invalid,
        "escalation.window",
        "actions-error-duration-positive",
    ),
    (
        "userAction.escalation.durations",
        Kind::Blank,
        "escalation.durations",
        "actions-error-escalation-steps",
    ),
    (
        "userAction.escalation.durations",
        Kind::TooLong,
        "escalation.durations",
        "actions-error-escalation-too-many",
    ),
];

/// Errors of one row of a repeated group: (path before the index, path after it, kind,
/// row group, message id).
const ROWS: &[(&str, &str, Kind, &str, &str)] = &[
    (
        "userAction.reminders[",
        "].beforeExpiry",
        Kind::Invalid,
        "reminder",
        "actions-error-duration-positive",
    ),
    (
        "userAction.reminders[",
        "].beforeExpiry",
        Kind::Duplicate,
        "reminder",
        "actions-error-reminder-duplicate",
    ),
    (
        "userAction.reminders[",
        "].emailTemplateId",
        Kind::Invalid,
        "reminder",
        "actions-error-template-unknown",
    ),
    (
        "userAction.escalation.durations[",
        "]",
        Kind::Invalid,
        "step",
        "actions-error-duration-positive",
    ),
];

/// The row an error path names, when it names one of a group in [`ROWS`]: (group, index,
/// message id).
fn row_of(path: &str, kind: Option<Kind>) -> Option<(&'static str, usize, &'static str)> {
    ROWS.iter().find_map(|(before, after, k, group, id)| {
        let index = path.strip_prefix(before)?.strip_suffix(after)?;
        (Some(*k) == kind)
            .then(|| index.parse().ok())
            .flatten()
            .map(|n| (*group, n, *id))
    })
}

/// Errors of the whole form (not tied to a field): (path, kind) → message id.
const GENERAL: &[(&str, Kind, &str)] = &[
    ("userActionId", Kind::Inactive, "actions-error-inactive"),
    ("userActionId", Kind::Duplicate, "actions-error-id-taken"),
];

#[derive(Debug, Clone, Default)]
pub struct ActionErrors {
    form: FormErrors,
    specific: BTreeMap<&'static str, Vec<String>>,
    /// Errors of rows of repeated groups, by (group, index).
    rows: BTreeMap<(&'static str, usize), Vec<String>>,
    general: Vec<String>,
}

impl ActionErrors {
    pub fn none() -> ActionErrors {
        ActionErrors::default()
    }

    pub fn new(errors: &FieldErrors, tr: &Tr) -> ActionErrors {
        let mut out = ActionErrors::none();
        let mut rest = FieldErrors::new();
        rest.general_errors = errors.general_errors.clone();
        for (path, list) in &errors.field_errors {
            for e in list {
                let kind = e.kind();
                if let Some((_, _, field, id)) =
                    SPECIFIC.iter().find(|s| s.0 == path && Some(s.1) == kind)
                {
                    let entry = out.specific.entry(field).or_default();
                    let message = tr.t(id);
                    if !entry.contains(&message) {
                        entry.push(message);
                    }
                } else if let Some((group, n, id)) = row_of(path, kind) {
                    out.rows.entry((group, n)).or_default().push(tr.t(id));
                } else if let Some((_, _, id)) =
                    GENERAL.iter().find(|g| g.0 == path && Some(g.1) == kind)
                {
                    out.general.push(tr.t(id));
                } else {
                    rest.field_errors
                        .entry(path.clone())
                        .or_default()
                        .push(e.clone());
                }
            }
        }
        out.form = FormErrors::new(&rest, tr, FIELDS);
        out.general.extend(out.form.top().iter().cloned());
        // The lifecycle fields are far down a long form: say at the top that they need a look.
        let lifecycle = !out.rows.is_empty()
            || out
                .specific
                .keys()
                .any(|f| f.starts_with("reminders") || f.starts_with("escalation"))
            || ["escalation.window", "escalation.durations", "kind"]
                .iter()
                .any(|f| out.form.has(f));
        if lifecycle && out.general.is_empty() {
            out.general.push(tr.t("actions-error-lifecycle-below"));
        }
        out
    }

    /// Adds an error next to `field` (message id).
    pub fn add(&mut self, tr: &Tr, field: &'static str, id: &str) {
        self.specific.entry(field).or_default().push(tr.t(id));
    }

    pub fn has(&self, field: &str) -> bool {
        self.form.has(field) || self.specific.contains_key(field)
    }

    /// The messages for `field`, joined; empty when it has none.
    pub fn of(&self, field: &str) -> String {
        let mut all: Vec<String> = self.specific.get(field).cloned().unwrap_or_default();
        let generic = self.form.of(field);
        if !generic.is_empty() {
            all.push(generic);
        }
        all.join(" ")
    }

    /// The messages for row `n` (from 0) of `group` (`reminder` or `step`), joined.
    pub fn of_row(&self, group: &str, n: &usize) -> String {
        self.rows
            .iter()
            .filter(|((g, i), _)| *g == group && i == n)
            .flat_map(|(_, list)| list.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether any row of `group` has an error.
    pub fn has_rows(&self, group: &str) -> bool {
        self.rows.keys().any(|(g, _)| *g == group)
    }

    /// Errors shown above the form.
    pub fn top(&self) -> &[String] {
        &self.general
    }
}
