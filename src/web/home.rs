//! The dashboard: what is current, what expires soon, and how the happiness survey goes.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::chart::{chart, Chart};
use super::names::email_or_id;
use super::page::url_encode;
use super::survey::Survey;
use super::{read, render, Anyone, Ctx, PageError, Staff};
use crate::app::AppState;
use crate::domain::lifecycle::ActionKind;
use crate::domain::naming::Naming;
use crate::i18n::Tr;
use crate::service::insights::{self as svc, Dashboard, KindTotal, SurveyStats};
use crate::service::{naming, staff as staff_svc};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

/// A current-instances figure per temporal definition.
pub struct Current {
    /// The actions-taken list of these instances.
    pub href: String,
    pub name: String,
    pub count: i64,
    /// The count reached the dashboard's bound: there are at least that many.
    pub at_least: bool,
    pub prevents_login: bool,
}

/// Current instances of one kind of action (penalties apart from entitlements).
pub struct KindCount {
    pub kind: &'static str,
    pub label: String,
    pub count: i64,
    /// The count stopped at the bound: it means "at least".
    pub at_least: bool,
    /// The actions-taken list of these instances.
    pub href: String,
}

pub struct Expiring {
    pub user_id: Uuid,
    pub user: String,
    pub action: String,
    pub expiry: String,
    pub left: String,
}

/// A row of a numbers table: label, a value per column, total.
pub struct Numbers {
    pub label: String,
    pub values: Vec<i64>,
    pub total: i64,
}

pub struct Comment {
    pub user_id: Uuid,
    pub user: String,
    pub option: String,
    pub agent: String,
    pub when: String,
    pub text: String,
}

pub struct SurveyView {
    pub name: String,
    pub chart: Chart,
    pub week_labels: Vec<String>,
    pub options: Vec<String>,
    /// Answers per option (rows) and week (columns).
    pub trend: Vec<Numbers>,
    /// Answers per agent (rows) and option (columns).
    pub agents: Vec<Numbers>,
    pub comments: Vec<Comment>,
}

#[derive(Template)]
#[template(path = "admin/home.html")]
struct HomePage {
    ctx: Ctx,
    /// Whether the member may see support data; translators get a short page.
    support: bool,
    current: Vec<Current>,
    current_total: i64,
    /// Whether `current_total` includes a count that stopped at the bound.
    current_at_least: bool,
    preventing_login: i64,
    preventing_at_least: bool,
    by_kind: Vec<KindCount>,
    expiring: Vec<Expiring>,
    expiring_total: i64,
    /// The actions-taken list of what expires within the dashboard's window.
    expiring_href: String,
    /// `(id, name, shown)` of every survey, for choosing one.
    surveys: Vec<(Uuid, String, bool)>,
    chosen: Option<Uuid>,
    survey: Option<SurveyView>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HomeQuery {
    survey: String,
}

fn survey_view(
    tr: &Tr,
    stats: &SurveyStats,
    names: &HashMap<Uuid, String>,
    emails: &HashMap<Uuid, String>,
) -> SurveyView {
    let localized = Survey::of(&stats.action, &tr.lang);
    let label_of = |option: &str| -> String {
        localized
            .options
            .iter()
            .find(|(name, _)| name == option)
            .map(|(_, label)| label.clone())
            .unwrap_or_else(|| {
                if option.is_empty() {
                    tr.t("dashboard-no-option")
                } else {
                    option.to_string()
                }
            })
    };
    let options: Vec<String> = stats.options.iter().map(|o| label_of(o)).collect();
    let week_labels: Vec<String> = stats.week_starts.iter().map(|w| tr.date(*w)).collect();
    let who = |id: Option<Uuid>| match id {
        None => tr.t("dashboard-no-agent"),
        Some(id) => names
            .get(&id)
            .or_else(|| emails.get(&id))
            .cloned()
            .unwrap_or_else(|| id.to_string()),
    };
    SurveyView {
        name: localized.name.clone(),
        chart: chart(tr, stats, &options, &week_labels),
        trend: stats
            .counts
            .iter()
            .zip(&options)
            .map(|(values, label)| Numbers {
                label: label.clone(),
                total: values.iter().sum(),
                values: values.clone(),
            })
            .collect(),
        agents: stats
            .by_agent
            .iter()
            .map(|(agent, values)| Numbers {
                label: who(*agent),
                total: values.iter().sum(),
                values: values.clone(),
            })
            .collect(),
        comments: stats
            .comments
            .iter()
            .map(|c| Comment {
                user_id: c.actionee_user_id,
                user: email_or_id(emails, c.actionee_user_id),
                option: label_of(c.option.as_deref().unwrap_or_default()),
                agent: who(c.actioner_user_id),
                when: tr.datetime(c.insert_instant),
                text: c.comment.clone().unwrap_or_default(),
            })
            .collect(),
        week_labels,
        options,
    }
}

fn people(d: &Dashboard) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = d.expiring.iter().map(|i| i.actionee_user_id).collect();
    if let Some(s) = &d.survey {
        ids.extend(s.by_agent.iter().filter_map(|(a, _)| *a));
        for c in &s.comments {
            ids.push(c.actionee_user_id);
            ids.extend(c.actioner_user_id);
        }
    }
    ids
}

