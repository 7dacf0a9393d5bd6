//! Group commit: write jobs from many requests share one transaction per batch.
//!
//! A failing job rolls back alone; its caller hears the outcome only after the batch has
//! committed. A job that may run twice (an apply, a modify, a cancel: rows only) runs with no
//! savepoint of its own; should one of them fail, the batch rolls back and runs again with a
//! savepoint per job, as every other job always runs. The instances repeatable jobs leave waiting
//! (`store::write_batch::WriteBatch`: surveys and other instantaneous applies) go in as one
//! statement once they have all run; should that fail, the batch runs the careful way too. The
//! users those jobs name are read for all of them in one statement before the first runs. On
//! SQLite one thread owns the only write connection, which serialises every job: no lock is
//! needed. On PostgreSQL two threads each
//! batch on their own connection (and several processes may share the database), so a job names
//! the keys it must hold (`LockKey`: a user, an instance), and a batch takes the keys of all its
//! jobs up front, in one sorted order, before any job runs. Two batches then never wait on each
//! other in a cycle. If taking them fails anyway, no job has run yet: each job is run again in a
//! transaction of its own, so one failure never fails the rest of its batch.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

use diesel::connection::TransactionManager;
use diesel::sql_types::{Array, Integer};
use diesel::{Connection, RunQueryDsl};
use uuid::Uuid;

use super::{Backend, Db, DbConnection};
use crate::store::read_cache::ReadCache;
use crate::store::write_batch::WriteBatch;

/// The most jobs committed together.
const MAX_BATCH: usize = 64;

/// Writer threads on PostgreSQL: one batch runs while another commits. More only add
/// transactions that compete for the database's CPU with smaller batches: on 2 cores, 1, 2, 3, 4
/// and 8 threads applied 7.0k, 12.0k, 11.8k, 11.3k and 10.0k times a second.
const POSTGRES_WRITERS: u32 = 2;

/// A PostgreSQL advisory lock held until the end of a batch's transaction: a class (what kind of
/// thing is locked) and a 32-bit hash of the thing's id. Advisory locks with two keys live in a
/// key space of their own, apart from the one-key locks used elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LockKey(i32, i32);

impl LockKey {
    /// Serialises writes that check and then change a user's instances or login state.
    pub fn user(id: Uuid) -> LockKey {
        LockKey(1, fold(id))
    }

    /// Serialises changes to one instance.
    pub fn instance(id: Uuid) -> LockKey {
        LockKey(2, fold(id))
    }
}

fn fold(id: Uuid) -> i32 {
    let (hi, lo) = id.as_u64_pair();
    let x = hi ^ lo;
    ((x >> 32) ^ (x & 0xffff_ffff)) as u32 as i32
}

/// Takes the advisory locks `keys` (PostgreSQL; nothing on SQLite), in the order given, until the
/// transaction ends. Callers pass keys sorted; a key already held is taken again at once.
pub fn lock(conn: &mut DbConnection, keys: &[LockKey]) -> diesel::QueryResult<()> {
    let DbConnection::Pg(pg) = conn else {
        return Ok(());
    };
    if keys.is_empty() {
        return Ok(());
    }
    let (classes, ids): (Vec<i32>, Vec<i32>) = keys.iter().map(|k| (k.0, k.1)).unzip();
    // `unnest` yields the rows in array order, so the locks are taken in that order.
    diesel::sql_query(
        "SELECT pg_advisory_xact_lock(c, k) FROM unnest($1::int4[], $2::int4[]) AS t(c, k)",
    )
    .bind::<Array<Integer>, _>(classes)
    .bind::<Array<Integer>, _>(ids)
    .execute(pg)?;
    Ok(())
}

type Finish = Box<dyn FnOnce(Result<(), String>) + Send>;
/// Runs the job once, in a savepoint of its own, or reports why it could not be run.
type Once = Box<dyn FnOnce(Result<&mut DbConnection, WriteError>) -> Finish + Send>;

/// What a job does with the batch's connection.
enum Work {
    /// Runs once, in a savepoint of its own: a failure rolls back this job alone.
    Once(Once),
    /// Can run again. It first runs with no savepoint, beside the batch's other such jobs; if one
    /// of them fails, the whole batch rolls back and runs again with a savepoint per job. On
    /// PostgreSQL a savepoint and its release are two round trips of the job's four.
    Repeatable(Box<dyn Repeatable>),
}

