//! Action instances ("action logs"), always read within a tenant scope when one is given.

use diesel::prelude::*;
use uuid::Uuid;

mod unnest_insert;

use super::native::on_backend;
use super::queue::{first_unlocked, instances_by_id, ENDS};
use super::{
    load_first, parse_id, parse_json, parse_opt_id, to_json, within_tenant, FromRow, Loaded,
};
use crate::db::schema::{action_instance_ends as ends, action_instances as i, user_actions as ua};
use crate::db::DbConnection;
use crate::domain::instance::{self, Instance, State};
pub use crate::domain::instance_search::{Criteria, SearchOrder};

/// An instance's columns, written whole by insert and update. `None` is inserted as `NULL`
/// (no column here has another default): an insert that may say `DEFAULT` is never kept
/// prepared on PostgreSQL, and every apply's insert would be parsed and planned again.
#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(
    table_name = i,
    treat_none_as_null = true,
    treat_none_as_default_value = false
)]
pub(crate) struct Stored {
    id: String,
    tenant_id: String,
    user_action_id: String,
    actionee_user_id: String,
    actioner_user_id: Option<String>,
    application_ids: String,
    comment: Option<String>,
    email_user_on_end: bool,
    notify_user_on_end: bool,
    end_event_sent: Option<bool>,
    expiry: Option<i64>,
    cancelled: bool,
    created_instant: i64,
    insert_instant: i64,
    name: String,
    localized_name: Option<String>,
    option_name: Option<String>,
    localized_option: Option<String>,
    reason: Option<String>,
    localized_reason: Option<String>,
    reason_code: Option<String>,
    history: String,
    start_instant: Option<i64>,
    escalation_step: Option<i32>,
}

super::fixed_sql::fixed_sql!(
    /// Whether the instance's end is still queued: `endEventSent` is read from this and the
    /// stored flag (`instance::end_event_sent`).
    EndQueued,
    diesel::sql_types::Bool,
    "EXISTS (SELECT 1 FROM action_instance_ends q WHERE q.instance_id = action_instances.id)"
);

/// An instance's columns as selected.
#[derive(Queryable, Selectable)]
#[diesel(table_name = i)]
pub(crate) struct Selected {
    #[diesel(embed)]
    stored: Stored,
    #[diesel(select_expression = EndQueued)]
    #[diesel(select_expression_type = EndQueued)]
    end_queued: bool,
}

/// An instance as read, checked while the query loads; other store modules select it too.
pub(crate) type Row = Loaded<Instance>;

impl FromRow for Instance {
    type Row = Selected;

    fn from_row(
        Selected {
            stored: r,
            end_queued,
        }: Selected,
    ) -> QueryResult<Instance> {
        Ok(Instance {
            id: parse_id(&r.id)?,
            tenant_id: parse_id(&r.tenant_id)?,
            user_action_id: parse_id(&r.user_action_id)?,
            actionee_user_id: parse_id(&r.actionee_user_id)?,
            actioner_user_id: parse_opt_id(r.actioner_user_id.as_deref())?,
            application_ids: parse_json(&r.application_ids)?,
            comment: r.comment,
            email_user_on_end: r.email_user_on_end,
            notify_user_on_end: r.notify_user_on_end,
            end_event_sent: instance::end_event_sent(r.end_event_sent, r.cancelled, end_queued),
            expiry: r.expiry,
            cancelled: r.cancelled,
            created_instant: r.created_instant,
            insert_instant: r.insert_instant,
            name: r.name,
            localized_name: r.localized_name,
            option: r.option_name,
            localized_option: r.localized_option,
            reason: r.reason,
            localized_reason: r.localized_reason,
            reason_code: r.reason_code,
            history: parse_json(&r.history)?,
            start_instant: r.start_instant,
            escalation_step: r.escalation_step,
        })
    }
}

