//! The dashboard: what is current, what expires soon, and how the happiness survey goes.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::survey::Survey;
use super::{read, render, Anyone, Ctx, PageError, Staff};
use crate::app::AppState;
use crate::i18n::Tr;
use crate::service::insights::{self as svc, Dashboard, SurveyStats};
use crate::service::{naming, staff as staff_svc};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

/// A current-instances figure per temporal definition.
pub struct Current {
    pub name: String,
    pub count: i64,
    pub prevents_login: bool,
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

pub struct Tick {
    pub x: i64,
    pub y: i64,
    pub label: String,
}

pub struct Series {
    pub name: String,
    pub color: &'static str,
    pub dash: &'static str,
    pub points: String,
    pub dots: Vec<(i64, i64)>,
    /// Legend position.
    pub legend_x: i64,
}

/// A line chart drawn on the server: coordinates in a 640×300 view box.
pub struct Chart {
    pub title: String,
    pub desc: String,
    pub grid: Vec<Tick>,
    pub weeks: Vec<Tick>,
    pub series: Vec<Series>,
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
    expiring: Vec<Expiring>,
    expiring_total: i64,
    /// `(id, name, shown)` of every survey, for choosing one.
    surveys: Vec<(Uuid, String, bool)>,
    chosen: Option<Uuid>,
    survey: Option<SurveyView>,
}

#[derive(Deserialize, Default)]
struct HomeQuery {
    #[serde(default)]
    survey: String,
}

const LEFT: i64 = 48;
/// Leaves room for half of the last week's date label, which is centred on its point.
const RIGHT: i64 = 592;
const TOP: i64 = 16;
const BOTTOM: i64 = 220;
/// Colours and dash patterns of the series: told apart without colour too.
const COLORS: [&str; 6] = [
    "#1a7f37", "#9a6700", "#cf222e", "#0969da", "#8250df", "#57606a",
];
const DASHES: [&str; 6] = ["", "8 4", "2 4", "12 4 2 4", "4 4", "1 2"];

fn chart(tr: &Tr, stats: &SurveyStats, labels: &[String], week_labels: &[String]) -> Chart {
    let max = stats.counts.iter().flatten().copied().max().unwrap_or(0);
    // Four grid steps of a whole number each.
    let step = ((max + 3) / 4).max(1);
    let top_value = step * 4;
    let weeks = stats.week_starts.len().max(2) as i64;
    let x = |w: i64| LEFT + w * (RIGHT - LEFT) / (weeks - 1);
    let y = |v: i64| BOTTOM - v * (BOTTOM - TOP) / top_value;
    let grid = (0..=4)
        .map(|k| Tick {
            x: LEFT - 6,
            y: y(k * step),
            label: (k * step).to_string(),
        })
        .collect();
    let week_ticks = week_labels
        .iter()
        .enumerate()
        .map(|(w, label)| Tick {
            x: x(w as i64),
            y: BOTTOM + 20,
            label: label.clone(),
        })
        .collect();
    let spacing = (RIGHT - LEFT) / (labels.len().max(1) as i64);
    let series = stats
        .counts
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(k, (values, name))| {
            let dots: Vec<(i64, i64)> = values
                .iter()
                .enumerate()
                .map(|(w, v)| (x(w as i64), y(*v)))
                .collect();
            Series {
                name: name.clone(),
                color: COLORS[k % COLORS.len()],
                dash: DASHES[k % DASHES.len()],
                points: dots
                    .iter()
                    .map(|(a, b)| format!("{a},{b}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                dots,
                legend_x: LEFT + k as i64 * spacing,
            }
        })
        .collect();
    let totals = stats
        .counts
        .iter()
        .zip(labels)
        .map(|(values, name)| {
            tr.t2(
                "dashboard-chart-total",
                "option",
                name,
                "count",
                values.iter().sum::<i64>(),
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Chart {
        title: tr.t1("dashboard-chart-title", "survey", labels_name(stats, tr)),
        desc: tr.t2(
            "dashboard-chart-desc",
            "weeks",
            svc::TREND_WEEKS,
            "totals",
            totals,
        ),
        grid,
        weeks: week_ticks,
        series,
    }
}

fn labels_name(stats: &SurveyStats, tr: &Tr) -> String {
    Survey::of(&stats.action, &tr.lang).name
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
                user: emails
                    .get(&c.actionee_user_id)
                    .cloned()
                    .unwrap_or_else(|| c.actionee_user_id.to_string()),
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
        preventing_login: 0,
        expiring: vec![],
        expiring_total: 0,
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
    let tr = page.ctx.tr.clone();
    page.current_total = dashboard.current_total();
    page.preventing_login = dashboard.preventing_login();
    page.current = dashboard
        .current
        .iter()
        .map(|c| Current {
            name: naming.action(&c.action),
            count: c.count,
            prevents_login: c.action.spec.prevent_login,
        })
        .collect();
    page.expiring_total = dashboard.expiring_total;
    page.expiring = dashboard
        .expiring
        .iter()
        .map(|i| Expiring {
            user_id: i.actionee_user_id,
            user: emails
                .get(&i.actionee_user_id)
                .cloned()
                .unwrap_or_else(|| i.actionee_user_id.to_string()),
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
        .map(|s| survey_view(&tr, s, &names, &emails));
    render(&page)
}
