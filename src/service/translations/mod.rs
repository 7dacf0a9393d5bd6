//! Data translations: the localized names of actions and options, reason texts and email
//! template parts, listed as items with their reference text, measured per language, changed
//! through the same services as the API, and exported to / imported from `.ftl` files.

mod files;
pub mod ui;
mod validate;

use std::collections::BTreeMap;

use diesel::Connection;
use uuid::Uuid;

use super::{email_templates, reasons, user_actions, ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::email_template::{EmailTemplate, EmailTemplateInput};
use crate::domain::locale::{match_key, LocalizedStrings};
use crate::domain::reason::{Reason, ReasonInput};
use crate::domain::user_action::{ActionOption, UserAction, UserActionInput};
use validate::{differs, sanitise_html, set};

pub use files::{export_file, read_file};
pub use validate::{placeable_problems, validate, Applied, Change, DataError, Problem};

/// What an item translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    ActionName,
    OptionName,
    ReasonText,
    TemplateSubject,
    TemplateHtml,
    TemplateText,
}

impl ItemKind {
    /// Whether values are Fluent patterns with `$variables` (email templates).
    pub fn is_pattern(self) -> bool {
        matches!(
            self,
            ItemKind::TemplateSubject | ItemKind::TemplateHtml | ItemKind::TemplateText
        )
    }

    /// A short name for message ids (`translations-kind-…`).
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::ActionName => "action",
            ItemKind::OptionName => "option",
            ItemKind::ReasonText => "reason",
            ItemKind::TemplateSubject => "subject",
            ItemKind::TemplateHtml => "html",
            ItemKind::TemplateText => "text",
        }
    }
}

/// One translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The message id in export files, e.g. `action-<uuid>`, `option-<uuid>-<n>`.
    pub key: String,
    pub kind: ItemKind,
    pub owner: Uuid,
    /// The option's index (0 for other kinds).
    pub index: usize,
    /// What the item belongs to, for people: the action name, the template name.
    pub label: String,
    /// The default (reference) text.
    pub reference: String,
    pub translations: LocalizedStrings,
}

impl Item {
    /// The translation for `lang` (tags compared as `match_key` does).
    pub fn translation(&self, lang: &str) -> Option<&str> {
        let wanted = match_key(lang);
        self.translations
            .iter()
            .find(|(k, _)| match_key(k) == wanted)
            .map(|(_, v)| v.as_str())
    }
}

/// Every translatable text: active actions (an inactive one cannot be changed), their options,
/// reasons and email templates.
pub fn items(conn: &mut DbConnection) -> ServiceResult<Vec<Item>> {
    let mut out = Vec::new();
    for a in user_actions::list(conn, true, None)? {
        out.push(Item {
            key: format!("action-{}", a.id),
            kind: ItemKind::ActionName,
            owner: a.id,
            index: 0,
            label: a.spec.name.clone(),
            reference: a.spec.name.clone(),
            translations: a.spec.localized_names.clone(),
        });
        for (n, o) in a.spec.options.iter().enumerate() {
            out.push(Item {
                key: format!("option-{}-{n}", a.id),
                kind: ItemKind::OptionName,
                owner: a.id,
                index: n,
                label: a.spec.name.clone(),
                reference: o.name.clone(),
                translations: o.localized_names.clone(),
            });
        }
    }
    for r in reasons::list(conn)? {
        out.push(Item {
            key: format!("reason-{}", r.id),
            kind: ItemKind::ReasonText,
            owner: r.id,
            index: 0,
            label: r.spec.code.clone(),
            reference: r.spec.text.clone(),
            translations: r.spec.localized_texts.clone(),
        });
    }
    for t in email_templates::list(conn)? {
        let s = &t.spec;
        for (kind, suffix, reference, map) in [
            (
                ItemKind::TemplateSubject,
                "subject",
                &s.default_subject,
                &s.localized_subjects,
            ),
            (
                ItemKind::TemplateHtml,
                "html",
                &s.default_html_template,
                &s.localized_html_templates,
            ),
            (
                ItemKind::TemplateText,
                "text",
                &s.default_text_template,
                &s.localized_text_templates,
            ),
        ] {
            out.push(Item {
                key: format!("template-{}-{suffix}", t.id),
                kind,
                owner: t.id,
                index: 0,
                label: s.name.clone(),
                reference: reference.clone(),
                translations: map.clone(),
            });
        }
    }
    Ok(out)
}

