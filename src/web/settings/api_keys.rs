//! API keys: list (never the key), create (the key shown once, on the page the form redirects
//! to), delete.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::shown_once::{self, Keeper};
use super::{form_id, tenant_choices, tenant_name, Choice, SECTION};
use crate::app::AppState;
use crate::domain::tenant::Tenant;
use crate::domain::FieldErrors;
use crate::service::api_keys::{self as svc, ApiKeyRecord, NewKey};
use crate::service::runner::Connection;
use crate::service::tenants;
use crate::service::ServiceResult;
use crate::web::confirm::{self, Confirmed};
use crate::web::path_id;
use crate::web::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/api-keys", web::get().to(list))
        .route("/settings/api-keys/new", web::get().to(new))
        .route("/settings/api-keys/new", web::post().to(create))
        .route("/settings/api-keys/{id}/created", web::get().to(created))
        .configure(|cfg| confirm::routes::<Deleting>(cfg, "/settings/api-keys/{id}/delete"));
}

/// Fields the key form shows errors for.
const FIELDS: &[&str] = &["tenantId", "metaData.attributes.description"];

/// A key as listed: its scope by name, and whether it is the key configured at start.
struct Row {
    key: ApiKeyRecord,
    /// The tenant's name for a tenant-scoped key.
    tenant: Option<String>,
    configured: bool,
}

/// The id of the key from `ACTIONEER_API_KEY`, if it exists.
async fn configured_id(state: &web::Data<AppState>) -> Result<Option<Uuid>, PageError> {
    let Some(raw) = state.config.api_key.clone() else {
        return Ok(None);
    };
    let found = read(state, move |conn, _| svc::authenticate(conn, &raw)).await?;
    Ok(found.map(|k| k.id))
}

fn row(key: ApiKeyRecord, tenants: &[Tenant], configured: Option<Uuid>) -> Row {
    Row {
        tenant: key.tenant_id.map(|t| tenant_name(tenants, t)),
        configured: configured == Some(key.id),
        key,
    }
}

#[derive(Template)]
#[template(path = "admin/settings/api_keys.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<Row>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let (keys, tenants) = read(&state, |conn, _| {
        Ok((svc::list(conn)?, tenants::list(conn)?))
    })
    .await?;
    let configured = configured_id(&state).await?;
    render(&ListPage {
        ctx: staff.ctx(SECTION),
        rows: keys
            .into_iter()
            .map(|k| row(k, &tenants, configured))
            .collect(),
    })
}

#[derive(Deserialize, Default)]
struct KeyForm {
    #[serde(default)]
    description: String,
    /// Empty for a global key.
    #[serde(default)]
    tenant: String,
}

#[derive(Template)]
#[template(path = "admin/settings/api_key_form.html")]
struct FormPage {
    ctx: Ctx,
    form: KeyForm,
    tenants: Vec<Choice>,
    errors: FormErrors,
}

async fn form_page(
    state: &web::Data<AppState>,
    ctx: Ctx,
    form: KeyForm,
    errors: FormErrors,
) -> Result<FormPage, PageError> {
    let list = read(state, |conn, _| tenants::list(conn)).await?;
    Ok(FormPage {
        ctx,
        form,
        tenants: tenant_choices(&list),
        errors,
    })
}

async fn new(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let page = form_page(
        &state,
        staff.ctx(SECTION),
        KeyForm::default(),
        FormErrors::none(),
    )
    .await?;
    render(&page)
}

/// The page the form redirects to: the only time the key is shown (`raw`); shown again, it
/// says that it was.
#[derive(Template)]
#[template(path = "admin/settings/api_key_created.html")]
struct CreatedPage {
    ctx: Ctx,
    row: Row,
    raw: Option<String>,
}

/// The kind of secret, as `shown_once` names it.
const KIND: &str = "api-key";

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<KeyForm>,
) -> Result<HttpResponse, PageError> {
    let mut errors = FieldErrors::new();
    let tenant_id = form_id(&form.tenant, "apiKey.tenantId", &mut errors);
    let created = if errors.is_empty() {
        let new = NewKey {
            tenant_id,
            description: Some(form.description.clone()),
            ..Default::default()
        };
        let keeper = Keeper::new(&staff, KIND);
        write(&state, move |conn, now| {
            let (record, raw) = svc::create(conn, now, new)?;
            keeper.keep(conn, now, record.id, &raw)?;
            Ok(record.id)
        })
        .await?
    } else {
        Err(errors)
    };
    match created {
        Ok(id) => Ok(see_other(&shown_once::page_of(KIND, id))),
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), FIELDS);
            let page = form_page(&state, staff.ctx(SECTION), form, errors).await?;
            form_again(&page)
        }
    }
}

/// Shows a new key once: what the form left for this session is taken as it is shown.
async fn created(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let load = move |conn: &mut _| Ok((svc::find(conn, id)?, tenants::list(conn)?));
    let ((key, tenants), raw, ctx) = shown_once::take(&state, &staff, KIND, id, load).await?;
    render(&CreatedPage {
        ctx,
        row: row(key, &tenants, None),
        raw,
    })
}

#[derive(Template)]
#[template(path = "admin/settings/api_key_delete.html")]
struct DeletePage {
    ctx: Ctx,
    row: Row,
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
        let (key, tenants) = read(state, move |conn, _| {
            Ok((svc::find(conn, id)?, tenants::list(conn)?))
        })
        .await?;
        let configured = configured_id(state).await?;
        Ok(DeletePage {
            ctx: staff.ctx(SECTION),
            row: row(key, &tenants, configured),
        })
    }

    fn act(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    fn done(state: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        // Calls with the key stop working now, not when the look-up cache expires.
        state.keys.clear();
        "/admin/settings/api-keys?done=deleted".into()
    }
}
