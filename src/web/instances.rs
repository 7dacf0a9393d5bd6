//! Every applied action across users: filters, keyset pages, and the same list as CSV.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

use super::names::Names;
use super::page::url_encode;
use super::{form_again, read, render, Choice, Ctx, FormErrors, PageError, Staff, Support};
use crate::app::AppState;
use crate::domain::instance::{Instance, State, FOREVER};
use crate::domain::instance_search;
use crate::domain::lifecycle::ActionKind;
use crate::domain::naming::Naming;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::insights::{self as svc, Criteria, Cursor, InstancePage};
use crate::service::instance_export;
use crate::service::{naming, reasons, staff as staff_svc, ServiceError, ServiceResult};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/instances", web::get().to(list))
        .route("/instances.csv", web::get().to(csv_export));
}

const PER_PAGE: i64 = 25;
/// Rows read per query while exporting.
const CSV_BATCH: i64 = 1000;
const FIELDS: &[&str] = &[
    "action",
    "state",
    "reason",
    "agent",
    "expires_after",
    "expires_before",
    "option",
    "kind",
    "user",
    "applied_from",
    "applied_to",
];
/// The states a filter may ask for; `expired` is accepted for `ended`.
const STATES: [State; 5] = [
    State::Active,
    State::Ended,
    State::Cancelled,
    State::Instant,
    State::Scheduled,
];

/// The filters as typed (the URL's query), kept to fill the form again.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct InstancesQuery {
    action: String,
    state: String,
    reason: String,
    agent: String,
    expires_after: String,
    expires_before: String,
    option: String,
    kind: String,
    /// A user's id, email, or words of their name or email.
    user: String,
    /// Days (`YYYY-MM-DD`, the member's zone) the action was first applied on, both included.
    applied_from: String,
    applied_to: String,
    /// Keyset cursors `<insertInstant>_<id>`.
    after: String,
    before: String,
}

impl InstancesQuery {
    fn filter(&self, tr: &Tr) -> Result<Criteria, FieldErrors> {
        let mut errors = FieldErrors::new();
        let id = |raw: &str| Uuid::parse_str(raw.trim()).ok();
        let instant = |raw: &str| tr.parse_datetime_input(raw);
        let user_action_id = optional(&mut errors, &self.action, "action", id);
        let actioner_user_id = optional(&mut errors, &self.agent, "agent", id);
        let state = optional(&mut errors, &self.state, "state", state);
        let expires_after = optional(&mut errors, &self.expires_after, "expires_after", instant);
        let expires_before = optional(&mut errors, &self.expires_before, "expires_before", instant);
        // The same rule as the API's search.
        if !instance_search::expiry_window_is_valid(expires_after, expires_before) {
            errors.add(Kind::Invalid, "expires_before");
        }
        let kind = optional(&mut errors, &self.kind, "kind", |k| {
            ActionKind::parse(k.trim())
        });
        let from = optional(&mut errors, &self.applied_from, "applied_from", |d| {
            day_start(tr, d, false)
        });
        let to = optional(&mut errors, &self.applied_to, "applied_to", |d| {
            day_start(tr, d, true)
        });
        let (created_after, created_before) = match instance_search::applied_days_window(from, to) {
            Some(window) => window,
            None => {
                errors.add(Kind::Invalid, "applied_to");
                (None, None)
            }
        };
        let text = |raw: &str| Some(raw.trim().to_string()).filter(|t| !t.is_empty());
        errors.into_result()?;
        Ok(Criteria {
            user_action_id,
            state,
            reason_code: text(&self.reason),
            actioner_user_id,
            expires_after,
            expires_before,
            option: text(&self.option),
            // Filled from `user_text` by the service.
            actionee_user_ids: None,
            created_after,
            created_before,
            kind,
            ..Criteria::default()
        })
    }

    /// The "user" filter as typed, if any.
    fn user_text(&self) -> Option<String> {
        Some(self.user.trim().to_string()).filter(|t| !t.is_empty())
    }

