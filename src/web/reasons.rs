//! Reasons: list, create, edit with localized texts (several in one save) and an escalation
//! ladder, delete (administrators).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::actions::duration::{self, Amount, PERMANENT, UNITS};
use super::confirm::ConfirmDelete;
use super::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};
use crate::app::AppState;
use crate::domain::lifecycle::{Escalation, MAX_STEPS};
use crate::domain::locale::{match_key, LocalizedStrings};
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

/// Fields the reason form shows errors for (and, below, each step of the ladder).
const FIELDS: &[&str] = &[
    "text",
    "code",
    "localizedTexts",
    "escalation.window",
    "escalation.durations",
];

/// [`FIELDS`] and the ladder's steps, `escalation.durations[n]`.
fn fields() -> Vec<String> {
    FIELDS
        .iter()
        .map(|f| f.to_string())
        .chain((0..MAX_STEPS).map(|n| format!("escalation.durations[{n}]")))
        .collect()
}

/// The service's errors as the form shows them.
fn form_errors(errors: &crate::domain::FieldErrors, tr: &crate::i18n::Tr) -> FormErrors {
    let known = fields();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    FormErrors::new(errors, tr, &known)
}

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
    /// The escalation ladder: its window and one row per step.
    #[serde(default)]
    window_amount: String,
    #[serde(default)]
    window_unit: String,
    #[serde(default)]
    step_amount: Vec<String>,
    #[serde(default)]
    step_unit: Vec<String>,
}

impl ReasonForm {
    fn from_reason(r: &Reason) -> ReasonForm {
        let ladder = r.spec.escalation.as_ref();
        let window = ladder.map(|e| Amount::of(e.window));
        let steps: Vec<Amount> = ladder
            .map(|e| e.durations.iter().map(|d| Amount::of(*d)).collect())
            .unwrap_or_default();
        ReasonForm {
            text: r.spec.text.clone(),
            code: r.spec.code.clone(),
            locale: r.spec.localized_texts.keys().cloned().collect(),
            localized: r.spec.localized_texts.values().cloned().collect(),
            window_amount: window
                .as_ref()
                .map(|w| w.amount.clone())
                .unwrap_or_default(),
            window_unit: window.map_or_else(|| "days".into(), |w| w.unit),
            step_amount: steps.iter().map(|a| a.amount.clone()).collect(),
            step_unit: steps.into_iter().map(|a| a.unit).collect(),
        }
    }

    /// Translation rows typed; a row with neither language nor text is no row.
    fn typed_rows(&self) -> Vec<(String, String)> {
        self.locale
            .iter()
            .zip(self.localized.iter())
            .filter(|(l, t)| !l.trim().is_empty() || !t.trim().is_empty())
            .map(|(l, t)| (l.trim().to_string(), t.clone()))
            .collect()
    }

    /// An error of the form itself: one language in two rows, which a map of translations
    /// cannot hold (one would silently replace the other).
    fn own_errors(&self, tr: &crate::i18n::Tr) -> Option<FormErrors> {
        let mut seen: Vec<String> = Vec::new();
        let twice = self.typed_rows().into_iter().any(|(l, _)| {
            let key = match_key(&l);
            let again = seen.contains(&key);
            seen.push(key);
            again
        });
        twice.then(|| {
            let mut errors = FormErrors::none();
            errors.replace("localizedTexts", tr.t("reasons-error-locale-twice"));
            errors
        })
    }

    fn window(&self) -> Amount {
        Amount::new(&self.window_amount, &self.window_unit)
    }

    /// The ladder typed: none when neither a window nor a step was given.
    fn escalation(&self) -> Option<Escalation> {
        duration::ladder(&self.window(), &self.step_amount, &self.step_unit)
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

    /// A row with a language and no text (or the reverse) goes to the domain, which says so.
    fn input(&self) -> ReasonInput {
        let localized: LocalizedStrings = self.typed_rows().into_iter().collect();
        ReasonInput {
            text: Some(self.text.clone()),
            code: Some(self.code.clone()),
            localized_texts: Some(localized),
            escalation: Some(self.escalation()),
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
    window: Amount,
    steps: Vec<Amount>,
    units: Vec<&'static str>,
    permanent: &'static str,
    errors: FormErrors,
}

impl FormPage {
    /// The errors of step `n` (from 0) of the ladder.
    fn step_error(&self, n: &usize) -> String {
        self.errors.of(&format!("escalation.durations[{n}]"))
    }
}

fn form_page(ctx: Ctx, id: Option<Uuid>, form: ReasonForm, errors: FormErrors) -> FormPage {
    let mut steps = duration::rows(&form.step_amount, &form.step_unit);
    steps.push(Amount::new("", "days"));
    let mut window = form.window();
    if window.unit.is_empty() {
        window.unit = "days".into();
    }
    FormPage {
        window,
        steps,
        units: UNITS.iter().map(|(u, _)| *u).collect(),
        permanent: PERMANENT,
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
    if let Some(errors) = form.own_errors(staff.tr()) {
        return form_again(&form_page(staff.ctx("reasons"), None, form, errors));
    }
    let input = form.input();
    match write(&state, move |conn, now| svc::create(conn, now, None, input)).await? {
        Ok(_) => Ok(see_other("/admin/reasons?done=created")),
        Err(errors) => {
            let errors = form_errors(&errors, staff.tr());
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
    if let Some(errors) = form.own_errors(staff.tr()) {
        return form_again(&form_page(staff.ctx("reasons"), Some(id), form, errors));
    }
    let input = form.input();
    match write(&state, move |conn, now| svc::update(conn, now, id, input)).await? {
        Ok(_) => Ok(see_other("/admin/reasons?done=saved")),
        Err(errors) => {
            let errors = form_errors(&errors, staff.tr());
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
