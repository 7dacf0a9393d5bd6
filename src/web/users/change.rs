//! Changing a running action of a user: a new expiry (extend or shorten), a new comment, or
//! cancelling it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::expiry::{self, FROM_CURRENT, FROM_NOW, KEEP};
use super::profile::presets;
use super::{ids, publish, user_name, Names, Running};
use crate::app::AppState;
use crate::domain::instance::ActionInput;
use crate::domain::naming::Naming;
use crate::domain::{FieldErrors, Kind};
use crate::service::user_directory::{self as svc, UserInstance};
use crate::service::{actioning, naming};
use crate::web::{
    read, render_status, see_other, write, Ctx, Form, FormErrors, PageError, Staff, Support,
};

/// Fields the change and cancel forms show errors next to.
const FIELDS: &[&str] = &["expiry", "comment", "emailUser", "notifyUser"];

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
}

struct Forms {
    change: ChangeForm,
    errors: FormErrors,
    cancel: ChangeForm,
    cancel_errors: FormErrors,
}

impl Default for Forms {
    fn default() -> Self {
        Forms {
            change: ChangeForm::default(),
            errors: FormErrors::none(),
            cancel: ChangeForm::default(),
            cancel_errors: FormErrors::none(),
        }
    }
}

fn page(ctx: Ctx, loaded: Loaded, forms: Forms) -> ChangePage {
    let Loaded { found, naming, now } = loaded;
    let tr = ctx.tr.clone();
    let names = Names::new(&tr, found.people.clone());
    let instance = Running::new(&found.instance, now, &tr, &names, &naming);
    let user = &found.user;
    let name = user_name(user);
    let user_label = match (&user.email, name.is_empty()) {
        (Some(email), true) => email.clone(),
        (Some(email), false) => tr.t2("users-person", "name", &name, "email", email),
        (None, _) => name,
    };
    ChangePage {
        user_id: user.id,
        user_label,
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

/// The instance, the names to show it with, and the time it was read.
struct Loaded {
    found: UserInstance,
    naming: Naming,
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
    let loaded = load(&state, user, instance, &staff.tr().lang).await?;
    // Starts from the current comment, so changing only the expiry keeps it.
    let mut forms = Forms::default();
    let current = &loaded.found.instance;
    forms.change.comment = current.comment.clone().unwrap_or_default();
    // Shows the current expiry where a new one is typed.
    if let Some(at) = current.expiry {
        forms.change.expiry = expiry::input_value(staff.tr(), at);
        forms.change.shown = forms.change.expiry.clone();
    }
    render_status(StatusCode::OK, &page(staff.ctx("users"), loaded, forms))
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
    let mut input = form.input(staff.member.id);
    let preset = form.preset.clone();
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let changed = write(&state, move |conn, now| {
        let current = svc::user_instance(conn, user, instance)?.instance.expiry;
        input.expiry = expiry::resolve(typed, &preset, now, current)
            .map_err(|()| FieldErrors::single(Kind::Invalid, "action.expiry"))?;
        actioning::modify(conn, now, None, instance, input, publish(&app, &ip))
    })
    .await?;
    match changed {
        Ok(_) => Ok(see_other(&format!("/admin/users/{user}?done=modified"))),
        Err(errors) => {
            let forms = Forms {
                errors: FormErrors::new(&errors, staff.tr(), FIELDS),
                change: form,
                ..Forms::default()
            };
            let loaded = load(&state, user, instance, &staff.tr().lang).await?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(staff.ctx("users"), loaded, forms),
            )
        }
    }
}

pub(super) async fn cancel(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<HttpResponse, PageError> {
    let (user, instance) = ids(&path)?;
    let input = form.input(staff.member.id);
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let cancelled = write(&state, move |conn, now| {
        // Only the user's own instance, as on the page the form came from.
        svc::user_instance(conn, user, instance)?;
        actioning::cancel(conn, now, None, instance, input, publish(&app, &ip))
    })
    .await?;
    match cancelled {
        Ok(_) => Ok(see_other(&format!("/admin/users/{user}?done=cancelled"))),
        Err(errors) => {
            let forms = Forms {
                cancel_errors: FormErrors::new(&errors, staff.tr(), FIELDS),
                cancel: form,
                ..Forms::default()
            };
            let loaded = load(&state, user, instance, &staff.tr().lang).await?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(staff.ctx("users"), loaded, forms),
            )
        }
    }
}
