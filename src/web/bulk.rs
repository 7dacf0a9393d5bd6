//! Bulk changes: users selected in the user search get one action, instances selected in the
//! actions-taken list are extended or cancelled. A confirm page lists what will happen; the
//! change runs each item through the single-change use case; a summary page (after a redirect)
//! says what was done and what was refused, and why.

use std::collections::HashMap;

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::names::email_or_id;
use super::{form_again, read, render, see_other, write_locked, Choice, Ctx, Form, PageError};
use super::{Staff, Support};
use crate::app::AppState;
use crate::domain::bulk::{self, Operation, Refusal, SelectionError, MAX_SELECTED};
use crate::domain::instance::{ActionInput, FOREVER};
use crate::domain::instance_version::version;
use crate::domain::naming::Naming;
use crate::domain::user_action::UserAction;
use crate::i18n::Tr;
use crate::service::bulk::{self as svc, ChangeAsked, Publishing, Report};
use crate::service::{events, flash, insights, naming, reasons};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bulk/users", web::post().to(choose_action))
        .route("/bulk/users/review", web::post().to(review_apply))
        .route("/bulk/users/run", web::post().to(run_apply))
        .route("/bulk/instances", web::post().to(review_change))
        .route("/bulk/instances/run", web::post().to(run_change))
        .route("/bulk/reports/{id}", web::get().to(report));
}

const DAY: i64 = 24 * 60 * 60 * 1000;
/// Durations an apply may take, counted from when it runs.
const PRESETS: [&str; 4] = ["1d", "7d", "30d", "forever"];

/// Every bulk form: the selection, and what to do with it.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct BulkForm {
    /// Selected users or instances (checkboxes).
    id: Vec<String>,
    /// `<instance id>:<version>` as the confirm page showed them.
    item: Vec<String>,
    operation: String,
    days: String,
    comment: String,
    action: String,
    option: String,
    reason: String,
    preset: String,
    /// Where "back" goes: the page the selection was made on.
    back: String,
}

impl BulkForm {
    fn selection(&self) -> Result<Vec<Uuid>, SelectionError> {
        bulk::selection(self.id.iter().map(String::as_str))
    }

    fn back(&self, fallback: &str) -> String {
        // Only a page of this app: never an address elsewhere.
        let back = self.back.trim();
        if back.starts_with("/admin/") && !back.starts_with("//") {
            back.to_string()
        } else {
            fallback.to_string()
        }
    }

    fn days(&self) -> Option<i64> {
        let days = self.days.trim().parse().ok()?;
        bulk::extension_days_are_valid(days).then_some(days)
    }

    /// The extension or cancel asked for, and the days an extension adds; else the message id
    /// of what is missing.
    fn change(&self) -> Result<(Operation, i64), &'static str> {
        match (Operation::parse(&self.operation), self.days()) {
            (Some(Operation::Extend), Some(days)) => Ok((Operation::Extend, days)),
            (Some(Operation::Extend), None) => Err("bulk-days-invalid"),
            (Some(Operation::Cancel), _) => Ok((Operation::Cancel, 0)),
            _ => Err("bulk-choose-operation"),
        }
    }

    fn expiry(&self, now: i64) -> Option<i64> {
        match self.preset.as_str() {
            "1d" => Some(now + DAY),
            "7d" => Some(now + 7 * DAY),
            "30d" => Some(now + 30 * DAY),
            "forever" => Some(FOREVER),
            _ => None,
        }
    }
}

/// One line of a confirm or summary page.
struct Line {
    user_id: Option<Uuid>,
    user: String,
    action: String,
    /// What will happen, or what happened.
    what: String,
    refused: Option<String>,
    /// `<id>:<version>` the run confirms against (instances).
    item: String,
}

