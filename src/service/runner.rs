//! Running a use case off the async threads (reads on a pooled connection, writes through the
//! group-committing writer; a small SQLite read on the request's thread), and what a database
//! failure means to a client: one mapping for both faces.

use std::panic::AssertUnwindSafe;

use actix_web::web;
use uuid::Uuid;

use super::ServiceError;
use crate::app::AppState;
use crate::db::writer::{LockKey, WriteError};
use crate::db::{is_unavailable_message, Backend, DbConnection, DbError};

/// The connection a use case runs on.
pub use crate::db::DbConnection as Connection;
/// Seconds a client is asked to wait after a 503.
pub use crate::db::RETRY_AFTER_SECONDS;
/// Instances a write batch inserts together before it commits.
pub use crate::store::write_batch::WriteBatch;

/// A lock a write batch takes before any of its jobs runs, so that batches lock in one order.
#[derive(Debug, Clone, Copy)]
pub enum Lock {
    User(Uuid),
    Instance(Uuid),
}

impl Lock {
    fn key(self) -> LockKey {
        match self {
            Lock::User(id) => LockKey::user(id),
            Lock::Instance(id) => LockKey::instance(id),
        }
    }
}

/// A database error as a client sees it: a missing row is "not found", a busy or locked
/// database is "unavailable", anything else stays a database error.
pub fn classify(e: diesel::result::Error) -> ServiceError {
    match e {
        diesel::result::Error::NotFound => ServiceError::NotFound,
        e => match DbError::from(e) {
            DbError::Unavailable(message) => ServiceError::Unavailable(message),
            DbError::Query(e) => ServiceError::Db(e),
        },
    }
}

/// Runs `f` on a pooled read connection, with the current time.
pub async fn read<T, E, F>(state: &AppState, f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, E> + Send + 'static,
{
    let db = state.db.clone();
    let now = state.now();
    let ran = web::block(move || {
        let mut conn = db.read().map_err(|e| E::from(ServiceError::from(e)))?;
        f(&mut conn, now)
    })
    .await;
    ran.unwrap_or_else(|e| Err(E::from(ServiceError::Internal(e.to_string()))))
}

/// `read` for a use case that reads a bounded handful of rows through an index. On SQLite, with a
/// connection free at once, it runs on the request's own thread: handing a read of microseconds
/// to a blocking thread and back costs more than the read (a user's list of 50: 8.3-11.1k
/// against 12.3-13.3k req/s, p99 13-51 against 7-9 ms). A PostgreSQL read waits on the network,
/// and a busy pool would make the thread wait: those run as `read` does.
pub async fn read_bounded<T, E, F>(state: &AppState, f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, E> + Send + 'static,
{
    if state.db.backend() == Backend::Sqlite {
        if let Some(mut conn) = state.db.try_read() {
            let now = state.now();
            // As on a blocking thread, a panic fails this request alone.
            let ran = std::panic::catch_unwind(AssertUnwindSafe(|| f(&mut conn, now)));
            return ran.unwrap_or_else(|_| {
                Err(E::from(ServiceError::Internal("a read panicked".into())))
            });
        }
    }
    read(state, f).await
}

/// Runs `f` in the writer's next batch, with the current time.
pub async fn write<T, E, F>(state: &AppState, f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, E> + Send + 'static,
{
    write_locking(state, &[], f).await
}

/// A job's own failure, or the database's; either rolls the job back.
enum Job<E> {
    Failed(E),
    Db(diesel::result::Error),
}

impl<E> From<diesel::result::Error> for Job<E> {
    fn from(e: diesel::result::Error) -> Self {
        Job::Db(e)
    }
}

/// `write`, with the batch holding `locks` (on PostgreSQL) from before any of its jobs runs.
pub async fn write_locking<T, E, F>(state: &AppState, locks: &[Lock], f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, E> + Send + 'static,
{
    write_keyed(state, locks.iter().map(|l| l.key()).collect(), f).await
}

/// `write_locking`, with the locks given as the writer's keys.
pub async fn write_keyed<T, E, F>(state: &AppState, locks: Vec<LockKey>, f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, E> + Send + 'static,
{
    let now = state.now();
    let ran = state
        .writer
        .run_locking(locks, move |conn| f(conn, now).map_err(Job::Failed))
        .await;
    written(ran)
}

/// `write_locking` for a use case that may run twice and changes nothing but the database: it
/// runs without a savepoint of its own, and again with one only if its batch had a failure.
/// The users in `reads` are read for its whole batch at once into its `WriteBatch`, and the
/// instances it leaves there are inserted with the rest of its batch's.
pub async fn write_repeatable<T, E, F>(
    state: &AppState,
    locks: &[Lock],
    reads: Vec<Uuid>,
    f: F,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: Fn(&mut DbConnection, &mut WriteBatch, i64) -> Result<T, E> + Send + 'static,
{
    let now = state.now();
    let locks = locks.iter().map(|l| l.key()).collect();
    let ran = state
        .writer
        .run_repeatable(locks, reads, move |conn, batch| {
            f(conn, batch, now).map_err(Job::Failed)
        })
        .await;
    written(ran)
}

/// A write job's outcome as the use case's result.
fn written<T, E: From<ServiceError>>(ran: Result<Result<T, Job<E>>, WriteError>) -> Result<T, E> {
    match ran {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(Job::Failed(e))) => Err(e),
        Ok(Err(Job::Db(e))) => Err(E::from(ServiceError::Db(e))),
        Err(WriteError::Unavailable(m)) => Err(E::from(ServiceError::Unavailable(m))),
        Err(WriteError::Commit(m)) if is_unavailable_message(&m) => {
            Err(E::from(ServiceError::Unavailable(m)))
        }
        Err(other) => Err(E::from(ServiceError::Internal(other.to_string()))),
    }
}

/// Runs a blocking computation (password hashing) off the async threads.
pub async fn blocking<T, E, F>(f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ServiceError> + Send + 'static,
    F: FnOnce() -> Result<T, E> + Send + 'static,
{
    web::block(f)
        .await
        .unwrap_or_else(|e| Err(E::from(ServiceError::Internal(e.to_string()))))
}