super::fixed_sql::fixed_sql!(
    /// `cancelled = FALSE` as a literal: SQLite's partial indexes on it serve only a literal.
    NotCancelled,
    diesel::sql_types::Bool,
    "cancelled = FALSE"
);
super::fixed_sql::fixed_sql!(IsCancelled, diesel::sql_types::Bool, "cancelled = TRUE");
super::fixed_sql::fixed_sql!(
    /// `expiry` as an operand no index on `expiry` can serve (a unary `+`), so that the planner
    /// walks an index in the query's order instead.
    UnindexedExpiry,
    diesel::sql_types::Nullable<diesel::sql_types::BigInt>,
    "+expiry"
);

/// Not ended and not cancelled, over the expiry operand `E`: current or scheduled to start.
pub(crate) type Pending<E = i::expiry> = diesel::dsl::And<diesel::dsl::Gt<E, i64>, NotCancelled>;

/// Started: no scheduled start, or one at or before `now`.
pub(crate) type Started = diesel::dsl::Or<
    diesel::dsl::IsNull<i::start_instant>,
    diesel::dsl::LtEq<i::start_instant, i64>,
>;

/// The SQL form of "current" (`Instance::is_current`) over the expiry operand `E`.
pub(crate) type Current<E = i::expiry> = diesel::dsl::And<Pending<E>, Started>;

/// The one SQL expression for "current": started, expiring after `now` and not cancelled (a
/// null expiry, an instantaneous action, is never current). A concrete type, so statements
/// using it keep a static query id (they stay prepared), and it can be boxed into dynamic
/// queries as well.
pub(crate) fn current(now: i64) -> Current {
    current_on(i::expiry, now)
}

/// `current` on another expiry operand (`UnindexedExpiry`): the same rule, a different plan.
pub(crate) fn current_on<E>(expiry: E, now: i64) -> Current<E>
where
    E: diesel::expression::Expression<
            SqlType = diesel::sql_types::Nullable<diesel::sql_types::BigInt>,
        > + ExpressionMethods,
{
    pending_on(expiry, now).and(i::start_instant.is_null().or(i::start_instant.le(now)))
}

/// Current or still to start: what the duplicate check of apply counts, since a scheduled
/// instance of a temporal action holds its place as much as a running one.
pub(crate) fn pending_on<E>(expiry: E, now: i64) -> Pending<E>
where
    E: diesel::expression::Expression<
            SqlType = diesel::sql_types::Nullable<diesel::sql_types::BigInt>,
        > + ExpressionMethods,
{
    expiry.gt(now).and(NotCancelled)
}

/// Scheduled: not cancelled and starting after `now`.
pub(crate) fn scheduled(
    now: i64,
) -> diesel::dsl::And<NotCancelled, diesel::dsl::Gt<i::start_instant, i64>> {
    NotCancelled.and(i::start_instant.gt(now))
}

/// Temporal instances that are not current: expired or cancelled.
pub(crate) fn ended_or_cancelled(
    now: i64,
) -> diesel::dsl::And<
    diesel::dsl::IsNotNull<i::expiry>,
    diesel::dsl::Or<diesel::dsl::LtEq<i::expiry, i64>, IsCancelled>,
> {
    i::expiry
        .is_not_null()
        .and(i::expiry.le(now).or(IsCancelled))
}

fn stored(x: &Instance) -> Stored {
    Stored {
        id: x.id.to_string(),
        tenant_id: x.tenant_id.to_string(),
        user_action_id: x.user_action_id.to_string(),
        actionee_user_id: x.actionee_user_id.to_string(),
        actioner_user_id: x.actioner_user_id.map(|u| u.to_string()),
        application_ids: to_json(&x.application_ids),
        comment: x.comment.clone(),
        email_user_on_end: x.email_user_on_end,
        notify_user_on_end: x.notify_user_on_end,
        end_event_sent: x.end_event_sent,
        expiry: x.expiry,
        cancelled: x.cancelled,
        created_instant: x.created_instant,
        insert_instant: x.insert_instant,
        name: x.name.clone(),
        localized_name: x.localized_name.clone(),
        option_name: x.option.clone(),
        localized_option: x.localized_option.clone(),
        reason: x.reason.clone(),
        localized_reason: x.localized_reason.clone(),
        reason_code: x.reason_code.clone(),
        history: to_json(&x.history),
        start_instant: x.start_instant,
        escalation_step: x.escalation_step,
    }
}