trait Repeatable: Send {
    /// Runs the job in the caller's transaction and keeps its result; false if it failed (or
    /// panicked), and then the caller rolls back what it wrote. Instances it leaves in `batch`
    /// are the caller's to insert before it commits.
    fn attempt(&mut self, conn: &mut DbConnection, batch: &mut WriteBatch) -> bool;
    /// Delivers the kept result once the batch's commit is known.
    fn kept(self: Box<Self>) -> Finish;
    /// Runs the job the careful way, as a `Once`.
    fn once(self: Box<Self>) -> Once;
}

struct Job {
    locks: Vec<LockKey>,
    /// The users a repeatable job will look up: its batch reads them with the others' at once.
    reads: Vec<Uuid>,
    work: Work,
}

type Reply<T, E> = tokio::sync::oneshot::Sender<Result<Result<T, E>, WriteError>>;

/// The result of a job: what `f` returned, or that the write itself failed.
fn deliver<T, E>(tx: Reply<T, E>, outcome: Result<Result<T, E>, WriteError>) -> Finish
where
    T: Send + 'static,
    E: Send + 'static,
{
    Box::new(move |commit: Result<(), String>| {
        let result = match (commit, outcome) {
            (Ok(()), outcome) => outcome,
            (Err(e), _) => Err(WriteError::Commit(e)),
        };
        let _ = tx.send(result);
    })
}

/// `f` as a job that runs once, in a savepoint of its own.
fn once<T, E, F>(tx: Reply<T, E>, f: F) -> Once
where
    T: Send + 'static,
    E: From<diesel::result::Error> + Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
{
    Box::new(move |conn: Result<&mut DbConnection, WriteError>| {
        let conn = match conn {
            Ok(conn) => conn,
            // Why the job did not run is its answer, whatever became of the batch.
            Err(not_run) => {
                return Box::new(move |_: Result<(), String>| {
                    let _ = tx.send(Err(not_run));
                })
            }
        };
        let depth = depth(conn);
        let outcome = catch_unwind(AssertUnwindSafe(|| conn.transaction(f)));
        let outcome = outcome.map_err(|_| {
            // The panic skipped the savepoint's rollback: undo the job's writes here.
            unwind_to(conn, depth);
            WriteError::Commit("a write job panicked".into())
        });
        deliver(tx, outcome)
    })
}

struct RepeatableJob<T, E, F> {
    f: F,
    tx: Reply<T, E>,
    kept: Option<T>,
}

impl<T, E, F> Repeatable for RepeatableJob<T, E, F>
where
    T: Send + 'static,
    E: From<diesel::result::Error> + Send + 'static,
    F: Fn(&mut DbConnection, &mut WriteBatch) -> Result<T, E> + Send + 'static,
{
    fn attempt(&mut self, conn: &mut DbConnection, batch: &mut WriteBatch) -> bool {
        let depth = depth(conn);
        match catch_unwind(AssertUnwindSafe(|| (self.f)(conn, batch))) {
            Ok(Ok(value)) => {
                self.kept = Some(value);
                true
            }
            Ok(Err(_)) => false,
            Err(_) => {
                // A transaction the job opened may still be open: close it, so that the caller's
                // rollback is the batch's.
                unwind_to(conn, depth);
                false
            }
        }
    }

    fn kept(self: Box<Self>) -> Finish {
        match self.kept {
            Some(value) => deliver(self.tx, Ok(Ok(value))),
            None => deliver(
                self.tx,
                Err(WriteError::Commit("the job kept no result".into())),
            ),
        }
    }

    fn once(self: Box<Self>) -> Once {
        let f = self.f;
        // Alone, the job reads its own users, and its waiting instances go in at its end,
        // inside its savepoint.
        once(self.tx, move |conn: &mut DbConnection| {
            let mut batch = WriteBatch::default();
            let value = f(conn, &mut batch)?;
            batch.inserts.write(conn)?;
            Ok(value)
        })
    }
}

/// How deep in transactions `conn` is (0 outside any).
fn depth(conn: &mut DbConnection) -> u32 {
    <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .ok()
        .flatten()
        .map_or(0, |d| d.get())
}

/// Rolls back the transactions opened on `conn` since it was `depth` deep.
fn unwind_to(conn: &mut DbConnection, depth_before: u32) {
    while depth(conn) > depth_before {
        if <DbConnection as Connection>::TransactionManager::rollback_transaction(conn).is_err() {
            return;
        }
    }
}

#[derive(Clone)]
pub struct Writer {
    jobs: Sender<Job>,
    cache: Arc<ReadCache>,
}

