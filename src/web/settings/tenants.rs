//! Tenants: list, create, edit (events, email, failed-login lockout), delete.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{checked, form_id, Choice, SECTION};
use crate::app::AppState;
use crate::domain::tenant::{
    DurationUnit, EmailConfiguration, EventConfiguration, EventSetting, FailedAuthInput, Tenant,
    TenantInput, DURATION_UNITS,
};
use crate::domain::webhook_reach::Silenced;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::tenants::TenantContents;
use crate::service::ServiceResult;
use crate::service::{tenants as svc, user_actions, OmittedPassword};
use crate::web::confirm::{self, Confirmed};
use crate::web::form::number;
use crate::web::path_id;
use crate::web::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/tenants", web::get().to(list))
        .route("/settings/tenants/new", web::get().to(new))
        .route("/settings/tenants/new", web::post().to(create))
        .route("/settings/tenants/{id}", web::get().to(edit))
        .route("/settings/tenants/{id}", web::post().to(update))
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
#[derive(Deserialize)]
struct TenantForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    user_action_events: String,
    #[serde(default)]
    smtp_host: String,
    #[serde(default)]
    smtp_port: String,
    #[serde(default)]
    smtp_security: String,
    #[serde(default)]
    smtp_username: String,
    #[serde(default)]
    smtp_password: String,
    /// Ticked: a stored SMTP password is removed when none is typed.
    #[serde(default)]
    remove_smtp_password: String,
    #[serde(default)]
    from_email: String,
    #[serde(default)]
    from_name: String,
    #[serde(default)]
    lockout_action: String,
    #[serde(default)]
    too_many_attempts: String,
    #[serde(default)]
    reset_count_in_seconds: String,
    #[serde(default)]
    action_duration: String,
    #[serde(default)]
    action_duration_unit: String,
    #[serde(default)]
    email_user: String,
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
        form.user_action_events = "true".into();
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
            user_action_events: if events.enabled(USER_ACTION_EVENT) {
                "true".into()
            } else {
                String::new()
            },
            smtp_host: text(&email.host),
            smtp_port: email.port.map(|p| p.to_string()).unwrap_or_default(),
            smtp_security: text(&email.security),
            smtp_username: text(&email.username),
            smtp_password: String::new(),
            remove_smtp_password: String::new(),
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
            email_user: if failed.email_user {
                "true".into()
            } else {
                String::new()
            },
        }
    }

    /// The service input, or the errors of values that are not even numbers or ids.
    fn input(&self) -> Result<TenantInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let field = |part: &str, name: &str| format!("tenant.{part}.{name}");
        let port = number(&self.smtp_port, &field(EMAIL, "port"), &mut errors);
        let user_action_id = form_id(
            &self.lockout_action,
            &field(FAILED, "userActionId"),
            &mut errors,
        );
        let too_many_attempts = number(
            &self.too_many_attempts,
            &field(FAILED, "tooManyAttempts"),
            &mut errors,
        );
        let reset_count_in_seconds = number(
            &self.reset_count_in_seconds,
            &field(FAILED, "resetCountInSeconds"),
            &mut errors,
        );
        let action_duration = number(
            &self.action_duration,
            &field(FAILED, "actionDuration"),
            &mut errors,
        );
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
        errors.into_result()?;
        let mut events = EventConfiguration::default();
        events.events.insert(
            USER_ACTION_EVENT.to_string(),
            EventSetting {
                enabled: checked(&self.user_action_events),
                transaction_type: None,
            },
        );
        Ok(TenantInput {
            name: Some(self.name.clone()),
            data: None,
            event_configuration: Some(events),
            email_configuration: Some(EmailConfiguration {
                host: opt(&self.smtp_host),
                port,
                username: opt(&self.smtp_username),
                // Passwords are taken as typed; empty keeps the stored one.
                password: Some(self.smtp_password.clone()).filter(|p| !p.is_empty()),
                security: opt(&self.smtp_security),
                default_from_email: opt(&self.from_email),
                default_from_name: opt(&self.from_name),
            }),
            failed_authentication_configuration: Some(FailedAuthInput {
                user_action_id,
                too_many_attempts,
                reset_count_in_seconds,
                action_duration,
                action_duration_unit,
                action_cancel_policy: None,
                email_user: Some(checked(&self.email_user)),
            }),
        })
    }
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

/// What the form needs besides the tenant: the definitions that can lock an account out.
async fn lockout_actions(
    state: &web::Data<AppState>,
    chosen: &str,
) -> Result<Vec<Choice>, PageError> {
    let actions = read(state, |conn, _| user_actions::list(conn, true, None)).await?;
    let mut choices: Vec<Choice> = actions
        .into_iter()
        .filter(|a| (a.spec.temporal && a.spec.prevent_login) || a.id.to_string() == chosen)
        .map(|a| Choice {
            value: a.id.to_string(),
            label: a.spec.name,
        })
        .collect();
    // A stored choice that is no longer listed stays visible, so saving does not drop it unseen.
    if !chosen.trim().is_empty() && !choices.iter().any(|c| c.value == chosen) {
        choices.push(Choice {
            value: chosen.to_string(),
            label: chosen.to_string(),
        });
    }
    Ok(choices)
}