pub fn insert(conn: &mut DbConnection, instance: &Instance) -> QueryResult<()> {
    // Every apply's insert: on the backend's own connection (`native`).
    on_backend!(conn, c => diesel::insert_into(i::table)
        .values(stored(instance))
        .execute(c))?;
    queue_end(conn, instance)
}

/// Instances whose rows a write batch inserts together, in one statement, after its jobs have
/// run and before it commits: on PostgreSQL each insert statement also runs the counting
/// triggers once (`action_instance_days`, `action_instance_expiry_counts`), so a batch of
/// surveys costs one statement instead of one each.
///
/// Only an instance nothing else refers to may wait here: an instantaneous one has no end,
/// scheduled start or reminder rows, and no other job of its batch can name it (its id leaves
/// the server with the batch's commit). A job that reads instances writes what is waiting first
/// (`write`). Only the writer makes one, and it writes it in every transaction that commits.
#[derive(Default)]
pub struct BatchInserts(Vec<Stored>);

impl BatchInserts {
    /// Keeps `instance` to be inserted with the rest of its batch.
    pub fn insert_later(&mut self, instance: &Instance) {
        self.0.push(stored(instance));
    }

    /// Inserts what waits, in one statement, and forgets it.
    pub fn write(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.0);
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(i::table).values(&rows).execute(c)?,
            DbConnection::Pg(c) => unnest_insert::UnnestInsert::of(rows).execute(c)?,
        };
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub fn update(conn: &mut DbConnection, instance: &Instance) -> QueryResult<()> {
    diesel::update(i::table.filter(i::id.eq(instance.id.to_string())))
        .set(stored(instance))
        .execute(conn)?;
    diesel::delete(ends::table.filter(ends::instance_id.eq(instance.id.to_string())))
        .execute(conn)?;
    queue_end(conn, instance)
}

/// Queues the instance's end at its expiry when it awaits one.
fn queue_end(conn: &mut DbConnection, instance: &Instance) -> QueryResult<()> {
    if let (true, Some(expiry)) = (instance.awaits_end(), instance.expiry) {
        let id = instance.id.to_string();
        on_backend!(conn, c => diesel::insert_into(ends::table)
            .values((ends::instance_id.eq(&id), ends::expiry.eq(expiry)))
            .execute(c))?;
    }
    Ok(())
}

/// An instance by id, within `tenant` when one is given.
pub fn find(
    conn: &mut DbConnection,
    id: Uuid,
    tenant: Option<Uuid>,
) -> QueryResult<Option<Instance>> {
    let query = i::table
        .filter(i::id.eq(id.to_string()))
        .select(Row::as_select())
        .into_boxed();
    load_first(conn, within_tenant(query, i::tenant_id, tenant))
}

/// Which of a user's instances a list asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserFilter {
    All,
    Current,
    NotCurrent,
    PreventingLogin,
}

/// A user's instances, oldest `insertInstant` first. Each filter is one fixed statement, so
/// that it stays prepared (a statement built per call is parsed and planned every time).
/// A user's instances in list order, `(insert_instant, id)`: the order of the actionee index,
/// so a list reads rows in order and sorts nothing.
macro_rules! users_instances {
    ($user:expr) => {
        i::table
            .filter(i::actionee_user_id.eq($user))
            .order((i::insert_instant, i::id))
            .select(Row::as_select())
    };
}

/// The current-instances list's statement as SQLite runs it (placeholders unbound), so tests
/// can check that its plan walks the user's index in order.
pub fn list_current_sql_sqlite() -> String {
    super::sqlite_sql_text(&users_instances!(String::new()).filter(current(0)))
}

pub fn list_for_user(
    conn: &mut DbConnection,
    user: Uuid,
    filter: UserFilter,
    now: i64,
) -> QueryResult<Vec<Instance>> {
    list_for_user_at_most(conn, user, filter, now, i64::MAX)
}

