//! Database access for both backends: the connection type, pools and migrations.

pub mod schema;
pub mod writer;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sql_types::{Nullable, Text};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// One connection type over SQLite or PostgreSQL; queries written once run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

/// The case-folded form kept in the `*_ci` columns and compared against in look-ups and searches:
/// Unicode lowercase.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

diesel::define_sql_function! {
    /// [`fold`] as an SQL function of every SQLite connection, whose own `lower()` folds only
    /// ASCII. PostgreSQL has no such function: there, `lower()` is Unicode-aware.
    fn unicode_lower(text: Nullable<Text>) -> Nullable<Text>;
}

/// How long a request waits for a pooled connection before it is told to come back (503).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
/// What a 503 asks the client to wait (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u64 = 2;
/// PostgreSQL's `statement_timeout` on every pooled connection: one heavy query cannot hold a
/// connection for long. Migrations run without it.
pub const STATEMENT_TIMEOUT_MS: u64 = 5_000;
/// SQLite's wait for a lock another process holds (`busy_timeout`).
pub const SQLITE_BUSY_TIMEOUT_MS: u64 = 5_000;
/// Connections a SQLite pool keeps open when idle.
const SQLITE_MIN_IDLE: u32 = 1;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which backend a database URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    /// `postgres://` / `postgresql://` select PostgreSQL, `sqlite://PATH` (or `sqlite:PATH`) SQLite.
    /// Anything else is refused, so a typo never silently becomes a new SQLite file.
    pub fn parse(url: &str) -> Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_string()))
        } else if let Some(path) = url
            .strip_prefix("sqlite://")
            .or(url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                Err("the SQLite URL names no file (expected sqlite://PATH)".into())
            } else {
                Ok(Self::Sqlite(path.to_string()))
            }
        } else {
            Err(format!(
                "unsupported database URL {url:?}: expected sqlite://PATH or postgres://…"
            ))
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Self::Sqlite(_))
    }
}

/// r2d2 manager that opens the backend the URL names and prepares SQLite connections.
#[derive(Debug, Clone)]
pub struct DbConnManager {
    url: DatabaseUrl,
}

impl ManageConnection for DbConnManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn =
                    diesel::PgConnection::establish(url).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&format!("SET statement_timeout = {STATEMENT_TIMEOUT_MS}"))
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Pg(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(path)
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&format!(
                    // A 2 MiB page cache per connection and no memory map (a map would be
                    // counted once per connection in the process's memory); the OS page cache,
                    // which every connection shares, keeps the rest of the file. Under the
                    // 1,000,000-instance search and dashboard load the process peaked at
                    // 273-418 MiB with 8 MiB caches, 146-190 MiB with 2 MiB ones, at the same
                    // throughput (and the same apply rate). busy_timeout first: switching a new
                    // file to WAL needs a lock that the pool's other connections, opening at the
                    // same moment, must wait for. Temporary storage in memory: the writer runs
                    // each job of a batch in a savepoint, and SQLite otherwise writes every
                    // page a savepoint changes to a temporary file first (a `pwrite` per page;
                    // a quarter of an apply's CPU in the profile).
                    "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA cache_size = -2048; PRAGMA mmap_size = 0; PRAGMA temp_store = MEMORY;",
                ))
                .map_err(r2d2::Error::QueryError)?;
                unicode_lower_utils::register_impl(&mut conn, |text: Option<String>| {
                    text.map(|t| fold(&t))
                })
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

pub type Pool = r2d2::Pool<DbConnManager>;
pub type PooledConn = r2d2::PooledConnection<DbConnManager>;

/// The database handle of the application: a pool for reads and one for writes.
///
/// SQLite allows one writer at a time, so its write pool has a single connection and writes queue
/// in-process instead of failing with `SQLITE_BUSY`; on PostgreSQL both pools are the same.
#[derive(Clone)]
pub struct Db {
    read: Pool,
    write: Pool,
    backend: Backend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection within [`ACQUIRE_TIMEOUT`], or the database is locked or timed a statement
    /// out: the client should come back later (503), nothing is wrong with its request.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Query(diesel::result::Error),
}

impl From<r2d2::PoolError> for DbError {
    fn from(e: r2d2::PoolError) -> Self {
        DbError::Unavailable(e.to_string())
    }
}

impl From<diesel::result::Error> for DbError {
    fn from(e: diesel::result::Error) -> Self {
        if is_unavailable(&e) {
            DbError::Unavailable(e.to_string())
        } else {
            DbError::Query(e)
        }
    }
}

