//! The survey's line chart, drawn on the server as SVG geometry: where the grid, the week
//! ticks and each series' points go in a 640×300 view box. No page data, only numbers.

use super::survey::Survey;
use crate::i18n::Tr;
use crate::service::insights::{self as svc, SurveyStats};

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

/// Where values and weeks land in the view box: four grid steps of a whole number each.
struct Scale {
    step: i64,
    top_value: i64,
    weeks: i64,
}

impl Scale {
    fn of(stats: &SurveyStats) -> Scale {
        let max = stats.counts.iter().flatten().copied().max().unwrap_or(0);
        let step = ((max + 3) / 4).max(1);
        Scale {
            step,
            top_value: step * 4,
            weeks: stats.week_starts.len().max(2) as i64,
        }
    }

    fn x(&self, week: i64) -> i64 {
        LEFT + week * (RIGHT - LEFT) / (self.weeks - 1)
    }

    fn y(&self, value: i64) -> i64 {
        BOTTOM - value * (BOTTOM - TOP) / self.top_value
    }

    /// The value axis: a tick at each grid step.
    fn grid(&self) -> Vec<Tick> {
        (0..=4)
            .map(|k| Tick {
                x: LEFT - 6,
                y: self.y(k * self.step),
                label: (k * self.step).to_string(),
            })
            .collect()
    }

    /// The week axis: a tick under each week's point.
    fn week_ticks(&self, week_labels: &[String]) -> Vec<Tick> {
        week_labels
            .iter()
            .enumerate()
            .map(|(w, label)| Tick {
                x: self.x(w as i64),
                y: BOTTOM + 20,
                label: label.clone(),
            })
            .collect()
    }

    /// One line per option, each with its own colour and dash, legends spread along the top.
    fn series(&self, stats: &SurveyStats, labels: &[String]) -> Vec<Series> {
        let spacing = (RIGHT - LEFT) / (labels.len().max(1) as i64);
        stats
            .counts
            .iter()
            .zip(labels)
            .enumerate()
            .map(|(k, (values, name))| {
                let dots: Vec<(i64, i64)> = values
                    .iter()
                    .enumerate()
                    .map(|(w, v)| (self.x(w as i64), self.y(*v)))
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
            .collect()
    }
}

/// The chart's text alternative: the weeks it covers and each option's total.
fn description(tr: &Tr, stats: &SurveyStats, labels: &[String]) -> String {
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
    tr.t2(
        "dashboard-chart-desc",
        "weeks",
        svc::TREND_WEEKS,
        "totals",
        totals,
    )
}

pub fn chart(tr: &Tr, stats: &SurveyStats, labels: &[String], week_labels: &[String]) -> Chart {
    let scale = Scale::of(stats);
    Chart {
        title: tr.t1(
            "dashboard-chart-title",
            "survey",
            Survey::of(&stats.action, &tr.lang).name,
        ),
        desc: description(tr, stats, labels),
        grid: scale.grid(),
        weeks: scale.week_ticks(week_labels),
        series: scale.series(stats, labels),
    }
}
