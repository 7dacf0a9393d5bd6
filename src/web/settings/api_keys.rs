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
use crate::i18n::Tr;
use crate::service::api_keys::{self as svc, ApiKeyRecord, NewKey};
use crate::service::runner::Connection;
use crate::service::tenants;
use crate::service::ServiceResult;
use crate::web::confirm::{self, ConfirmDelete, Confirmed};
use crate::web::editor::{self, Editor};
use crate::web::path_id;
use crate::web::{read, render, Admin, Ctx, FormErrors, PageError, Staff};

/// The list: "Cancel" and a done delete go back there.
const LIST: &str = "/admin/settings/api-keys";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/api-keys", web::get().to(list))
        .configure(|cfg| editor::routes_new::<Making>(cfg, "/settings/api-keys"))
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
fn configured_id(conn: &mut Connection, state: &AppState) -> ServiceResult<Option<Uuid>> {
    let Some(raw) = &state.config.api_key else {
        return Ok(None);
    };
    Ok(svc::authenticate(conn, raw)?.map(|k| k.id))
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
    let shared = state.clone();
    let (keys, tenants, configured) = read(&state, move |conn, _| {
        let configured = configured_id(conn, &shared)?;
        Ok((svc::list(conn)?, tenants::list(conn)?, configured))
    })
    .await?;
    render(&ListPage {
        ctx: staff.ctx(SECTION),
        rows: keys
            .into_iter()
            .map(|k| row(k, &tenants, configured))
            .collect(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct KeyForm {
    description: String,
    /// Empty for a global key.
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

/// Making a key: the key is kept for the page the form redirects to.
struct Making;

impl Editor for Making {
    const SECTION: &'static str = SECTION;
    type Form = KeyForm;
    type Loaded = Vec<Tenant>;
    type Input = (NewKey, Keeper);
    type Saved = Uuid;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, _: Option<Uuid>) -> ServiceResult<Vec<Tenant>> {
        tenants::list(conn)
    }

    fn form(_: &Vec<Tenant>) -> KeyForm {
        KeyForm::default()
    }

    fn page(
        ctx: Ctx,
        _: Option<Uuid>,
        form: KeyForm,
        list: Vec<Tenant>,
        errors: FormErrors,
    ) -> FormPage {
        FormPage {
            ctx,
            form,
            tenants: tenant_choices(&list),
            errors,
        }
    }

    fn input(
        form: &KeyForm,
        _: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<Self::Input, FormErrors> {
        let mut errors = FieldErrors::new();
        let tenant_id = form_id(&form.tenant, "apiKey.tenantId", &mut errors);
        if !errors.is_empty() {
            return Err(Self::errors(&errors, staff.tr()));
        }
        let new = NewKey {
            tenant_id,
            description: Some(form.description.clone()),
            ..Default::default()
        };
        Ok((new, Keeper::new(staff, KIND)))
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        _: Option<Uuid>,
        (new, keeper): Self::Input,
    ) -> ServiceResult<Uuid> {
        let (record, raw) = svc::create(conn, now, new)?;
        keeper.keep(conn, now, record.id, &raw)?;
        Ok(record.id)
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        FormErrors::new(errors, tr, FIELDS)
    }

    fn done(_: &Staff<Admin>, _: Option<Uuid>, id: Uuid) -> String {
        shown_once::page_of(KIND, id)
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

struct Deleting;

impl Confirmed for Deleting {
    const SECTION: &'static str = SECTION;
    type Loaded = Row;
    type Page = ConfirmDelete;

    fn load(conn: &mut Connection, state: &AppState, id: Uuid) -> ServiceResult<Row> {
        let configured = configured_id(conn, state)?;
        Ok(row(svc::find(conn, id)?, &tenants::list(conn)?, configured))
    }

    fn page(ctx: Ctx, row: Row, error: Option<String>) -> ConfirmDelete {
        let tr = &ctx.tr;
        let question = match &row.key.description {
            Some(description) => tr.t1("api-keys-delete-confirm", "description", description),
            None => tr.t1("api-keys-delete-confirm-id", "id", row.key.id.to_string()),
        };
        let effect = tr.t("api-keys-delete-effect");
        let configured = row.configured.then(|| tr.t("api-keys-delete-configured"));
        let page = ConfirmDelete::new(ctx, "api-keys-delete-title", question, LIST)
            .detail(effect)
            .error(error);
        match configured {
            Some(hint) => page.hint(hint),
            None => page,
        }
    }

    fn act(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    fn done(state: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        // Calls with the key stop working now, not when the look-up cache expires.
        state.keys.clear();
        format!("{LIST}?done=deleted")
    }
}
