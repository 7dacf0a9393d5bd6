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

use super::confirm::{self, ConfirmDelete, Delete, Deletion};
use super::editor;
use super::{checkbox, read, render, Admin, Ctx, PageError, Staff};
use crate::app::AppState;
use crate::domain::lifecycle::ActionKind;
use crate::domain::user_action::UserAction;
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::service::{tenants, user_actions as svc};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/actions", web::get().to(list))
        .configure(|cfg| editor::routes::<form::Editing>(cfg, "/actions"))
        .configure(|cfg| {
            confirm::button(
                cfg,
                "/actions/{id}/deactivate",
                |conn, _, id| svc::set_active(conn, id, false).map(|_| ()),
                |_| "/admin/actions?inactive=1&done=deactivated".into(),
            );
            confirm::button(
                cfg,
                "/actions/{id}/reactivate",
                |conn, _, id| svc::set_active(conn, id, true).map(|_| ()),
                |_| "/admin/actions?done=reactivated".into(),
            );
            confirm::routes::<Delete<Deleting>>(cfg, "/actions/{id}/delete");
        });
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
    #[serde(default, with = "checkbox")]
    inactive: bool,
}

async fn list(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let inactive = query.inactive;
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

/// The confirm-delete page of a definition: how many instances go with it.
struct Deleting;

impl Deletion for Deleting {
    const SECTION: &'static str = "actions";
    const LIST: &'static str = "/admin/actions";
    /// The definition and how many instances deleting it removes.
    type Thing = (UserAction, i64);

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<Self::Thing> {
        svc::find_with_instance_count(conn, id)
    }

    fn delete(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, now, id)
    }

    /// "Cancel" goes back to the definition; an active one can be deactivated instead.
    fn page(ctx: Ctx, (action, instances): Self::Thing) -> ConfirmDelete {
        let tr = &ctx.tr;
        let question = tr.t1("actions-delete-confirm", "name", &action.spec.name);
        let count = tr.t1("actions-delete-instances", "count", instances);
        let (hint, instead) = (
            tr.t("actions-delete-hint"),
            tr.t("actions-deactivate-instead"),
        );
        let back = format!("/admin/actions/{}", action.id);
        let page = ConfirmDelete::new(ctx, "actions-delete-title", question, back).detail(count);
        if !action.active {
            return page;
        }
        page.hint(hint)
            .alternative(format!("/admin/actions/{}/deactivate", action.id), instead)
    }
}
