//! Events benchmark of the release server on SQLite and PostgreSQL (see BENCHMARKS.md, "Events").
//!
//! `cargo bench --bench events [-- OPTIONS]`. Like `benches/load.rs`, this builds nothing itself:
//! it runs the `actioneer` binary cargo built with the bench profile (or `BENCH_SERVER_BIN`) on a
//! fresh SQLite file and a fresh PostgreSQL database, with a minimal HTTP receiver in this
//! process (std threads on 127.0.0.1, answering 200 to every request and counting them) as the
//! one global webhook, and measures:
//!
//! 1. live: webhook deliveries per second while clients apply broadcast temporal actions;
//! 2. backlog: with the server stopped, N pending `outbox` rows are inserted with SQL; the server
//!    is started and the bench times until the receiver has all N;
//! 3. end: with the server stopped, E expired and U unexpired instances (end queued) are
//!    inserted with SQL; the server is started and the bench times until no instance is due;
//! 4. lifecycle: with the server stopped, D due items (half scheduled starts, half reminders)
//!    among P pending ones (starts and reminders in the future) are inserted with SQL; the
//!    server is started and the bench times until no start or reminder is due. Run it small
//!    with `BENCH_SCENARIOS=lifecycle BENCH_LIFECYCLE_DUE=2000 BENCH_LIFECYCLE_PENDING=20000`.
//!
//! Every option also reads an environment variable: see `--help`.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, ValueEnum};
use diesel::{Connection, QueryableByName, RunQueryDsl};
use serde_json::{json, Value};

#[derive(Parser, Debug, Clone)]
#[command(about = "Events benchmark of the actioneer server: webhook delivery and expiry")]
struct Args {
    /// Backends to run, comma-separated.
    #[arg(
        long,
        env = "BENCH_BACKENDS",
        value_delimiter = ',',
        default_value = "sqlite,postgres"
    )]
    backends: Vec<Backend>,
    /// Scenarios to run, comma-separated (default: all).
    #[arg(long, env = "BENCH_SCENARIOS", value_delimiter = ',')]
    scenarios: Vec<Scenario>,
    /// PostgreSQL server; a fresh database is created on it and dropped afterwards.
    #[arg(
        long,
        env = "BENCH_PG_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    pg_url: String,
    /// Seconds of broadcast applies in the live scenario.
    #[arg(long, env = "BENCH_DURATION", default_value_t = 10.0)]
    duration: f64,
    /// Concurrent clients (threads, keep-alive) applying actions in the live scenario.
    #[arg(long, env = "BENCH_CONNECTIONS", default_value_t = 8)]
    connections: usize,
    /// Pending webhook deliveries inserted with SQL for the backlog scenario.
    #[arg(long, env = "BENCH_BACKLOG", default_value_t = 100_000)]
    backlog: i64,
    /// Expired instances (end event not sent yet) inserted with SQL for the end scenario.
    #[arg(long, env = "BENCH_EXPIRED", default_value_t = 1_000_000)]
    expired: i64,
    /// Unexpired instances (expiry in a year) inserted with SQL for the end scenario.
    #[arg(long, env = "BENCH_UNEXPIRED", default_value_t = 10_000_000)]
    unexpired: i64,
    /// Due items (half scheduled starts, half reminders) inserted with SQL for the lifecycle
    /// scenario.
    #[arg(long, env = "BENCH_LIFECYCLE_DUE", default_value_t = 1_000_000)]
    lifecycle_due: i64,
    /// Pending items (half starts, half reminders, due in a day or more) inserted with SQL for
    /// the lifecycle scenario.
    #[arg(long, env = "BENCH_LIFECYCLE_PENDING", default_value_t = 10_000_000)]
    lifecycle_pending: i64,
    /// Users inserted with SQL: actionees of the live applies and of the end scenario's instances.
    #[arg(long, env = "BENCH_USERS", default_value_t = 100_000)]
    users: i64,
    /// Keep `user.action` events on during the end scenario, so every ended instance also
    /// queues a webhook delivery that the same worker delivers between its end batches.
    #[arg(long, env = "BENCH_END_EVENTS")]
    end_events: bool,
    /// Give up on a scenario's wait after this many seconds (the figure is then a lower bound).
    #[arg(long, env = "BENCH_TIMEOUT", default_value_t = 900.0)]
    timeout: f64,
    /// Server binary (default: the one cargo built for this bench, target/release/actioneer).
    #[arg(long, env = "BENCH_SERVER_BIN")]
    server_bin: Option<PathBuf>,
    /// Also write the Markdown report to this file.
    #[arg(long, env = "BENCH_OUT")]
    out: Option<PathBuf>,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn label(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    Live,
    Backlog,
    End,
    Lifecycle,
}

const API_KEY: &str = "bench-events-api-key-0123456789abcdef";

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

