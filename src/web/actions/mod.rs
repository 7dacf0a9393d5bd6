//! Action definitions (administrators): the active and inactive lists, deactivate and
//! reactivate, hard delete with its confirmation. Creating and editing live in `form`.

pub mod duration;
mod errors;
mod form;

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{read, render, see_other, write, Admin, Ctx, Form, PageError, Staff};
use crate::app::AppState;
use crate::domain::lifecycle::ActionKind;
use crate::domain::user_action::UserAction;
use crate::service::{tenants, user_actions as svc};
use crate::web::path_id;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/actions", web::get().to(list))
        .route("/actions/new", web::get().to(form::new))
        .route("/actions/new", web::post().to(form::create))
        .route("/actions/{id}", web::get().to(form::edit))
        .route("/actions/{id}", web::post().to(form::update))
        .route("/actions/{id}/deactivate", web::post().to(deactivate))
        .route("/actions/{id}/reactivate", web::post().to(reactivate))
        .route("/actions/{id}/delete", web::get().to(confirm_delete))
        .route("/actions/{id}/delete", web::post().to(delete));
}

/// One definition as the list shows it.
struct Row {
    id: Uuid,
    name: String,
    temporal: bool,
    kind: ActionKind,
    prevent_login: bool,
    options: usize,
    languages: Vec<String>,
    /// Names of the tenants it is limited to; empty for every tenant.
    tenants: Vec<String>,
}

impl Row {
    fn new(action: &UserAction, tenant_names: &HashMap<Uuid, String>) -> Row {
        let s = &action.spec;
        Row {
            id: action.id,
            name: s.name.clone(),
            temporal: s.temporal,
            kind: s.beyond.kind,
            prevent_login: s.prevent_login,
            options: s.options.len(),
            languages: s.localized_names.keys().cloned().collect(),
            tenants: s
                .tenant_ids
                .iter()
                .map(|t| {
                    tenant_names
                        .get(t)
                        .cloned()
                        .unwrap_or_else(|| t.to_string())
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/actions/list.html")]
struct ListPage {
    ctx: Ctx,
    inactive: bool,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    inactive: String,
}

async fn list(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let inactive = matches!(query.inactive.as_str(), "1" | "true");
    let (actions, all_tenants) = read(&state, move |conn, _| {
        Ok((svc::list(conn, !inactive, None)?, tenants::list(conn)?))
    })
    .await?;
    let names: HashMap<Uuid, String> = all_tenants.into_iter().map(|t| (t.id, t.name)).collect();
    render(&ListPage {
        ctx: staff.ctx("actions"),
        inactive,
        rows: actions.iter().map(|a| Row::new(a, &names)).collect(),
    })
}

/// A form that carries nothing but its CSRF token.
#[derive(Deserialize)]
struct Confirm {}

async fn deactivate(
    state: web::Data<AppState>,
    _staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    write(&state, move |conn, _| svc::set_active(conn, id, false)).await??;
    Ok(see_other("/admin/actions?inactive=1&done=deactivated"))
}

async fn reactivate(
    state: web::Data<AppState>,
    _staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    write(&state, move |conn, _| svc::set_active(conn, id, true)).await??;
    Ok(see_other("/admin/actions?done=reactivated"))
}

#[derive(Template)]
#[template(path = "admin/actions/delete.html")]
struct DeletePage {
    ctx: Ctx,
    id: Uuid,
    name: String,
    active: bool,
    instances: i64,
}

async fn confirm_delete(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let (action, instances) = read(&state, move |conn, _| {
        svc::find_with_instance_count(conn, id)
    })
    .await?;
    render(&DeletePage {
        ctx: staff.ctx("actions"),
        id,
        name: action.spec.name,
        active: action.active,
        instances,
    })
}

async fn delete(
    state: web::Data<AppState>,
    _staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    write(&state, move |conn, now| svc::delete(conn, now, id)).await??;
    Ok(see_other("/admin/actions?done=deleted"))
}