/// Whether a query failed for want of time or a lock rather than for what it asked: a
/// statement timeout, a lock held too long by another connection or process, a lost server.
pub fn is_unavailable(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => true,
        Error::DatabaseError(_, info) => is_unavailable_message(info.message()),
        _ => false,
    }
}

/// [`is_unavailable`] for an error already turned into text (a failed batch commit).
pub fn is_unavailable_message(message: &str) -> bool {
    [
        "statement timeout",
        "lock timeout",
        "database is locked",
        "database table is locked",
        "database is busy",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// Sets OpenSSL up, for libpq's TLS, before any PostgreSQL connection does. Set up by libpq
/// itself, OpenSSL frees its state in a handler at exit while the pool's and the workers'
/// threads may still hold TLS connections: a process with many of them (the tests) crashed
/// there. Set up here first, it leaves nothing to run at exit. Any connection made before the
/// first `Db::connect` (the tests' admin connections) calls this first too.
pub fn prepare_tls() {
    openssl_sys::init();
}

impl Db {
    /// Connects, creates the SQLite file's folder if needed, and runs pending migrations.
    pub fn connect(url: &str, pool_size: u32) -> anyhow::Result<Db> {
        let url = DatabaseUrl::parse(url).map_err(anyhow::Error::msg)?;
        let backend = if url.is_sqlite() {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        if let DatabaseUrl::Sqlite(path) = &url {
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        anyhow::anyhow!("cannot create the folder {}: {e}", dir.display())
                    })?;
                }
            }
        }
        if backend == Backend::Postgres {
            prepare_tls();
        }
        let manager = DbConnManager { url };
        let build = |size: u32| {
            r2d2::Pool::builder()
                .max_size(size)
                // Connections open as load asks for them, not all at start: an idle server keeps
                // two SQLite connections (each with its own parsed schema and page cache)
                // instead of seventeen. A PostgreSQL connection costs a round trip and a server
                // process to open, so that pool stays full.
                .min_idle((backend == Backend::Sqlite).then_some(SQLITE_MIN_IDLE))
                // A SQLite connection is a file handle that does not break: checking it with a
                // `SELECT 1` on every checkout only costs each request a statement. A
                // PostgreSQL connection may have been dropped by the server.
                .test_on_check_out(backend == Backend::Postgres)
                .connection_timeout(Duration::from_secs(10))
                .build(manager.clone())
        };
        let write = match backend {
            Backend::Sqlite => build(1),
            Backend::Postgres => build(pool_size),
        }
        .map_err(|e| anyhow::anyhow!("cannot connect to the database: {e}"))?;
        let read = match backend {
            Backend::Sqlite => build(pool_size)
                .map_err(|e| anyhow::anyhow!("cannot connect to the database: {e}"))?,
            Backend::Postgres => write.clone(),
        };
        let db = Db {
            read,
            write,
            backend,
        };
        db.run_migrations()?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn run_migrations(&self) -> anyhow::Result<()> {
        let mut conn = self.write.get()?;
        let migrations = match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS,
            Backend::Postgres => POSTGRES_MIGRATIONS,
        };
        // A migration may rewrite a large table: no statement timeout while it runs.
        let pg = self.backend == Backend::Postgres;
        if pg {
            conn.batch_execute("SET statement_timeout = 0")?;
        }
        let migrated = conn
            .run_pending_migrations(migrations)
            .map(|_| ())
            .map_err(|e| anyhow::anyhow!("database migration failed: {e}"));
        if pg {
            conn.batch_execute(&format!("SET statement_timeout = {STATEMENT_TIMEOUT_MS}"))?;
        }
        migrated
    }

    /// Whether a connection can be had and answers.
    pub fn ping(&self) -> bool {
        self.read
            .get()
            .ok()
            .is_some_and(|mut conn| conn.batch_execute("SELECT 1").is_ok())
    }

    /// A read connection, waiting at most [`ACQUIRE_TIMEOUT`].
    pub fn read(&self) -> Result<PooledConn, DbError> {
        Ok(self.read.get_timeout(ACQUIRE_TIMEOUT)?)
    }

    /// A read connection if one is free now; never waits.
    pub fn try_read(&self) -> Option<PooledConn> {
        self.read.try_get()
    }

    /// A write connection, waiting at most [`ACQUIRE_TIMEOUT`].
    pub fn write(&self) -> Result<PooledConn, DbError> {
        Ok(self.write.get_timeout(ACQUIRE_TIMEOUT)?)
    }
}

/// Runs `f` in a transaction on `conn`, converting errors through `E: From<diesel::Error>`.
pub fn transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.transaction(f)
}