/// Why a job's result could not be delivered.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the write transaction failed: {0}")]
    Commit(String),
    #[error("the writer stopped")]
    Stopped,
    /// The batch got no connection in time (overload, or a locked database).
    #[error("no database connection for the write: {0}")]
    Unavailable(String),
}

impl Writer {
    pub fn start(db: Db, pool_size: u32) -> Writer {
        let (jobs, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = match db.backend() {
            Backend::Sqlite => 1,
            Backend::Postgres => (pool_size / 2).clamp(1, POSTGRES_WRITERS),
        };
        for _ in 0..threads {
            let db = db.clone();
            let rx = rx.clone();
            std::thread::spawn(move || run(db, rx));
        }
        Writer {
            jobs,
            cache: Arc::default(),
        }
    }

    /// Definitions, reasons and tenants as jobs last read them (see `store::read_cache`).
    pub fn cache(&self) -> Arc<ReadCache> {
        self.cache.clone()
    }

    /// Runs `f` inside a batch transaction and returns its result once the batch committed.
    pub async fn run<T, E, F>(&self, f: F) -> Result<Result<T, E>, WriteError>
    where
        T: Send + 'static,
        E: From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        self.run_locking(Vec::new(), f).await
    }

    /// `run`, holding `locks` from before any job of the batch runs until it commits.
    pub async fn run_locking<T, E, F>(
        &self,
        locks: Vec<LockKey>,
        f: F,
    ) -> Result<Result<T, E>, WriteError>
    where
        T: Send + 'static,
        E: From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.submit(locks, Vec::new(), Work::Once(once(tx, f)), rx)
            .await
    }

    /// `run_locking` for a job that can run more than once and change nothing outside the
    /// database: it runs without a savepoint of its own (see `Work::Repeatable`). The users
    /// named in `reads` are read with the rest of its batch's into its `WriteBatch`, before any
    /// job runs; the instances it leaves there are inserted with the rest of its batch's, before
    /// the commit.
    pub async fn run_repeatable<T, E, F>(
        &self,
        locks: Vec<LockKey>,
        reads: Vec<Uuid>,
        f: F,
    ) -> Result<Result<T, E>, WriteError>
    where
        T: Send + 'static,
        E: From<diesel::result::Error> + Send + 'static,
        F: Fn(&mut DbConnection, &mut WriteBatch) -> Result<T, E> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job = RepeatableJob { f, tx, kept: None };
        self.submit(locks, reads, Work::Repeatable(Box::new(job)), rx)
            .await
    }

    async fn submit<T, E>(
        &self,
        locks: Vec<LockKey>,
        reads: Vec<Uuid>,
        work: Work,
        rx: tokio::sync::oneshot::Receiver<Result<Result<T, E>, WriteError>>,
    ) -> Result<Result<T, E>, WriteError> {
        self.jobs
            .send(Job { locks, reads, work })
            .map_err(|_| WriteError::Stopped)?;
        rx.await.map_err(|_| WriteError::Stopped)?
    }
}

impl Work {
    fn into_once(self) -> Once {
        match self {
            Work::Once(once) => once,
            Work::Repeatable(job) => job.once(),
        }
    }
}

fn run(db: Db, rx: Arc<Mutex<Receiver<Job>>>) {
    loop {
        let batch = {
            let Ok(rx) = rx.lock() else { return };
            let Ok(first) = rx.recv() else { return };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            batch
        };
        let mut conn = match db.write() {
            Ok(conn) => conn,
            Err(e) => {
                let message = e.to_string();
                tracing::error!(error = %message, "no database connection for a write batch");
                for job in batch {
                    let unavailable = WriteError::Unavailable(message.clone());
                    (job.work.into_once()(Err(unavailable)))(Err(message.clone()));
                }
                continue;
            }
        };
        run_batch(&mut conn, batch);
    }
}

