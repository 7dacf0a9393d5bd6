//! Tenants: list, create, edit (events, email, failed-login lockout), delete.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{form_id, Choice, SECTION};
use crate::app::AppState;
use crate::domain::tenant::{
    DurationUnit, EmailConfiguration, EventConfiguration, EventSetting, FailedAuthInput, Tenant,
    TenantInput, DURATION_UNITS,
};
use crate::domain::user_action::UserAction;
use crate::domain::webhook_reach::Silenced;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::tenants::TenantContents;
use crate::service::ServiceResult;
use crate::service::{tenants as svc, user_actions, OmittedPassword};
use crate::web::confirm::{self, ConfirmDelete, Confirmed};
use crate::web::editor::{self, Editor};
use crate::web::form::number;
use crate::web::{checkbox, read, render, Admin, Ctx, FormErrors, PageError, Staff};

/// The list: "Cancel" and a done delete go back there.
const LIST: &str = "/admin/settings/tenants";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/tenants", web::get().to(list))
        .configure(|cfg| editor::routes::<Editing>(cfg, "/settings/tenants"))
        .configure(|cfg| confirm::routes::<Deleting>(cfg, "/settings/tenants/{id}/delete"));
}

/// The event the tenant form switches on and off.
const USER_ACTION_EVENT: &str = "user.action";
const EMAIL: &str = "emailConfiguration";
const FAILED: &str = "failedAuthenticationConfiguration";

/// Fields the tenant form shows errors for (as the service names them, after `tenant.`).
const FIELDS: &[&str] = &[
    "name",
    "eventConfiguration.events",
    "emailConfiguration.host",
    "emailConfiguration.port",
    "emailConfiguration.security",
    "emailConfiguration.username",
    "emailConfiguration.defaultFromEmail",
    "emailConfiguration.defaultFromName",
    "failedAuthenticationConfiguration.userActionId",
    "failedAuthenticationConfiguration.tooManyAttempts",
    "failedAuthenticationConfiguration.resetCountInSeconds",
    "failedAuthenticationConfiguration.actionDuration",
    "failedAuthenticationConfiguration.actionDurationUnit",
];

#[derive(Template)]
#[template(path = "admin/settings/tenants.html")]
struct ListPage {
    ctx: Ctx,
    tenants: Vec<Tenant>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let tenants = read(&state, |conn, _| svc::list(conn)).await?;
    render(&ListPage {
        ctx: staff.ctx(SECTION),
        tenants,
    })
}