async fn home(
    state: web::Data<AppState>,
    staff: Staff<Anyone>,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse, PageError> {
    let ctx = staff.ctx("home");
    let mut page = HomePage {
        support: ctx.can("support"),
        ctx,
        current: vec![],
        current_total: 0,
        current_at_least: false,
        preventing_at_least: false,
        preventing_login: 0,
        by_kind: vec![],
        expiring: vec![],
        expiring_total: 0,
        expiring_href: String::new(),
        surveys: vec![],
        chosen: None,
        survey: None,
    };
    if !page.support {
        return render(&page);
    }
    let wanted = Uuid::parse_str(query.survey.trim()).ok();
    let lang = page.ctx.tr.lang.clone();
    let (dashboard, names, emails, naming, now) = read(&state, move |conn, now| {
        let dashboard = svc::dashboard(conn, now, wanted)?;
        let naming = naming::for_language(conn, &lang)?;
        let names: HashMap<Uuid, String> = staff_svc::list(conn)?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let emails = svc::emails(conn, &people(&dashboard))?;
        Ok((dashboard, names, emails, naming, now))
    })
    .await?;
    page.by_kind = kind_counts(&page.ctx.tr, &dashboard.current_by_kind());
    fill(
        &mut page,
        &dashboard,
        &Looked {
            names,
            emails,
            naming,
        },
        now,
    );
    render(&page)
}

/// Penalties and entitlements always, other kinds when something of theirs is current.
fn kind_counts(tr: &Tr, totals: &[KindTotal]) -> Vec<KindCount> {
    totals
        .iter()
        .filter(|t| t.count > 0 || matches!(t.kind, ActionKind::Penalty | ActionKind::Entitlement))
        .map(|t| KindCount {
            kind: t.kind.as_str(),
            label: tr.t1(
                &format!("dashboard-kind-{}", t.kind.as_str()),
                "count",
                t.count,
            ),
            count: t.count,
            at_least: !t.exact,
            href: format!("/admin/instances?state=active&kind={}", t.kind.as_str()),
        })
        .collect()
}

/// What the dashboard read, and the names to show it with.
struct Looked {
    names: HashMap<Uuid, String>,
    emails: HashMap<Uuid, String>,
    naming: Naming,
}

/// The support part of the dashboard: counters, what expires soon, the chosen survey.
fn fill(page: &mut HomePage, dashboard: &Dashboard, looked: &Looked, now: i64) {
    let Looked {
        names,
        emails,
        naming,
    } = looked;
    let tr = page.ctx.tr.clone();
    page.current_total = dashboard.current_total();
    page.preventing_login = dashboard.preventing_login();
    page.current = dashboard
        .current
        .iter()
        .map(|c| Current {
            href: format!("/admin/instances?state=active&action={}", c.action.id),
            name: naming.action(&c.action),
            count: c.count,
            at_least: !c.is_exact(),
            prevents_login: c.action.spec.prevent_login,
        })
        .collect();
    page.current_at_least = page.current.iter().any(|c| c.at_least);
    page.preventing_at_least = page.current.iter().any(|c| c.at_least && c.prevents_login);
    page.expiring_total = dashboard.expiring_total;
    page.expiring_href = format!(
        "/admin/instances?state=active&expires_before={}",
        url_encode(&tr.datetime_input(now + svc::EXPIRING_WITHIN))
    );
    page.expiring = dashboard
        .expiring
        .iter()
        .map(|i| Expiring {
            user_id: i.actionee_user_id,
            user: email_or_id(emails, i.actionee_user_id),
            action: naming.action_of(i),
            expiry: i.expiry.map(|e| tr.datetime(e)).unwrap_or_default(),
            left: i.expiry.map(|e| tr.duration(e - now)).unwrap_or_default(),
        })
        .collect();
    page.chosen = dashboard.survey.as_ref().map(|s| s.action.id);
    page.surveys = dashboard
        .surveys
        .iter()
        .map(|s| {
            (
                s.id,
                Survey::of(s, &tr.lang).name,
                Some(s.id) == page.chosen,
            )
        })
        .collect();
    page.survey = dashboard
        .survey
        .as_ref()
        .map(|s| survey_view(&tr, s, names, emails));
}
