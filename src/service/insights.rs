//! What the admin app shows across users: the dashboard's figures, the happiness survey, and the
//! list of every applied action with its filters.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use super::actioning::{self, Publish};
use super::events::Outbound;
use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::instance::{ActionInput, Instance};
use crate::domain::user_action::UserAction;
use crate::domain::{FieldErrors, Kind};
use crate::store;
pub use crate::store::insights::Cursor;
use crate::store::insights::DayCount;
pub use crate::store::instances::Criteria;

pub const DAY: i64 = 24 * 60 * 60 * 1000;
/// Weeks the survey trend covers.
pub const TREND_WEEKS: i64 = 8;
/// "Expiring soon" on the dashboard.
pub const EXPIRING_WITHIN: i64 = 7 * DAY;
const EXPIRING_SHOWN: i64 = 20;
const COMMENTS_SHOWN: i64 = 10;

/// Active instantaneous definitions with options: the surveys, sorted by name.
pub fn surveys(conn: &mut DbConnection) -> ServiceResult<Vec<UserAction>> {
    Ok(store::user_actions::list(conn, true)?
        .into_iter()
        .filter(is_survey)
        .collect())
}

/// An instantaneous definition with options.
fn is_survey(definition: &UserAction) -> bool {
    !definition.spec.temporal && !definition.spec.options.is_empty()
}

/// Every definition, active ones first, for names and filters.
pub fn definitions(conn: &mut DbConnection) -> ServiceResult<Vec<UserAction>> {
    let mut all = store::user_actions::list(conn, true)?;
    all.extend(store::user_actions::list(conn, false)?);
    Ok(all)
}

/// Emails of the given users, for showing who an instance is about.
pub fn emails(conn: &mut DbConnection, ids: &[Uuid]) -> ServiceResult<HashMap<Uuid, String>> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    Ok(store::insights::emails(conn, &ids)?.into_iter().collect())
}

/// The count of what expires soon stops at this bound (a count equal to it means "at least"),
/// so the page costs the same with a thousand instances as with millions.
pub use crate::store::insights::COUNT_BOUND;

/// Current instances of one temporal definition.
#[derive(Debug, Clone)]
pub struct CurrentCount {
    pub action: UserAction,
    pub count: i64,
}

/// Current instances of one kind, summed over its definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindTotal {
    pub kind: crate::domain::lifecycle::ActionKind,
    pub count: i64,
}

/// One survey's answers over the last weeks.
#[derive(Debug, Clone)]
pub struct SurveyStats {
    pub action: UserAction,
    /// Start of each weekly bucket (a UTC midnight), oldest first; the last holds today.
    pub week_starts: Vec<i64>,
    /// Option names: the definition's, then any other found in the answers.
    pub options: Vec<String>,
    /// `counts[option][week]`.
    pub counts: Vec<Vec<i64>>,
    /// Per actioner (`None`: no actioner): answers per option, in `options` order.
    pub by_agent: Vec<(Option<Uuid>, Vec<i64>)>,
    /// The newest answers with a comment.
    pub comments: Vec<Instance>,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    /// Temporal definitions with current instances (or active ones with none), by name.
    pub current: Vec<CurrentCount>,
    pub expiring: Vec<Instance>,
    /// Counted up to `COUNT_BOUND`.
    pub expiring_total: i64,
    pub surveys: Vec<UserAction>,
    pub survey: Option<SurveyStats>,
}

impl Dashboard {
    pub fn current_total(&self) -> i64 {
        self.current.iter().map(|c| c.count).sum()
    }

    /// The current counts summed by their definitions' kind, every kind listed (zero included):
    /// the same per-definition counts as the cards, so the figures agree with the list they
    /// link to and cost no query of their own.
    pub fn current_by_kind(&self) -> Vec<KindTotal> {
        crate::domain::lifecycle::ActionKind::ALL
            .iter()
            .map(|kind| {
                let count = self
                    .current
                    .iter()
                    .filter(|c| c.action.spec.beyond.kind == *kind)
                    .map(|c| c.count)
                    .sum();
                KindTotal { kind: *kind, count }
            })
            .collect()
    }

    /// Current instances of definitions that prevent login.
    pub fn preventing_login(&self) -> i64 {
        self.current
            .iter()
            .filter(|c| c.action.spec.prevent_login)
            .map(|c| c.count)
            .sum()
    }
}