/// `list_for_user`, the first `at_most` in its order.
pub fn list_for_user_at_most(
    conn: &mut DbConnection,
    user: Uuid,
    filter: UserFilter,
    now: i64,
    at_most: i64,
) -> QueryResult<Vec<Instance>> {
    let user = user.to_string();
    // The most asked read of the API: on the backend's own connection (`native`).
    let rows: Vec<Row> = on_backend!(conn, c => match filter {
        UserFilter::All => users_instances!(&user).limit(at_most).load(c)?,
        UserFilter::Current => users_instances!(&user)
            .filter(current(now))
            .limit(at_most)
            .load(c)?,
        UserFilter::NotCurrent => users_instances!(&user)
            .filter(
                i::expiry
                    .is_null()
                    .or(ended_or_cancelled(now))
                    .or(scheduled(now)),
            )
            .limit(at_most)
            .load(c)?,
        UserFilter::PreventingLogin => {
            let preventing = ua::table.filter(ua::prevent_login.eq(true)).select(ua::id);
            users_instances!(&user)
                .filter(current(now))
                .filter(i::user_action_id.eq_any(preventing))
                .limit(at_most)
                .load(c)?
        }
    });
    Ok(rows.into_iter().map(Loaded::into_inner).collect())
}

/// The user's current instances of a definition, counted. Through `(user_action_id,
/// actionee_user_id)`: on an index with `expiry`, SQLite would walk every current instance of
/// the definition, whoever's they are.
macro_rules! current_of_user {
    ($user:expr, $action:expr, $now:expr) => {
        i::table
            .filter(i::actionee_user_id.eq($user))
            .filter(i::user_action_id.eq($action))
            .filter(pending_on(UnindexedExpiry, $now))
            .count()
    };
}

/// Whether the user has a current instance of the definition (the duplicate check of apply).
pub fn has_current(
    conn: &mut DbConnection,
    user: Uuid,
    action: Uuid,
    now: i64,
) -> QueryResult<bool> {
    Ok(current_of_user!(user.to_string(), action.to_string(), now).get_result::<i64>(conn)? > 0)
}

/// The duplicate check's statement as SQLite runs it (placeholders unbound), so tests can check
/// that its plan reads one user's instances, not a definition's.
pub fn has_current_sql_sqlite() -> String {
    super::sqlite_sql_text(&current_of_user!(String::new(), String::new(), 0_i64))
}

/// The cross-user search: its criteria within a tenant scope, and one page in an order.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub tenant_scope: Option<Uuid>,
    pub criteria: Criteria,
    pub order: SearchOrder,
    pub descending: bool,
    pub start_row: i64,
    pub number_of_results: i64,
    /// Count every match, however many (`accurateTotal`); otherwise up to `TOTAL_BOUND`.
    pub accurate_total: bool,
}

/// A search's `total` is exact up to this many matches unless `accurateTotal` asks.
pub const TOTAL_BOUND: i64 = 10_000;

/// One page of a search and how many match in all.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub instances: Vec<Instance>,
    /// All matches, or `TOTAL_BOUND` when there are more and `exact` is false.
    pub total: i64,
    pub exact: bool,
}

super::fixed_sql::fixed_sql!(One, diesel::sql_types::Integer, "1");

/// A boxed query on the instances table (dynamic filters).
pub(crate) type Boxed<'a, ST> = i::BoxedQuery<'a, crate::db::MultiBackend, ST>;

/// How a search's criteria are written into a query.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Matching {
    /// With `false`, `state: active` is written so that no index on `expiry` can serve it
    /// (`UnindexedExpiry`): a page in insertion order then walks
    /// `action_instances_temporal_by_insert` and stops after one page, instead of reading every
    /// active instance and sorting them.
    pub expiry_index: bool,
    /// The expiry filters match no cancelled instance: a cancel sets the expiry to its own time,
    /// which is not when the action was due to expire.
    pub expiry_skips_cancelled: bool,
}

