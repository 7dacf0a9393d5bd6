//! A user's page: details, current actions, the whole history, and the form to apply an action.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::expiry::{self, FROM_NOW};
use super::{publish, reason_text, user_name, Names, Running};
use crate::app::AppState;
use crate::domain::instance::ActionInput;
use crate::domain::naming::Naming;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::user_directory::{self as svc, Profile, StepKind};
use crate::service::{actioning, naming, tenants};
use crate::web::reasons::path_id;
use crate::web::{
    read, render_status, see_other, write, Ctx, Form, FormErrors, PageError, Staff, Support,
};

/// Fields the apply form shows errors next to.
const FIELDS: &[&str] = &[
    "userActionId",
    "option",
    "reasonId",
    "comment",
    "expiry",
    "emailUser",
    "notifyUser",
];

/// The apply form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct ApplyForm {
    user_action_id: String,
    option: String,
    reason_id: String,
    comment: String,
    expiry: String,
    preset: String,
    #[serde(with = "crate::web::checkbox")]
    email_user: bool,
    #[serde(with = "crate::web::checkbox")]
    notify_user: bool,
}

/// A typed id: empty is absent, anything else that is no id names nothing (the nil id).
fn typed_id(text: &str) -> Option<Uuid> {
    let text = text.trim();
    (!text.is_empty()).then(|| Uuid::parse_str(text).unwrap_or_default())
}

impl ApplyForm {
    fn email(&self) -> bool {
        self.email_user
    }

    fn notify(&self) -> bool {
        self.notify_user
    }

    /// The request, without its expiry (resolved with the writer's clock).
    fn input(&self, actioner: Uuid, actionee: Uuid) -> ActionInput {
        ActionInput {
            user_action_id: typed_id(&self.user_action_id),
            actionee_user_id: Some(actionee),
            actioner_user_id: Some(actioner),
            application_ids: None,
            comment: Some(self.comment.clone()),
            email_user: Some(self.email()),
            expiry: None,
            notify_user: Some(self.notify()),
            option: Some(self.option.clone()),
            reason_id: typed_id(&self.reason_id),
            version: None,
            beyond: Default::default(),
        }
    }
}

/// The user's details, as shown.
struct Details {
    id: Uuid,
    email: String,
    name: String,
    tenant: String,
    languages: String,
    time_zone: String,
    active: bool,
    last_login: String,
}

/// One entry of the timeline, ready to show.
struct StepView {
    kind: &'static str,
    label: String,
    action: String,
    at: String,
    who: String,
    comment: String,
    reason: String,
    option: String,
    /// "old → new" for a modification, "was until …" for a cancel, "until …" for an apply.
    expiry: String,
}

/// A definition that may be applied.
struct Definition {
    id: String,
    label: String,
    /// `(name, label)`: the name is what the form sends.
    options: Vec<(String, String)>,
}

/// What the page is made of, read in one go.
struct Found {
    profile: Profile,
    naming: Naming,
    /// Whether an email to the user can be sent at all (the tenant or the server has SMTP).
    can_email: bool,
    now: i64,
}

async fn load(state: &web::Data<AppState>, id: Uuid, lang: &str) -> Result<Found, PageError> {
    let lang = lang.to_string();
    let server_smtp = state.outbound.server_smtp;
    read(state, move |conn, now| {
        let profile = svc::profile(conn, now, id)?;
        let can_email =
            tenants::email_delivery_available(conn, profile.user.tenant_id, server_smtp)?;
        Ok(Found {
            profile,
            naming: naming::for_language(conn, &lang)?,
            can_email,
            now,
        })
    })
    .await
}

