//! Applications: list (with their tenant), create, edit, deactivate, reactivate, delete.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{checked, form_id, tenant_choices, tenant_name, Choice, Confirm, SECTION};
use crate::app::AppState;
use crate::domain::application::Application;
use crate::domain::FieldErrors;
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::service::{applications as svc, tenants};
use crate::web::confirm::{self, Confirmed};
use crate::web::path_id;
use crate::web::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/applications", web::get().to(list))
        .route("/settings/applications/new", web::get().to(new))
        .route("/settings/applications/new", web::post().to(create))
        .route("/settings/applications/{id}", web::get().to(edit))
        .route("/settings/applications/{id}", web::post().to(update))
        .route(
            "/settings/applications/{id}/deactivate",
            web::post().to(deactivate),
        )
        .route(
            "/settings/applications/{id}/reactivate",
            web::post().to(reactivate),
        )
        .configure(|cfg| confirm::routes::<Deleting>(cfg, "/settings/applications/{id}/delete"));
}

/// Fields the application form shows errors for.
const FIELDS: &[&str] = &["name", "tenantId"];

/// An application with the name of its tenant.
struct Row {
    app: Application,
    tenant: String,
}

#[derive(Template)]
#[template(path = "admin/settings/applications.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<Row>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let (mut apps, inactive, tenants) = read(&state, |conn, _| {
        Ok((
            svc::list(conn, None, true)?,
            svc::list(conn, None, false)?,
            tenants::list(conn)?,
        ))
    })
    .await?;
    apps.extend(inactive);
    let rows = apps
        .into_iter()
        .map(|app| Row {
            tenant: tenant_name(&tenants, app.tenant_id),
            app,
        })
        .collect();
    render(&ListPage {
        ctx: staff.ctx(SECTION),
        rows,
    })
}

#[derive(Deserialize)]
struct AppForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    tenant: String,
    #[serde(default)]
    active: String,
}

#[derive(Template)]
#[template(path = "admin/settings/application_form.html")]
struct FormPage {
    ctx: Ctx,
    /// `None` for a new application.
    id: Option<Uuid>,
    form: AppForm,
    tenants: Vec<Choice>,
    /// On edit: the tenant's name (it cannot change).
    tenant_name: String,
    errors: FormErrors,
}

async fn form_page(
    state: &web::Data<AppState>,
    ctx: Ctx,
    id: Option<Uuid>,
    form: AppForm,
    errors: FormErrors,
) -> Result<FormPage, PageError> {
    let list = read(state, |conn, _| tenants::list(conn)).await?;
    let tenant_name = form_id(&form.tenant, "tenantId", &mut FieldErrors::new())
        .map(|t| tenant_name(&list, t))
        .unwrap_or_default();
    Ok(FormPage {
        ctx,
        id,
        form,
        tenants: tenant_choices(&list),
        tenant_name,
        errors,
    })
}

async fn invalid(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    id: Option<Uuid>,
    form: AppForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, PageError> {
    let errors = FormErrors::new(errors, staff.tr(), FIELDS);
    let page = form_page(state, staff.ctx(SECTION), id, form, errors).await?;
    form_again(&page)
}

async fn new(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let form = AppForm {
        name: String::new(),
        tenant: String::new(),
        active: "true".into(),
    };
    render(&form_page(&state, staff.ctx(SECTION), None, form, FormErrors::none()).await?)
}

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<AppForm>,
) -> Result<HttpResponse, PageError> {
    let mut errors = FieldErrors::new();
    let tenant = form_id(&form.tenant, "application.tenantId", &mut errors);
    if !errors.is_empty() {
        return invalid(&state, &staff, None, form, &errors).await;
    }
    let (name, active) = (form.name.clone(), checked(&form.active));
    match write(&state, move |conn, now| {
        svc::create_in(conn, now, tenant, name, active)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/admin/settings/applications?done=created")),
        Err(errors) => invalid(&state, &staff, None, form, &errors).await,
    }
}

async fn edit(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let app = read(&state, move |conn, _| svc::find(conn, None, id)).await?;
    let form = AppForm {
        name: app.name,
        tenant: app.tenant_id.to_string(),
        active: if app.active {
            "true".into()
        } else {
            String::new()
        },
    };
    render(
        &form_page(
            &state,
            staff.ctx(SECTION),
            Some(id),
            form,
            FormErrors::none(),
        )
        .await?,
    )
}

async fn update(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(mut form): Form<AppForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let (name, active) = (form.name.clone(), checked(&form.active));
    match write(&state, move |conn, now| {
        svc::update_name_and_active(conn, now, id, name, active)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/admin/settings/applications?done=saved")),
        Err(errors) => {
            // The tenant is not part of the edit form; show the stored one.
            let stored = read(&state, move |conn, _| svc::find(conn, None, id)).await?;
            form.tenant = stored.tenant_id.to_string();
            invalid(&state, &staff, Some(id), form, &errors).await
        }
    }
}

async fn set_active(
    state: web::Data<AppState>,
    path: web::Path<String>,
    active: bool,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    write(&state, move |conn, _| {
        svc::set_active(conn, None, id, active)
    })
    .await??;
    let done = if active { "reactivated" } else { "deactivated" };
    Ok(see_other(&format!(
        "/admin/settings/applications?done={done}"
    )))
}

async fn deactivate(
    state: web::Data<AppState>,
    _staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    set_active(state, path, false).await
}

async fn reactivate(
    state: web::Data<AppState>,
    _staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    set_active(state, path, true).await
}

#[derive(Template)]
#[template(path = "admin/settings/application_delete.html")]
struct DeletePage {
    ctx: Ctx,
    app: Application,
    tenant: String,
}

struct Deleting;

impl Confirmed for Deleting {
    type Page = DeletePage;

    async fn page(
        state: &web::Data<AppState>,
        staff: &Staff<Admin>,
        id: Uuid,
        _: Option<String>,
    ) -> Result<DeletePage, PageError> {
        let (app, tenants) = read(state, move |conn, _| {
            Ok((svc::find(conn, None, id)?, tenants::list(conn)?))
        })
        .await?;
        Ok(DeletePage {
            ctx: staff.ctx(SECTION),
            tenant: tenant_name(&tenants, app.tenant_id),
            app,
        })
    }

    fn act(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, None, id)
    }

    fn done(_: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        "/admin/settings/applications?done=deleted".into()
    }
}
