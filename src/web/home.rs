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
use crate::domain::instance::Instance;
use crate::domain::lifecycle::ActionKind;
use crate::domain::naming::Naming;
use crate::i18n::Tr;
use crate::service::insights::{self as svc, CurrentCount, Dashboard, KindTotal, SurveyStats};
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
    pub prevents_login: bool,
}

/// Current instances of one kind of action (penalties apart from entitlements).
pub struct KindCount {
    pub kind: &'static str,
    pub label: String,
    pub count: i64,
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
    preventing_login: i64,
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

/// How a survey's answers are labelled: options in the viewer's language, agents by name.
struct SurveyLabels<'a> {
    tr: &'a Tr,
    survey: Survey,
    names: &'a HashMap<Uuid, String>,
    emails: &'a HashMap<Uuid, String>,
}

impl SurveyLabels<'_> {
    /// An option's label; one the survey does not offer (any more) as it was stored.
    fn option(&self, option: &str) -> String {
        let tr = self.tr;
        self.survey
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
    }

    /// A staff member's name, else the user's email, else the id.
    fn agent(&self, id: Option<Uuid>) -> String {
        match id {
            None => self.tr.t("dashboard-no-agent"),
            Some(id) => self
                .names
                .get(&id)
                .or_else(|| self.emails.get(&id))
                .cloned()
                .unwrap_or_else(|| id.to_string()),
        }
    }

    fn comment(&self, answer: &Instance) -> Comment {
        Comment {
            user_id: answer.actionee_user_id,
            user: email_or_id(self.emails, answer.actionee_user_id),
            option: self.option(answer.option.as_deref().unwrap_or_default()),
            agent: self.agent(answer.actioner_user_id),
            when: self.tr.datetime(answer.insert_instant),
            text: answer.comment.clone().unwrap_or_default(),
        }
    }
}

impl Numbers {
    fn new(label: String, values: &[i64]) -> Numbers {
        Numbers {
            label,
            total: values.iter().sum(),
            values: values.to_vec(),
        }
    }
}

fn survey_view(
    tr: &Tr,
    stats: &SurveyStats,
    names: &HashMap<Uuid, String>,
    emails: &HashMap<Uuid, String>,
) -> SurveyView {
    let labels = SurveyLabels {
        tr,
        survey: Survey::of(&stats.action, &tr.lang),
        names,
        emails,
    };
    let options: Vec<String> = stats.options.iter().map(|o| labels.option(o)).collect();
    let week_labels: Vec<String> = stats.week_starts.iter().map(|w| tr.utc_date(*w)).collect();
    SurveyView {
        name: labels.survey.name.clone(),
        chart: chart(tr, stats, &options, &week_labels),
        trend: stats
            .counts
            .iter()
            .zip(&options)
            .map(|(values, label)| Numbers::new(label.clone(), values))
            .collect(),
        agents: stats
            .by_agent
            .iter()
            .map(|(agent, values)| Numbers::new(labels.agent(*agent), values))
            .collect(),
        comments: stats.comments.iter().map(|c| labels.comment(c)).collect(),
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

impl HomePage {
    /// The page before anything is read: all a translator sees.
    fn new(ctx: Ctx) -> HomePage {
        HomePage {
            support: ctx.can("support"),
            ctx,
            current: vec![],
            current_total: 0,
            preventing_login: 0,
            by_kind: vec![],
            expiring: vec![],
            expiring_total: 0,
            expiring_href: String::new(),
            surveys: vec![],
            chosen: None,
            survey: None,
        }
    }
}

async fn home(
    state: web::Data<AppState>,
    staff: Staff<Anyone>,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse, PageError> {
    let mut page = HomePage::new(staff.ctx("home"));
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
            href: format!("/admin/instances?state=active&kind={}", t.kind.as_str()),
        })
        .collect()
}

impl Current {
    fn new(current: &CurrentCount, naming: &Naming) -> Current {
        Current {
            href: format!("/admin/instances?state=active&action={}", current.action.id),
            name: naming.action(&current.action),
            count: current.count,
            prevents_login: current.action.spec.prevent_login,
        }
    }
}

impl Expiring {
    fn new(instance: &Instance, tr: &Tr, looked: &Looked, now: i64) -> Expiring {
        let expiry = instance.expiry;
        Expiring {
            user_id: instance.actionee_user_id,
            user: email_or_id(&looked.emails, instance.actionee_user_id),
            action: looked.naming.action_of(instance),
            expiry: expiry.map(|e| tr.datetime(e)).unwrap_or_default(),
            left: expiry.map(|e| tr.duration(e - now)).unwrap_or_default(),
        }
    }
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
        .map(|c| Current::new(c, naming))
        .collect();
    page.expiring_total = dashboard.expiring_total;
    page.expiring_href = format!(
        "/admin/instances?state=active&expires_before={}",
        url_encode(&tr.datetime_input(now + svc::EXPIRING_WITHIN))
    );
    page.expiring = dashboard
        .expiring
        .iter()
        .map(|i| Expiring::new(i, &tr, looked, now))
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
