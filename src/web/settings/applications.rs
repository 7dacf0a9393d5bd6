//! Applications: list (with their tenant), create, edit, deactivate, reactivate, delete.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{form_id, tenant_choices, tenant_name, Choice, SECTION};
use crate::app::AppState;
use crate::domain::application::Application;
use crate::domain::tenant::Tenant;
use crate::domain::FieldErrors;
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::service::{applications as svc, tenants};
use crate::web::confirm::{self, ConfirmDelete, Delete, Deletion};
use crate::web::editor::{self, Editor};
use crate::web::{checkbox, read, render, Admin, Ctx, FormErrors, PageError, Staff};

/// The list: "Cancel" and a done delete go back there.
const LIST: &str = "/admin/settings/applications";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/applications", web::get().to(list))
        .configure(|cfg| editor::routes::<Editing>(cfg, "/settings/applications"))
        .configure(|cfg| {
            confirm::button(
                cfg,
                "/settings/applications/{id}/deactivate",
                |conn, _, id| svc::set_active(conn, None, id, false).map(|_| ()),
                |_| "/admin/settings/applications?done=deactivated".into(),
            );
            confirm::button(
                cfg,
                "/settings/applications/{id}/reactivate",
                |conn, _, id| svc::set_active(conn, None, id, true).map(|_| ()),
                |_| "/admin/settings/applications?done=reactivated".into(),
            );
            confirm::routes::<Delete<Deleting>>(cfg, "/settings/applications/{id}/delete");
        });
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

#[derive(Default, Deserialize)]
#[serde(default)]
struct AppForm {
    name: String,
    tenant: String,
    #[serde(with = "checkbox")]
    active: bool,
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

/// Adding an application (to a tenant) or renaming, deactivating one.
struct Editing;

impl Editor for Editing {
    const SECTION: &'static str = SECTION;
    type Form = AppForm;
    type Loaded = (Option<Application>, Vec<Tenant>);
    /// The tenant (of a new application), the name, whether it is active.
    type Input = (Option<Uuid>, String, bool);
    type Saved = Application;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Self::Loaded> {
        let app = id.map(|id| svc::find(conn, None, id)).transpose()?;
        Ok((app, tenants::list(conn)?))
    }

    fn form((app, _): &Self::Loaded) -> AppForm {
        AppForm {
            name: app.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
            tenant: app
                .as_ref()
                .map(|a| a.tenant_id.to_string())
                .unwrap_or_default(),
            active: app.as_ref().is_none_or(|a| a.active),
        }
    }

    fn page(
        ctx: Ctx,
        id: Option<Uuid>,
        mut form: AppForm,
        (app, list): Self::Loaded,
        errors: FormErrors,
    ) -> FormPage {
        // The tenant is not part of the edit form; show the stored one.
        if let Some(app) = app {
            form.tenant = app.tenant_id.to_string();
        }
        let tenant_name = form_id(&form.tenant, "tenantId", &mut FieldErrors::new())
            .map(|t| tenant_name(&list, t))
            .unwrap_or_default();
        FormPage {
            ctx,
            id,
            form,
            tenants: tenant_choices(&list),
            tenant_name,
            errors,
        }
    }

    /// The tenant is chosen once, when the application is made.
    fn input(
        form: &AppForm,
        id: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<Self::Input, FormErrors> {
        let mut errors = FieldErrors::new();
        let tenant = match id {
            None => form_id(&form.tenant, "application.tenantId", &mut errors),
            Some(_) => None,
        };
        errors
            .into_result()
            .map_err(|errors| Self::errors(&errors, staff.tr()))?;
        Ok((tenant, form.name.clone(), form.active))
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        (tenant, name, active): Self::Input,
    ) -> ServiceResult<Application> {
        match id {
            None => svc::create_in(conn, now, tenant, name, active),
            Some(id) => svc::update_name_and_active(conn, now, id, name, active),
        }
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        FormErrors::new(errors, tr, FIELDS)
    }

    fn done(_: &Staff<Admin>, id: Option<Uuid>, _: Application) -> String {
        editor::back_to(LIST, id)
    }
}

/// The confirm-delete page of an application.
struct Deleting;

impl Deletion for Deleting {
    const SECTION: &'static str = SECTION;
    const LIST: &'static str = LIST;
    /// The application and the tenants, to name its own.
    type Thing = (Application, Vec<Tenant>);

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<Self::Thing> {
        Ok((svc::find(conn, None, id)?, tenants::list(conn)?))
    }

    fn delete(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, None, id)
    }

    fn page(ctx: Ctx, (app, tenants): Self::Thing) -> ConfirmDelete {
        let tenant = tenant_name(&tenants, app.tenant_id);
        let tr = &ctx.tr;
        let question = tr.t2(
            "applications-delete-confirm",
            "name",
            &app.name,
            "tenant",
            tenant,
        );
        let hint = tr.t("applications-delete-hint");
        ConfirmDelete::new(ctx, "applications-delete-title", question, LIST).hint(hint)
    }
}
