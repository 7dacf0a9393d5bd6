//! The definition form's errors: the service's codes as messages next to the form's fields.
//! The domain reports some rules on a field other than the one a person changes (preventLogin
//! on `userAction.temporal`) or several rules under one code (`userAction.options`): those get a
//! message that says which rule, at the field where it can be fixed.

use std::collections::BTreeMap;

use crate::domain::FieldErrors;
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
];

/// (service field path, error kind) → (form field, message id).
const SPECIFIC: &[(&str, &str, &str, &str)] = &[
    (
        "userAction.temporal",
        "invalid",
        "preventLogin",
        "actions-error-prevent-login",
    ),
    (
        "userAction.name",
        "inactive",
        "name",
        "actions-error-name-inactive",
    ),
    (
        "userAction.name",
        "duplicate",
        "name",
        "actions-error-name-duplicate",
    ),
    (
        "userAction.localizedNames",
        "invalid",
        "localizedNames",
        "actions-error-locale",
    ),
    (
        "userAction.localizedNames",
        "duplicate",
        "localizedNames",
        "actions-error-locale-duplicate",
    ),
    (
        "userAction.localizedNames",
        "blank",
        "localizedNames",
        "actions-error-localized-blank",
    ),
    (
        "userAction.options",
        "notAllowed",
        "options",
        "actions-error-options-temporal",
    ),
    (
        "userAction.options",
        "blank",
        "options",
        "actions-error-option-blank",
    ),
    (
        "userAction.options",
        "duplicate",
        "options",
        "actions-error-option-duplicate",
    ),
    (
        "userAction.options",
        "invalid",
        "options",
        "actions-error-option-locale",
    ),
    (
        "userAction.options",
        "tooLong",
        "options",
        "actions-error-option-too-long",
    ),
    (
        "userAction.startEmailTemplateId",
        "missing",
        "startEmailTemplateId",
        "actions-error-start-template",
    ),
    (
        "userAction.startEmailTemplateId",
        "invalid",
        "startEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.modifyEmailTemplateId",
        "invalid",
        "modifyEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.cancelEmailTemplateId",
        "invalid",
        "cancelEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.endEmailTemplateId",
        "invalid",
        "endEmailTemplateId",
        "actions-error-template-unknown",
    ),
    (
        "userAction.tenantIds",
        "invalid",
        "tenantIds",
        "actions-error-tenant-unknown",
    ),
];

/// Errors of the whole form (not tied to a field): (path, kind) → message id.
const GENERAL: &[(&str, &str, &str)] = &[
    ("userActionId", "inactive", "actions-error-inactive"),
    ("userActionId", "duplicate", "actions-error-id-taken"),
];

#[derive(Debug, Clone, Default)]
pub struct ActionErrors {
    form: FormErrors,
    specific: BTreeMap<&'static str, Vec<String>>,
    general: Vec<String>,
}

fn kind_of(code: &str) -> &str {
    code.trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or("invalid")
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
                let kind = kind_of(&e.code);
                if let Some((_, _, field, id)) =
                    SPECIFIC.iter().find(|s| s.0 == path && s.1 == kind)
                {
                    let entry = out.specific.entry(field).or_default();
                    let message = tr.t(id);
                    if !entry.contains(&message) {
                        entry.push(message);
                    }
                } else if let Some((_, _, id)) = GENERAL.iter().find(|g| g.0 == path && g.1 == kind)
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

    /// Errors shown above the form.
    pub fn top(&self) -> &[String] {
        &self.general
    }
}