impl Line {
    /// One user on the apply's confirm page: the action and what it will do, or why it cannot.
    fn apply_preview(
        preview: &svc::UserPreview,
        labels: &Labels,
        action: &str,
        what: &str,
        tr: &Tr,
    ) -> Line {
        Line {
            user_id: Some(preview.id),
            user: labels.user(preview.id),
            action: action.to_string(),
            what: what.to_string(),
            refused: preview.refused.map(|r| refusal_text(tr, r)),
            item: String::new(),
        }
    }

    /// One item on the summary page: done, or refused and why (an instance gone names no user).
    fn outcome(outcome: &svc::Outcome, labels: &Labels, done_label: &str, tr: &Tr) -> Line {
        let user = outcome.user;
        Line {
            user_id: (!user.is_nil()).then_some(user),
            user: if user.is_nil() {
                String::new()
            } else {
                labels.user(user)
            },
            action: labels.action(outcome.action),
            what: if outcome.refused.is_none() {
                done_label.to_string()
            } else {
                String::new()
            },
            refused: outcome.refused.map(|r| refusal_text(tr, r)),
            item: String::new(),
        }
    }
}

/// A page that refuses the selection as a whole (nothing selected, too many, a bad value).
#[derive(Template)]
#[template(path = "admin/bulk/refused.html")]
struct RefusedPage {
    ctx: Ctx,
    message: String,
    back: String,
}

fn refused(ctx: Ctx, message: String, back: String) -> Result<HttpResponse, PageError> {
    form_again(&RefusedPage { ctx, message, back })
}

fn selection_message(tr: &Tr, e: SelectionError) -> String {
    match e {
        SelectionError::Empty => tr.t("bulk-none-selected"),
        SelectionError::TooMany => tr.t1("bulk-too-many", "count", MAX_SELECTED as i64),
    }
}

fn refusal_text(tr: &Tr, r: Refusal) -> String {
    tr.t(&format!("bulk-refused-{}", r.as_str()))
}

/// Names of users (email, else id) and definitions in the viewer's language.
struct Labels {
    emails: HashMap<Uuid, String>,
    actions: HashMap<Uuid, String>,
}

impl Labels {
    fn read(
        conn: &mut crate::service::runner::Connection,
        lang: &str,
        users: &[Uuid],
    ) -> crate::service::ServiceResult<Labels> {
        let naming = naming::for_language(conn, lang)?;
        let actions = insights::definitions(conn)?
            .iter()
            .map(|d| (d.id, naming.action(d)))
            .collect();
        Ok(Labels {
            emails: insights::emails(conn, users)?,
            actions,
        })
    }

    fn user(&self, id: Uuid) -> String {
        email_or_id(&self.emails, id)
    }

    fn action(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.actions.get(&id).cloned())
            .unwrap_or_default()
    }
}

// Apply to users: choose the action, confirm, run.

#[derive(Template)]
#[template(path = "admin/bulk/choose.html")]
struct ChoosePage {
    ctx: Ctx,
    form: BulkForm,
    users: Vec<(Uuid, String)>,
    actions: Vec<Choice>,
    /// `(action, options)` of instantaneous actions that have options.
    options: Vec<(String, Vec<Choice>)>,
    reasons: Vec<Choice>,
    presets: Vec<Choice>,
    error: Option<String>,
}

/// What the choose page offers: every definition, the options of instantaneous ones, the reasons.
struct ApplyChoices {
    actions: Vec<Choice>,
    /// `(action, options)` of instantaneous actions that have options.
    options: Vec<(String, Vec<Choice>)>,
    reasons: Vec<Choice>,
}

impl ApplyChoices {
    fn read(
        conn: &mut crate::service::runner::Connection,
        lang: &str,
    ) -> crate::service::ServiceResult<ApplyChoices> {
        let naming = naming::for_language(conn, lang)?;
        let definitions: Vec<_> = crate::service::user_actions::list(conn, true, None)?;
        let reasons = reasons::list(conn)?;
        Ok(ApplyChoices {
            actions: definitions
                .iter()
                .map(|d| Choice::new(d.id.to_string(), naming.action(d)))
                .collect(),
            options: definitions
                .iter()
                .filter(|d| !d.spec.temporal && !d.spec.options.is_empty())
                .map(|d| (naming.action(d), option_choices(d, &naming)))
                .collect(),
            reasons: reasons
                .iter()
                .map(|r| Choice::new(r.id.to_string(), naming.reason_with_code(r)))
                .collect(),
        })
    }
}