/// Forgets the current counts' rows for spans that have ended (the lifecycle loop calls this
/// once an hour).
pub fn forget_past_expiry_counts(conn: &mut DbConnection, now: i64) -> ServiceResult<usize> {
    Ok(store::insights::forget_past_expiry_counts(conn, now)?)
}

/// The dashboard's figures; `survey` picks among several surveys (default: most answers).
pub fn dashboard(
    conn: &mut DbConnection,
    now: i64,
    survey: Option<Uuid>,
) -> ServiceResult<Dashboard> {
    let definitions = definitions(conn)?;
    let counts = store::insights::current_by_action(conn, now)?;
    let mut current: Vec<CurrentCount> = Vec::new();
    for d in definitions.iter().filter(|d| d.spec.temporal) {
        let count = counts.get(&d.id).copied().unwrap_or(0);
        if d.active || count > 0 {
            current.push(CurrentCount {
                action: d.clone(),
                count,
            });
        }
    }
    current.sort_by(|a, b| a.action.spec.name.cmp(&b.action.spec.name));
    let (expiring, expiring_total) =
        store::insights::expiring(conn, now, now + EXPIRING_WITHIN, EXPIRING_SHOWN)?;
    let surveys: Vec<UserAction> = definitions
        .into_iter()
        .filter(|d| d.active && is_survey(d))
        .collect();
    // One read of the trend's per-day counts serves the choice of survey and its figures.
    let (from_day, to_day) = trend_days(now);
    let ids: Vec<Uuid> = surveys.iter().map(|s| s.id).collect();
    let answers = store::insights::answer_days(conn, &ids, from_day, to_day)?;
    let chosen = survey
        .and_then(|id| surveys.iter().find(|s| s.id == id))
        .or_else(|| most_answered(&surveys, &answers));
    let survey = match chosen {
        Some(action) => Some(survey_stats(conn, from_day, action.clone(), &answers)?),
        None => None,
    };
    Ok(Dashboard {
        current,
        expiring,
        expiring_total,
        surveys,
        survey,
    })
}

/// The survey with the most answers in `answers` (the first one on a tie or none).
fn most_answered<'a>(surveys: &'a [UserAction], answers: &[DayCount]) -> Option<&'a UserAction> {
    let mut best: Option<(i64, &UserAction)> = None;
    for s in surveys {
        let n = answers
            .iter()
            .filter(|d| d.action == s.id)
            .map(|d| d.answers)
            .sum();
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, s));
        }
    }
    best.map(|(_, s)| s)
}

/// The days (since the epoch, UTC) the trend covers: `TREND_WEEKS` whole weeks ending today.
fn trend_days(now: i64) -> (i64, i64) {
    let today = now.div_euclid(DAY);
    (today - TREND_WEEKS * 7 + 1, today)
}

/// One survey's figures from the trend's per-day counts (`answers`, from `from_day` on): whole
/// UTC days, the last week ending today.
fn survey_stats(
    conn: &mut DbConnection,
    from_day: i64,
    action: UserAction,
    answers: &[DayCount],
) -> ServiceResult<SurveyStats> {
    let rows: Vec<&DayCount> = answers.iter().filter(|d| d.action == action.id).collect();
    let mut options: Vec<String> = action.spec.options.iter().map(|o| o.name.clone()).collect();
    for r in &rows {
        if !options.contains(&r.option_name) {
            options.push(r.option_name.clone());
        }
    }
    let weeks = TREND_WEEKS as usize;
    let mut counts = vec![vec![0i64; weeks]; options.len()];
    let mut agents: BTreeMap<Option<Uuid>, Vec<i64>> = BTreeMap::new();
    for r in &rows {
        let Some(o) = options.iter().position(|n| *n == r.option_name) else {
            continue;
        };
        if let Some(cell) = usize::try_from((r.day - from_day) / 7)
            .ok()
            .and_then(|b| counts[o].get_mut(b))
        {
            *cell += r.answers;
        }
        agents
            .entry(r.actioner)
            .or_insert_with(|| vec![0; options.len()])[o] += r.answers;
    }
    let mut by_agent: Vec<(Option<Uuid>, Vec<i64>)> = agents.into_iter().collect();
    by_agent.sort_by_key(|(_, n)| std::cmp::Reverse(n.iter().sum::<i64>()));
    let comments = store::insights::recent_comments(conn, action.id, COMMENTS_SHOWN)?;
    Ok(SurveyStats {
        week_starts: (0..TREND_WEEKS).map(|w| (from_day + w * 7) * DAY).collect(),
        options,
        counts,
        by_agent,
        comments,
        action,
    })
}