/// The keys of `jobs`, sorted and without repeats: the one order every batch locks in.
fn sorted_keys<'a>(jobs: impl IntoIterator<Item = &'a Job>) -> Vec<LockKey> {
    let mut keys: Vec<LockKey> = jobs.into_iter().flat_map(|j| j.locks.clone()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Why a batch's transaction ended without its jobs' results.
enum BatchError {
    /// A repeatable job failed: roll everything back and run the batch the careful way.
    Repeat,
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for BatchError {
    fn from(e: diesel::result::Error) -> Self {
        BatchError::Db(e)
    }
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Repeat => f.write_str("a job of the batch failed"),
            BatchError::Db(e) => e.fmt(f),
        }
    }
}

fn run_batch(conn: &mut DbConnection, batch: Vec<Job>) {
    let keys = sorted_keys(&batch);
    let mut waiting = batch;
    let mut finishers: Vec<Finish> = Vec::with_capacity(waiting.len());
    let committed = conn.transaction::<_, BatchError, _>(|conn| {
        lock(conn, &keys)?;
        // Only repeatable jobs read from the batch, and they all run before any job that could
        // change a user.
        let reads: Vec<Uuid> = waiting
            .iter()
            .filter(|job| matches!(job.work, Work::Repeatable(_)))
            .flat_map(|job| job.reads.iter().copied())
            .collect();
        let mut batch = match WriteBatch::reading(conn, &reads) {
            Ok(batch) => batch,
            Err(e) => {
                tracing::warn!(error = %e, "a write batch's users could not be read together; running its jobs one by one");
                return Err(BatchError::Repeat);
            }
        };
        for job in waiting.iter_mut() {
            if let Work::Repeatable(repeatable) = &mut job.work {
                if !repeatable.attempt(conn, &mut batch) {
                    return Err(BatchError::Repeat);
                }
            }
        }
        // Before the jobs that run once: they may read what the repeatable ones wrote.
        let rows = batch.inserts.len();
        if let Err(e) = batch.inserts.write(conn) {
            tracing::warn!(error = %e, rows, "a write batch's instances failed to go in together; running its jobs one by one");
            return Err(BatchError::Repeat);
        }
        for job in waiting.drain(..) {
            finishers.push(match job.work {
                Work::Repeatable(done) => done.kept(),
                Work::Once(once) => once(Ok(conn)),
            });
        }
        Ok(())
    });
    match committed {
        Err(BatchError::Repeat) => run_careful(conn, &keys, waiting),
        Err(BatchError::Db(e)) if !waiting.is_empty() => {
            // Taking the batch's locks failed: nothing ran, so each job gets its own chance.
            tracing::warn!(error = %e, jobs = waiting.len(), "write batch could not lock; running its jobs one by one");
            for job in waiting {
                run_alone(conn, job);
            }
        }
        committed => {
            let commit = committed.map_err(|e| e.to_string());
            for finish in finishers {
                finish(commit.clone());
            }
        }
    }
}

/// Runs every job of a batch in a savepoint of its own, so that a failing job rolls back alone.
fn run_careful(conn: &mut DbConnection, keys: &[LockKey], batch: Vec<Job>) {
    let mut waiting = batch;
    let mut finishers: Vec<Finish> = Vec::with_capacity(waiting.len());
    let committed = conn.transaction::<_, diesel::result::Error, _>(|conn| {
        lock(conn, keys)?;
        for job in waiting.drain(..) {
            finishers.push(job.work.into_once()(Ok(conn)));
        }
        Ok(())
    });
    if let Err(e) = &committed {
        if !waiting.is_empty() {
            tracing::warn!(error = %e, jobs = waiting.len(), "write batch could not lock; running its jobs one by one");
            for job in waiting {
                run_alone(conn, job);
            }
            return;
        }
    }
    let commit = committed.map_err(|e| e.to_string());
    for finish in finishers {
        finish(commit.clone());
    }
}

fn run_alone(conn: &mut DbConnection, job: Job) {
    let keys = sorted_keys([&job]);
    let mut work = Some(job.work.into_once());
    let mut finisher: Option<Finish> = None;
    let committed = conn.transaction::<_, diesel::result::Error, _>(|conn| {
        lock(conn, &keys)?;
        if let Some(work) = work.take() {
            finisher = Some(work(Ok(conn)));
        }
        Ok(())
    });
    let commit = committed.map_err(|e| e.to_string());
    match (finisher, work) {
        (Some(finish), _) => finish(commit),
        (None, Some(work)) => {
            let not_run = WriteError::Commit(commit.clone().err().unwrap_or_default());
            (work(Err(not_run)))(commit)
        }
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_a_batch_are_sorted_once() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let job = |locks: Vec<LockKey>| Job {
            locks,
            reads: Vec::new(),
            work: Work::Once(Box::new(|_| Box::new(|_| {}))),
        };
        let jobs = [
            job(vec![LockKey::user(b), LockKey::instance(a)]),
            job(vec![LockKey::user(a)]),
            job(vec![LockKey::user(b)]),
        ];
        let keys = sorted_keys(&jobs);
        let mut expected = vec![LockKey::user(a), LockKey::user(b), LockKey::instance(a)];
        expected.sort();
        assert_eq!(keys, expected);
        assert_eq!(LockKey::user(a), LockKey::user(a));
        assert_ne!(LockKey::user(a), LockKey::instance(a));
    }
}
