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

/// Declares `UnnestInsert` from the column list, given once: a vector of values a column, the
/// rows split into them, and the statement naming and binding them in the same order.
macro_rules! unnest_insert {
    ($($column:ident: $rust:ty => $sql:ty),+ $(,)?) => {
        /// `INSERT INTO action_instances (…) SELECT * FROM unnest($1, …)`, one array a column.
        #[derive(Default)]
        pub(super) struct UnnestInsert {
            $($column: Vec<$rust>,)+
        }

        impl UnnestInsert {
            pub(super) fn of(rows: Vec<Stored>) -> UnnestInsert {
                let mut all = UnnestInsert::default();
                for row in rows {
                    $(all.$column.push(row.$column);)+
                }
                all
            }
        }

        impl QueryFragment<Pg> for UnnestInsert {
            fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
                out.push_sql("INSERT INTO action_instances (");
                for (n, column) in [$(stringify!($column)),+].into_iter().enumerate() {
                    out.push_sql(if n == 0 { "" } else { ", " });
                    out.push_sql(column);
                }
                out.push_sql(") SELECT * FROM unnest(");
                let mut separator = "";
                $(
                    out.push_sql(separator);
                    out.push_bind_param::<Array<$sql>, _>(&self.$column)?;
                    separator = ", ";
                )+
                let _ = separator;
                out.push_sql(")");
                Ok(())
            }
        }
    };
}

unnest_insert! {
    id: String => Text,
    tenant_id: String => Text,
    user_action_id: String => Text,
    actionee_user_id: String => Text,
    actioner_user_id: Option<String> => Nullable<Text>,
    application_ids: String => Text,
    comment: Option<String> => Nullable<Text>,
    email_user_on_end: bool => Bool,
    notify_user_on_end: bool => Bool,
    end_event_sent: Option<bool> => Nullable<Bool>,
    expiry: Option<i64> => Nullable<BigInt>,
    cancelled: bool => Bool,
    created_instant: i64 => BigInt,
    insert_instant: i64 => BigInt,
    name: String => Text,
    localized_name: Option<String> => Nullable<Text>,
    option_name: Option<String> => Nullable<Text>,
    localized_option: Option<String> => Nullable<Text>,
    reason: Option<String> => Nullable<Text>,
    localized_reason: Option<String> => Nullable<Text>,
    reason_code: Option<String> => Nullable<Text>,
    history: String => Text,
    start_instant: Option<i64> => Nullable<BigInt>,
    escalation_step: Option<i32> => Nullable<Integer>,
}

impl UnnestInsert {
    pub(super) fn execute(&self, conn: &mut PgConnection) -> QueryResult<usize> {
        conn.execute_returning_count(self)
    }
}

// One text for every batch: diesel keeps the statement prepared under this type.
impl QueryId for UnnestInsert {
    type QueryId = UnnestInsert;
    const HAS_STATIC_QUERY_ID: bool = true;
}