/// The options of one definition, named in the viewer's language.
fn option_choices(definition: &UserAction, naming: &Naming) -> Vec<Choice> {
    definition
        .spec
        .options
        .iter()
        .map(|o| Choice::new(o.name.clone(), naming.option(definition, &o.name)))
        .collect()
}

async fn choose_page(
    state: &web::Data<AppState>,
    ctx: Ctx,
    form: BulkForm,
    users: Vec<Uuid>,
    error: Option<String>,
) -> Result<ChoosePage, PageError> {
    let lang = ctx.tr.lang.clone();
    let (choices, emails, users) = read(state, move |conn, _| {
        let choices = ApplyChoices::read(conn, &lang)?;
        Ok((choices, insights::emails(conn, &users)?, users))
    })
    .await?;
    let presets = PRESETS
        .iter()
        .map(|p| Choice::new(*p, ctx.tr.t(&format!("users-preset-{p}"))))
        .collect();
    Ok(ChoosePage {
        ctx,
        form,
        users: users
            .iter()
            .map(|u| (*u, email_or_id(&emails, *u)))
            .collect(),
        actions: choices.actions,
        options: choices.options,
        reasons: choices.reasons,
        presets,
        error,
    })
}

/// The choose page again, saying what is missing.
async fn choose_again(
    state: &web::Data<AppState>,
    staff: &Staff<Support>,
    form: BulkForm,
    users: Vec<Uuid>,
    error: String,
) -> Result<HttpResponse, PageError> {
    let page = choose_page(state, staff.ctx("users"), form, users, Some(error)).await?;
    form_again(&page)
}

async fn choose_action(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    Form(mut form): Form<BulkForm>,
) -> Result<HttpResponse, PageError> {
    let ctx = staff.ctx("users");
    let back = form.back("/admin/users");
    let users = match form.selection() {
        Ok(users) => users,
        Err(e) => return refused(ctx, selection_message(staff.tr(), e), back),
    };
    if form.preset.is_empty() {
        form.preset = "7d".into();
    }
    render(&choose_page(&state, ctx, form, users, None).await?)
}

#[derive(Template)]
#[template(path = "admin/bulk/confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    title: String,
    /// What the change is, in a sentence.
    summary: String,
    lines: Vec<Line>,
    /// Items that would be refused now (they are tried again, and reported).
    refused: usize,
    form: BulkForm,
    run: String,
    button: String,
    back: String,
}

/// The apply the form asks for, checked: the definition, and an error for the choose page.
fn apply_asked(
    form: &BulkForm,
    definition: &crate::domain::user_action::UserAction,
    tr: &Tr,
) -> Option<String> {
    let spec = &definition.spec;
    // Each user's tenant is judged on their own line of the confirm page; here the definition.
    if !definition.is_usable(None) {
        return Some(tr.t("bulk-refused-unavailable"));
    }
    if !spec.temporal
        && !spec.options.is_empty()
        && !spec.options.iter().any(|o| o.name == form.option)
    {
        return Some(tr.t("bulk-choose-option"));
    }
    if spec.temporal && !PRESETS.contains(&form.preset.as_str()) {
        return Some(tr.t("bulk-choose-duration"));
    }
    None
}

