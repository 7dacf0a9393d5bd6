//! SQL expressions written as text that keep their query cacheable.
//!
//! diesel gives `sql::<T>("…")` no static query id, so any statement containing one is parsed
//! and planned again on every run. A fixed text can have an id: `fixed_sql!` declares a unit type
//! for it, and statements selecting it stay in diesel's prepared-statement cache.

/// `fixed_sql!(Name, SqlType, "text")`: an expression that is exactly `text`, valid on any table.
macro_rules! fixed_sql {
    ($(#[$doc:meta])* $name:ident, $st:ty, $text:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, diesel::query_builder::QueryId)]
        pub(crate) struct $name;

        impl diesel::expression::Expression for $name {
            type SqlType = $st;
        }

        impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
            ) -> diesel::QueryResult<()> {
                out.push_sql($text);
                Ok(())
            }
        }

        impl<QS> diesel::expression::AppearsOnTable<QS> for $name {}
        impl<QS> diesel::expression::SelectableExpression<QS> for $name {}
        impl diesel::expression::ValidGrouping<()> for $name {
            type IsAggregate = diesel::expression::is_aggregate::Never;
        }
    };
}

pub(crate) use fixed_sql;
