//! Group commit: write jobs from many requests share one transaction per batch.
//!
//! Each job runs in its own savepoint, so a failing job rolls back alone; its caller hears the
//! outcome only after the batch has committed. On SQLite one thread owns the only write
//! connection; on PostgreSQL several threads each batch on their own connection.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

use diesel::Connection;

use super::{Backend, Db, DbConnection};

/// The most jobs committed together.
const MAX_BATCH: usize = 64;

type Finish = Box<dyn FnOnce(Result<(), String>) + Send>;
type Job = Box<dyn FnOnce(&mut DbConnection) -> Finish + Send>;

#[derive(Clone)]
pub struct Writer {
    jobs: Sender<Job>,
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

type Reply<T, E> = tokio::sync::oneshot::Sender<Result<Result<T, E>, WriteError>>;

/// A job's answer channel that, dropped unanswered (its batch got no connection), says so.
struct Answer<T, E>(Option<Reply<T, E>>);

impl<T, E> Answer<T, E> {
    fn send(mut self, result: Result<Result<T, E>, WriteError>) {
        if let Some(tx) = self.0.take() {
            let _ = tx.send(result);
        }
    }
}

impl<T, E> Drop for Answer<T, E> {
    fn drop(&mut self) {
        if let Some(tx) = self.0.take() {
            let _ = tx.send(Err(WriteError::Unavailable(
                "no write connection within the wait".into(),
            )));
        }
    }
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
        Writer { jobs }
    }

    /// Runs `f` inside a batch transaction and returns its result once the batch committed.
    pub async fn run<T, E, F>(&self, f: F) -> Result<Result<T, E>, WriteError>
    where
        T: Send + 'static,
        E: From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel::<Result<Result<T, E>, WriteError>>();
        let tx = Answer(Some(tx));
        let job: Job = Box::new(move |conn: &mut DbConnection| {
            let outcome = catch_unwind(AssertUnwindSafe(|| conn.transaction(f)))
                .map_err(|_| WriteError::Commit("a write job panicked".into()));
            Box::new(move |commit: Result<(), String>| {
                let result = match (commit, outcome) {
                    (Ok(()), outcome) => outcome,
                    (Err(e), _) => Err(WriteError::Commit(e)),
                };
                tx.send(result);
            })
        });
        self.jobs.send(job).map_err(|_| WriteError::Stopped)?;
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
                for job in batch {
                    // Dropping the job drops its `Answer`: the caller hears "unavailable".
                    drop(job);
                }
                tracing::error!(error = %message, "no database connection for a write batch");
                continue;
            }
        };
        let mut finishers: Vec<Finish> = Vec::with_capacity(batch.len());
        let committed = conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for job in batch {
                finishers.push(job(conn));
            }
            Ok(())
        });
        let commit = committed.map_err(|e| e.to_string());
        for finish in finishers {
            finish(commit.clone());
        }
    }
}