async fn review_apply(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    Form(form): Form<BulkForm>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr().clone();
    let back = form.back("/admin/users");
    let users = match form.selection() {
        Ok(users) => users,
        Err(e) => return refused(staff.ctx("users"), selection_message(&tr, e), back),
    };
    let Ok(action) = Uuid::parse_str(form.action.trim()) else {
        return choose_again(&state, &staff, form, users, tr.t("bulk-choose-action")).await;
    };
    let (lang, ids) = (tr.lang.clone(), users.clone());
    let (definition, previews, labels, naming, now) = read(&state, move |conn, now| {
        let definition = svc::definition(conn, action)?;
        let previews = svc::preview_apply(conn, now, &definition, &ids)?;
        let labels = Labels::read(conn, &lang, &ids)?;
        let naming = naming::for_language(conn, &lang)?;
        Ok((definition, previews, labels, naming, now))
    })
    .await?;
    if let Some(error) = apply_asked(&form, &definition, &tr) {
        return choose_again(&state, &staff, form, users, error).await;
    }
    let name = naming.action(&definition);
    let what = apply_what(&tr, &naming, &definition, &form, now);
    let lines: Vec<Line> = previews
        .iter()
        .map(|p| Line::apply_preview(p, &labels, &name, &what, &tr))
        .collect();
    let count = lines.len() as i64;
    render(&ConfirmPage {
        ctx: staff.ctx("users"),
        title: tr.t("bulk-apply-title"),
        summary: tr.t2("bulk-apply-summary", "action", &name, "count", count),
        refused: lines.iter().filter(|l| l.refused.is_some()).count(),
        lines,
        form,
        run: "/admin/bulk/users/run".into(),
        button: tr.t1("bulk-apply-button", "count", count),
        back,
    })
}

/// "Until …" for a temporal apply, the option for an instantaneous one.
fn apply_what(
    tr: &Tr,
    naming: &Naming,
    definition: &crate::domain::user_action::UserAction,
    form: &BulkForm,
    now: i64,
) -> String {
    if definition.spec.temporal {
        match form.expiry(now) {
            Some(FOREVER) => tr.t("users-preset-forever"),
            Some(at) => tr.t1("bulk-until", "date", tr.datetime(at)),
            None => String::new(),
        }
    } else if form.option.is_empty() {
        String::new()
    } else {
        naming.option(definition, &form.option)
    }
}

fn publishing<'a>(state: &'a AppState, ip: &Option<String>) -> Publishing<'a> {
    Publishing {
        out: &state.outbound,
        info: events::client_info(ip.clone()),
    }
}

/// Keeps the report for this session and redirects to it (Post/Redirect/Get).
fn report_name(id: Uuid) -> String {
    format!("bulk-report:{id}")
}

async fn run_apply(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    Form(form): Form<BulkForm>,
) -> Result<HttpResponse, PageError> {
    let back = form.back("/admin/users");
    let users = match form.selection() {
        Ok(users) => users,
        Err(e) => return refused(staff.ctx("users"), selection_message(staff.tr(), e), back),
    };
    let Ok(action) = Uuid::parse_str(form.action.trim()) else {
        return refused(staff.ctx("users"), staff.tr().t("bulk-choose-action"), back);
    };
    let input = ActionInput {
        user_action_id: Some(action),
        actioner_user_id: Some(staff.member.id),
        comment: Some(form.comment.clone()),
        option: Some(form.option.clone()).filter(|o| !o.is_empty()),
        reason_id: Uuid::parse_str(form.reason.trim()).ok(),
        email_user: Some(false),
        notify_user: Some(false),
        ..ActionInput::default()
    };
    let (app, ip, token) = (
        state.get_ref().clone(),
        state.client_ip(&req),
        staff.token_hash.clone(),
    );
    let locks = svc::apply_locks(&users);
    let id = write_locked(&state, locks, move |conn, now| {
        let definition = svc::definition(conn, action)?;
        // A temporal action takes an expiry and no option; an instantaneous one the reverse.
        let temporal = definition.spec.temporal;
        let input = ActionInput {
            expiry: if temporal { form.expiry(now) } else { None },
            option: if temporal { None } else { input.option },
            ..input
        };
        let report = svc::apply(conn, now, &users, &input, &publishing(&app, &ip))?;
        keep(conn, now, &token, &report)
    })
    .await?
    .map_err(|e| PageError::BadRequest(format!("{e:?}")))?;
    Ok(see_other(&format!("/admin/bulk/reports/{id}")))
}