/// The criteria `s` within the tenant `scope` on `q`. `cancelled` is compared with literals, so
/// the partial indexes on `cancelled = FALSE` serve.
pub(crate) fn filter_search<'a, ST: 'a>(
    mut q: Boxed<'a, ST>,
    scope: Option<Uuid>,
    s: &Criteria,
    now: i64,
    by: Matching,
) -> Boxed<'a, ST> {
    q = within_tenant(q, i::tenant_id, scope);
    q = within_tenant(q, i::tenant_id, s.tenant_id);
    if let Some(v) = s.user_action_id {
        q = q.filter(i::user_action_id.eq(v.to_string()));
    }
    if let Some(v) = s.actionee_user_id {
        q = q.filter(i::actionee_user_id.eq(v.to_string()));
    }
    if let Some(v) = &s.actionee_user_ids {
        q = q.filter(i::actionee_user_id.eq_any(v.iter().map(Uuid::to_string).collect::<Vec<_>>()));
    }
    if let Some(v) = s.actioner_user_id {
        q = q.filter(i::actioner_user_id.eq(v.to_string()));
    }
    if let Some(v) = &s.reason_code {
        q = q.filter(i::reason_code.eq(v.clone()));
    }
    if let Some(v) = &s.option {
        q = q.filter(i::option_name.eq(v.clone()));
    }
    if let Some(k) = s.kind {
        let of_kind = ua::table.filter(ua::kind.eq(k.as_str())).select(ua::id);
        q = q.filter(i::user_action_id.eq_any(of_kind));
    }
    match s.state {
        None => {}
        Some(State::Instant) => q = q.filter(i::expiry.is_null()),
        Some(State::Cancelled) => q = q.filter(IsCancelled),
        Some(State::Active) if by.expiry_index => q = q.filter(current(now)),
        Some(State::Active) => {
            q = q
                .filter(i::expiry.is_not_null())
                .filter(current_on(UnindexedExpiry, now))
        }
        Some(State::Scheduled) => q = q.filter(scheduled(now)),
        Some(State::Ended) => q = q.filter(NotCancelled).filter(i::expiry.le(now)),
    }
    if by.expiry_skips_cancelled && (s.expires_before.is_some() || s.expires_after.is_some()) {
        q = q.filter(NotCancelled);
    }
    if let Some(v) = s.expires_before {
        q = q.filter(i::expiry.lt(v));
    }
    if let Some(v) = s.expires_after {
        q = q.filter(i::expiry.gt(v));
    }
    if let Some(v) = s.created_before {
        q = q.filter(i::created_instant.lt(v));
    }
    if let Some(v) = s.created_after {
        q = q.filter(i::created_instant.gt(v));
    }
    q
}

/// How many instances match `s`: exact, or `(TOTAL_BOUND, false)` when more match and
/// `accurate_total` does not ask for all of them.
pub fn total(conn: &mut DbConnection, s: &Search, now: i64) -> QueryResult<(i64, bool)> {
    let by = Matching {
        expiry_index: true,
        expiry_skips_cancelled: false,
    };
    let (scope, criteria) = (s.tenant_scope, &s.criteria);
    let beyond_bound = !s.accurate_total
        && filter_search(i::table.select(One).into_boxed(), scope, criteria, now, by)
            .offset(TOTAL_BOUND)
            .limit(1)
            .first::<i32>(conn)
            .optional()?
            .is_some();
    if beyond_bound {
        return Ok((TOTAL_BOUND, false));
    }
    let counted = i::table.count().into_boxed();
    let n = filter_search(counted, scope, criteria, now, by).get_result(conn)?;
    Ok((n, true))
}

/// The page of `s`'s matches that it asks for, in its order.
pub fn page(conn: &mut DbConnection, s: &Search, now: i64) -> QueryResult<Vec<Instance>> {
    let by = Matching {
        expiry_index: s.order == SearchOrder::Expiry,
        expiry_skips_cancelled: false,
    };
    let rows = i::table.select(Row::as_select()).into_boxed();
    let mut q = filter_search(rows, s.tenant_scope, &s.criteria, now, by);
    q = match (s.order, s.descending) {
        (SearchOrder::InsertInstant, false) => q.order((i::insert_instant.asc(), i::id.asc())),
        (SearchOrder::InsertInstant, true) => q.order((i::insert_instant.desc(), i::id.desc())),
        // Instances without expiry sort last either way.
        (SearchOrder::Expiry, false) => {
            q.order((i::expiry.is_null().asc(), i::expiry.asc(), i::id.asc()))
        }
        (SearchOrder::Expiry, true) => {
            q.order((i::expiry.is_null().asc(), i::expiry.desc(), i::id.desc()))
        }
        (SearchOrder::Name, false) => q.order((i::name.asc(), i::id.asc())),
        (SearchOrder::Name, true) => q.order((i::name.desc(), i::id.desc())),
    };
    let rows: Vec<Row> = q
        .offset(s.start_row)
        .limit(s.number_of_results)
        .load(conn)?;
    Ok(rows.into_iter().map(Loaded::into_inner).collect())
}

