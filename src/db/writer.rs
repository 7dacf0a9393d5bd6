//! Group commit: write jobs from many requests share one transaction per batch.
//!
//! Each job runs in its own savepoint, so a failing job rolls back alone; its caller hears the
//! outcome only after the batch has committed. On SQLite one thread owns the only write
//! connection, which serialises every job: no lock is needed. On PostgreSQL several threads each
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

/// The most jobs committed together.
const MAX_BATCH: usize = 64;

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
/// Runs the job on the connection, or reports why it could not be run.
type Work = Box<dyn FnOnce(Result<&mut DbConnection, WriteError>) -> Finish + Send>;

struct Job {
    locks: Vec<LockKey>,
    work: Work,
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
            Backend::Postgres => (pool_size / 2).max(1),
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
        let (tx, rx) = tokio::sync::oneshot::channel::<Result<Result<T, E>, WriteError>>();
        let work: Work = Box::new(move |conn: Result<&mut DbConnection, WriteError>| {
            let conn = match conn {
                Ok(conn) => conn,
                Err(not_run) => {
                    return Box::new(move |_: Result<(), String>| {
                        let _ = tx.send(Err(not_run));
                    })
                }
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| conn.transaction(f)));
            let outcome = outcome.map_err(|_| {
                // The panic skipped the savepoint's rollback: undo the job's writes here.
                let _ =
                    <DbConnection as Connection>::TransactionManager::rollback_transaction(conn);
                WriteError::Commit("a write job panicked".into())
            });
            Box::new(move |commit: Result<(), String>| {
                let result = match (commit, outcome) {
                    (Ok(()), outcome) => outcome,
                    (Err(e), _) => Err(WriteError::Commit(e)),
                };
                let _ = tx.send(result);
            })
        });
        self.jobs
            .send(Job { locks, work })
            .map_err(|_| WriteError::Stopped)?;
        rx.await.map_err(|_| WriteError::Stopped)?
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
                    ((job.work)(Err(unavailable)))(Err(message.clone()));
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

fn run_batch(conn: &mut DbConnection, batch: Vec<Job>) {
    let keys = sorted_keys(&batch);
    let mut waiting = batch;
    let mut finishers: Vec<Finish> = Vec::with_capacity(waiting.len());
    let committed = conn.transaction::<_, diesel::result::Error, _>(|conn| {
        lock(conn, &keys)?;
        for job in waiting.drain(..) {
            finishers.push((job.work)(Ok(conn)));
        }
        Ok(())
    });
    if let Err(e) = &committed {
        if !waiting.is_empty() {
            // Taking the batch's locks failed: nothing ran, so each job gets its own chance.
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
    let mut work = Some(job.work);
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
            work: Box::new(|_| Box::new(|_| {})),
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
