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

pub fn chart(tr: &Tr, stats: &SurveyStats, labels: &[String], week_labels: &[String]) -> Chart {
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
        title: tr.t1(
            "dashboard-chart-title",
            "survey",
            Survey::of(&stats.action, &tr.lang).name,
        ),
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