/// (translated, total) of `items` in `lang`.
pub fn progress(items: &[Item], lang: &str) -> (usize, usize) {
    let done = items
        .iter()
        .filter(|i| i.translation(lang).is_some_and(|t| !t.trim().is_empty()))
        .count();
    (done, items.len())
}

fn action_input(a: &UserAction) -> UserActionInput {
    let s = &a.spec;
    UserActionInput {
        name: Some(s.name.clone()),
        localized_names: Some(s.localized_names.clone()),
        temporal: Some(s.temporal),
        prevent_login: Some(s.prevent_login),
        send_end_event: Some(s.send_end_event),
        include_email_in_event_json: Some(s.include_email_in_event_json),
        user_emailing_enabled: Some(s.user_emailing_enabled),
        user_notifications_enabled: Some(s.user_notifications_enabled),
        start_email_template_id: s.start_email_template_id,
        modify_email_template_id: s.modify_email_template_id,
        cancel_email_template_id: s.cancel_email_template_id,
        end_email_template_id: s.end_email_template_id,
        options: Some(
            s.options
                .iter()
                .map(|o| ActionOption {
                    name: Some(o.name.clone()),
                    localized_names: Some(o.localized_names.clone()),
                })
                .collect(),
        ),
        transaction_type: Some(s.transaction_type.clone()),
        tenant_ids: Some(s.tenant_ids.clone()),
        beyond: s.beyond.to_input(),
    }
}

fn reason_input(r: &Reason) -> ReasonInput {
    ReasonInput {
        text: Some(r.spec.text.clone()),
        code: Some(r.spec.code.clone()),
        localized_texts: Some(r.spec.localized_texts.clone()),
        escalation: Some(r.spec.escalation.clone()),
    }
}

fn template_input(t: &EmailTemplate) -> EmailTemplateInput {
    let s = &t.spec;
    EmailTemplateInput {
        name: Some(s.name.clone()),
        default_subject: Some(s.default_subject.clone()),
        default_html_template: Some(s.default_html_template.clone()),
        default_text_template: Some(s.default_text_template.clone()),
        default_from_name: s.default_from_name.clone(),
        from_email: s.from_email.clone(),
        localized_subjects: Some(s.localized_subjects.clone()),
        localized_html_templates: Some(s.localized_html_templates.clone()),
        localized_text_templates: Some(s.localized_text_templates.clone()),
        localized_from_names: Some(s.localized_from_names.clone()),
    }
}

/// The first message of a service's validation errors.
fn rejection(e: &crate::domain::FieldErrors) -> String {
    e.messages()
}

/// Marks a rollback that is not a failure (a dry run, or errors collected for the caller).
const ROLLBACK: &str = "translations: rolled back";

