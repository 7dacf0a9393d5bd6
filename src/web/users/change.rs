//! Changing a running action of a user: a new expiry (extend or shorten), a new comment, or
//! cancelling it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::expiry::{self, Typed, FROM_CURRENT, FROM_NOW, KEEP};
use super::notes::{is_admin, NoteDraft, NoteView};
use super::profile::presets;
use super::{ids, publish, user_name, Running};
use crate::app::AppState;
use crate::domain::instance::ActionInput;
use crate::domain::instance_version::{version, ChangeSince};
use crate::domain::naming::Naming;
use crate::domain::user::User;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::instance_changes::{self as changes, Outcome};
use crate::service::naming;
use crate::service::staff_notes::{self, Notes};
use crate::service::user_directory::{self as svc, UserInstance};
use crate::web::names::Names;
use crate::web::{
    read, render_status, see_other, write_locked, Ctx, Form, FormErrors, PageError, Staff, Support,
};

/// Fields the change and cancel forms show errors next to.
const FIELDS: &[&str] = &[
    "expiry",
    "comment",
    "emailUser",
    "notifyUser",
    "startInstant",
];

/// The change form (or the cancel form, which has no expiry) as typed.
#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct ChangeForm {
    expiry: String,
    /// The expiry the page showed in the field (the current one): unchanged, it asks for nothing.
    shown: String,
    preset: String,
    comment: String,
    #[serde(with = "crate::web::checkbox")]
    email_user: bool,
    #[serde(with = "crate::web::checkbox")]
    notify_user: bool,
    /// The instance's version the page showed: a save from an older page is refused.
    version: String,
    /// A scheduled instance's start, typed in the member's zone.
    start_instant: String,
    /// The start the page showed in that field: unchanged, it asks for no move.
    start_shown: String,
}

impl Default for ChangeForm {
    fn default() -> Self {
        ChangeForm {
            expiry: String::new(),
            shown: String::new(),
            preset: KEEP.to_string(),
            comment: String::new(),
            email_user: false,
            notify_user: false,
            version: String::new(),
            start_instant: String::new(),
            start_shown: String::new(),
        }
    }
}

impl ChangeForm {
    fn email(&self) -> bool {
        self.email_user
    }

    fn notify(&self) -> bool {
        self.notify_user
    }

    fn seen(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }

    /// The form again over a newer version: the field shows the current expiry again, so a
    /// re-save asks for what is typed.
    fn over_current(&mut self, tr: &Tr, current: Option<i64>) {
        let shown = expiry::input_value(tr, current.unwrap_or_default());
        if self.expiry == self.shown {
            self.expiry = shown.clone();
        }
        self.shown = shown;
    }

    fn input(&self, actioner: Uuid) -> ActionInput {
        ActionInput {
            actioner_user_id: Some(actioner),
            comment: Some(self.comment.clone()),
            email_user: Some(self.email()),
            notify_user: Some(self.notify()),
            ..ActionInput::default()
        }
    }
}

