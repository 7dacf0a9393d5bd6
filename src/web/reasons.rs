//! Reasons: list, create, edit with localized texts, delete (administrators).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::confirm::ConfirmDelete;
use super::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};
use crate::app::AppState;
use crate::domain::locale::LocalizedStrings;
use crate::domain::reason::{Reason, ReasonInput};
use crate::service::reasons as svc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/reasons", web::get().to(list))
        .route("/reasons/new", web::get().to(new))
        .route("/reasons/new", web::post().to(create))
        .route("/reasons/{id}", web::get().to(edit))
        .route("/reasons/{id}", web::post().to(update))
        .route("/reasons/{id}/delete", web::get().to(confirm_delete))
        .route("/reasons/{id}/delete", web::post().to(delete));
}

/// Fields the reason form shows errors for.
const FIELDS: &[&str] = &["text", "code", "localizedTexts"];

/// Moved to `crate::web`; kept here so the modules that import it from here still build.
pub use super::path_id;

#[derive(Template)]
#[template(path = "admin/reasons/list.html")]
struct ListPage {
    ctx: Ctx,
    reasons: Vec<Reason>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let reasons = read(&state, |conn, _| svc::list(conn)).await?;
    render(&ListPage {
        ctx: staff.ctx("reasons"),
        reasons,
    })
}

/// One row of the localized-texts editor.
pub struct Localized {
    pub locale: String,
    pub text: String,
}

/// The reason form as typed: repeated `locale`/`localized` pairs are the translations.
#[derive(Deserialize, Default)]
struct ReasonForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    locale: Vec<String>,
    #[serde(default)]
    localized: Vec<String>,
}

impl ReasonForm {
    fn from_reason(r: &Reason) -> ReasonForm {
        ReasonForm {
            text: r.spec.text.clone(),
            code: r.spec.code.clone(),
            locale: r.spec.localized_texts.keys().cloned().collect(),
            localized: r.spec.localized_texts.values().cloned().collect(),
        }
    }

    /// Rows for the editor, plus one empty row to add a language.
    fn rows(&self) -> Vec<Localized> {
        let mut rows: Vec<Localized> = self
            .locale
            .iter()
            .zip(self.localized.iter())
            .filter(|(l, t)| !l.trim().is_empty() || !t.trim().is_empty())
            .map(|(l, t)| Localized {
                locale: l.clone(),
                text: t.clone(),
            })
            .collect();
        rows.push(Localized {
            locale: String::new(),
            text: String::new(),
        });
        rows
    }

    fn input(&self) -> ReasonInput {
        let localized: LocalizedStrings = self
            .locale
            .iter()
            .zip(self.localized.iter())
            .filter(|(l, t)| !l.trim().is_empty() && !t.trim().is_empty())
            .map(|(l, t)| (l.trim().to_string(), t.clone()))
            .collect();
        ReasonInput {
            text: Some(self.text.clone()),
            code: Some(self.code.clone()),
            localized_texts: Some(localized),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/reasons/form.html")]
struct FormPage {
    ctx: Ctx,
    /// `None` for a new reason.
    id: Option<Uuid>,
    text: String,
    code: String,
    rows: Vec<Localized>,
    errors: FormErrors,
}

fn form_page(ctx: Ctx, id: Option<Uuid>, form: ReasonForm, errors: FormErrors) -> FormPage {
    FormPage {
        rows: form.rows(),
        text: form.text,
        code: form.code,
        ctx,
        id,
        errors,
    }
}

async fn new(staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    render(&form_page(
        staff.ctx("reasons"),
        None,
        ReasonForm::default(),
        FormErrors::none(),
    ))
}

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<ReasonForm>,
) -> Result<HttpResponse, PageError> {
    let input = form.input();
    match write(&state, move |conn, now| svc::create(conn, now, None, input)).await? {
        Ok(_) => Ok(see_other("/admin/reasons?done=created")),
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), FIELDS);
            form_again(&form_page(staff.ctx("reasons"), None, form, errors))
        }
    }
}

async fn edit(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let reason = read(&state, move |conn, _| svc::find(conn, id)).await?;
    render(&form_page(
        staff.ctx("reasons"),
        Some(id),
        ReasonForm::from_reason(&reason),
        FormErrors::none(),
    ))
}

async fn update(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(form): Form<ReasonForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let input = form.input();
    match write(&state, move |conn, now| svc::update(conn, now, id, input)).await? {
        Ok(_) => Ok(see_other("/admin/reasons?done=saved")),
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), FIELDS);
            form_again(&form_page(staff.ctx("reasons"), Some(id), form, errors))
        }
    }
}

async fn confirm_delete(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let reason = read(&state, move |conn, _| svc::find(conn, id)).await?;
    let ctx = staff.ctx("reasons");
    let question = ctx
        .tr
        .t1("reasons-delete-confirm", "text", &reason.spec.text);
    render(&ConfirmDelete::new(
        ctx,
        "reasons-delete-title",
        question,
        "/admin/reasons",
    ))
}

#[derive(Deserialize)]
struct Confirm {}

async fn delete(
    state: web::Data<AppState>,
    _staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    write(&state, move |conn, _| svc::delete(conn, id)).await??;
    Ok(see_other("/admin/reasons?done=deleted"))
}