#[derive(Template)]
#[template(path = "admin/users/show.html")]
struct ProfilePage {
    ctx: Ctx,
    user: Details,
    current: Vec<Running>,
    steps: Vec<StepView>,
    definitions: Vec<Definition>,
    reasons: Vec<(String, String)>,
    presets: Vec<(&'static str, String)>,
    form: ApplyForm,
    /// A typed option the chosen definition does not offer (kept so the form shows what was sent).
    option_unlisted: bool,
    /// No SMTP server for the user's tenant: "Email the user" would send nothing.
    email_unavailable: bool,
    errors: FormErrors,
}

fn page(ctx: Ctx, found: Found, form: ApplyForm, errors: FormErrors) -> ProfilePage {
    let Found {
        profile,
        naming,
        can_email,
        now,
    } = found;
    let tr = ctx.tr.clone();
    let names = Names::new(&tr, profile.people.clone());
    let user = &profile.user;
    let details = Details {
        id: user.id,
        email: user.email.clone().unwrap_or_default(),
        name: user_name(user),
        tenant: profile.tenant_name.clone(),
        languages: user.preferred_languages.join(", "),
        time_zone: user.timezone.clone().unwrap_or_default(),
        active: user.active,
        last_login: user
            .last_login_instant
            .map(|at| tr.datetime(at))
            .unwrap_or_default(),
    };
    let current = profile
        .instances
        .iter()
        .filter(|i| i.is_current(now))
        .rev()
        .map(|i| Running::new(i, now, &tr, &names, &naming))
        .collect();
    let steps = steps(&tr, &profile, now, &names, &naming);
    let definitions = profile
        .definitions
        .iter()
        .map(|d| {
            let name = naming.action(d);
            Definition {
                id: d.id.to_string(),
                label: if d.spec.temporal {
                    tr.t1("users-apply-temporal", "name", &name)
                } else {
                    name
                },
                options: d
                    .spec
                    .options
                    .iter()
                    .map(|o| (o.name.clone(), naming.option(d, &o.name)))
                    .collect(),
            }
        })
        .collect();
    let reasons = profile
        .reasons
        .iter()
        .map(|r| {
            (
                r.id.to_string(),
                format!("{} ({})", naming.reason(r), r.spec.code),
            )
        })
        .collect();
    let option_unlisted = !form.option.is_empty()
        && !profile
            .definitions
            .iter()
            .filter(|d| d.id.to_string() == form.user_action_id)
            .any(|d| d.spec.options.iter().any(|o| o.name == form.option));
    ProfilePage {
        option_unlisted,
        email_unavailable: !can_email,
        presets: presets(&tr, &FROM_NOW),
        ctx,
        user: details,
        current,
        steps,
        definitions,
        reasons,
        form,
        errors,
    }
}

/// (value, label) of preset radios.
pub(super) fn presets(tr: &Tr, values: &[&'static str]) -> Vec<(&'static str, String)> {
    values
        .iter()
        .map(|v| (*v, tr.t(&format!("users-preset-{v}"))))
        .collect()
}

fn steps(tr: &Tr, profile: &Profile, now: i64, names: &Names, naming: &Naming) -> Vec<StepView> {
    let labels = [
        StepKind::Applied,
        StepKind::Instant,
        StepKind::Modified,
        StepKind::Cancelled,
        StepKind::Ended,
    ]
    .map(|k| (k, tr.t(&format!("users-step-{}", k.as_str()))));
    let label = |kind: StepKind| {
        labels
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    svc::timeline(&profile.instances, now)
        .into_iter()
        .map(|step| {
            let expiry = match (step.kind, step.expiry_before, step.expiry) {
                (StepKind::Applied, _, Some(new)) => {
                    tr.t1("users-step-until", "expiry", tr.datetime(new))
                }
                (StepKind::Modified, Some(old), Some(new)) => tr.t2(
                    "users-step-expiry-change",
                    "old",
                    tr.datetime(old),
                    "new",
                    tr.datetime(new),
                ),
                (StepKind::Cancelled, Some(old), _) => {
                    tr.t1("users-step-was-until", "expiry", tr.datetime(old))
                }
                _ => String::new(),
            };
            let reason = reason_text(step.instance, naming);
            let option = naming.option_of(step.instance);
            StepView {
                kind: step.kind.as_str(),
                label: label(step.kind),
                action: naming.action_of(step.instance),
                at: tr.datetime(step.at),
                who: tr.t1("users-step-by", "who", names.of(step.actioner)),
                comment: step
                    .comment
                    .map(|c| tr.t1("users-step-comment", "comment", c))
                    .unwrap_or_default(),
                reason: if reason.is_empty() {
                    reason
                } else {
                    tr.t1("users-step-reason", "reason", &reason)
                },
                option: if option.is_empty() {
                    String::new()
                } else {
                    tr.t1("users-step-option", "option", &option)
                },
                expiry,
            }
        })
        .collect()
}

pub(super) async fn show(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let found = load(&state, id, &staff.tr().lang).await?;
    let page = page(
        staff.ctx("users"),
        found,
        ApplyForm::default(),
        FormErrors::none(),
    );
    render_status(StatusCode::OK, &page)
}

pub(super) async fn apply(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    path: web::Path<String>,
    Form(form): Form<ApplyForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let typed = expiry::typed(staff.tr(), &form.expiry);
    let mut input = form.input(staff.member.id, id);
    let preset = form.preset.clone();
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let applied = write(&state, move |conn, now| {
        input.expiry = expiry::resolve(typed, &preset, now, None)
            .map_err(|()| FieldErrors::single(Kind::Invalid, "action.expiry"))?;
        actioning::apply(conn, now, None, input, publish(&app, &ip))
    })
    .await?;
    match applied {
        Ok(_) => Ok(see_other(&format!("/admin/users/{id}?done=applied"))),
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), FIELDS);
            let found = load(&state, id, &staff.tr().lang).await?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(staff.ctx("users"), found, form, errors),
            )
        }
    }
}