    /// An unreadable cursor starts at the first page.
    fn cursor(&self) -> Cursor {
        let parse = |raw: &str| {
            let (at, id) = raw.trim().split_once('_')?;
            let id = Uuid::parse_str(id).ok()?;
            Some((at.parse::<i64>().ok()?, id.to_string()))
        };
        if let Some((at, id)) = parse(&self.after) {
            Cursor::After(at, id)
        } else if let Some((at, id)) = parse(&self.before) {
            Cursor::Before(at, id)
        } else {
            Cursor::First
        }
    }

    /// The filters as a query string (without the cursor), for links.
    fn filters_query(&self) -> String {
        [
            ("action", &self.action),
            ("state", &self.state),
            ("reason", &self.reason),
            ("agent", &self.agent),
            ("expires_after", &self.expires_after),
            ("expires_before", &self.expires_before),
            ("option", &self.option),
            ("kind", &self.kind),
            ("user", &self.user),
            ("applied_from", &self.applied_from),
            ("applied_to", &self.applied_to),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A filter field read with `parse`: blank is no filter, and anything unreadable is an error on
/// `field`.
fn optional<T>(
    errors: &mut FieldErrors,
    raw: &str,
    field: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    if raw.trim().is_empty() {
        return None;
    }
    let parsed = parse(raw);
    if parsed.is_none() {
        errors.add(Kind::Invalid, field);
    }
    parsed
}

/// A state as the filter names it; `expired` is accepted for `ended`.
fn state(raw: &str) -> Option<State> {
    match raw.trim() {
        "expired" => Some(State::Ended),
        s => State::parse(s),
    }
}

/// The instant a day (`YYYY-MM-DD`) starts in the member's zone; with `next`, the day after it.
fn day_start(tr: &Tr, raw: &str, next: bool) -> Option<i64> {
    let mut day = chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()?;
    if next {
        day = day.succ_opt()?;
    }
    tr.parse_datetime_input(&format!("{}T00:00", day.format("%Y-%m-%d")))
}

/// One instance as the list and the CSV show it.
pub struct Line {
    pub id: Uuid,
    pub user_id: Uuid,
    pub user: String,
    pub action: String,
    pub option: String,
    pub state: &'static str,
    pub state_label: String,
    pub reason: String,
    pub reason_code: String,
    pub agent_id: String,
    pub agent: String,
    pub comment: String,
    pub created: String,
    pub expiry: String,
    /// The version a bulk change confirms against, and whether one may be asked for.
    pub version: i64,
    pub changeable: bool,
}

/// Agents and users, looked up once per page or batch, and the names of actions, options and
/// reasons in the viewer's language.
struct Lines<'a> {
    names: Names<'a>,
    naming: &'a Naming,
}

impl Lines<'_> {
    fn line(&self, i: &Instance, tr: &Tr, now: i64, csv: bool) -> Line {
        let state = i.state(now);
        let when = |ms: i64| {
            if !csv {
                return tr.datetime(ms);
            }
            match chrono::DateTime::from_timestamp_millis(ms) {
                Some(t) if ms < FOREVER => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                _ => tr.t("expiry-forever"),
            }
        };
        let agent = i.actioner_user_id.map(|a| self.names.short(a));
        Line {
            id: i.id,
            user_id: i.actionee_user_id,
            user: self.names.email(i.actionee_user_id),
            action: self.naming.action_of(i),
            option: self.naming.option_of(i),
            state: state.as_str(),
            state_label: tr.t(&format!("instances-state-{}", state.as_str())),
            reason: self.naming.reason_of(i),
            reason_code: i.reason_code.clone().unwrap_or_default(),
            agent_id: i
                .actioner_user_id
                .map(|a| a.to_string())
                .unwrap_or_default(),
            agent: agent.unwrap_or_default(),
            comment: i.comment.clone().unwrap_or_default(),
            created: when(i.creation_instant()),
            expiry: i.expiry.map(when).unwrap_or_default(),
            version: crate::domain::instance_version::version(i),
            changeable: i.is_changeable(now),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/instances/list.html")]
struct ListPage {
    ctx: Ctx,
    query: InstancesQuery,
    actions: Vec<Choice>,
    states: Vec<Choice>,
    reasons: Vec<Choice>,
    agents: Vec<Choice>,
    option_names: Vec<Choice>,
    kinds: Vec<Choice>,
    lines: Vec<Line>,
    /// The most instances one bulk change takes.
    bulk_max: usize,
    /// Links to the neighbouring pages and the first one.
    next: Option<String>,
    previous: Option<String>,
    first: Option<String>,
    csv: String,
    /// The filters as a query string, for coming back from a bulk change.
    filters: String,
    errors: FormErrors,
}

/// What the filter form offers, and staff names for the agent column.
struct Options {
    actions: Vec<Choice>,
    /// Option names of every definition, once each.
    option_names: Vec<Choice>,
    reasons: Vec<Choice>,
    agents: Vec<Choice>,
    staff: HashMap<Uuid, String>,
    naming: Naming,
}

async fn options(state: &web::Data<AppState>, lang: &str) -> Result<Options, PageError> {
    let lang = lang.to_string();
    read(state, move |conn, _| {
        let naming = naming::for_language(conn, &lang)?;
        let definitions = svc::definitions(conn)?;
        let mut option_names: Vec<Choice> = Vec::new();
        for d in &definitions {
            for o in &d.spec.options {
                if !option_names.iter().any(|c| c.value == o.name) {
                    option_names.push(Choice::new(o.name.clone(), naming.option(d, &o.name)));
                }
            }
        }
        let actions = definitions
            .iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: naming.action(a),
            })
            .collect();
        let reasons = reasons::list(conn)?
            .iter()
            .map(|r| Choice {
                label: naming.reason_with_code(r),
                value: r.spec.code.clone(),
            })
            .collect();
        let members = staff_svc::list(conn)?;
        let staff = members.iter().map(|m| (m.id, m.name.clone())).collect();
        let agents = members
            .into_iter()
            .map(|m| Choice {
                value: m.id.to_string(),
                label: m.name,
            })
            .collect();
        Ok(Options {
            actions,
            option_names,
            reasons,
            agents,
            staff,
            naming,
        })
    })
    .await
}

fn page_for(ctx: Ctx, query: InstancesQuery, options: Options) -> ListPage {
    let states = STATES
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: ctx.tr.t(&format!("instances-state-{}", s.as_str())),
        })
        .collect();
    let kinds = ActionKind::ALL
        .iter()
        .map(|k| Choice::new(k.as_str(), ctx.tr.t(&format!("kind-{}", k.as_str()))))
        .collect();
    let filters = query.filters_query();
    ListPage {
        csv: format!("/admin/instances.csv?{filters}"),
        filters: filters.clone(),
        ctx,
        query,
        actions: options.actions,
        states,
        reasons: options.reasons,
        agents: options.agents,
        option_names: options.option_names,
        kinds,
        lines: vec![],
        bulk_max: crate::domain::bulk::MAX_SELECTED,
        next: None,
        previous: None,
        first: None,
        errors: FormErrors::none(),
    }
}