/// The tenant form as typed. The SMTP password is never filled in: empty keeps the stored one.
#[derive(Default, Deserialize)]
#[serde(default)]
struct TenantForm {
    name: String,
    #[serde(with = "checkbox")]
    user_action_events: bool,
    smtp_host: String,
    smtp_port: String,
    smtp_security: String,
    smtp_username: String,
    smtp_password: String,
    /// Ticked: a stored SMTP password is removed when none is typed.
    #[serde(with = "checkbox")]
    remove_smtp_password: bool,
    from_email: String,
    from_name: String,
    lockout_action: String,
    too_many_attempts: String,
    reset_count_in_seconds: String,
    action_duration: String,
    action_duration_unit: String,
    #[serde(with = "checkbox")]
    email_user: bool,
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn opt(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

impl TenantForm {
    /// A new tenant: the domain's defaults.
    fn blank() -> TenantForm {
        let mut form = TenantForm::from_tenant_parts(
            "",
            &EventConfiguration::default(),
            &EmailConfiguration::default(),
            &Default::default(),
        );
        form.user_action_events = true;
        form
    }

    fn from_tenant(t: &Tenant) -> TenantForm {
        TenantForm::from_tenant_parts(
            &t.name,
            &t.event_configuration,
            &t.email_configuration,
            &t.failed_authentication_configuration,
        )
    }

    fn from_tenant_parts(
        name: &str,
        events: &EventConfiguration,
        email: &EmailConfiguration,
        failed: &crate::domain::tenant::FailedAuthConfig,
    ) -> TenantForm {
        TenantForm {
            name: name.to_string(),
            user_action_events: events.enabled(USER_ACTION_EVENT),
            smtp_host: text(&email.host),
            smtp_port: email.port.map(|p| p.to_string()).unwrap_or_default(),
            smtp_security: text(&email.security),
            smtp_username: text(&email.username),
            smtp_password: String::new(),
            remove_smtp_password: false,
            from_email: text(&email.default_from_email),
            from_name: text(&email.default_from_name),
            lockout_action: failed
                .user_action_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            too_many_attempts: failed.too_many_attempts.to_string(),
            reset_count_in_seconds: failed.reset_count_in_seconds.to_string(),
            action_duration: failed.action_duration.to_string(),
            action_duration_unit: failed.action_duration_unit.clone(),
            email_user: failed.email_user,
        }
    }

    /// The service input, or the errors of values that are not even numbers or ids.
    fn input(&self) -> Result<TenantInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let port = number(&self.smtp_port, &field(EMAIL, "port"), &mut errors);
        let failed = self.failed_auth(&mut errors);
        errors.into_result()?;
        Ok(TenantInput {
            name: Some(self.name.clone()),
            data: None,
            event_configuration: Some(self.events()),
            email_configuration: Some(self.email_configuration(port)),
            failed_authentication_configuration: Some(failed),
        })
    }

    /// The lockout as typed; a number, id or unit that cannot be read is noted in `errors`.
    fn failed_auth(&self, errors: &mut FieldErrors) -> FailedAuthInput {
        let user_action_id = form_id(&self.lockout_action, &field(FAILED, "userActionId"), errors);
        let mut failed = |raw: &str, name: &str| number(raw, &field(FAILED, name), errors);
        let too_many_attempts = failed(&self.too_many_attempts, "tooManyAttempts");
        let reset_count_in_seconds = failed(&self.reset_count_in_seconds, "resetCountInSeconds");
        let action_duration = failed(&self.action_duration, "actionDuration");
        let unit = self.action_duration_unit.trim();
        let action_duration_unit = if unit.is_empty() {
            None
        } else {
            let parsed = DurationUnit::parse(unit);
            if parsed.is_none() {
                errors.add(Kind::Invalid, &field(FAILED, "actionDurationUnit"));
            }
            parsed.map(Some)
        };
        FailedAuthInput {
            user_action_id,
            too_many_attempts,
            reset_count_in_seconds,
            action_duration,
            action_duration_unit,
            action_cancel_policy: None,
            email_user: Some(self.email_user),
        }
    }

    /// Only `user.action` is switched here.
    fn events(&self) -> EventConfiguration {
        let mut events = EventConfiguration::default();
        events.events.insert(
            USER_ACTION_EVENT.to_string(),
            EventSetting {
                enabled: self.user_action_events,
                transaction_type: None,
            },
        );
        events
    }

    fn email_configuration(&self, port: Option<i64>) -> EmailConfiguration {
        EmailConfiguration {
            host: opt(&self.smtp_host),
            port,
            username: opt(&self.smtp_username),
            // Passwords are taken as typed; empty keeps the stored one.
            password: Some(self.smtp_password.clone()).filter(|p| !p.is_empty()),
            security: opt(&self.smtp_security),
            default_from_email: opt(&self.from_email),
            default_from_name: opt(&self.from_name),
        }
    }
}

/// A field of the tenant as the service names it in errors.
fn field(part: &str, name: &str) -> String {
    format!("tenant.{part}.{name}")
}

#[derive(Template)]
#[template(path = "admin/settings/tenant_form.html")]
struct FormPage {
    ctx: Ctx,
    /// `None` for a new tenant.
    id: Option<Uuid>,
    form: TenantForm,
    /// Whether an SMTP password is stored (it is never shown).
    has_password: bool,
    lockout_actions: Vec<Choice>,
    units: Vec<Choice>,
    securities: Vec<Choice>,
    /// Webhooks serving this tenant that wait for an event it has off.
    silenced: Vec<Silenced>,
    errors: FormErrors,
}

/// The definitions that can lock an account out, and `chosen` even when it no longer can.
fn lockout_actions(actions: Vec<UserAction>, chosen: &str) -> Vec<Choice> {
    let mut choices: Vec<Choice> = actions
        .into_iter()
        .filter(|a| (a.spec.temporal && a.spec.prevent_login) || a.id.to_string() == chosen)
        .map(|a| Choice::new(a.id.to_string(), a.spec.name))
        .collect();
    // A stored choice that is no longer listed stays visible, so saving does not drop it unseen.
    if !chosen.trim().is_empty() && !choices.iter().any(|c| c.value == chosen) {
        choices.push(Choice::new(chosen, chosen));
    }
    choices
}

/// The choices of a select whose labels are message ids `{prefix}-{value in lower case}`.
fn labelled(tr: &Tr, values: &[&str], prefix: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice::new(*v, tr.t(&format!("{prefix}-{}", v.to_lowercase()))))
        .collect()
}

