//! Email templates (administrators): list, create and edit with localized parts, a preview
//! with sample values, a test email through the outbox, delete.

mod form;

use actix_web::{web, HttpResponse};
use askama::Template;
use uuid::Uuid;

use super::{form_again, read, render, see_other, write, Admin, Ctx, Form, PageError, Staff};
use crate::app::AppState;
use crate::domain::email_template::EmailTemplate;
use crate::domain::user_action::UserAction;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::service::{email_templates as svc, events, user_actions};
use crate::web::confirm::{self, ConfirmDelete, Delete, Deletion};
use crate::web::path_id;
use form::{FormPage, TemplateForm, TestForm};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/email-templates", web::get().to(list))
        .route("/email-templates/new", web::get().to(new))
        .route("/email-templates/new", web::post().to(create))
        .route("/email-templates/{id}", web::get().to(edit))
        .route("/email-templates/{id}", web::post().to(update))
        .route("/email-templates/{id}/test", web::post().to(send_test))
        .configure(|cfg| confirm::routes::<Delete<Deleting>>(cfg, "/email-templates/{id}/delete"));
}

#[derive(Template)]
#[template(path = "admin/email_templates/list.html")]
struct ListPage {
    ctx: Ctx,
    templates: Vec<EmailTemplate>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let templates = read(&state, |conn, _| svc::list(conn)).await?;
    render(&ListPage {
        ctx: staff.ctx("email-templates"),
        templates,
    })
}

async fn new(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let page = FormPage::new(
        staff.ctx("email-templates"),
        &state,
        None,
        TemplateForm::default(),
    );
    render(&with_actions(&state, page).await?.0)
}

/// The page with the definitions a preview can show, and the definitions themselves.
async fn with_actions(
    state: &web::Data<AppState>,
    mut page: FormPage,
) -> Result<(FormPage, Vec<UserAction>), PageError> {
    let actions = read(state, |conn, _| user_actions::list(conn, true, None)).await?;
    page.actions = actions
        .iter()
        .map(|a| (a.id.to_string(), a.spec.name.clone()))
        .collect();
    Ok((page, actions))
}

/// Shows the form again with a preview of what was typed, without saving.
async fn preview(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Option<Uuid>,
    form: TemplateForm,
) -> Result<HttpResponse, PageError> {
    let (input, mut errors) = form.input();
    let locale = Some(form.preview_locale.clone());
    let chosen = form.preview_action.trim().to_string();
    let page = FormPage::new(staff.ctx("email-templates"), state, id, form);
    let (mut page, actions) = with_actions(state, page).await?;
    let action = actions.iter().find(|a| a.id.to_string() == chosen);
    let shown = svc::preview_for(input, locale, state.now(), &state.config.base_url, action);
    for (field, list) in shown.errors.field_errors {
        errors.field_errors.entry(field).or_default().extend(list);
    }
    page.show_errors(&errors);
    page.preview = Some(shown.email);
    render(&page)
}

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<TemplateForm>,
) -> Result<HttpResponse, PageError> {
    if form.wants_preview() {
        return preview(&state, &staff, None, form).await;
    }
    let (input, errors) = form.input();
    match write(&state, move |conn, now| {
        svc::create_with(conn, now, None, input, errors)
    })
    .await?
    {
        Ok(t) => Ok(see_other(&format!(
            "/admin/email-templates/{}?done=created",
            t.id
        ))),
        Err(errors) => invalid(&state, &staff, None, form, &errors),
    }
}

fn invalid(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Option<Uuid>,
    form: TemplateForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, PageError> {
    let mut page = FormPage::new(staff.ctx("email-templates"), state, id, form);
    page.show_errors(errors);
    form_again(&page)
}

async fn edit(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let template = read(&state, move |conn, _| svc::find(conn, id)).await?;
    let page = FormPage::new(
        staff.ctx("email-templates"),
        &state,
        Some(id),
        TemplateForm::from_template(&template),
    );
    render(&with_actions(&state, page).await?.0)
}

async fn update(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(form): Form<TemplateForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    if form.wants_preview() {
        // Only an existing template has an edit page.
        read(&state, move |conn, _| svc::find(conn, id)).await?;
        return preview(&state, &staff, Some(id), form).await;
    }
    let (input, errors) = form.input();
    match write(&state, move |conn, now| {
        svc::update_with(conn, now, id, input, errors)
    })
    .await?
    {
        Ok(_) => Ok(see_other(&format!(
            "/admin/email-templates/{id}?done=saved"
        ))),
        Err(errors) => invalid(&state, &staff, Some(id), form, &errors),
    }
}

async fn send_test(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(test): Form<TestForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let out = state.outbound.clone();
    let (to, locale) = (test.to.clone(), test.locale.clone());
    let sent = write(&state, move |conn, now| {
        events::queue_test_email(conn, now, &out, id, &to, Some(&locale))
    })
    .await?;
    match sent {
        Ok(()) => Ok(see_other(&format!("/admin/email-templates/{id}?done=sent"))),
        Err(errors) => {
            let template = read(&state, move |conn, _| svc::find(conn, id)).await?;
            let mut page = FormPage::new(
                staff.ctx("email-templates"),
                &state,
                Some(id),
                TemplateForm::from_template(&template),
            );
            page.show_test_errors(&errors, test);
            form_again(&page)
        }
    }
}

/// The confirm-delete page of template `id`, with the error of a refused attempt.
struct Deleting;

impl Deletion for Deleting {
    const SECTION: &'static str = "email-templates";
    const LIST: &'static str = "/admin/email-templates";
    type Thing = EmailTemplate;

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<EmailTemplate> {
        svc::find(conn, id)
    }

    fn delete(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    /// "Cancel" goes back to the template, not the list.
    fn page(ctx: Ctx, template: EmailTemplate) -> ConfirmDelete {
        let question = ctx
            .tr
            .t1("templates-delete-confirm", "name", &template.spec.name);
        let back = format!("{}/{}", Self::LIST, template.id);
        ConfirmDelete::new(ctx, "templates-delete-title", question, back)
    }

    fn refusal(tr: &Tr, errors: &FieldErrors) -> String {
        let in_use = errors
            .field_errors
            .values()
            .flatten()
            .any(|e| e.kind() == Some(Kind::InUse));
        tr.t(if in_use {
            "templates-delete-in-use"
        } else {
            Self::REFUSED
        })
    }
}