/// Keeps `report` for this session's summary page; returns its id.
fn keep(
    conn: &mut crate::service::runner::Connection,
    now: i64,
    token: &str,
    report: &Report,
) -> crate::service::ServiceResult<Uuid> {
    let id = Uuid::now_v7();
    let json = serde_json::to_string(report)
        .map_err(|e| crate::service::ServiceError::Internal(e.to_string()))?;
    flash::put(conn, now, token, &report_name(id), &json)?;
    Ok(id)
}

// Extend or cancel instances: confirm, run.

async fn review_change(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    Form(form): Form<BulkForm>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr().clone();
    let back = form.back("/admin/instances");
    let ctx = staff.ctx("instances");
    let ids = match form.selection() {
        Ok(ids) => ids,
        Err(e) => return refused(ctx, selection_message(&tr, e), back),
    };
    let (operation, days) = match form.change() {
        Ok(asked) => asked,
        Err(message) => return refused(ctx, tr.t(message), back),
    };
    let lang = tr.lang.clone();
    let (previews, labels) = read(&state, move |conn, now| {
        let previews = svc::preview_change(conn, now, operation, &ids)?;
        let users: Vec<Uuid> = previews
            .iter()
            .filter_map(|p| p.instance.as_ref().map(|i| i.actionee_user_id))
            .collect();
        let labels = Labels::read(conn, &lang, &users)?;
        Ok((previews, labels))
    })
    .await?;
    let lines: Vec<Line> = previews
        .iter()
        .map(|p| change_line(&tr, &labels, p, operation, days))
        .collect();
    let (title, summary, button) = change_texts(&tr, operation, lines.len() as i64, days);
    render(&ConfirmPage {
        ctx: staff.ctx("instances"),
        title,
        summary,
        refused: lines.iter().filter(|l| l.refused.is_some()).count(),
        lines,
        form: BulkForm {
            days: days.to_string(),
            operation: operation.as_str().into(),
            ..form
        },
        run: "/admin/bulk/instances/run".into(),
        button,
        back,
    })
}

/// One instance on the confirm page: what the change will do to it, or why it cannot.
fn change_line(
    tr: &Tr,
    labels: &Labels,
    p: &svc::InstancePreview,
    operation: Operation,
    days: i64,
) -> Line {
    let i = p.instance.as_ref();
    let what = match (operation, i.and_then(|i| i.expiry)) {
        (Operation::Extend, Some(e)) if p.refused.is_none() => tr.t2(
            "bulk-extend-what",
            "from",
            tr.datetime(e),
            "to",
            tr.datetime(bulk::extended(e, days)),
        ),
        (Operation::Cancel, _) if p.refused.is_none() => tr.t("bulk-cancel-what"),
        _ => String::new(),
    };
    Line {
        user_id: i.map(|i| i.actionee_user_id),
        user: i
            .map(|i| labels.user(i.actionee_user_id))
            .unwrap_or_default(),
        action: labels.action(i.map(|i| i.user_action_id)),
        what,
        refused: p.refused.map(|r| refusal_text(tr, r)),
        item: format!("{}:{}", p.id, i.map(version).unwrap_or_default()),
    }
}

/// The confirm page's title, sentence and button for `count` instances.
fn change_texts(tr: &Tr, operation: Operation, count: i64, days: i64) -> (String, String, String) {
    match operation {
        Operation::Extend => (
            tr.t("bulk-extend-title"),
            tr.t2("bulk-extend-summary", "count", count, "days", days),
            tr.t1("bulk-extend-button", "count", count),
        ),
        _ => (
            tr.t("bulk-cancel-title"),
            tr.t1("bulk-cancel-summary", "count", count),
            tr.t1("bulk-cancel-button", "count", count),
        ),
    }
}

