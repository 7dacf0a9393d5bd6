//! A batch's instances as one PostgreSQL statement whose text does not depend on how many
//! there are, so that it stays prepared.
//!
//! A multi-row `VALUES` has as many placeholders as rows times columns: every batch size is a
//! new text, parsed, analysed and planned again (about 6 % of the CPU of a survey load on
//! PostgreSQL, perf). Here each column travels as one array and `unnest` turns them back into
//! rows.

use diesel::connection::Connection;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Bool, Integer, Nullable, Text};
use diesel::{PgConnection, QueryResult};

use super::Stored;

/// `INSERT INTO action_instances (…) SELECT * FROM unnest($1, …, $24)`, one array a column.
#[derive(Default)]
pub(super) struct UnnestInsert {
    id: Vec<String>,
    tenant_id: Vec<String>,
    user_action_id: Vec<String>,
    actionee_user_id: Vec<String>,
    actioner_user_id: Vec<Option<String>>,
    application_ids: Vec<String>,
    comment: Vec<Option<String>>,
    email_user_on_end: Vec<bool>,
    notify_user_on_end: Vec<bool>,
    end_event_sent: Vec<Option<bool>>,
    expiry: Vec<Option<i64>>,
    cancelled: Vec<bool>,
    created_instant: Vec<i64>,
    insert_instant: Vec<i64>,
    name: Vec<String>,
    localized_name: Vec<Option<String>>,
    option_name: Vec<Option<String>>,
    localized_option: Vec<Option<String>>,
    reason: Vec<Option<String>>,
    localized_reason: Vec<Option<String>>,
    reason_code: Vec<Option<String>>,
    history: Vec<String>,
    start_instant: Vec<Option<i64>>,
    escalation_step: Vec<Option<i32>>,
}

impl UnnestInsert {
    pub(super) fn of(rows: Vec<Stored>) -> UnnestInsert {
        let mut all = UnnestInsert::default();
        for r in rows {
            all.id.push(r.id);
            all.tenant_id.push(r.tenant_id);
            all.user_action_id.push(r.user_action_id);
            all.actionee_user_id.push(r.actionee_user_id);
            all.actioner_user_id.push(r.actioner_user_id);
            all.application_ids.push(r.application_ids);
            all.comment.push(r.comment);
            all.email_user_on_end.push(r.email_user_on_end);
            all.notify_user_on_end.push(r.notify_user_on_end);
            all.end_event_sent.push(r.end_event_sent);
            all.expiry.push(r.expiry);
            all.cancelled.push(r.cancelled);
            all.created_instant.push(r.created_instant);
            all.insert_instant.push(r.insert_instant);
            all.name.push(r.name);
            all.localized_name.push(r.localized_name);
            all.option_name.push(r.option_name);
            all.localized_option.push(r.localized_option);
            all.reason.push(r.reason);
            all.localized_reason.push(r.localized_reason);
            all.reason_code.push(r.reason_code);
            all.history.push(r.history);
            all.start_instant.push(r.start_instant);
            all.escalation_step.push(r.escalation_step);
        }
        all
    }

    pub(super) fn execute(&self, conn: &mut PgConnection) -> QueryResult<usize> {
        conn.execute_returning_count(self)
    }
}

// One text for every batch: diesel keeps the statement prepared under this type.
impl QueryId for UnnestInsert {
    type QueryId = UnnestInsert;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl QueryFragment<Pg> for UnnestInsert {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql(
            "INSERT INTO action_instances (id, tenant_id, user_action_id, actionee_user_id, \
             actioner_user_id, application_ids, comment, email_user_on_end, notify_user_on_end, \
             end_event_sent, expiry, cancelled, created_instant, insert_instant, name, \
             localized_name, option_name, localized_option, reason, localized_reason, \
             reason_code, history, start_instant, escalation_step) SELECT * FROM unnest(",
        );
        out.push_bind_param::<Array<Text>, _>(&self.id)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.tenant_id)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.user_action_id)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.actionee_user_id)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.actioner_user_id)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.application_ids)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.comment)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Bool>, _>(&self.email_user_on_end)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Bool>, _>(&self.notify_user_on_end)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Bool>>, _>(&self.end_event_sent)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<BigInt>>, _>(&self.expiry)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Bool>, _>(&self.cancelled)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<BigInt>, _>(&self.created_instant)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<BigInt>, _>(&self.insert_instant)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.name)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.localized_name)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.option_name)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.localized_option)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.reason)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.localized_reason)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.reason_code)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&self.history)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<BigInt>>, _>(&self.start_instant)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Nullable<Integer>>, _>(&self.escalation_step)?;
        out.push_sql(")");
        Ok(())
    }
}