/// The queued ends that are due, oldest expiry first; ties in any order, so the index's order
/// serves without a sort.
macro_rules! due_ends {
    ($now:expr, $limit:expr) => {
        ends::table
            .filter(ends::expiry.le($now))
            .order(ends::expiry)
            .limit($limit)
            .select(ends::instance_id)
    };
}

/// Takes up to `limit` due ends off the queue, oldest expiry first, and returns their instances
/// in that order. On PostgreSQL the queue rows are locked and rows locked by another process are
/// skipped; the instances' own rows are not written.
pub fn take_due_ends(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<Instance>> {
    let ids: Vec<String> = match conn {
        DbConnection::Pg(pg) => due_ends!(now, limit).for_update().skip_locked().load(pg)?,
        DbConnection::Sqlite(sqlite) => due_ends!(now, limit).load(sqlite)?,
    };
    if ids.is_empty() {
        return Ok(vec![]);
    }
    diesel::delete(ends::table.filter(ends::instance_id.eq_any(&ids))).execute(conn)?;
    let mut by_id = instances_by_id(conn, ids.iter())?;
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(&parse_id(id).ok()?))
        .collect())
}

/// The statement SQLite runs to find due ends (placeholders unbound), so tests can check that
/// its plan starts at the due rows instead of walking the unexpired ones.
pub fn due_ends_sql_sqlite() -> String {
    let query = due_ends!(0_i64, 1_i64);
    super::sqlite_sql_text(&query)
}

/// What a log line needs to name an instance: its action's name and the actionee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceLabel {
    pub id: Uuid,
    pub name: String,
    pub actionee_user_id: Uuid,
}

/// The labels of those instances in `ids` that exist (no tenant scope: administrators' logs).
pub fn labels(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<Vec<InstanceLabel>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, String, String)> = i::table
        .filter(i::id.eq_any(ids))
        .select((i::id, i::name, i::actionee_user_id))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, name, user)| {
            Ok(InstanceLabel {
                id: parse_id(&id)?,
                name,
                actionee_user_id: parse_id(&user)?,
            })
        })
        .collect()
}

// The end loop's one-at-a-time fallback and backlog (a batch of ends that failed is retried
// instance by instance, so one bad instance cannot hold up the rest).

/// Due ends, oldest expiry first, without taking them off the queue.
pub fn due_end_ids(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<Uuid>> {
    let ids: Vec<String> = due_ends!(now, limit).load(conn)?;
    ids.iter().map(|id| parse_id(id)).collect()
}

/// Takes one instance's end off the queue if it is due (and, on PostgreSQL, not held by another
/// process), and returns the instance.
pub fn take_due_end(conn: &mut DbConnection, id: Uuid, now: i64) -> QueryResult<Option<Instance>> {
    let key = id.to_string();
    let due = ends::table
        .filter(ends::instance_id.eq(&key))
        .filter(ends::expiry.le(now))
        .select(ends::instance_id);
    let found: Option<String> = first_unlocked!(conn, due)?;
    if found.is_none() {
        return Ok(None);
    }
    diesel::delete(ends::table.filter(ends::instance_id.eq(&key))).execute(conn)?;
    find(conn, id, None)
}

/// Moves a queued end to `at`: an end that failed is tried again then.
pub fn postpone_end(conn: &mut DbConnection, id: Uuid, at: i64) -> QueryResult<()> {
    diesel::update(ends::table.filter(ends::instance_id.eq(id.to_string())))
        .set(ends::expiry.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Due ends, counted up to `cap` (the end loop's backlog).
pub fn count_due_ends(conn: &mut DbConnection, now: i64, cap: i64) -> QueryResult<i64> {
    ENDS.count_due(conn, now, cap)
}
