//! Pages that create and edit one thing through a form: `GET`/`POST base/new` and
//! `GET`/`POST base/{id}`. A refused form is shown again with what was typed and its errors
//! (422); a saved one redirects (Post/Redirect/Get).

use std::future::Future;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::{
    form_again, path_id, read, render, see_other, write, Admin, Ctx, Form, PageError, Staff,
};
use crate::app::AppState;
use crate::domain::FieldErrors;
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

/// One kind of thing edited through a form; `id` is `None` for a new one.
pub trait Editor: 'static {
    /// The navigation entry the form sits under.
    const SECTION: &'static str;
    /// The form as typed.
    type Form: DeserializeOwned + 'static;
    /// What the page needs besides the form (the stored thing, the choices), read in one go.
    type Loaded: Send + 'static;
    /// What the service is given.
    type Input: Send + 'static;
    /// What a save gives back.
    type Saved: Send + 'static;
    /// The errors as the page shows them.
    type Errors: Default;
    type Page: Template;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Self::Loaded>;

    /// The form as first shown: blank for a new thing, else filled from the stored one.
    fn form(loaded: &Self::Loaded) -> Self::Form;

    fn page(
        ctx: Ctx,
        id: Option<Uuid>,
        form: Self::Form,
        loaded: Self::Loaded,
        errors: Self::Errors,
    ) -> Self::Page;

    /// What the service is given, or what the form itself can tell is wrong.
    fn input(
        form: &Self::Form,
        id: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<Self::Input, Self::Errors>;

    /// Slow work on the input, off the async threads and before the write (hashing).
    fn prepare(input: Self::Input) -> impl Future<Output = Result<Self::Input, PageError>> {
        async { Ok(input) }
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        input: Self::Input,
    ) -> ServiceResult<Self::Saved>;

    /// The service's errors as the page shows them.
    fn errors(errors: &FieldErrors, tr: &Tr) -> Self::Errors;

    /// Where to go once saved.
    fn done(staff: &Staff<Admin>, id: Option<Uuid>, saved: Self::Saved) -> String;
}

/// Where a saved form goes: back to `list`, which says "created" or "saved".
pub fn back_to(list: &str, id: Option<Uuid>) -> String {
    let done = if id.is_some() { "saved" } else { "created" };
    format!("{list}?done={done}")
}

/// `base/new` and `base/{id}`.
pub fn routes<E: Editor>(cfg: &mut web::ServiceConfig, base: &str) {
    routes_new::<E>(cfg, base);
    let one = format!("{base}/{{id}}");
    cfg.route(&one, web::get().to(edit::<E>))
        .route(&one, web::post().to(update::<E>));
}

/// `base/new` alone: things that are made and never edited.
pub fn routes_new<E: Editor>(cfg: &mut web::ServiceConfig, base: &str) {
    let new_one = format!("{base}/new");
    cfg.route(&new_one, web::get().to(new::<E>))
        .route(&new_one, web::post().to(create::<E>));
}

/// The page for `id`, with `form` as typed (else as first shown) and `errors`.
async fn page<E: Editor>(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Option<Uuid>,
    form: Option<E::Form>,
    errors: E::Errors,
) -> Result<E::Page, PageError> {
    let loaded = read(state, move |conn, _| E::load(conn, id)).await?;
    let form = form.unwrap_or_else(|| E::form(&loaded));
    Ok(E::page(staff.ctx(E::SECTION), id, form, loaded, errors))
}

async fn new<E: Editor>(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
) -> Result<HttpResponse, PageError> {
    render(&page::<E>(&state, &staff, None, None, E::Errors::default()).await?)
}

async fn edit<E: Editor>(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = Some(path_id(&path)?);
    render(&page::<E>(&state, &staff, id, None, E::Errors::default()).await?)
}

async fn create<E: Editor>(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<E::Form>,
) -> Result<HttpResponse, PageError> {
    save::<E>(&state, &staff, None, form).await
}

async fn update<E: Editor>(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(form): Form<E::Form>,
) -> Result<HttpResponse, PageError> {
    let id = Some(path_id(&path)?);
    save::<E>(&state, &staff, id, form).await
}

async fn save<E: Editor>(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Option<Uuid>,
    form: E::Form,
) -> Result<HttpResponse, PageError> {
    let errors = match E::input(&form, id, staff) {
        Ok(input) => {
            let input = E::prepare(input).await?;
            match write(state, move |conn, now| E::save(conn, now, id, input)).await? {
                Ok(saved) => return Ok(see_other(&E::done(staff, id, saved))),
                Err(errors) => E::errors(&errors, staff.tr()),
            }
        }
        Err(errors) => errors,
    };
    form_again(&page::<E>(state, staff, id, Some(form), errors).await?)
}
