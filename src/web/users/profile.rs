//! A user's page: details, current actions, the whole history, and the form to apply an action.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::expiry::{self, Typed, FROM_NOW};
use super::notes::{is_admin, NoteDraft, NoteView};
use super::{publish, reason_text, user_name, Names, Running};
use crate::app::AppState;
use crate::domain::instance::{ActionInput, Instance, State, FOREVER};
use crate::domain::lifecycle::{expiry_after, ActionKind, Step};
use crate::domain::naming::Naming;
use crate::domain::staff_note::StaffNote;
use crate::domain::user_action::UserAction;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::actioning::Publish;
use crate::service::lifecycle::ConfirmedApply;
use crate::service::runner::Connection;
use crate::service::staff_notes::{self, Notes};
use crate::service::user_directory::{self as svc, Profile, StepKind};
use crate::service::ServiceResult;
use crate::service::{lifecycle, naming, tenants};
use crate::web::path_id;
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
    "startInstant",
    "escalate",
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
    /// When a temporal action starts, typed in the member's zone; empty starts it now.
    start_instant: String,
    /// Take the expiry from the definition's escalation ladder.
    #[serde(with = "crate::web::checkbox")]
    escalate: bool,
    /// The ladder step the agent saw and confirmed; empty until the step was shown.
    confirmed_step: String,
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

    fn confirmed(&self) -> Option<usize> {
        self.confirmed_step.trim().parse().ok()
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
            beyond: crate::domain::lifecycle::ApplyInput {
                start_instant: None,
                escalate: self.escalate.then_some(true),
            },
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
    at_ms: i64,
    /// A staff note: its id, text, and whether the viewer may delete it.
    note: Option<(Uuid, String, bool)>,
}

/// A definition that may be applied.
struct Definition {
    id: String,
    label: String,
    /// `(name, label)`: the name is what the form sends.
    options: Vec<(String, String)>,
    temporal: bool,
    /// It has an escalation ladder.
    ladder: bool,
}

/// Current instances of one kind, so penalties never mix with entitlements.
struct KindGroup {
    kind: &'static str,
    heading: String,
    rows: Vec<Running>,
}

/// The ladder step an escalating apply would take, shown before the agent confirms.
struct EscalationPreview {
    step: usize,
    /// "Step 2 of the ladder: 7 days".
    text: String,
    /// "Until …" in the member's zone.
    until: String,
}

/// What the page is made of, read in one go.
struct Found {
    profile: Profile,
    naming: Naming,
    /// Whether an email to the user can be sent at all (the tenant or the server has SMTP).
    can_email: bool,
    /// The current instances by their definition's kind.
    current: Vec<(ActionKind, Vec<Instance>)>,
    notes: Notes,
    now: i64,
}