#[derive(Template)]
#[template(path = "admin/users/change.html")]
struct ChangePage {
    ctx: Ctx,
    user_id: Uuid,
    user_label: String,
    instance: Running,
    /// Days can be added to or taken from the current expiry (it is not "forever").
    shiftable: bool,
    presets: Vec<(&'static str, String)>,
    shifts: Vec<(&'static str, String)>,
    form: ChangeForm,
    errors: FormErrors,
    cancel: ChangeForm,
    cancel_errors: FormErrors,
    /// What changed since the page the refused form came from: when, and what.
    stale: Vec<(String, String)>,
    version: i64,
    /// The instance waits for its start: the form can move it.
    scheduled: bool,
    notes: Vec<NoteView>,
    note: NoteDraft,
    zone: String,
}

struct Forms {
    change: ChangeForm,
    errors: FormErrors,
    cancel: ChangeForm,
    cancel_errors: FormErrors,
    stale: Vec<ChangeSince>,
    note: NoteDraft,
}

impl Default for Forms {
    fn default() -> Self {
        Forms {
            change: ChangeForm::default(),
            errors: FormErrors::none(),
            cancel: ChangeForm::default(),
            cancel_errors: FormErrors::none(),
            stale: Vec::new(),
            note: NoteDraft::default(),
        }
    }
}

/// The viewer, for the notes they may delete.
type Viewer = (Uuid, bool);

fn viewer(staff: &Staff<Support>) -> Viewer {
    (staff.member.id, is_admin(staff))
}

/// The user as the heading names them: name and email, else whichever they have.
fn user_label(tr: &Tr, user: &User) -> String {
    let name = user_name(user);
    match (&user.email, name.is_empty()) {
        (Some(email), true) => email.clone(),
        (Some(email), false) => tr.t2("users-person", "name", &name, "email", email),
        (None, _) => name,
    }
}

fn page(ctx: Ctx, viewer: Viewer, loaded: Loaded, forms: Forms) -> ChangePage {
    let Loaded {
        found,
        naming,
        notes,
        now,
    } = loaded;
    let tr = ctx.tr.clone();
    let mut people = found.people.clone();
    people.extend(notes.authors.clone());
    let names = Names::new(&tr, people);
    let notes = notes
        .notes
        .iter()
        .map(|n| NoteView::new(n, &tr, &names, viewer.0, viewer.1))
        .collect();
    let instance = Running::new(&found.instance, now, &tr, &names, &naming);
    let user = &found.user;
    let stale = forms
        .stale
        .iter()
        .map(|c| change_line(&tr, &names, c))
        .collect();
    ChangePage {
        scheduled: found.instance.start_instant.is_some_and(|s| s > now)
            && found.instance.is_changeable(now),
        notes,
        note: forms.note,
        zone: tr.zone(),
        stale,
        version: version(&found.instance),
        user_id: user.id,
        user_label: user_label(&tr, user),
        shiftable: found
            .instance
            .expiry
            .is_some_and(|e| e < crate::domain::instance::FOREVER),
        presets: presets(&tr, &FROM_NOW),
        shifts: presets(&tr, &FROM_CURRENT),
        instance,
        form: forms.change,
        errors: forms.errors,
        cancel: forms.cancel,
        cancel_errors: forms.cancel_errors,
        ctx,
    }
}

impl Forms {
    /// The change form as the instance stands, with `note` as drafted.
    fn of_current(tr: &Tr, loaded: &Loaded, note: NoteDraft) -> Forms {
        let mut forms = Forms {
            note,
            ..Forms::default()
        };
        let current = &loaded.found.instance;
        // Starts from the current comment, so changing only the expiry keeps it.
        forms.change.comment = current.comment.clone().unwrap_or_default();
        // Shows the current expiry where a new one is typed.
        if let Some(at) = current.expiry {
            forms.change.expiry = expiry::input_value(tr, at);
            forms.change.shown = forms.change.expiry.clone();
        }
        if let Some(at) = current.start_instant {
            forms.change.start_instant = expiry::input_value(tr, at);
            forms.change.start_shown = forms.change.start_instant.clone();
        }
        forms
    }
}

/// The instance, the names to show it with, and the time it was read.
struct Loaded {
    found: UserInstance,
    naming: Naming,
    notes: Notes,
    now: i64,
}

async fn load(
    state: &web::Data<AppState>,
    user: Uuid,
    instance: Uuid,
    lang: &str,
) -> Result<Loaded, PageError> {
    let lang = lang.to_string();
    read(state, move |conn, now| {
        Ok(Loaded {
            found: svc::user_instance(conn, user, instance)?,
            naming: naming::for_language(conn, &lang)?,
            notes: staff_notes::for_instance(conn, instance)?,
            now,
        })
    })
    .await
}

pub(super) async fn show(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let (user, instance) = ids(&path)?;
    let note = NoteDraft::default();
    current(&state, &staff, (user, instance), note, StatusCode::OK).await
}

/// The page again with the note form refused.
pub(super) async fn again_with_note(
    state: &web::Data<AppState>,
    staff: &Staff<Support>,
    ids: (Uuid, Uuid),
    note: NoteDraft,
) -> Result<HttpResponse, PageError> {
    current(state, staff, ids, note, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The page read afresh, its change forms showing the current values, and `note` in the
/// note form.
async fn current(
    state: &web::Data<AppState>,
    staff: &Staff<Support>,
    (user, instance): (Uuid, Uuid),
    note: NoteDraft,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let loaded = load(state, user, instance, &staff.tr().lang).await?;
    let forms = Forms::of_current(staff.tr(), &loaded, note);
    render_status(
        status,
        &page(staff.ctx("users"), viewer(staff), loaded, forms),
    )
}

/// One change the page did not show: when, and who did what in words.
fn change_line(tr: &Tr, names: &Names, c: &ChangeSince) -> (String, String) {
    let when = tr.datetime(c.at);
    let who = names.of(c.by);
    let at = |e: Option<i64>| e.map(|e| tr.datetime(e)).unwrap_or_default();
    let what = if c.cancelled {
        tr.t("users-stale-cancelled")
    } else if c.expiry_before != c.expiry_after {
        tr.t2(
            "users-stale-expiry",
            "before",
            at(c.expiry_before),
            "after",
            at(c.expiry_after),
        )
    } else {
        String::new()
    };
    let comment = if c.comment_changed {
        tr.t1(
            "users-stale-comment",
            "comment",
            c.comment_after.as_deref().unwrap_or_default(),
        )
    } else {
        String::new()
    };
    let what = [what, comment]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    (when, tr.t2("users-stale-line", "who", &who, "what", &what))
}

/// Which of the two forms a refused save came from.
enum Which {
    Change,
    Cancel,
}

/// Back to the user once saved; else the page again: 409 with what changed since for a stale
/// page (the form keeps what was typed, now over the current version), or 422 with the errors.
async fn answer(
    state: &web::Data<AppState>,
    staff: &Staff<Support>,
    (user, instance): (Uuid, Uuid),
    which: Which,
    form: ChangeForm,
    outcome: Result<Outcome, FieldErrors>,
) -> Result<HttpResponse, PageError> {
    if let Ok(Outcome::Done(_)) = outcome {
        let done = match which {
            Which::Change => "modified",
            Which::Cancel => "cancelled",
        };
        return Ok(see_other(&format!("/admin/users/{user}?done={done}")));
    }
    let loaded = load(state, user, instance, &staff.tr().lang).await?;
    let mut forms = Forms::default();
    let status = match outcome {
        Ok(Outcome::Stale { changes }) => {
            forms.stale = changes;
            StatusCode::CONFLICT
        }
        Ok(Outcome::Done(_)) => StatusCode::OK,
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), FIELDS);
            match which {
                Which::Change => forms.errors = errors,
                Which::Cancel => forms.cancel_errors = errors,
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    match which {
        Which::Change => {
            forms.change = form;
            if status == StatusCode::CONFLICT {
                forms
                    .change
                    .over_current(staff.tr(), loaded.found.instance.expiry);
            }
        }
        Which::Cancel => forms.cancel = form,
    }
    render_status(
        status,
        &page(staff.ctx("users"), viewer(staff), loaded, forms),
    )
}

pub(super) async fn modify(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<HttpResponse, PageError> {
    let (user, instance) = ids(&path)?;
    let typed = expiry::typed_over(staff.tr(), &form.expiry, &form.shown);
    let start = expiry::typed_over(staff.tr(), &form.start_instant, &form.start_shown);
    let (mut input, preset, seen) = (
        form.input(staff.member.id),
        form.preset.clone(),
        form.seen(),
    );
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let changed = write_locked(&state, changes::locks(instance), move |conn, now| {
        input.beyond.start_instant = match start {
            Typed::Empty => None,
            Typed::At(at) => Some(at),
            Typed::Unreadable => {
                return Err(FieldErrors::single(Kind::Invalid, "action.startInstant").into())
            }
        };
        let asked = |current| expiry::resolve(typed, &preset, now, current);
        let published = publish(&app, &ip);
        changes::change(conn, now, user, instance, seen, input, asked, published)
    })
    .await?;
    answer(
        &state,
        &staff,
        (user, instance),
        Which::Change,
        form,
        changed,
    )
    .await
}

pub(super) async fn cancel(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<HttpResponse, PageError> {
    let (user, instance) = ids(&path)?;
    let (input, seen) = (form.input(staff.member.id), form.seen());
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let cancelled = write_locked(&state, changes::locks(instance), move |conn, now| {
        changes::cancel(conn, now, user, instance, seen, input, publish(&app, &ip))
    })
    .await?;
    answer(
        &state,
        &staff,
        (user, instance),
        Which::Cancel,
        form,
        cancelled,
    )
    .await
}
