//! Pages with one button that acts once confirmed (delete, replay): the one confirm-delete page
//! (what will be deleted, what follows, one danger button; a page that cannot delete says why
//! instead, `refusal`), and the two handlers such pages share.

use std::marker::PhantomData;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::page::Ctx;
use super::{form_again, path_id, read, render, see_other, write, Admin, Form, PageError, Staff};
use crate::app::AppState;
use crate::domain::FieldErrors;
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

/// A confirmation form: nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Confirm {}

/// A page about thing `id` with one button: what the button does may be refused, and the page
/// then says why.
pub trait Confirmed: 'static {
    /// The navigation entry the page sits under.
    const SECTION: &'static str;
    /// The message id of a refusal, unless `refusal` says more.
    const REFUSED: &'static str = "form-error-cannotDelete";
    /// What the page shows, read in one go.
    type Loaded: Send + 'static;
    type Page: Template;

    /// Reads what the page about `id` shows.
    fn load(conn: &mut Connection, state: &AppState, id: Uuid) -> ServiceResult<Self::Loaded>;

    /// The page; `error` says why the button's action was refused.
    fn page(ctx: Ctx, loaded: Self::Loaded, error: Option<String>) -> Self::Page;

    /// What the button does to `id`; a refusal comes back as field errors.
    fn act(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()>;

    /// Why the service refused, for the page.
    fn refusal(tr: &Tr, _errors: &FieldErrors) -> String {
        tr.t(Self::REFUSED)
    }

    /// Where to go once done.
    fn done(state: &AppState, staff: &Staff<Admin>, id: Uuid) -> String;
}

/// `GET path` shows the page, `POST path` acts.
pub fn routes<C: Confirmed>(cfg: &mut web::ServiceConfig, path: &str) {
    cfg.route(path, web::get().to(show::<C>))
        .route(path, web::post().to(act::<C>));
}

async fn page<C: Confirmed>(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Uuid,
    error: Option<String>,
) -> Result<C::Page, PageError> {
    let shared = state.clone();
    let loaded = read(state, move |conn, _| C::load(conn, &shared, id)).await?;
    Ok(C::page(staff.ctx(C::SECTION), loaded, error))
}

pub async fn show<C: Confirmed>(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    render(&page::<C>(&state, &staff, path_id(&path)?, None).await?)
}

pub async fn act<C: Confirmed>(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    match write(&state, move |conn, now| C::act(conn, now, id)).await? {
        Ok(()) => Ok(see_other(&C::done(&state, &staff, id))),
        Err(errors) => {
            let error = C::refusal(staff.tr(), &errors);
            form_again(&page::<C>(&state, &staff, id, Some(error)).await?)
        }
    }
}

/// A thing deleted from the one confirm-delete page ([`ConfirmDelete`]), then gone back to its
/// list: `confirm::routes::<Delete<D>>`.
pub trait Deletion: 'static {
    /// The navigation entry the page sits under.
    const SECTION: &'static str;
    /// The list the thing is deleted from: "Cancel" and a done delete go back there.
    const LIST: &'static str;
    /// The message id of a refusal, unless `refusal` says more.
    const REFUSED: &'static str = "form-error-cannotDelete";
    type Thing: Send + 'static;

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<Self::Thing>;

    fn delete(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()>;

    /// The page asking to delete `thing`; a failed attempt's error is added to it.
    fn page(ctx: Ctx, thing: Self::Thing) -> ConfirmDelete;

    /// Why the service refused, for the page.
    fn refusal(tr: &Tr, _errors: &FieldErrors) -> String {
        tr.t(Self::REFUSED)
    }
}

/// The [`Confirmed`] page of a [`Deletion`].
pub struct Delete<D>(PhantomData<D>);

impl<D: Deletion> Confirmed for Delete<D> {
    const SECTION: &'static str = D::SECTION;
    type Loaded = D::Thing;
    type Page = ConfirmDelete;

    fn load(conn: &mut Connection, _: &AppState, id: Uuid) -> ServiceResult<D::Thing> {
        D::find(conn, id)
    }

    fn page(ctx: Ctx, thing: D::Thing, error: Option<String>) -> ConfirmDelete {
        D::page(ctx, thing).error(error)
    }

    fn act(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()> {
        D::delete(conn, now, id)
    }

    fn refusal(tr: &Tr, errors: &FieldErrors) -> String {
        D::refusal(tr, errors)
    }

    fn done(_: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        format!("{}?done=deleted", D::LIST)
    }
}

/// `POST path` does `act` to thing `id` at once (its button sits on another page) and goes
/// to `done(id)`.
pub fn button(
    cfg: &mut web::ServiceConfig,
    path: &str,
    act: fn(&mut Connection, i64, Uuid) -> ServiceResult<()>,
    done: fn(Uuid) -> String,
) {
    let handler = move |state: web::Data<AppState>,
                        _: Staff<Admin>,
                        path: web::Path<String>,
                        _: Form<Confirm>| async move {
        let id = path_id(&path)?;
        write(&state, move |conn, now| act(conn, now, id)).await??;
        Ok::<_, PageError>(see_other(&done(id)))
    };
    cfg.route(path, web::post().to(handler));
}

/// Another way out offered under the form, e.g. "Deactivate instead" (a POST to `action`).
pub struct Alternative {
    pub action: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin/confirm_delete.html")]
pub struct ConfirmDelete {
    pub ctx: Ctx,
    pub title: String,
    /// The question, naming what is deleted.
    pub question: String,
    /// What deleting also does, one line each (counts, effects).
    pub details: Vec<String>,
    /// A quieter note under the details.
    pub hint: Option<String>,
    /// The danger button's label ("Delete" unless set).
    pub button: String,
    /// Where "Cancel" goes back to.
    pub back: String,
    /// An error from a failed attempt, shown above the form.
    pub error: Option<String>,
    /// Why this cannot be deleted: shown instead of the form.
    pub refusal: Option<String>,
    pub alternative: Option<Alternative>,
}

impl ConfirmDelete {
    /// A page asking `question` under `title_id`, going back to `back`.
    pub fn new(ctx: Ctx, title_id: &str, question: String, back: impl Into<String>) -> Self {
        ConfirmDelete {
            title: ctx.tr.t(title_id),
            button: ctx.tr.t("action-delete"),
            ctx,
            question,
            details: vec![],
            hint: None,
            back: back.into(),
            error: None,
            refusal: None,
            alternative: None,
        }
    }

    pub fn detail(mut self, line: String) -> Self {
        self.details.push(line);
        self
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn button(mut self, label: String) -> Self {
        self.button = label;
        self
    }

    pub fn error(mut self, error: Option<String>) -> Self {
        self.error = error;
        self
    }

    pub fn refusal(mut self, refusal: Option<String>) -> Self {
        self.refusal = refusal;
        self
    }

    pub fn alternative(mut self, action: impl Into<String>, label: String) -> Self {
        self.alternative = Some(Alternative {
            action: action.into(),
            label,
        });
        self
    }
}
