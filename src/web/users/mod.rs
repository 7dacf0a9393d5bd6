//! Users (support agents and administrators): find a user, see their details and whole
//! history, and apply, change or cancel actions.

mod change;
mod expiry;
mod notes;
mod profile;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::names::Names;
use super::page::url_encode;
use super::{read, render, Ctx, PageError, Staff, Support};
use crate::app::AppState;
use crate::domain::instance::{Instance, FOREVER};
use crate::domain::naming::Naming;
use crate::i18n::Tr;
use crate::service::actioning::Publish;
use crate::service::events;
use crate::service::user_directory::{self as svc, Person, UserQuery};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/users", web::get().to(search))
        .route("/users/{id}", web::get().to(profile::show))
        .route("/users/{id}/apply", web::post().to(profile::apply))
        .route(
            "/users/{id}/actions/{instance}",
            web::get().to(change::show),
        )
        .route(
            "/users/{id}/actions/{instance}",
            web::post().to(change::modify),
        )
        .route(
            "/users/{id}/actions/{instance}/cancel",
            web::post().to(change::cancel),
        )
        .route("/users/{id}/notes", web::post().to(notes::add))
        .route(
            "/users/{id}/notes/{note}/delete",
            web::post().to(notes::delete),
        );
}

/// Users shown per search page.
const PER_PAGE: usize = 25;

#[derive(Deserialize, Default)]
#[serde(default)]
struct SearchQuery {
    q: String,
    page: String,
}

/// One user in the results.
struct Row {
    id: Uuid,
    email: String,
    name: String,
    tenant: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/users/search.html")]
struct SearchPage {
    ctx: Ctx,
    q: String,
    rows: Vec<Row>,
    total: i64,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    /// This page, where a bulk change goes back to; and the most users one takes.
    back: String,
    bulk_max: usize,
}

fn page_link(q: &str, page: usize) -> String {
    format!("/admin/users?q={}&page={page}", url_encode(q))
}

async fn search(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, PageError> {
    let SearchQuery { q, page } = query.into_inner();
    // Pages are counted from 1 in links; anything else is the first page.
    let page = page
        .trim()
        .parse::<usize>()
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let wanted = UserQuery {
        text: q.clone(),
        page: page - 1,
        per_page: PER_PAGE,
    };
    let found = read(&state, move |conn, _| svc::search(conn, &wanted)).await?;
    let pages = (found.total.max(0) as usize).div_ceil(PER_PAGE).max(1);
    let rows = found
        .users
        .into_iter()
        .map(|f| Row {
            id: f.user.id,
            email: f.user.email.clone().unwrap_or_default(),
            name: user_name(&f.user),
            tenant: f.tenant_name,
            active: f.user.active,
        })
        .collect();
    render(&SearchPage {
        ctx: staff.ctx("users"),
        previous: (page > 1).then(|| page_link(&q, page - 1)),
        next: (page < pages).then(|| page_link(&q, page + 1)),
        back: page_link(&q, page),
        bulk_max: crate::domain::bulk::MAX_SELECTED,
        q,
        rows,
        total: found.total,
        page,
        pages,
    })
}

/// A user's name as the pages show it (empty when they have none but an email).
fn user_name(user: &crate::domain::user::User) -> String {
    let person = Person {
        id: user.id,
        email: None,
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        full_name: user.full_name.clone(),
    };
    let name = svc::display_name(&person);
    if name == user.id.to_string() {
        String::new()
    } else {
        name
    }
}

/// What the pages show of a running instance.
struct Running {
    id: Uuid,
    action: String,
    option: String,
    reason: String,
    expiry: String,
    /// Remaining time in words; empty for "forever".
    remaining: String,
    applied_by: String,
    comment: String,
    /// When a scheduled instance starts; empty once started (or never scheduled).
    start: String,
    /// Running or scheduled: only then may it be changed or cancelled.
    changeable: bool,
}

impl Running {
    fn new(instance: &Instance, now: i64, tr: &Tr, names: &Names, naming: &Naming) -> Running {
        let expiry = instance.expiry.unwrap_or(FOREVER);
        Running {
            id: instance.id,
            action: naming.action_of(instance),
            option: naming.option_of(instance),
            reason: reason_text(instance, naming),
            expiry: tr.datetime(expiry),
            remaining: if expiry < FOREVER && expiry > now {
                tr.t1("users-remaining", "duration", tr.duration(expiry - now))
            } else {
                String::new()
            },
            applied_by: names.of(svc::applied_by(instance)),
            comment: instance.comment.clone().unwrap_or_default(),
            start: match instance.start_instant {
                Some(start) if start > now => tr.datetime(start),
                _ => String::new(),
            },
            changeable: instance.is_changeable(now),
        }
    }
}

/// "Text (CODE)" in the viewer's language, or empty when no reason was chosen.
fn reason_text(instance: &Instance, naming: &Naming) -> String {
    let text = naming.reason_of(instance);
    match &instance.reason_code {
        Some(code) if !code.is_empty() && !text.is_empty() => format!("{text} ({code})"),
        _ => text,
    }
}

/// Where a form's action is published: the admin app broadcasts like an API call with
/// `broadcast: true`, so webhook receivers learn of actions taken here too.
fn publish<'a>(state: &'a AppState, ip: &Option<String>) -> Publish<'a> {
    Publish {
        out: &state.outbound,
        broadcast: true,
        info: events::client_info(ip.clone()),
    }
}

/// The `{id}` and `{instance}` of a path; anything but ids is a page that does not exist.
fn ids(path: &(String, String)) -> Result<(Uuid, Uuid), PageError> {
    Ok((super::path_id(&path.0)?, super::path_id(&path.1)?))
}