fn bulk_user_id(n: i64) -> String {
    format!("a0000000-0000-4000-8000-{n:012}")
}

// ---------------------------------------------------------------------------------------------
// The webhook receiver: one thread per connection, HTTP/1.1 keep-alive, 200 to everything.

struct Receiver {
    url: String,
    count: Arc<AtomicU64>,
}

impl Receiver {
    fn start() -> Result<Receiver> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}/hook", listener.local_addr()?);
        let count = Arc::new(AtomicU64::new(0));
        let c = count.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let c = c.clone();
                std::thread::spawn(move || {
                    let _ = serve_connection(stream, &c);
                });
            }
        });
        Ok(Receiver { url, count })
    }

    fn received(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

fn serve_connection(stream: TcpStream, count: &AtomicU64) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let mut body = Vec::new();
    loop {
        let mut length = 0usize;
        let mut first = true;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(()); // the client closed the connection
            }
            let l = line.trim_end();
            if l.is_empty() {
                if first {
                    continue;
                }
                break;
            }
            first = false;
            if let Some((name, value)) = l.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
        count.fetch_add(1, Ordering::Relaxed);
        writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")?;
    }
}

// ---------------------------------------------------------------------------------------------
// The server process and the databases.

struct Server {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Server {
    fn start(bin: &Path, database_url: &str, log: PathBuf) -> Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)?;
        let child = Command::new(bin)
            .arg("serve")
            .env("ACTIONEER_DATABASE_URL", database_url)
            .env("ACTIONEER_BIND", format!("127.0.0.1:{port}"))
            .env("ACTIONEER_API_KEY", API_KEY)
            .env("ACTIONEER_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        eprintln!("  server pid {} on port {port}", child.id());
        Ok(Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        })
    }

    fn wait_ready(&mut self, client: &reqwest::blocking::Client) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited with {status}:\n{}", self.log_tail());
            }
            let ok = client
                .get(format!("{}/api/status", self.base))
                .send()
                .is_ok_and(|r| r.status().is_success());
            if ok {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "the server did not answer within 120 s:\n{}",
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn check_alive(&mut self) -> Result<()> {
        if let Some(status) = self.child.try_wait()? {
            bail!("the server exited with {status}:\n{}", self.log_tail());
        }
        Ok(())
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A PostgreSQL database that exists for one run.
struct PgDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PgDatabase {
    fn create(admin_url: &str) -> Result<PgDatabase> {
        let name = format!("actioneer_events_{}_{}", std::process::id(), now_ms());
        let mut conn = diesel::PgConnection::establish(admin_url)
            .with_context(|| format!("connecting to {admin_url}"))?;
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn)?;
        let (prefix, _) = admin_url
            .rsplit_once('/')
            .ok_or_else(|| anyhow!("cannot find the database name in {admin_url}"))?;
        Ok(PgDatabase {
            admin_url: admin_url.to_string(),
            url: format!("{prefix}/{name}"),
            name,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let dropped = diesel::PgConnection::establish(&self.admin_url)
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| {
                diesel::sql_query(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .execute(&mut conn)
                .map_err(anyhow::Error::from)
            });
        if let Err(e) = dropped {
            eprintln!("could not drop the database {}: {e}", self.name);
        }
    }
}

enum Db {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct IndexDefinition {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    definition: String,
}

impl Db {
    fn open(backend: Backend, url: &str, sqlite_path: &Path) -> Result<Db> {
        Ok(match backend {
            Backend::Postgres => Db::Pg(diesel::PgConnection::establish(url)?),
            Backend::Sqlite => {
                let mut db = Db::Sqlite(diesel::SqliteConnection::establish(
                    &sqlite_path.to_string_lossy(),
                )?);
                db.execute("PRAGMA busy_timeout = 10000")?;
                db
            }
        })
    }

    fn execute(&mut self, sql: &str) -> Result<usize> {
        Ok(match self {
            Db::Sqlite(c) => diesel::sql_query(sql).execute(c)?,
            Db::Pg(c) => diesel::sql_query(sql).execute(c)?,
        })
    }

    /// `sql` selects one BIGINT column named `n`.
    fn count(&mut self, sql: &str) -> Result<i64> {
        let rows: Vec<Count> = match self {
            Db::Sqlite(c) => diesel::sql_query(sql).load(c)?,
            Db::Pg(c) => diesel::sql_query(sql).load(c)?,
        };
        rows.first()
            .map(|r| r.n)
            .ok_or_else(|| anyhow!("no row from {sql}"))
    }

    /// The integer column `column` zero-padded to 12 digits.
    fn pad(&self, column: &str) -> String {
        match self {
            Db::Sqlite(_) => format!("printf('%012d', {column})"),
            Db::Pg(_) => format!("lpad({column}::text, 12, '0')"),
        }
    }

    /// Runs `insert` with the secondary indexes of `tables` dropped and foreign keys unchecked,
    /// then builds the indexes again: one sorted build instead of an update per row, so that
    /// tens of millions of rows go in within minutes. The schema afterwards is the one the
    /// migrations made.
    fn without_indexes(
        &mut self,
        tables: &[&str],
        insert: impl FnOnce(&mut Db) -> Result<()>,
    ) -> Result<()> {
        let list = tables
            .iter()
            .map(|t| format!("'{t}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let indexes: Vec<IndexDefinition> = match self {
            // Indexes that back a constraint (primary keys, unique) stay.
            Db::Pg(c) => diesel::sql_query(format!(
                "SELECT indexname AS name, indexdef AS definition FROM pg_indexes i \
                 WHERE tablename IN ({list}) AND NOT EXISTS \
                 (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)"
            ))
            .load(c)?,
            Db::Sqlite(c) => diesel::sql_query(format!(
                "SELECT name, sql AS definition FROM sqlite_master \
                 WHERE type = 'index' AND tbl_name IN ({list}) AND sql IS NOT NULL"
            ))
            .load(c)?,
        };
        for index in &indexes {
            self.execute(&format!("DROP INDEX {}", index.name))?;
        }
        match self {
            Db::Pg(_) => self.execute("SET session_replication_role = replica")?,
            Db::Sqlite(_) => self.execute("PRAGMA foreign_keys = OFF")?,
        };
        let inserted = insert(self);
        if let Db::Pg(_) = self {
            self.execute("SET session_replication_role = DEFAULT")?;
        }
        inserted?;
        let t = Instant::now();
        for index in &indexes {
            self.execute(&index.definition)?;
        }
        eprintln!(
            "    {} indexes built again in {:.1?}",
            indexes.len(),
            t.elapsed()
        );
        Ok(())
    }

    /// `WITH` prefix and row source with a BIGINT column `n` = start … start+count-1.
    fn series(&self, start: i64, count: i64) -> (String, String) {
        let end = start + count - 1;
        match self {
            Db::Sqlite(_) => (
                format!(
                    "WITH RECURSIVE c(n) AS (SELECT {start} UNION ALL SELECT n + 1 FROM c \
                     WHERE n < {end}) "
                ),
                "c".into(),
            ),
            Db::Pg(_) => (
                String::new(),
                format!("(SELECT CAST(g AS BIGINT) AS n FROM generate_series({start}, {end}) g) c"),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The API.

struct Api {
    client: reqwest::blocking::Client,
    base: String,
}

impl Api {
    fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Result<Value> {
        let mut req = self
            .client
            .request(method.clone(), format!("{}{path}", self.base))
            .header("authorization", API_KEY);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send()?;
        let status = res.status();
        let text = res.text()?;
        if !status.is_success() {
            bail!("{method} {path} answered {status}: {text}");
        }
        Ok(serde_json::from_str(&text)?)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.call(reqwest::Method::POST, path, Some(body))
    }

    fn set_user_action_events(&self, tenant: &str, enabled: bool) -> Result<()> {
        self.call(
            reqwest::Method::PATCH,
            &format!("/api/tenant/{tenant}"),
            Some(json!({"tenant": {"eventConfiguration": {"events": {
                "user.action": {"enabled": enabled}}}}})),
        )?;
        Ok(())
    }
}

fn id_of(v: &Value, wrapper: &str) -> Result<String> {
    v[wrapper]["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow!("no {wrapper}.id in {v}"))
}

struct Seed {
    tenant: String,
    actioner: String,
    definition: String,
    webhook: String,
}

fn seed(api: &Api, db: &mut Db, receiver: &Receiver, args: &Args) -> Result<Seed> {
    let actioner = api.post(
        "/api/user",
        json!({"user": {"email": "actioner@bench.test", "firstName": "Ada"}}),
    )?;
    let tenant = actioner["user"]["tenantId"]
        .as_str()
        .ok_or_else(|| anyhow!("no user.tenantId in {actioner}"))?
        .to_string();
    let actioner = id_of(&actioner, "user")?;
    let definition = id_of(
        &api.post(
            "/api/user-action",
            json!({"userAction": {"name": "Bench events", "temporal": true}}),
        )?,
        "userAction",
    )?;
    api.set_user_action_events(&tenant, true)?;
    let webhook = id_of(
        &api.post(
            "/api/webhook",
            json!({"webhook": {"url": receiver.url, "connectTimeout": 1000, "readTimeout": 2000,
                "global": true, "eventsEnabled": {"user.action": true}}}),
        )?,
        "webhook",
    )?;

    let t = Instant::now();
    let now = now_ms();
    let (with, from) = db.series(0, args.users);
    db.execute(&format!(
        "{with}INSERT INTO users (id, tenant_id, email, email_ci, username, username_ci, \
         first_name, last_name, full_name, preferred_languages, timezone, active, data, \
         password_hash, failed_login_count, last_failed_login_instant, insert_instant, \
         last_update_instant, last_login_instant) \
         SELECT 'a0000000-0000-4000-8000-' || {pad}, '{tenant}', \
           'user' || n || '@bench.test', 'user' || n || '@bench.test', NULL, NULL, \
           'First' || n, 'Last', NULL, '[]', NULL, TRUE, '{{}}', NULL, 0, NULL, {now}, {now}, NULL \
         FROM {from}",
        pad = db.pad("n"),
    ))?;
    eprintln!(
        "  {} users inserted with SQL in {:.1?}",
        args.users,
        t.elapsed()
    );
    Ok(Seed {
        tenant,
        actioner,
        definition,
        webhook,
    })
}

/// Waits until the receiver has `target` requests; returns the instant it got there, or `None`
/// after `timeout`.
fn wait_received(
    receiver: &Receiver,
    target: u64,
    timeout: Duration,
    server: &mut Server,
) -> Result<Option<Instant>> {
    let started = Instant::now();
    let mut last_report = Instant::now();
    loop {
        let got = receiver.received();
        if got >= target {
            return Ok(Some(Instant::now()));
        }
        if started.elapsed() > timeout {
            return Ok(None);
        }
        if last_report.elapsed() > Duration::from_secs(10) {
            eprintln!("    … {got} / {target} received");
            last_report = Instant::now();
            server.check_alive()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

#[derive(Default)]
struct BackendResult {
    backend: Option<Backend>,
    rows: Vec<[String; 4]>,
}

impl BackendResult {
    fn row(&mut self, scenario: &str, figure: String, target: &str, notes: String) {
        eprintln!("  => {scenario}: {figure} ({notes})");
        self.rows
            .push([scenario.into(), figure, target.into(), notes]);
    }
}

fn live(
    api: &Api,
    seed: &Seed,
    receiver: &Receiver,
    server: &mut Server,
    args: &Args,
    result: &mut BackendResult,
) -> Result<()> {
    let before = receiver.received();
    let stop = Arc::new(AtomicBool::new(false));
    let next_user = Arc::new(AtomicU64::new(0));
    let ok = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let first_error = Arc::new(std::sync::Mutex::new(None::<String>));
    let expiry = now_ms() + 30 * 86_400_000;
    let started = Instant::now();
    let mut threads = Vec::new();
    for _ in 0..args.connections {
        let (stop, next_user, ok, errors, first_error) = (
            stop.clone(),
            next_user.clone(),
            ok.clone(),
            errors.clone(),
            first_error.clone(),
        );
        let url = format!("{}/api/user/action", api.base);
        let (definition, actioner, users) =
            (seed.definition.clone(), seed.actioner.clone(), args.users);
        threads.push(std::thread::spawn(move || -> Result<()> {
            let client = reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()?;
            while !stop.load(Ordering::Relaxed) {
                let n = next_user.fetch_add(1, Ordering::Relaxed) as i64;
                if n >= users {
                    break;
                }
                let res = client
                    .post(&url)
                    .header("authorization", API_KEY)
                    .json(&json!({"broadcast": true, "action": {
                        "userActionId": definition, "actioneeUserId": bulk_user_id(n),
                        "actionerUserId": actioner, "expiry": expiry, "comment": "events bench",
                    }}))
                    .send();
                let failure = match res {
                    Ok(r) if r.status().is_success() => None,
                    Ok(r) => Some(format!("{}: {}", r.status(), r.text().unwrap_or_default())),
                    Err(e) => Some(e.to_string()),
                };
                match failure {
                    None => ok.fetch_add(1, Ordering::Relaxed),
                    Some(f) => {
                        if let Ok(mut first) = first_error.lock() {
                            first.get_or_insert(f);
                        }
                        errors.fetch_add(1, Ordering::Relaxed)
                    }
                };
            }
            Ok(())
        }));
    }
    std::thread::sleep(Duration::from_secs_f64(args.duration));
    let in_window = receiver.received() - before;
    let window = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join()
            .map_err(|_| anyhow!("an apply thread panicked"))??;
    }
    let load_time = started.elapsed().as_secs_f64();
    let applied = ok.load(Ordering::Relaxed);
    let errors = errors.load(Ordering::Relaxed);
    if let Ok(first) = first_error.lock() {
        if let Some(f) = first.as_ref() {
            eprintln!("    first apply error: {f}");
        }
    }
    let at_stop = receiver.received() - before;
    let tail_start = Instant::now();
    let done = wait_received(
        receiver,
        before + applied,
        Duration::from_secs_f64(args.timeout),
        server,
    )?;
    let total = receiver.received() - before;
    let all_secs = started.elapsed().as_secs_f64();
    let tail_secs = tail_start.elapsed().as_secs_f64();
    let backlog_at_stop = applied.saturating_sub(at_stop);
    result.row(
        "live: broadcast applies (API)",
        format!("{:.0} applies/s", applied as f64 / load_time),
        "",
        format!(
            "{applied} applied in {load_time:.1} s by {} clients, {errors} errors",
            args.connections
        ),
    );
    result.row(
        "live: deliveries during the applies",
        format!("{:.0} events/s", in_window as f64 / window),
        "≥ 5,000 events/s (SQLite)",
        format!(
            "{in_window} delivered in the {window:.1} s window; {backlog_at_stop} still pending when the applies stopped"
        ),
    );
    result.row(
        "live: all events of the run delivered",
        format!("{:.0} events/s", total as f64 / all_secs),
        "",
        match done {
            Some(_) => format!(
                "{total} delivered {all_secs:.1} s after the first apply (pending rest took {tail_secs:.1} s, {:.0} events/s)",
                backlog_at_stop as f64 / tail_secs.max(1e-9)
            ),
            None => format!("TIMED OUT: {total} of {applied} after {all_secs:.1} s"),
        },
    );
    Ok(())
}

fn insert_backlog(db: &mut Db, seed: &Seed, count: i64) -> Result<()> {
    let now = now_ms();
    let (with, from) = db.series(0, count);
    let id = db.pad("n");
    db.execute(&format!(
        "{with}INSERT INTO outbox (id, kind, webhook_id, tenant_id, event_id, event_type, \
         action_id, payload, status, attempts, attempt_count, next_attempt_instant, \
         insert_instant, last_update_instant) \
         SELECT 'd0000000-0000-4000-8000-' || {id}, 'webhook', '{hook}', '{tenant}', \
           'e0000000-0000-4000-8000-' || {id}, 'user.action', NULL, \
           '{{\"event\":{{\"id\":\"e0000000-0000-4000-8000-' || {id} || '\",\"type\":\"user.action\",\
\"createInstant\":{now},\"tenantId\":\"{tenant}\",\"action\":\"Bench events\",\"phase\":\"start\",\
\"actioneeUserId\":\"a0000000-0000-4000-8000-' || {id} || '\",\"actionerUserId\":\"{actioner}\",\
\"comment\":\"backlog\",\"emailedUser\":false,\"notifyUser\":false}}}}', \
           'pending', '[]', 0, {now}, {now}, {now} \
         FROM {from}",
        hook = seed.webhook,
        tenant = seed.tenant,
        actioner = seed.actioner,
    ))?;
    Ok(())
}

/// Inserts `count` instances of the seeded definition, ids `{prefix}…{n}`, end event not sent,
/// with the expiry SQL expression `expiry` (over `n`), in statements of at most 1,000,000 rows.
fn insert_instances(
    db: &mut Db,
    seed: &Seed,
    users: i64,
    prefix: &str,
    count: i64,
    expiry: &str,
) -> Result<()> {
    insert_queued(db, seed, users, prefix, count, expiry, &Queued::End)
}

/// What an inserted instance waits for besides its end, as applying it would have queued it.
enum Queued {
    /// Its end only.
    End,
    /// A scheduled start at the SQL expression (over `n`); its end too.
    Start(String),
    /// A reminder one hour before expiry, due at the SQL expression; its end too.
    Reminder(String),
}

/// [`insert_instances`], with a start or a reminder queued as well.
fn insert_queued(
    db: &mut Db,
    seed: &Seed,
    users: i64,
    prefix: &str,
    count: i64,
    expiry: &str,
    queued: &Queued,
) -> Result<()> {
    let now = now_ms();
    let mut start = 0;
    while start < count {
        let chunk = (count - start).min(1_000_000);
        let t = Instant::now();
        let (with, from) = db.series(start, chunk);
        db.execute(&format!(
            "{with}INSERT INTO action_instances (id, tenant_id, user_action_id, \
             actionee_user_id, actioner_user_id, application_ids, comment, email_user_on_end, \
             notify_user_on_end, end_event_sent, expiry, cancelled, created_instant, \
             insert_instant, name, localized_name, option_name, localized_option, reason, \
             localized_reason, reason_code, history, start_instant) \
             SELECT '{prefix}' || {id}, '{tenant}', '{definition}', \
               'a0000000-0000-4000-8000-' || {uid}, '{actioner}', '[]', NULL, FALSE, FALSE, \
               FALSE, {expiry}, FALSE, {created}, {created} + n % 100000, 'Bench events', \
               'Bench events', NULL, NULL, NULL, NULL, NULL, '[]', {start} \
             FROM {from}",
            id = db.pad("n"),
            uid = db.pad(&format!("(n % {users})")),
            tenant = seed.tenant,
            definition = seed.definition,
            actioner = seed.actioner,
            created = now - 30 * 86_400_000,
            start = match queued {
                Queued::Start(start) => start.as_str(),
                _ => "NULL",
            },
        ))?;
        match queued {
            Queued::End => {}
            Queued::Start(start) => {
                db.execute(&format!(
                    "{with}INSERT INTO action_instance_starts (instance_id, start_instant, \
                     broadcast, notify_user, email_user) \
                     SELECT '{prefix}' || {id}, {start}, TRUE, FALSE, FALSE FROM {from}",
                    id = db.pad("n"),
                ))?;
            }
            Queued::Reminder(due) => {
                db.execute(&format!(
                    "{with}INSERT INTO action_instance_reminders (instance_id, before_expiry, \
                     due_instant) SELECT '{prefix}' || {id}, 3600000, {due} FROM {from}",
                    id = db.pad("n"),
                ))?;
            }
        }
        // Each one's end queued, as applying it would have.
        db.execute(&format!(
            "{with}INSERT INTO action_instance_ends (instance_id, expiry) \
             SELECT '{prefix}' || {id}, {expiry} FROM {from}",
            id = db.pad("n"),
        ))?;
        start += chunk;
        eprintln!(
            "    {start} / {count} {prefix}… instances inserted ({:.1?} for this statement)",
            t.elapsed()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

fn wanted(args: &Args, s: Scenario) -> bool {
    args.scenarios.is_empty() || args.scenarios.contains(&s)
}

fn run_backend(backend: Backend, bin: &Path, args: &Args) -> Result<BackendResult> {
    let mut result = BackendResult {
        backend: Some(backend),
        ..Default::default()
    };
    let dir = tempfile::tempdir()?;
    let sqlite_path = dir.path().join("events.db");
    let pg = match backend {
        Backend::Postgres => Some(PgDatabase::create(&args.pg_url)?),
        Backend::Sqlite => None,
    };
    let database_url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{}", sqlite_path.display()),
    };
    eprintln!("{}: {database_url}", backend.label());
    let log = dir.path().join("server.log");
    let receiver = Receiver::start()?;
    let client = reqwest::blocking::Client::builder()
        .pool_idle_timeout(Duration::from_secs(1))
        .timeout(Duration::from_secs(120))
        .build()?;
    let mut server = Server::start(bin, &database_url, log.clone())?;
    server.wait_ready(&client)?;
    let mut api = Api {
        client: client.clone(),
        base: server.base.clone(),
    };
    let mut db = Db::open(backend, &database_url, &sqlite_path)?;
    let seed = seed(&api, &mut db, &receiver, args)?;

    if wanted(args, Scenario::Live) {
        eprintln!(
            "  live: {} clients applying broadcast actions for {} s",
            args.connections, args.duration
        );
        live(&api, &seed, &receiver, &mut server, args, &mut result)?;
    }

    if wanted(args, Scenario::Backlog) {
        drop(server);
        let t = Instant::now();
        insert_backlog(&mut db, &seed, args.backlog)?;
        if let Db::Pg(_) = db {
            db.execute("ANALYZE outbox")?;
        }
        eprintln!(
            "  backlog: {} pending deliveries inserted with SQL in {:.1?}",
            args.backlog,
            t.elapsed()
        );
        let before = receiver.received();
        let started = Instant::now();
        server = Server::start(bin, &database_url, log.clone())?;
        server.wait_ready(&client)?;
        let ready = started.elapsed().as_secs_f64();
        let done = wait_received(
            &receiver,
            before + args.backlog as u64,
            Duration::from_secs_f64(args.timeout),
            &mut server,
        )?;
        let got = receiver.received() - before;
        let secs = started.elapsed().as_secs_f64();
        result.row(
            &format!("backlog: drain {} pending deliveries", args.backlog),
            format!("{:.0} events/s", got as f64 / secs),
            "",
            match done {
                Some(_) => format!("{got} delivered {secs:.1} s after the server was started (ready after {ready:.2} s)"),
                None => format!("TIMED OUT: {got} delivered after {secs:.1} s"),
            },
        );
        api.base = server.base.clone();
    }

    if wanted(args, Scenario::End) {
        if !args.end_events {
            api.set_user_action_events(&seed.tenant, false)?;
        }
        drop(server);
        let now = now_ms();
        let t = Instant::now();
        insert_instances(
            &mut db,
            &seed,
            args.users,
            "c2000000-0000-4000-8000-",
            args.unexpired,
            // One sum of BIGINT values: PostgreSQL would multiply integer literals as int4.
            &format!("{} + n % 86400000", now + 365 * 86_400_000),
        )?;
        insert_instances(
            &mut db,
            &seed,
            args.users,
            "c1000000-0000-4000-8000-",
            args.expired,
            &format!("{now} - 60000 - n % 86400000"),
        )?;
        if let Db::Pg(_) = db {
            db.execute("ANALYZE action_instances")?;
            db.execute("ANALYZE action_instance_ends")?;
        }
        eprintln!(
            "  end: {} expired + {} unexpired instances inserted with SQL in {:.1?}",
            args.expired,
            args.unexpired,
            t.elapsed()
        );
        let due_sql =
            format!("SELECT count(*) AS n FROM action_instance_ends WHERE expiry <= {now}");
        let due_at_start = db.count(&due_sql)?;
        let received_before = receiver.received();
        let started = Instant::now();
        server = Server::start(bin, &database_url, log.clone())?;
        server.wait_ready(&client)?;
        let ready = started.elapsed().as_secs_f64();
        let mut due = due_at_start;
        let mut last_report = Instant::now();
        while due > 0 && started.elapsed().as_secs_f64() < args.timeout {
            std::thread::sleep(Duration::from_millis(250));
            due = db.count(&due_sql)?;
            if last_report.elapsed() > Duration::from_secs(10) {
                eprintln!("    … {due} still due");
                server.check_alive()?;
                last_report = Instant::now();
            }
        }
        let secs = started.elapsed().as_secs_f64();
        let ended = due_at_start - due;
        let webhooks = receiver.received() - received_before;
        result.row(
            &format!(
                "end: {} expired among {} unexpired",
                args.expired, args.unexpired
            ),
            format!("{secs:.1} s ({:.0} ends/s)", ended as f64 / secs),
            "≤ 60 s for 1,000,000",
            format!(
                "{}{ended} ended {secs:.1} s after the server was started (ready after {ready:.2} s); user.action events {}, {webhooks} webhooks received meanwhile",
                if due > 0 { "TIMED OUT: " } else { "" },
                if args.end_events { "on" } else { "off" },
            ),
        );
    }
    if wanted(args, Scenario::Lifecycle) {
        server = lifecycle(
            server,
            &mut db,
            &seed,
            args,
            &mut result,
            bin,
            &database_url,
            &log,
            &client,
            &receiver,
        )?;
    }
    drop(server);
    drop(db);
    Ok(result)
}

/// The lifecycle scenario: due starts and reminders among pending ones, inserted while the
/// server is stopped, timed from its start until none is due.
#[allow(clippy::too_many_arguments)]
fn lifecycle(
    server: Server,
    db: &mut Db,
    seed: &Seed,
    args: &Args,
    result: &mut BackendResult,
    bin: &Path,
    database_url: &str,
    log: &Path,
    client: &reqwest::blocking::Client,
    receiver: &Receiver,
) -> Result<Server> {
    if !args.end_events {
        let api = Api {
            client: client.clone(),
            base: server.base.clone(),
        };
        api.set_user_action_events(&seed.tenant, false)?;
    }
    // The rows go in while nothing works them.
    drop(server);
    let now = now_ms();
    let t = Instant::now();
    let year = now + 365 * 86_400_000;
    let (due_starts, due_reminders) = (
        args.lifecycle_due / 2,
        args.lifecycle_due - args.lifecycle_due / 2,
    );
    let (pending_starts, pending_reminders) = (
        args.lifecycle_pending / 2,
        args.lifecycle_pending - args.lifecycle_pending / 2,
    );
    // Pending: starts and reminders a day or more ahead (one sum of BIGINT values, as above).
    let later = format!("{} + n % 86400000", now + 86_400_000);
    let batches = [
        (
            "c3000000-0000-4000-8000-",
            pending_starts,
            Queued::Start(later.clone()),
        ),
        (
            "c4000000-0000-4000-8000-",
            pending_reminders,
            Queued::Reminder(later),
        ),
        (
            "c5000000-0000-4000-8000-",
            due_starts,
            Queued::Start(format!("{now} - 60000 - n % 86400000")),
        ),
        (
            "c6000000-0000-4000-8000-",
            due_reminders,
            Queued::Reminder(format!("{now} - 60000 - n % 86400000")),
        ),
    ];
    let tables = [
        "action_instances",
        "action_instance_starts",
        "action_instance_reminders",
        "action_instance_ends",
    ];
    db.without_indexes(&tables, |db| {
        for (prefix, count, queued) in &batches {
            if *count > 0 {
                insert_queued(
                    db,
                    seed,
                    args.users,
                    prefix,
                    *count,
                    &year.to_string(),
                    queued,
                )?;
            }
        }
        Ok(())
    })?;
    // A queue that grew to millions over months has been vacuumed and checkpointed along the
    // way; a bulk load has not, and PostgreSQL's first vacuum of these tables (or SQLite's
    // checkpoint of a WAL of gigabytes) would otherwise run inside the timed window.
    let t_settle = Instant::now();
    match db {
        Db::Pg(_) => {
            for table in tables {
                db.execute(&format!("VACUUM (ANALYZE) {table}"))?;
            }
            db.execute("CHECKPOINT")?;
        }
        Db::Sqlite(_) => {
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")?;
        }
    }
    eprintln!(
        "    vacuumed and checkpointed in {:.1?}",
        t_settle.elapsed()
    );
    eprintln!(
        "  lifecycle: {} due starts and reminders among {} pending inserted with SQL in {:.1?}",
        args.lifecycle_due,
        args.lifecycle_pending,
        t.elapsed()
    );
    let due_sql = format!(
        "SELECT (SELECT count(*) FROM action_instance_starts WHERE start_instant <= {now}) + \
         (SELECT count(*) FROM action_instance_reminders WHERE due_instant <= {now}) AS n"
    );
    // Whether anything is still due, read through the queue indexes: the watcher polls four
    // times a second, and a full count of millions of rows that often (PostgreSQL ran it with
    // parallel workers) took more of the machine than the server it watched.
    let any_due_sql = format!(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM action_instance_starts \
         WHERE start_instant <= {now} ORDER BY start_instant LIMIT 1) s) + \
         (SELECT count(*) FROM (SELECT 1 FROM action_instance_reminders \
         WHERE due_instant <= {now} ORDER BY due_instant LIMIT 1) r) AS n"
    );
    if let Db::Pg(_) = db {
        db.execute("SET max_parallel_workers_per_gather = 0")?;
    }
    let due_at_start = db.count(&due_sql)?;
    let received_before = receiver.received();
    let started = Instant::now();
    let mut server = Server::start(bin, database_url, log.to_path_buf())?;
    server.wait_ready(client)?;
    let ready = started.elapsed().as_secs_f64();
    let mut due = due_at_start;
    let mut last_report = Instant::now();
    while due > 0 && started.elapsed().as_secs_f64() < args.timeout {
        std::thread::sleep(Duration::from_millis(250));
        due = db.count(&any_due_sql)?;
        if due > 0 && last_report.elapsed() > Duration::from_secs(10) {
            // The full count only for the progress line, once in ten seconds.
            eprintln!("    … {} still due", db.count(&due_sql)?);
            server.check_alive()?;
            last_report = Instant::now();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    // Nothing was due at the last look; the full count says how many were done.
    let due = db.count(&due_sql)?;
    let done = due_at_start - due;
    let webhooks = receiver.received() - received_before;
    result.row(
        &format!(
            "lifecycle: {} starts and reminders due among {} pending",
            args.lifecycle_due, args.lifecycle_pending
        ),
        format!("{secs:.1} s ({:.0} items/s)", done as f64 / secs),
        "≤ 60 s for 1,000,000 among 10,000,000",
        format!(
            "{}{done} started or reminded {secs:.1} s after the server was started (ready after {ready:.2} s); user.action events {}, {webhooks} webhooks received meanwhile",
            if due > 0 { "TIMED OUT: " } else { "" },
            if args.end_events { "on" } else { "off" },
        ),
    );
    Ok(server)
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_default();
    format!("{cpus} CPUs ({model})")
}

fn report(results: &[BackendResult], args: &Args) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "Machine: {}. Live: {} clients for {} s. Backlog: {} rows. End: {} expired, {} unexpired. Lifecycle: {} due among {} pending. user.action events {}.\n",
        machine(),
        args.connections,
        args.duration,
        args.backlog,
        args.expired,
        args.unexpired,
        args.lifecycle_due,
        args.lifecycle_pending,
        if args.end_events { "on" } else { "off" },
    );
    let _ = writeln!(md, "| Backend | Scenario | Figure | Target | Notes |");
    let _ = writeln!(md, "|---|---|---:|---|---|");
    for r in results {
        let label = r.backend.map_or("?", Backend::label);
        for [scenario, figure, target, notes] in &r.rows {
            let _ = writeln!(
                md,
                "| {label} | {scenario} | {figure} | {target} | {notes} |"
            );
        }
    }
    md
}

fn server_binary(args: &Args) -> Result<PathBuf> {
    let bin = match &args.server_bin {
        Some(bin) => bin.clone(),
        None => PathBuf::from(env!("CARGO_BIN_EXE_actioneer")),
    };
    if !bin.is_file() {
        bail!(
            "no server binary at {}: run `cargo build --release` first (or set BENCH_SERVER_BIN)",
            bin.display()
        );
    }
    Ok(bin)
}

fn main() -> Result<()> {
    let args = Args::parse();
    let bin = server_binary(&args)?;
    eprintln!("server binary: {}", bin.display());
    let mut results = Vec::new();
    for backend in args.backends.clone() {
        results.push(run_backend(backend, &bin, &args)?);
    }
    let md = report(&results, &args);
    println!("{md}");
    if let Some(out) = &args.out {
        std::fs::write(out, &md).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("report written to {}", out.display());
    }
    Ok(())
}
