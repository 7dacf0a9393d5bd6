//! Queued emails (administrators): the log of pending, sent and failed emails, one email
//! with its parts and attempts, and replay of a failed one. A tab of the email-templates section.

use actix_web::{web, HttpResponse};
use askama::Template;
use uuid::Uuid;

use super::outbox_log::{
    attempt_rows, last_error, loop_rows, next_attempt, AttemptRow, LogQuery, LoopRow, STATUSES,
};
use super::{read, render, Admin, Ctx, PageError, Staff};
use crate::app::AppState;
use crate::i18n::Tr;
use crate::service::deliveries::{PENDING, SUCCEEDED};
use crate::service::emails::{self as svc, QueuedEmail};
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::web::confirm::{act, show, Confirmed};

/// The navigation entry the pages highlight: emails are part of the email-templates section.
const SECTION: &str = "email-templates";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/emails", web::get().to(list))
        .route("/emails/{id}", web::get().to(show::<Replaying>))
        .route("/emails/{id}/replay", web::post().to(act::<Replaying>));
}

/// The localized name of an email's status.
fn status_label(tr: &Tr, status: &str) -> String {
    match status {
        PENDING => tr.t("emails-status-pending"),
        SUCCEEDED => tr.t("emails-status-sent"),
        _ => tr.t("emails-status-failed"),
    }
}

/// The action an email is about, linked to the actionee's page, and the change it was for.
struct ActionLink {
    name: String,
    user_id: Uuid,
    phase: Option<String>,
}

fn action_link(email: &QueuedEmail, tr: &Tr) -> Option<ActionLink> {
    email.action.as_ref().map(|a| ActionLink {
        name: a.name.clone(),
        user_id: a.actionee_user_id,
        phase: email
            .content
            .phase
            .as_deref()
            .and_then(|p| phase_label(tr, p)),
    })
}

fn phase_label(tr: &Tr, phase: &str) -> Option<String> {
    let key = match phase {
        "start" => "emails-phase-start",
        "modify" => "emails-phase-modify",
        "cancel" => "emails-phase-cancel",
        "end" => "emails-phase-end",
        _ => return None,
    };
    Some(tr.t(key))
}

/// One email in the log.
struct LogRow {
    id: Uuid,
    created: String,
    to: String,
    subject: String,
    action: Option<ActionLink>,
    status: String,
    status_label: String,
    attempts: usize,
    next_attempt: Option<String>,
    last_error: String,
}

impl LogRow {
    fn of(email: &QueuedEmail, tr: &Tr) -> LogRow {
        let item = &email.item;
        LogRow {
            id: item.id,
            created: tr.datetime(item.insert_instant),
            to: email.content.recipients(),
            subject: email.content.subject.clone(),
            action: action_link(email, tr),
            status: item.status.clone(),
            status_label: status_label(tr, &item.status),
            attempts: item.attempts.len(),
            next_attempt: next_attempt(tr, &item.status, item.next_attempt_instant),
            last_error: last_error(&item.attempts),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/emails/list.html")]
struct LogPage {
    ctx: Ctx,
    rows: Vec<LogRow>,
    total: i64,
    status: String,
    /// (value, label) of the status filter.
    statuses: Vec<(String, String)>,
    previous: Option<String>,
    next: Option<String>,
    /// Whether a row is still pending: the page then refreshes its log in place.
    live: bool,
    /// The background loops' health.
    loops: Vec<LoopRow>,
}

async fn list(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, PageError> {
    let filter = query.filter();
    let (emails, total) = read(&state, move |conn, _| svc::list(conn, filter)).await?;
    let (previous, next) = query.pager("/admin/emails", total);
    let tr = staff.tr();
    render(&LogPage {
        live: emails.iter().any(|e| e.item.status == PENDING),
        rows: emails.iter().map(|e| LogRow::of(e, tr)).collect(),
        total,
        status: query.status().unwrap_or_default(),
        statuses: STATUSES
            .iter()
            .map(|s| (s.to_string(), status_label(tr, s)))
            .collect(),
        previous,
        next,
        loops: loop_rows(&state.workers, tr),
        ctx: staff.ctx(SECTION),
    })
}

#[derive(Template)]
#[template(path = "admin/emails/detail.html")]
struct EmailPage {
    ctx: Ctx,
    id: Uuid,
    status: String,
    status_label: String,
    created: String,
    next_attempt: Option<String>,
    from: String,
    to: String,
    subject: String,
    text: String,
    /// The HTML part as source: stored HTML is never rendered into our page.
    html: String,
    action: Option<ActionLink>,
    attempts: Vec<AttemptRow>,
    /// Why a replay was refused.
    error: Option<String>,
}

/// An email, replayed (queued again) from its page.
struct Replaying;

impl Confirmed for Replaying {
    const SECTION: &'static str = SECTION;
    /// The only refusal: the email has not failed.
    const REFUSED: &'static str = "emails-replay-not-failed";
    type Loaded = QueuedEmail;
    type Page = EmailPage;

    fn load(conn: &mut Connection, _: &AppState, id: Uuid) -> ServiceResult<QueuedEmail> {
        svc::find(conn, id)
    }

    fn page(ctx: Ctx, email: QueuedEmail, error: Option<String>) -> EmailPage {
        let tr = &ctx.tr;
        let item = &email.item;
        EmailPage {
            id: item.id,
            status: item.status.clone(),
            status_label: status_label(tr, &item.status),
            created: tr.datetime(item.insert_instant),
            next_attempt: next_attempt(tr, &item.status, item.next_attempt_instant),
            from: email.content.from.formatted(),
            to: email.content.recipients(),
            action: action_link(&email, tr),
            attempts: attempt_rows(tr, &item.attempts),
            subject: email.content.subject,
            text: email.content.text,
            html: email.content.html,
            error,
            ctx,
        }
    }

    fn act(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()> {
        svc::replay(conn, now, id).map(|_| ())
    }

    fn done(_: &AppState, _: &Staff<Admin>, id: Uuid) -> String {
        format!("/admin/emails/{id}?done=replayed")
    }
}
