//! Reasons: list, create, edit with localized texts (several in one save) and an escalation
//! ladder, delete (administrators).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::actions::duration::{self, Amount, LadderEditor, LadderFields};
use super::confirm::{self, ConfirmDelete, Delete, Deletion};
use super::editor::{self, Editor};
use super::form::{self, LocalizedRow};
use super::{read, render, Admin, Ctx, FormErrors, PageError, Staff};
use crate::app::AppState;
use crate::domain::lifecycle::{Escalation, MAX_STEPS};
use crate::domain::locale::{match_key, LocalizedStrings};
use crate::domain::reason::{Reason, ReasonInput};
use crate::domain::FieldErrors;
use crate::i18n::Tr;
use crate::service::reasons as svc;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/reasons", web::get().to(list))
        .configure(|cfg| editor::routes::<Editing>(cfg, "/reasons"))
        .configure(|cfg| confirm::routes::<Delete<Deleting>>(cfg, "/reasons/{id}/delete"));
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

/// The reason form as typed: repeated `locale`/`localized` pairs are the translations.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ReasonForm {
    text: String,
    code: String,
    locale: Vec<String>,
    localized: Vec<String>,
    /// The escalation ladder: its window and one row per step.
    window_amount: String,
    window_unit: String,
    step_amount: Vec<String>,
    step_unit: Vec<String>,
}

impl ReasonForm {
    fn from_reason(r: &Reason) -> ReasonForm {
        let ladder = LadderFields::of(r.spec.escalation.as_ref());
        ReasonForm {
            text: r.spec.text.clone(),
            code: r.spec.code.clone(),
            locale: r.spec.localized_texts.keys().cloned().collect(),
            localized: r.spec.localized_texts.values().cloned().collect(),
            window_amount: ladder.window_amount,
            window_unit: ladder.window_unit,
            step_amount: ladder.step_amount,
            step_unit: ladder.step_unit,
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
    fn rows(&self) -> Vec<LocalizedRow> {
        form::localized_rows(&self.locale, &self.localized)
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
    rows: Vec<LocalizedRow>,
    ladder: LadderEditor,
    errors: FormErrors,
}

fn form_page(ctx: Ctx, id: Option<Uuid>, form: ReasonForm, errors: FormErrors) -> FormPage {
    let ladder = LadderEditor::typed(
        &form.window_amount,
        &form.window_unit,
        &form.step_amount,
        &form.step_unit,
        |field| errors.of(field),
        |n| errors.of(&format!("escalation.durations[{n}]")),
    );
    FormPage {
        ladder,
        rows: form.rows(),
        text: form.text,
        code: form.code,
        ctx,
        id,
        errors,
    }
}

/// Adding a reason or changing one.
struct Editing;

impl Editor for Editing {
    const SECTION: &'static str = "reasons";
    type Form = ReasonForm;
    type Loaded = Option<Reason>;
    type Input = ReasonInput;
    type Saved = Reason;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Option<Reason>> {
        id.map(|id| svc::find(conn, id)).transpose()
    }

    fn form(reason: &Option<Reason>) -> ReasonForm {
        reason
            .as_ref()
            .map(ReasonForm::from_reason)
            .unwrap_or_default()
    }

    fn page(
        ctx: Ctx,
        id: Option<Uuid>,
        form: ReasonForm,
        _: Option<Reason>,
        errors: FormErrors,
    ) -> FormPage {
        form_page(ctx, id, form, errors)
    }

    fn input(
        form: &ReasonForm,
        _: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<ReasonInput, FormErrors> {
        form.own_errors(staff.tr())
            .map_or_else(|| Ok(form.input()), Err)
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        input: ReasonInput,
    ) -> ServiceResult<Reason> {
        match id {
            None => svc::create(conn, now, None, input),
            Some(id) => svc::update(conn, now, id, input),
        }
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        let known = fields();
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        FormErrors::new(errors, tr, &known)
    }

    fn done(_: &Staff<Admin>, id: Option<Uuid>, _: Reason) -> String {
        editor::back_to("/admin/reasons", id)
    }
}

/// The confirm-delete page of a reason.
struct Deleting;

impl Deletion for Deleting {
    const SECTION: &'static str = "reasons";
    const LIST: &'static str = "/admin/reasons";
    type Thing = Reason;

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<Reason> {
        svc::find(conn, id)
    }

    fn delete(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    fn page(ctx: Ctx, reason: Reason) -> ConfirmDelete {
        let question = ctx
            .tr
            .t1("reasons-delete-confirm", "text", &reason.spec.text);
        ConfirmDelete::new(ctx, "reasons-delete-title", question, Self::LIST)
    }
}