/// A survey answer as the fast path's form gives it.
#[derive(Debug, Clone, Default)]
pub struct SurveyAnswer {
    pub user: Option<Uuid>,
    pub survey: Option<Uuid>,
    pub option: String,
    pub comment: String,
}

/// Records a survey answer: the instantaneous action applied to the user with the chosen
/// option, by `actioner`, through the same use case as `POST /api/user/action`.
pub fn record_survey(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    actioner: Uuid,
    answer: SurveyAnswer,
) -> ServiceResult<Instance> {
    let surveys = surveys(conn)?;
    if answer
        .survey
        .is_some_and(|id| !surveys.iter().any(|s| s.id == id))
    {
        return Err(FieldErrors::single(Kind::Invalid, "action.userActionId").into());
    }
    let input = ActionInput {
        user_action_id: answer.survey,
        actionee_user_id: answer.user,
        actioner_user_id: Some(actioner),
        comment: Some(answer.comment),
        option: Some(answer.option),
        ..Default::default()
    };
    let publish = Publish {
        out,
        broadcast: true,
        info: None,
    };
    actioning::apply(conn, now, None, input, publish)
}

/// `filter` narrowed to the users a typed "user" filter stands for (an id, an email, words of a
/// name, as the user search finds them); `None` when it stands for too many to list by.
pub fn with_user_text(
    conn: &mut DbConnection,
    mut filter: Criteria,
    text: Option<&str>,
) -> ServiceResult<Option<Criteria>> {
    if let Some(text) = text {
        match super::instance_search::users_matching(conn, text)? {
            Some(ids) => filter.actionee_user_ids = Some(ids),
            None => return Ok(None),
        }
    }
    Ok(Some(filter))
}

/// One page of the instances list, and cursors to the neighbouring pages.
#[derive(Debug, Clone)]
pub struct InstancePage {
    pub rows: Vec<Instance>,
    pub next: Option<Cursor>,
    pub previous: Option<Cursor>,
}

/// The instances matching `filter`, `per_page` at a time from `cursor`.
pub fn instances(
    conn: &mut DbConnection,
    now: i64,
    filter: &Criteria,
    cursor: &Cursor,
    per_page: i64,
) -> ServiceResult<InstancePage> {
    let per_page = per_page.clamp(1, 500);
    let mut rows = store::insights::page(conn, filter, cursor, per_page + 1, now)?;
    let more = rows.len() as i64 > per_page;
    let key = |i: &Instance| (i.insert_instant, i.id.to_string());
    let (next, previous) = match cursor {
        Cursor::Before(..) => {
            // Fetched newest-last and reversed: the extra row is the first one.
            if more {
                rows.remove(0);
            }
            let next = rows.last().map(|r| Cursor::After(key(r).0, key(r).1));
            let previous = more
                .then(|| rows.first().map(|r| Cursor::Before(key(r).0, key(r).1)))
                .flatten();
            (next, previous)
        }
        _ => {
            rows.truncate(per_page as usize);
            let next = more
                .then(|| rows.last().map(|r| Cursor::After(key(r).0, key(r).1)))
                .flatten();
            let previous = match cursor {
                Cursor::First => None,
                _ => rows.first().map(|r| Cursor::Before(key(r).0, key(r).1)),
            };
            (next, previous)
        }
    };
    Ok(InstancePage {
        rows,
        next,
        previous,
    })
}

/// Walks every instance matching `filter`, newest first, `batch` at a time, until `each`
/// returns false (the reader went away) or none are left.
pub fn each_batch(
    conn: &mut DbConnection,
    now: i64,
    filter: &Criteria,
    batch: i64,
    mut each: impl FnMut(&mut DbConnection, Vec<Instance>) -> ServiceResult<bool>,
) -> ServiceResult<()> {
    let mut cursor = Cursor::First;
    loop {
        let rows = store::insights::page(conn, filter, &cursor, batch, now)?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        let full = rows.len() as i64 == batch;
        cursor = Cursor::After(last.insert_instant, last.id.to_string());
        if !each(conn, rows)? || !full {
            return Ok(());
        }
    }
}

/// An unknown user in the fast path: the error the form shows next to the user field.
pub fn unknown_user() -> ServiceError {
    FieldErrors::single(Kind::Invalid, "action.actioneeUserId").into()
}
