//! Creating, changing, deleting and previewing email templates.

use diesel::Connection;
use uuid::Uuid;

use super::{as_duplicate, check, new_id_after, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::email_template::{
    self, EmailTemplate, EmailTemplateInput, EmailTemplateSpec, EmailVars, RenderedEmail,
};
use crate::domain::locale::localized;
use crate::domain::user_action::UserAction;
use crate::domain::{FieldErrors, Kind};
use crate::i18n;
use crate::store;

const DAY: i64 = 86_400_000;

/// What a template's writes can collide on (names need not be unique), and the field a collision
/// is reported under.
pub const UNIQUE: &[UniqueField] = &[(store::email_templates::ID, "emailTemplateId")];

fn checked(input: EmailTemplateInput, mut errors: FieldErrors) -> ServiceResult<EmailTemplateSpec> {
    let spec = email_template::normalise(input);
    email_template::validate(&spec, &mut errors);
    check(errors)?;
    Ok(spec)
}

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: EmailTemplateInput,
) -> ServiceResult<EmailTemplate> {
    create_with(conn, now, id, input, FieldErrors::new())
}

/// `create`, reporting `errors` found before (a form's rows without a language) with the rest.
pub fn create_with(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: EmailTemplateInput,
    errors: FieldErrors,
) -> ServiceResult<EmailTemplate> {
    conn.transaction(|conn| {
        let (id, errors) = new_id_after(id, "emailTemplateId", errors, |id| {
            store::email_templates::exists(conn, id)
        })?;
        let template = EmailTemplate {
            id,
            spec: checked(input, errors)?,
            insert_instant: now,
            last_update_instant: now,
        };
        store::email_templates::insert(conn, &template).map_err(as_duplicate(UNIQUE))?;
        Ok(template)
    })
}

pub fn update(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: EmailTemplateInput,
) -> ServiceResult<EmailTemplate> {
    update_with(conn, now, id, input, FieldErrors::new())
}

/// `update`, reporting `errors` found before with the rest.
pub fn update_with(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: EmailTemplateInput,
    errors: FieldErrors,
) -> ServiceResult<EmailTemplate> {
    conn.transaction(|conn| {
        let stored = store::email_templates::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let template = EmailTemplate {
            spec: checked(input, errors)?,
            last_update_instant: now,
            ..stored
        };
        store::email_templates::update(conn, &template)?;
        Ok(template)
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<EmailTemplate> {
    store::email_templates::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<EmailTemplate>> {
    Ok(store::email_templates::list(conn)?)
}

/// Deletes a template that no definition references (`[inUse]emailTemplateId` otherwise).
pub fn delete(conn: &mut DbConnection, id: Uuid) -> ServiceResult<()> {
    conn.transaction(|conn| {
        if !store::email_templates::exists(conn, id)? {
            return Err(ServiceError::NotFound);
        }
        let users = store::user_actions::using_template(conn, id)?;
        if users > 0 {
            let mut errors = FieldErrors::new();
            errors.add_with(
                Kind::InUse,
                "emailTemplateId",
                format!(
                    "The email template [{id}] is used by {users} user action(s) and cannot be \
                     deleted."
                ),
            );
            return Err(errors.into());
        }
        store::email_templates::delete(conn, id)?;
        Ok(())
    })
}

/// A rendered preview and every problem of the template; the parts that render are filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub email: RenderedEmail,
    pub errors: FieldErrors,
}

/// Renders an unsaved template with sample values, for a user whose only preferred
/// language is `locale`.
pub fn preview(
    input: EmailTemplateInput,
    locale: Option<String>,
    now: i64,
    base_url: &str,
) -> Preview {
    preview_for(input, locale, now, base_url, None)
}

/// `preview` with the names of a real definition (and its first option) instead of the samples;
/// an instantaneous one has no expiry or duration.
pub fn preview_for(
    input: EmailTemplateInput,
    locale: Option<String>,
    now: i64,
    base_url: &str,
    action: Option<&UserAction>,
) -> Preview {
    let mut errors = FieldErrors::new();
    let spec = email_template::normalise(input);
    let locale = locale
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let preferred: Vec<String> = match locale {
        Some(tag) if spec.renders_in(&tag) => vec![tag],
        Some(tag) => {
            errors.add_with(
                Kind::Invalid,
                "locale",
                format!("[{tag}] in [locale] is not a valid locale."),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    email_template::validate(&spec, &mut errors);
    let template = EmailTemplate {
        id: Uuid::nil(),
        spec,
        insert_instant: now,
        last_update_instant: now,
    };
    let mut vars = sample_vars(now, base_url, &preferred);
    if let Some(action) = action {
        let spec = &action.spec;
        let name = localized(&spec.localized_names, &spec.name, &preferred).to_string();
        vars.action = name.clone();
        vars.action_name = name;
        vars.option = spec
            .options
            .first()
            .map(|o| localized(&o.localized_names, &o.name, &preferred).to_string())
            .unwrap_or_default();
        if !spec.temporal {
            vars.expiry = String::new();
            vars.duration = String::new();
        }
    }
    Preview {
        email: email_template::render(&template, &vars, &preferred),
        errors,
    }
}

/// The preview's sample values: Jane Doe, an expiry one day from `now`.
pub fn sample_vars(now: i64, base_url: &str, preferred: &[String]) -> EmailVars {
    EmailVars {
        action: "Example action".into(),
        action_name: "Example action".into(),
        option: "Example option".into(),
        reason: "Example reason".into(),
        reason_code: "EX".into(),
        comment: "Example comment".into(),
        expiry: i18n::format_expiry(now.saturating_add(DAY), None, preferred),
        duration: i18n::localized_duration(DAY, preferred),
        phase: "start".into(),
        first_name: "Jane".into(),
        last_name: "Doe".into(),
        full_name: "Jane Doe".into(),
        email: "jane.doe@example.com".into(),
        username: "jane".into(),
        tenant: "Example tenant".into(),
        base_url: base_url.to_string(),
    }
}
