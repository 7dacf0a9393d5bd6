//! Running a hot statement on the connection's own backend instead of through the
//! two-backend wrapper.
//!
//! diesel's multi-backend connection gives every statement it wraps no static query id, so each
//! run builds the statement's SQL text again to find it in the prepared-statement cache, and
//! reads every column through the wrapper's value type. On the backend's own connection a
//! statement whose parts all have static ids is found in the cache by its type. In the
//! profile of a user's list, the text and the wrapper's column reads were about a sixth of the
//! CPU.

/// `on_backend!(conn, c => body)`: `body` with `c` bound to the SQLite or the PostgreSQL
/// connection inside `conn`. The body is written once and type-checked for each backend, so a
/// selection (`as_select()`) is inferred for the backend that runs it.
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Pg($c) => $body,
        }
    };
}

pub(crate) use on_backend;