async fn run_change(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    req: HttpRequest,
    Form(form): Form<BulkForm>,
) -> Result<HttpResponse, PageError> {
    let tr = staff.tr().clone();
    let back = form.back("/admin/instances");
    let ctx = staff.ctx("instances");
    let items: Vec<(Uuid, i64)> = form
        .item
        .iter()
        .filter_map(|i| bulk::parse_item(i))
        .collect();
    let ids: Vec<String> = items.iter().map(|(id, _)| id.to_string()).collect();
    if let Err(e) = bulk::selection(ids.iter().map(String::as_str)) {
        return refused(ctx, selection_message(&tr, e), back);
    }
    let (operation, days) = match form.change() {
        Ok(asked) => asked,
        Err(message) => return refused(ctx, tr.t(message), back),
    };
    let asked = ChangeAsked {
        operation,
        actioner: staff.member.id,
        comment: form.comment.clone(),
        days,
    };
    let (app, ip, token) = (
        state.get_ref().clone(),
        state.client_ip(&req),
        staff.token_hash.clone(),
    );
    let locks = svc::change_locks(&items);
    let id = write_locked(&state, locks, move |conn, now| {
        let report = svc::change(conn, now, &items, &asked, &publishing(&app, &ip))?;
        keep(conn, now, &token, &report)
    })
    .await?
    .map_err(|e| PageError::BadRequest(format!("{e:?}")))?;
    Ok(see_other(&format!("/admin/bulk/reports/{id}")))
}

// The summary.

#[derive(Template)]
#[template(path = "admin/bulk/report.html")]
struct ReportPage {
    ctx: Ctx,
    title: String,
    done: usize,
    refused: usize,
    lines: Vec<Line>,
    back: String,
}

/// The report this session kept as `id`, with its labels. Taken and kept again, so that a reload
/// shows the same summary (for as long as a flash waits); another session finds nothing.
fn kept_report(
    conn: &mut crate::service::runner::Connection,
    now: i64,
    token: &str,
    id: Uuid,
    lang: &str,
) -> crate::service::ServiceResult<Option<(Report, Labels)>> {
    let name = report_name(id);
    let Some(json) = flash::take(conn, now, token, &name)? else {
        return Ok(None);
    };
    flash::put(conn, now, token, &name, &json)?;
    let Ok(report) = serde_json::from_str::<Report>(&json) else {
        return Ok(None);
    };
    let users: Vec<Uuid> = report.outcomes.iter().map(|o| o.user).collect();
    let labels = Labels::read(conn, lang, &users)?;
    Ok(Some((report, labels)))
}

async fn report(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = super::path_id(&path)?;
    let (token, lang) = (staff.token_hash.clone(), staff.tr().lang.clone());
    let found = write_locked(&state, Vec::new(), move |conn, now| {
        kept_report(conn, now, &token, id, &lang)
    })
    .await?
    .map_err(|e| PageError::BadRequest(format!("{e:?}")))?;
    let Some((report, labels)) = found else {
        return Err(PageError::NotFound);
    };
    let tr = staff.tr();
    let done_label = tr.t(&format!("bulk-done-{}", report.operation.as_str()));
    let lines = report
        .outcomes
        .iter()
        .map(|o| Line::outcome(o, &labels, &done_label, tr))
        .collect();
    let (section, back) = match report.operation {
        Operation::Apply => ("users", "/admin/users"),
        _ => ("instances", "/admin/instances"),
    };
    render(&ReportPage {
        title: tr.t(&format!("bulk-{}-title", report.operation.as_str())),
        ctx: staff.ctx(section),
        done: report.done(),
        refused: report.refused(),
        lines,
        back: back.into(),
    })
}