async fn form_page(
    state: &web::Data<AppState>,
    ctx: Ctx,
    id: Option<Uuid>,
    form: TenantForm,
    has_password: bool,
    errors: FormErrors,
) -> Result<FormPage, PageError> {
    let lockout_actions = lockout_actions(state, &form.lockout_action).await?;
    let silenced = match id {
        Some(id) => read(state, move |conn, _| svc::silenced_webhooks(conn, id)).await?,
        None => Vec::new(),
    };
    let units = DURATION_UNITS
        .iter()
        .map(|u| Choice {
            value: u.to_string(),
            label: ctx.tr.t(&format!("tenants-unit-{}", u.to_lowercase())),
        })
        .collect();
    let securities = ["NONE", "SSL", "TLS"]
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: ctx.tr.t(&format!("tenants-security-{}", s.to_lowercase())),
        })
        .collect();
    Ok(FormPage {
        ctx,
        id,
        form,
        has_password,
        lockout_actions,
        units,
        securities,
        silenced,
        errors,
    })
}

async fn new(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let page = form_page(
        &state,
        staff.ctx(SECTION),
        None,
        TenantForm::blank(),
        false,
        FormErrors::none(),
    )
    .await?;
    render(&page)
}

async fn invalid(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Option<Uuid>,
    form: TenantForm,
    has_password: bool,
    errors: &FieldErrors,
) -> Result<HttpResponse, PageError> {
    let errors = FormErrors::new(errors, staff.tr(), FIELDS);
    let page = form_page(state, staff.ctx(SECTION), id, form, has_password, errors).await?;
    form_again(&page)
}

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<TenantForm>,
) -> Result<HttpResponse, PageError> {
    let input = match form.input() {
        Ok(input) => input,
        Err(errors) => return invalid(&state, &staff, None, form, false, &errors).await,
    };
    match write(&state, move |conn, now| svc::create(conn, now, None, input)).await? {
        Ok(_) => Ok(see_other("/admin/settings/tenants?done=created")),
        Err(errors) => invalid(&state, &staff, None, form, false, &errors).await,
    }
}

async fn edit(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let tenant = read(&state, move |conn, _| svc::find(conn, id)).await?;
    let page = form_page(
        &state,
        staff.ctx(SECTION),
        Some(id),
        TenantForm::from_tenant(&tenant),
        tenant.email_configuration.password.is_some(),
        FormErrors::none(),
    )
    .await?;
    render(&page)
}

async fn update(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(form): Form<TenantForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let stored = read(&state, move |conn, _| svc::find(conn, id)).await?;
    let has_password = stored.email_configuration.password.is_some();
    let omitted = if checked(&form.remove_smtp_password) {
        OmittedPassword::Remove
    } else {
        OmittedPassword::Keep
    };
    let input = match form.input() {
        Ok(input) => input,
        Err(errors) => return invalid(&state, &staff, Some(id), form, has_password, &errors).await,
    };
    match write(&state, move |conn, now| {
        svc::update_keeping_rest(conn, now, id, input, omitted)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/admin/settings/tenants?done=saved")),
        Err(errors) => invalid(&state, &staff, Some(id), form, has_password, &errors).await,
    }
}

#[derive(Template)]
#[template(path = "admin/settings/tenant_delete.html")]
struct DeletePage {
    ctx: Ctx,
    tenant: Tenant,
    contents: TenantContents,
    /// Why the tenant could not be deleted, when it could not.
    refusal: Option<String>,
}

struct Deleting;

impl Confirmed for Deleting {
    type Page = DeletePage;

    async fn page(
        state: &web::Data<AppState>,
        staff: &Staff<Admin>,
        id: Uuid,
        refusal: Option<String>,
    ) -> Result<DeletePage, PageError> {
        let (tenant, contents) = read(state, move |conn, _| {
            Ok((svc::find(conn, id)?, svc::contents(conn, id)?))
        })
        .await?;
        let refusal = refusal.or_else(|| {
            tenant
                .check_deletable()
                .err()
                .map(|_| staff.tr().t("tenants-delete-default"))
        });
        Ok(DeletePage {
            ctx: staff.ctx(SECTION),
            tenant,
            contents,
            refusal,
        })
    }

    fn act(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, now, id)
    }

    /// The only refusal the service has: the tenant can't be deleted (it is the default).
    fn refusal(tr: &Tr, _: &FieldErrors) -> String {
        tr.t("tenants-delete-default")
    }

    fn done(state: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        // Keys scoped to the tenant went with it.
        state.keys.clear();
        "/admin/settings/tenants?done=deleted".into()
    }
}