/// Adding a tenant or changing one.
struct Editing;

impl Editor for Editing {
    const SECTION: &'static str = SECTION;
    type Form = TenantForm;
    /// The tenant, the active definitions, the webhooks it silences.
    type Loaded = (Option<Tenant>, Vec<UserAction>, Vec<Silenced>);
    type Input = (TenantInput, OmittedPassword);
    type Saved = Tenant;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Self::Loaded> {
        let actions = user_actions::list(conn, true, None)?;
        Ok(match id {
            Some(id) => (
                Some(svc::find(conn, id)?),
                actions,
                svc::silenced_webhooks(conn, id)?,
            ),
            None => (None, actions, Vec::new()),
        })
    }

    fn form((tenant, _, _): &Self::Loaded) -> TenantForm {
        tenant
            .as_ref()
            .map_or_else(TenantForm::blank, TenantForm::from_tenant)
    }

    fn page(
        ctx: Ctx,
        id: Option<Uuid>,
        form: TenantForm,
        (tenant, actions, silenced): Self::Loaded,
        errors: FormErrors,
    ) -> FormPage {
        FormPage {
            lockout_actions: lockout_actions(actions, &form.lockout_action),
            units: labelled(&ctx.tr, &DURATION_UNITS, "tenants-unit"),
            securities: labelled(&ctx.tr, &["NONE", "SSL", "TLS"], "tenants-security"),
            has_password: tenant.is_some_and(|t| t.email_configuration.password.is_some()),
            ctx,
            id,
            form,
            silenced,
            errors,
        }
    }

    fn input(
        form: &TenantForm,
        _: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<Self::Input, FormErrors> {
        let omitted = if form.remove_smtp_password {
            OmittedPassword::Remove
        } else {
            OmittedPassword::Keep
        };
        let input = form.input().map_err(|e| Self::errors(&e, staff.tr()))?;
        Ok((input, omitted))
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        (input, omitted): Self::Input,
    ) -> ServiceResult<Tenant> {
        match id {
            None => svc::create(conn, now, None, input),
            Some(id) => svc::update_keeping_rest(conn, now, id, input, omitted),
        }
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        FormErrors::new(errors, tr, FIELDS)
    }

    fn done(_: &Staff<Admin>, id: Option<Uuid>, _: Tenant) -> String {
        editor::back_to(LIST, id)
    }
}

struct Deleting;

impl Confirmed for Deleting {
    const SECTION: &'static str = SECTION;
    /// The only refusal the service has: the tenant can't be deleted (it is the default).
    const REFUSED: &'static str = "tenants-delete-default";
    type Loaded = (Tenant, TenantContents);
    type Page = ConfirmDelete;

    fn load(conn: &mut Connection, _: &AppState, id: Uuid) -> ServiceResult<Self::Loaded> {
        Ok((svc::find(conn, id)?, svc::contents(conn, id)?))
    }

    /// The page says why (instead of the form) when the tenant can't be deleted.
    fn page(ctx: Ctx, (tenant, contents): Self::Loaded, refusal: Option<String>) -> ConfirmDelete {
        let tr = &ctx.tr;
        let refusal =
            refusal.or_else(|| tenant.check_deletable().err().map(|_| tr.t(Self::REFUSED)));
        let question = tr.t1("tenants-delete-confirm", "name", &tenant.name);
        let details = [
            ("tenants-delete-users", contents.users),
            ("tenants-delete-applications", contents.applications),
            ("tenants-delete-instances", contents.instances),
            ("tenants-delete-api-keys", contents.api_keys),
        ]
        .map(|(id, count)| tr.t1(id, "count", count));
        let hint = tr.t("tenants-delete-definitions");
        let page = ConfirmDelete::new(ctx, "tenants-delete-title", question, LIST);
        details
            .into_iter()
            .fold(page, ConfirmDelete::detail)
            .hint(hint)
            .refusal(refusal)
    }

    fn act(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, now, id)
    }

    fn done(state: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        // Keys scoped to the tenant went with it.
        state.keys.clear();
        format!("{LIST}?done=deleted")
    }
}