async fn load(state: &web::Data<AppState>, id: Uuid, lang: &str) -> Result<Found, PageError> {
    let lang = lang.to_string();
    let server_smtp = state.outbound.server_smtp;
    read(state, move |conn, now| {
        let profile = svc::profile(conn, now, id)?;
        let can_email =
            tenants::email_delivery_available(conn, profile.user.tenant_id, server_smtp)?;
        let current = profile
            .instances
            .iter()
            .filter(|i| i.is_current(now))
            .rev()
            .cloned()
            .collect();
        Ok(Found {
            current: lifecycle::group_by_kind(conn, current)?,
            notes: staff_notes::for_user(conn, id)?,
            naming: naming::for_language(conn, &lang)?,
            profile,
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
    groups: Vec<KindGroup>,
    /// Applied with a start still to come.
    scheduled: Vec<Running>,
    steps: Vec<StepView>,
    note: NoteDraft,
    /// The member's zone, named beside every time typed or shown.
    zone: String,
    /// Set after "escalate": the step the apply will take, to confirm.
    escalation: Option<EscalationPreview>,
    /// Some definition has an escalation ladder: the form offers "escalate".
    any_ladder: bool,
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

/// What besides the apply form a page shows again: the note form, the step to confirm.
#[derive(Default)]
struct Extras {
    note: NoteDraft,
    escalation: Option<(Step, i64)>,
}

/// The viewer, for what they may delete.
struct Viewer {
    id: Uuid,
    admin: bool,
}

impl Details {
    fn new(profile: &Profile, tr: &Tr) -> Details {
        let user = &profile.user;
        Details {
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
        }
    }
}

/// What every row of the page needs to name people and actions in the viewer's language.
struct Shown<'a> {
    tr: &'a Tr,
    names: &'a Names<'a>,
    naming: &'a Naming,
    now: i64,
}

impl Shown<'_> {
    fn running(&self, instance: &Instance) -> Running {
        Running::new(instance, self.now, self.tr, self.names, self.naming)
    }

    /// Applied with a start still to come.
    fn scheduled(&self, instances: &[Instance]) -> Vec<Running> {
        instances
            .iter()
            .filter(|i| i.state(self.now) == State::Scheduled)
            .map(|i| self.running(i))
            .collect()
    }
}

impl KindGroup {
    fn new(kind: ActionKind, instances: &[Instance], shown: &Shown) -> KindGroup {
        KindGroup {
            kind: kind.as_str(),
            heading: shown.tr.t(&format!("users-kind-{}", kind.as_str())),
            rows: instances.iter().map(|i| shown.running(i)).collect(),
        }
    }
}

impl Definition {
    /// A definition as the apply form offers it: temporal ones say so in their label.
    fn new(definition: &UserAction, tr: &Tr, naming: &Naming) -> Definition {
        let name = naming.action(definition);
        let spec = &definition.spec;
        Definition {
            id: definition.id.to_string(),
            label: if spec.temporal {
                tr.t1("users-apply-temporal", "name", &name)
            } else {
                name
            },
            options: spec
                .options
                .iter()
                .map(|o| (o.name.clone(), naming.option(definition, &o.name)))
                .collect(),
            temporal: spec.temporal,
            ladder: spec.beyond.escalation.is_some(),
        }
    }
}

/// The apply form's reasons, `(id, "Text (CODE)")`.
fn reason_choices(profile: &Profile, naming: &Naming) -> Vec<(String, String)> {
    profile
        .reasons
        .iter()
        .map(|r| (r.id.to_string(), naming.reason_with_code(r)))
        .collect()
}

impl ApplyForm {
    /// The typed option is not one the chosen definition offers.
    fn option_unlisted(&self, definitions: &[UserAction]) -> bool {
        !self.option.is_empty()
            && !definitions
                .iter()
                .filter(|d| d.id.to_string() == self.user_action_id)
                .any(|d| d.spec.options.iter().any(|o| o.name == self.option))
    }
}

impl EscalationPreview {
    fn new((step, start): (Step, i64), tr: &Tr) -> EscalationPreview {
        EscalationPreview {
            step: step.step,
            text: tr.t2(
                "lifecycle-escalation-step",
                "step",
                step.step,
                "duration",
                if step.duration == FOREVER {
                    tr.t("lifecycle-escalation-permanent")
                } else {
                    tr.duration(step.duration)
                },
            ),
            until: tr.t1(
                "users-step-until",
                "expiry",
                tr.datetime(expiry_after(start, step.duration)),
            ),
        }
    }
}

/// Everyone the page names: who acted on the user's instances and who wrote a note.
fn names_on_page<'a>(tr: &'a Tr, profile: &Profile, notes: &Notes) -> Names<'a> {
    let mut people = profile.people.clone();
    people.extend(notes.authors.clone());
    Names::new(tr, people)
}

/// The page from what was read, with the apply form as typed and whatever else is shown again.
fn page(
    ctx: Ctx,
    viewer: Viewer,
    found: Found,
    (form, errors): (ApplyForm, FormErrors),
    extras: Extras,
) -> ProfilePage {
    let Found {
        profile,
        naming,
        can_email,
        current,
        notes,
        now,
    } = found;
    let tr = ctx.tr.clone();
    let names = names_on_page(&tr, &profile, &notes);
    let shown = Shown {
        tr: &tr,
        names: &names,
        naming: &naming,
        now,
    };
    let definitions: Vec<Definition> = profile
        .definitions
        .iter()
        .map(|d| Definition::new(d, &tr, &naming))
        .collect();
    ProfilePage {
        option_unlisted: form.option_unlisted(&profile.definitions),
        email_unavailable: !can_email,
        presets: presets(&tr, &FROM_NOW),
        zone: tr.zone(),
        any_ladder: definitions.iter().any(|d| d.ladder),
        escalation: extras.escalation.map(|e| EscalationPreview::new(e, &tr)),
        note: extras.note,
        user: Details::new(&profile, &tr),
        groups: current
            .iter()
            .map(|(k, i)| KindGroup::new(*k, i, &shown))
            .collect(),
        scheduled: shown.scheduled(&profile.instances),
        steps: steps(&profile, &shown, &notes.notes, &viewer),
        definitions,
        reasons: reason_choices(&profile, &naming),
        ctx,
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

impl StepView {
    /// A step of an instance's history: applied, started, modified, cancelled or ended.
    fn from_step(step: &svc::Step, label: String, shown: &Shown) -> StepView {
        let Shown {
            tr, names, naming, ..
        } = shown;
        let reason = reason_text(step.instance, naming);
        let option = naming.option_of(step.instance);
        StepView {
            kind: step.kind.as_str(),
            label,
            action: naming.action_of(step.instance),
            at: tr.datetime(step.at),
            at_ms: step.at,
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
            expiry: step_expiry(step, tr),
            note: None,
        }
    }

    /// A staff note, placed in the timeline at the moment it was written.
    fn from_note(note: NoteView, label: String, action: String) -> StepView {
        StepView {
            kind: "note",
            label,
            action,
            at: note.when,
            at_ms: note.at,
            who: note.who,
            comment: String::new(),
            reason: String::new(),
            option: String::new(),
            expiry: String::new(),
            note: Some((note.id, note.body, note.deletable)),
        }
    }
}

/// How a step moved the expiry: "until …", "old → new", or "was until …".
fn step_expiry(step: &svc::Step, tr: &Tr) -> String {
    match (step.kind, step.expiry_before, step.expiry) {
        (StepKind::Applied, _, Some(new)) => tr.t1("users-step-until", "expiry", tr.datetime(new)),
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
    }
}

/// The whole history: every instance's steps and the staff notes, newest first.
fn steps(profile: &Profile, shown: &Shown, notes: &[StaffNote], viewer: &Viewer) -> Vec<StepView> {
    let tr = shown.tr;
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
    let action_of = |id: Uuid| {
        profile
            .instances
            .iter()
            .find(|i| i.id == id)
            .map(|i| shown.naming.action_of(i))
            .unwrap_or_default()
    };
    let notes = notes.iter().map(|note| {
        let note = NoteView::new(note, tr, shown.names, viewer.id, viewer.admin);
        let action = note.instance.map(action_of).unwrap_or_default();
        StepView::from_note(note, tr.t("users-step-note"), action)
    });
    let mut steps: Vec<StepView> = svc::timeline(&profile.instances, shown.now)
        .iter()
        .map(|step| StepView::from_step(step, label(step.kind), shown))
        .collect();
    // Notes join the steps, newest first; the sort is stable, so a note written at the moment
    // of a step follows it.
    steps.extend(notes);
    steps.sort_by_key(|s| std::cmp::Reverse(s.at_ms));
    steps
}

fn viewer(staff: &Staff<Support>) -> Viewer {
    Viewer {
        id: staff.member.id,
        admin: is_admin(staff),
    }
}

/// The page read afresh and shown with `form` and `extras`: the one way every handler renders.
async fn render_page(
    state: &web::Data<AppState>,
    staff: &Staff<Support>,
    id: Uuid,
    form: (ApplyForm, FormErrors),
    extras: Extras,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let found = load(state, id, &staff.tr().lang).await?;
    let page = page(staff.ctx("users"), viewer(staff), found, form, extras);
    render_status(status, &page)
}

pub(super) async fn show(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let form = (ApplyForm::default(), FormErrors::none());
    render_page(&state, &staff, id, form, Extras::default(), StatusCode::OK).await
}

/// The page again with the note form refused.
pub(super) async fn again_with_note(
    state: &web::Data<AppState>,
    staff: &Staff<Support>,
    id: Uuid,
    note: NoteDraft,
) -> Result<HttpResponse, PageError> {
    let form = (ApplyForm::default(), FormErrors::none());
    let extras = Extras {
        note,
        escalation: None,
    };
    render_page(
        state,
        staff,
        id,
        form,
        extras,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// How an apply from the form ended.
enum Applied {
    Done,
    /// An escalating apply whose step the agent has not confirmed (or that moved since they
    /// saw it): nothing was written; the step and the start it counts from.
    Confirm(Step, i64),
}

/// An apply as typed, its times read in the agent's zone but not yet resolved against the clock.
struct ApplyRequest {
    input: ActionInput,
    expiry: Typed,
    start: Typed,
    preset: String,
    /// The ladder step the agent confirmed, if they were shown one.
    confirmed: Option<usize>,
}

impl ApplyRequest {
    fn new(form: &ApplyForm, tr: &Tr, actioner: Uuid, actionee: Uuid) -> ApplyRequest {
        ApplyRequest {
            input: form.input(actioner, actionee),
            expiry: expiry::typed(tr, &form.expiry),
            start: expiry::typed(tr, &form.start_instant),
            preset: form.preset.clone(),
            confirmed: form.confirmed(),
        }
    }

    /// The times as typed, then the apply (`lifecycle::apply_confirmed`).
    fn apply(self, conn: &mut Connection, now: i64, publish: Publish) -> ServiceResult<Applied> {
        let ApplyRequest {
            mut input,
            expiry,
            start,
            preset,
            confirmed,
        } = self;
        let start = match start {
            Typed::Empty => None,
            Typed::At(at) => Some(at),
            Typed::Unreadable => {
                return Err(FieldErrors::single(Kind::Invalid, "action.startInstant").into())
            }
        };
        input.beyond.start_instant = start;
        // Durations count from the start when one is set.
        input.expiry = expiry::resolve(expiry, &preset, start.unwrap_or(now), None)
            .map_err(|()| FieldErrors::single(Kind::Invalid, "action.expiry"))?;
        Ok(
            match lifecycle::apply_confirmed(conn, now, input, confirmed, publish)? {
                ConfirmedApply::Done => Applied::Done,
                ConfirmedApply::Confirm(step) => Applied::Confirm(step, start.unwrap_or(now)),
            },
        )
    }
}

pub(super) async fn apply(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    path: web::Path<String>,
    Form(form): Form<ApplyForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let request = ApplyRequest::new(&form, staff.tr(), staff.member.id, id);
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let applied = write(&state, move |conn, now| {
        request.apply(conn, now, publish(&app, &ip))
    })
    .await?;
    let (errors, escalation, status) = match applied {
        Ok(Applied::Done) => return Ok(see_other(&format!("/admin/users/{id}?done=applied"))),
        Ok(Applied::Confirm(step, start)) => {
            (FormErrors::none(), Some((step, start)), StatusCode::OK)
        }
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), FIELDS);
            (errors, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    let extras = Extras {
        note: NoteDraft::default(),
        escalation,
    };
    render_page(&state, &staff, id, (form, errors), extras, status).await
}