/// Applies `changes` through the services of their objects, all in one transaction: either every
/// change is made, or (some change is invalid, or `dry_run`) none is. Unchanged values are
/// skipped. `Ok(Err(errors))` lists every problem found.
pub fn apply(
    conn: &mut DbConnection,
    now: i64,
    changes: &[Change],
    dry_run: bool,
) -> ServiceResult<Result<Vec<Applied>, Vec<DataError>>> {
    let items = items(conn)?;
    let (sanitised, mut errors) = sanitise_html(&items, changes);
    let changes = sanitised.as_slice();
    errors.extend(validate(&items, changes));
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    // owner → (item, change) pairs that change something
    let mut by_owner: BTreeMap<Uuid, Vec<(&Item, &Change)>> = BTreeMap::new();
    let mut applied = Vec::new();
    for c in changes {
        let Some(item) = items.iter().find(|i| i.key == c.key) else {
            continue;
        };
        let before = item.translation(&c.lang);
        if differs(before, &c.value) {
            by_owner.entry(item.owner).or_default().push((item, c));
            applied.push(Applied {
                key: c.key.clone(),
                lang: c.lang.clone(),
                before: before.map(str::to_string),
                after: (!c.value.trim().is_empty()).then(|| c.value.trim_end().to_string()),
            });
        }
    }
    let mut failures: Vec<DataError> = Vec::new();
    let outcome = conn.transaction::<(), ServiceError, _>(|conn| {
        for (owner, list) in &by_owner {
            let result = update_owner(conn, now, *owner, list);
            match result {
                Ok(()) => {}
                Err(ServiceError::Invalid(e)) => {
                    let message = rejection(&e);
                    failures.extend(list.iter().map(|(_, c)| DataError {
                        key: c.key.clone(),
                        lang: c.lang.clone(),
                        line: c.line,
                        problem: Problem::Rejected(message.clone()),
                    }));
                }
                Err(other) => return Err(other),
            }
        }
        if dry_run || !failures.is_empty() {
            return Err(ServiceError::Internal(ROLLBACK.into()));
        }
        Ok(())
    });
    match outcome {
        Ok(()) => Ok(Ok(applied)),
        Err(ServiceError::Internal(m)) if m == ROLLBACK => {
            if failures.is_empty() {
                Ok(Ok(applied))
            } else {
                Ok(Err(failures))
            }
        }
        Err(e) => Err(e),
    }
}

/// Changes the translations of one object through its service.
fn update_owner(
    conn: &mut DbConnection,
    now: i64,
    owner: Uuid,
    list: &[(&Item, &Change)],
) -> ServiceResult<()> {
    let Some((first, _)) = list.first() else {
        return Ok(());
    };
    match first.kind {
        ItemKind::ActionName | ItemKind::OptionName => {
            let mut input = action_input(&user_actions::find(conn, owner, None)?);
            for (item, c) in list {
                if item.kind == ItemKind::ActionName {
                    set(
                        input.localized_names.get_or_insert_with(Default::default),
                        &c.lang,
                        &c.value,
                    );
                } else if let Some(o) = input.options.as_mut().and_then(|o| o.get_mut(item.index)) {
                    set(
                        o.localized_names.get_or_insert_with(Default::default),
                        &c.lang,
                        &c.value,
                    );
                }
            }
            user_actions::update(conn, now, owner, input)?;
        }
        ItemKind::ReasonText => {
            let mut input = reason_input(&reasons::find(conn, owner)?);
            for (_, c) in list {
                set(
                    input.localized_texts.get_or_insert_with(Default::default),
                    &c.lang,
                    &c.value,
                );
            }
            reasons::update(conn, now, owner, input)?;
        }
        ItemKind::TemplateSubject | ItemKind::TemplateHtml | ItemKind::TemplateText => {
            let mut input = template_input(&email_templates::find(conn, owner)?);
            for (item, c) in list {
                let map = match item.kind {
                    ItemKind::TemplateSubject => &mut input.localized_subjects,
                    ItemKind::TemplateHtml => &mut input.localized_html_templates,
                    _ => &mut input.localized_text_templates,
                };
                set(map.get_or_insert_with(Default::default), &c.lang, &c.value);
            }
            email_templates::update(conn, now, owner, input)?;
        }
    }
    Ok(())
}

/// The languages data is translated into: `ui` (the UI's languages but `en`) and every tag the
/// data already has.
pub fn languages(items: &[Item], ui: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = ui
        .iter()
        .filter(|l| **l != crate::i18n::DEFAULT_LANGUAGE)
        .map(|l| l.to_string())
        .collect();
    for item in items {
        for tag in item.translations.keys() {
            if !out.iter().any(|l| match_key(l) == match_key(tag)) {
                out.push(tag.clone());
            }
        }
    }
    out.sort();
    out
}