/// The filters' errors; a reversed expiry range says which way round it must be.
fn form_errors(errors: &FieldErrors, tr: &Tr, query: &InstancesQuery) -> FormErrors {
    let mut shown = FormErrors::new(errors, tr, FIELDS);
    let both = !query.expires_after.trim().is_empty() && !query.expires_before.trim().is_empty();
    if shown.has("expires_before")
        && both
        && tr.parse_datetime_input(&query.expires_before).is_some()
    {
        shown.replace("expires_before", tr.t("instances-range-reversed"));
    }
    let days = [&query.applied_from, &query.applied_to];
    if shown.has("applied_to")
        && !shown.has("applied_from")
        && days.iter().all(|d| day_start(tr, d, false).is_some())
    {
        shown.replace("applied_to", tr.t("instances-applied-reversed"));
    }
    shown
}

/// The filter narrowed to the users its "user" field stands for; `None` when too many match.
async fn with_users(
    state: &web::Data<AppState>,
    filter: Criteria,
    query: &InstancesQuery,
) -> Result<Option<Criteria>, PageError> {
    let text = query.user_text();
    read(state, move |conn, _| {
        svc::with_user_text(conn, filter, text.as_deref())
    })
    .await
}

fn too_many_users(tr: &Tr) -> FormErrors {
    let mut errors = FormErrors::none();
    let bound = instance_search::MAX_USERS_MATCHED as i64;
    errors.replace("user", tr.t1("instances-user-too-many", "count", bound));
    errors
}

fn cursor_link(filters: &str, key: &str, cursor: &Cursor) -> Option<String> {
    let (at, id) = match cursor {
        Cursor::First => return None,
        Cursor::After(at, id) | Cursor::Before(at, id) => (at, id),
    };
    let sep = if filters.is_empty() { "" } else { "&" };
    Some(format!("/admin/instances?{filters}{sep}{key}={at}_{id}"))
}

/// The query's filter narrowed to the users its "user" field stands for; or, when the filters
/// cannot be used, the errors to show next to them.
async fn narrowed(
    state: &web::Data<AppState>,
    query: &InstancesQuery,
    tr: &Tr,
) -> Result<Result<Criteria, FormErrors>, PageError> {
    let filter = match query.filter(tr) {
        Ok(filter) => filter,
        Err(errors) => return Ok(Err(form_errors(&errors, tr, query))),
    };
    let narrowed = with_users(state, filter, query).await?;
    Ok(narrowed.ok_or_else(|| too_many_users(tr)))
}

/// The filter form again with what is wrong, and no rows.
fn refused(
    ctx: Ctx,
    query: InstancesQuery,
    options: Options,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let mut page = page_for(ctx, query, options);
    page.errors = errors;
    form_again(&page)
}

impl ListPage {
    /// Links to the pages either side of `found` and, away from the start, to the first one.
    fn link_pages(&mut self, found: &InstancePage) {
        let filters = self.query.filters_query();
        if let Some(next) = &found.next {
            self.next = cursor_link(&filters, "after", next);
        }
        if let Some(previous) = &found.previous {
            self.previous = cursor_link(&filters, "before", previous);
        }
        if self.query.cursor() != Cursor::First {
            self.first = Some(format!("/admin/instances?{filters}"));
        }
    }
}

async fn list(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    query: web::Query<InstancesQuery>,
) -> Result<HttpResponse, PageError> {
    let query = query.into_inner();
    let ctx = staff.ctx("instances");
    let options = options(&state, &ctx.tr.lang).await?;
    let filter = match narrowed(&state, &query, &ctx.tr).await? {
        Ok(filter) => filter,
        Err(errors) => return refused(ctx, query, options, errors),
    };
    let cursor = query.cursor();
    let (found, emails, now) = read(&state, move |conn, now| {
        let found = svc::instances(conn, now, &filter, &cursor, PER_PAGE)?;
        let emails = instance_export::emails_named(conn, &found.rows)?;
        Ok((found, emails, now))
    })
    .await?;
    let (staff_names, naming) = (options.staff.clone(), options.naming.clone());
    let mut page = page_for(ctx, query, options);
    let tr = page.ctx.tr.clone();
    let lines = Lines {
        names: Names::from_parts(&tr, &staff_names, emails),
        naming: &naming,
    };
    page.lines = found
        .rows
        .iter()
        .map(|i| lines.line(i, &tr, now, false))
        .collect();
    page.link_pages(&found);
    render(&page)
}

/// A spreadsheet runs a cell starting with one of these as a formula: a leading quote makes it
/// text (OWASP's advice on CSV injection).
fn neutralise(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

fn csv_header(tr: &Tr) -> Vec<String> {
    [
        "id",
        "action",
        "option",
        "state",
        "user-id",
        "user",
        "agent-id",
        "agent",
        "reason",
        "reason-code",
        "comment",
        "created",
        "expiry",
    ]
    .iter()
    .map(|c| tr.t(&format!("instances-col-{c}")))
    .collect()
}

fn csv_record(l: &Line) -> Vec<String> {
    [
        l.id.to_string(),
        l.action.clone(),
        l.option.clone(),
        l.state.to_string(),
        l.user_id.to_string(),
        l.user.clone(),
        l.agent_id.clone(),
        l.agent.clone(),
        l.reason.clone(),
        l.reason_code.clone(),
        l.comment.clone(),
        l.created.clone(),
        l.expiry.clone(),
    ]
    .iter()
    .map(|v| neutralise(v))
    .collect()
}

fn csv_bytes(records: impl IntoIterator<Item = Vec<String>>) -> Result<web::Bytes, String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for r in records {
        out.write_record(&r).map_err(|e| e.to_string())?;
    }
    out.into_inner()
        .map(web::Bytes::from)
        .map_err(|e| e.to_string())
}

/// What the CSV's rows are made from, moved onto a blocking thread.
struct CsvExport {
    filter: Criteria,
    tr: Tr,
    staff_names: HashMap<Uuid, String>,
    naming: Naming,
    now: i64,
}

impl CsvExport {
    /// Sends the rows in batches until they run out or the download is dropped.
    fn send_rows(
        self,
        state: &AppState,
        tx: &tokio::sync::mpsc::Sender<web::Bytes>,
    ) -> ServiceResult<()> {
        let CsvExport {
            filter,
            tr,
            staff_names,
            naming,
            now,
        } = self;
        instance_export::each_batch(state, now, &filter, CSV_BATCH, |rows, emails| {
            let lines = Lines {
                names: Names::from_parts(&tr, &staff_names, emails),
                naming: &naming,
            };
            let records = rows
                .iter()
                .map(|i| csv_record(&lines.line(i, &tr, now, true)));
            let bytes = csv_bytes(records).map_err(ServiceError::Internal)?;
            Ok(tx.blocking_send(bytes).is_ok())
        })
    }
}

/// The file as a download, its body whatever arrives on `rx`.
fn csv_download(rx: tokio::sync::mpsc::Receiver<web::Bytes>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"actions.csv\"",
        ))
        .streaming(futures_util::stream::unfold(rx, |mut rx| async move {
            let chunk = rx.recv().await?;
            Some((Ok::<_, std::convert::Infallible>(chunk), rx))
        }))
}

async fn csv_export(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    query: web::Query<InstancesQuery>,
) -> Result<HttpResponse, PageError> {
    let query = query.into_inner();
    let tr = staff.tr().clone();
    let options = options(&state, &tr.lang).await?;
    let filter = match narrowed(&state, &query, &tr).await? {
        Ok(filter) => filter,
        Err(errors) => return refused(staff.ctx("instances"), query, options, errors),
    };
    let header_row = csv_bytes([csv_header(&tr)]).map_err(PageError::Internal)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<web::Bytes>(4);
    let export = CsvExport {
        filter,
        tr,
        staff_names: options.staff,
        naming: options.naming,
        now: state.now(),
    };
    actix_web::rt::task::spawn_blocking(move || {
        if tx.blocking_send(header_row).is_err() {
            return;
        }
        // The header is out already: a failure can only cut the file short, so log it.
        if let Err(e) = export.send_rows(&state, &tx) {
            tracing::error!(error = %e, "CSV export stopped");
        }
    });
    Ok(csv_download(rx))
}
