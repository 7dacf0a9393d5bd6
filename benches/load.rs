//! HTTP load benchmark of the release server on SQLite and PostgreSQL (see BENCHMARKS.md).
//!
//! `cargo bench --bench load [-- OPTIONS]`. Cargo builds the `actioneer` binary with the bench
//! profile (= release) before this runs; `BENCH_SERVER_BIN` (or `--server-bin`) points at another
//! binary, e.g. one made by `cargo build --release`. This program builds nothing itself: it
//! starts that binary on a fresh SQLite file and on a fresh PostgreSQL database (created and
//! dropped here), each on a free loopback port, seeds data (small things over the API, the bulk
//! users and the 1,000,000 instances with one SQL statement each), then drives each scenario with
//! N concurrent keep-alive connections for a fixed time, and prints a Markdown table.
//!
//! Every option also reads an environment variable: see `--help`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, ValueEnum};
use diesel::{Connection, RunQueryDsl};
use hdrhistogram::Histogram;
use serde_json::{json, Value};

#[derive(Parser, Debug, Clone)]
#[command(about = "Load benchmark of the actioneer server (SQLite and PostgreSQL)")]
struct Args {
    /// Measured seconds per scenario.
    #[arg(long, env = "BENCH_DURATION", default_value_t = 10.0)]
    duration: f64,
    /// Unmeasured seconds before each scenario's measurement.
    #[arg(long, env = "BENCH_WARMUP", default_value_t = 1.0)]
    warmup: f64,
    /// Concurrent keep-alive connections.
    #[arg(long, env = "BENCH_CONNECTIONS", default_value_t = 64)]
    connections: usize,
    /// Client runtime threads (they share the machine with the server).
    #[arg(long, env = "BENCH_CLIENT_THREADS", default_value_t = 2)]
    client_threads: usize,
    /// Backends to run, comma-separated.
    #[arg(
        long,
        env = "BENCH_BACKENDS",
        value_delimiter = ',',
        default_value = "sqlite,postgres"
    )]
    backends: Vec<Backend>,
    /// Scenarios to run, comma-separated (default: all). `status` always runs: it is the ceiling.
    #[arg(long, env = "BENCH_SCENARIOS", value_delimiter = ',')]
    scenarios: Vec<ScenarioKind>,
    /// PostgreSQL server; a fresh database is created on it and dropped afterwards.
    #[arg(
        long,
        env = "BENCH_PG_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    pg_url: String,
    /// Instances inserted with SQL for the search scenarios.
    #[arg(long, env = "BENCH_INSTANCES", default_value_t = 1_000_000)]
    instances: i64,
    /// Users inserted with SQL: actionees of the bulk instances and of the apply scenario.
    #[arg(long, env = "BENCH_USERS", default_value_t = 200_000)]
    users: i64,
    /// Run `ANALYZE` after the bulk insert. Off by default: a fresh deployment has no planner
    /// statistics, and what a request costs must not depend on whether they exist yet.
    #[arg(long, env = "BENCH_ANALYZE", default_value_t = false)]
    analyze: bool,
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
enum ScenarioKind {
    Status,
    Apply,
    ListActive,
    SearchActive,
    SearchUser,
    Dashboard,
}

impl ScenarioKind {
    const ALL: [ScenarioKind; 6] = [
        ScenarioKind::Status,
        ScenarioKind::ListActive,
        ScenarioKind::SearchActive,
        ScenarioKind::SearchUser,
        ScenarioKind::Dashboard,
        ScenarioKind::Apply,
    ];

    fn label(self) -> &'static str {
        match self {
            ScenarioKind::Status => "`GET /api/status` (ceiling)",
            ScenarioKind::Apply => "apply `POST /api/user/action` (temporal, new actionee each)",
            ScenarioKind::ListActive => {
                "list `GET /api/user/action?userId=…&active=true` (50 current)"
            }
            ScenarioKind::SearchActive => "search `{\"state\":\"active\",\"numberOfResults\":25}`",
            ScenarioKind::SearchUser => "search `{\"actioneeUserId\":…,\"numberOfResults\":25}`",
            ScenarioKind::Dashboard => "admin dashboard `GET /admin/` (signed in)",
        }
    }
}

const API_KEY: &str = "bench-load-api-key-0123456789abcdef";
/// The administrator the server creates at start, who signs in for the dashboard scenario.
const ADMIN_EMAIL: &str = "admin@bench.test";
const ADMIN_PASSWORD: &str = "bench-admin-password";
const TEMPORAL_DEFINITIONS: usize = 50;

// ---------------------------------------------------------------------------------------------
// Ids of the rows inserted with SQL: deterministic, so the client knows them without a query.

/// Queues the end of every inserted instance that awaits one, as the server does on apply (the
/// instances applied over the API are queued already).
const QUEUE_ENDS_SQL: &str = "INSERT INTO action_instance_ends (instance_id, expiry) \
     SELECT id, expiry FROM action_instances i \
     WHERE end_event_sent = FALSE AND cancelled = FALSE AND expiry IS NOT NULL \
     AND NOT EXISTS (SELECT 1 FROM action_instance_ends e WHERE e.instance_id = i.id)";

fn bulk_user_id(n: i64) -> String {
    format!("a0000000-0000-4000-8000-{n:012}")
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The server process.

struct Server {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Server {
    fn start(bin: &Path, database_url: &str, log: PathBuf) -> Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let log_file = std::fs::File::create(&log)?;
        let child = Command::new(bin)
            .arg("serve")
            .env("ACTIONEER_DATABASE_URL", database_url)
            .env("ACTIONEER_BIND", format!("127.0.0.1:{port}"))
            .env("ACTIONEER_API_KEY", API_KEY)
            .env("ACTIONEER_ADMIN_EMAIL", ADMIN_EMAIL)
            .env("ACTIONEER_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("ACTIONEER_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        Ok(Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `VmRSS` and `VmHWM` (peak) of the server, in KiB.
    fn memory_kib(&self) -> Result<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| anyhow!("no {name} in /proc/{}/status", self.pid()))
        };
        Ok((field("VmRSS:")?, field("VmHWM:")?))
    }

    async fn wait_ready(&mut self, client: &reqwest::Client) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited with {status}:\n{}", self.log_tail());
            }
            let ok = client
                .get(format!("{}/api/status", self.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ok {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "the server did not answer within 60 s:\n{}",
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
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
        let name = format!("actioneer_bench_{}_{}", std::process::id(), now_ms());
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

// ---------------------------------------------------------------------------------------------
// Seeding.

struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        let mut req = self
            .client
            .request(method.clone(), format!("{}{path}", self.base))
            .header("authorization", API_KEY);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await?;
        let status = res.status();
        let text = res.text().await?;
        if !status.is_success() {
            bail!("{method} {path} answered {status}: {text}");
        }
        Ok(serde_json::from_str(&text)?)
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
}

fn id_of(v: &Value, wrapper: &str) -> Result<String> {
    v[wrapper]["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow!("no {wrapper}.id in {v}"))
}

/// What the scenarios need to know about the seeded data.
struct Seed {
    actioner: String,
    reader: String,
    apply_definition: String,
    active_total: i64,
    /// `Cookie` header of the signed-in administrator.
    admin_cookie: String,
}

enum Db {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

impl Db {
    fn execute(&mut self, sql: &str) -> Result<usize> {
        Ok(match self {
            Db::Sqlite(c) => diesel::sql_query(sql).execute(c)?,
            Db::Pg(c) => diesel::sql_query(sql).execute(c)?,
        })
    }
}

async fn seed(api: &Api, db: &mut Db, args: &Args) -> Result<Seed> {
    let now = now_ms();
    let actioner = api
        .post(
            "/api/user",
            json!({"user": {"email": "actioner@bench.test", "firstName": "Ada"}}),
        )
        .await?;
    let tenant = actioner["user"]["tenantId"]
        .as_str()
        .ok_or_else(|| anyhow!("no user.tenantId in {actioner}"))?
        .to_string();
    let actioner = id_of(&actioner, "user")?;
    let reader = id_of(
        &api.post("/api/user", json!({"user": {"email": "reader@bench.test"}}))
            .await?,
        "user",
    )?;
    let mut definitions = Vec::new();
    for d in 0..TEMPORAL_DEFINITIONS {
        let name = format!("Bench temporal {d:02}");
        let v = api
            .post(
                "/api/user-action",
                json!({"userAction": {"name": name, "temporal": true, "preventLogin": d == 0}}),
            )
            .await?;
        definitions.push((id_of(&v, "userAction")?, name, true));
    }
    let instant = api
        .post(
            "/api/user-action",
            json!({"userAction": {"name": "Bench instant"}}),
        )
        .await?;
    definitions.push((
        id_of(&instant, "userAction")?,
        "Bench instant".into(),
        false,
    ));
    let apply_definition = id_of(
        &api.post(
            "/api/user-action",
            json!({"userAction": {"name": "Bench apply", "temporal": true}}),
        )
        .await?,
        "userAction",
    )?;
    api.post(
        "/api/user-action-reason",
        json!({"userActionReason": {"text": "Spam", "code": "SP"}}),
    )
    .await?;

    // The reader: 50 current instances (one per temporal definition) and 25 instantaneous ones.
    for (id, _, temporal) in &definitions {
        let count = if *temporal { 1 } else { 25 };
        for _ in 0..count {
            let mut action = json!({
                "userActionId": id, "actioneeUserId": reader, "actionerUserId": actioner,
                "comment": "seeded for the list scenario",
            });
            if *temporal {
                action["expiry"] = json!(now + 30 * 86_400_000);
            }
            api.post("/api/user/action", json!({"action": action}))
                .await?;
        }
    }

    // Bulk users: the actionees of the bulk instances and of the apply scenario.
    let t = Instant::now();
    let users = args.users;
    let user_sql = format!(
        "INSERT INTO users (id, tenant_id, email, email_ci, username, username_ci, first_name, \
         last_name, full_name, preferred_languages, timezone, active, data, password_hash, \
         failed_login_count, last_failed_login_instant, insert_instant, last_update_instant, \
         last_login_instant) \
         SELECT 'a0000000-0000-4000-8000-' || {pad}, '{tenant}', \
           'user' || n || '@bench.test', 'user' || n || '@bench.test', NULL, NULL, \
           'First' || n, 'Last', NULL, '[]', NULL, TRUE, '{{}}', NULL, 0, NULL, {now}, {now}, NULL \
         FROM {series}",
        pad = pad_sql(db, "n"),
        series = series_sql(db, users),
    );
    db.execute(&user_sql)?;
    eprintln!("  {users} users inserted with SQL in {:.1?}", t.elapsed());

    // Bulk instances: row n belongs to user n % U; its state comes from a hash of n:
    // 30 % instantaneous, 15 % active, 50 % ended (end event already sent), 5 % cancelled.
    // A user's k-th instance uses temporal definition (7k + u) % 50, so no user has two current
    // instances of one definition (the duplicate rule holds in the seeded data too).
    let t = Instant::now();
    let defs_values = definitions
        .iter()
        .enumerate()
        .map(|(i, (id, name, _))| format!("({i}, '{id}', '{name}')"))
        .collect::<Vec<_>>()
        .join(", ");
    let instant_index = TEMPORAL_DEFINITIONS;
    let instance_sql = format!(
        "WITH {recursive} defs(i, id, name) AS (VALUES {defs_values}), \
         s AS (SELECT n, n % {users} AS u, n / {users} AS k, \
                 ((n * 2654435761) / 65536) % 100 AS r, \
                 {now} - 1000 * (86400 + ((n * 2246822519) / 4096) % 31449600) AS created \
               FROM (SELECT CAST(n AS BIGINT) AS n FROM {series}) g), \
         x AS (SELECT s.*, CASE WHEN r < 30 THEN 'instant' WHEN r < 45 THEN 'active' \
                 WHEN r < 95 THEN 'ended' ELSE 'cancelled' END AS state FROM s) \
         INSERT INTO action_instances (id, tenant_id, user_action_id, actionee_user_id, \
           actioner_user_id, application_ids, comment, email_user_on_end, notify_user_on_end, \
           end_event_sent, expiry, cancelled, created_instant, insert_instant, name, \
           localized_name, option_name, localized_option, reason, localized_reason, reason_code, \
           history) \
         SELECT 'b0000000-0000-4000-8000-' || {pad}, '{tenant}', d.id, \
           'a0000000-0000-4000-8000-' || {upad}, '{actioner}', '[]', \
           CASE WHEN n % 3 = 0 THEN NULL ELSE 'bulk instance ' || n END, FALSE, FALSE, \
           CASE state WHEN 'instant' THEN NULL WHEN 'ended' THEN TRUE ELSE FALSE END, \
           CASE state WHEN 'instant' THEN NULL \
             WHEN 'active' THEN {now} + 3600000 * (1 + n % 8760) \
             WHEN 'ended' THEN created + 3600000 * (1 + n % 24) \
             ELSE created + 60000 * (1 + n % 60) END, \
           state = 'cancelled', created, \
           CASE state WHEN 'cancelled' THEN created + 60000 * (1 + n % 60) ELSE created END, \
           d.name, d.name, NULL, NULL, \
           CASE WHEN n % 4 = 0 THEN 'Spam' ELSE NULL END, \
           CASE WHEN n % 4 = 0 THEN 'Spam' ELSE NULL END, \
           CASE WHEN n % 4 = 0 THEN 'SP' ELSE NULL END, \
           CASE state WHEN 'cancelled' THEN '[{{\"actionerUserId\":\"{actioner}\",\"comment\":\"bulk\",\"createInstant\":' \
             || created || ',\"expiry\":' || (created + 2592000000) || '}}]' ELSE '[]' END \
         FROM x JOIN defs d ON d.i = CASE WHEN state = 'instant' THEN {instant_index} \
           ELSE (7 * k + u) % {TEMPORAL_DEFINITIONS} END",
        recursive = match db {
            Db::Sqlite(_) => "RECURSIVE",
            Db::Pg(_) => "",
        },
        series = series_sql(db, args.instances),
        pad = pad_sql(db, "n"),
        upad = pad_sql(db, "u"),
    );
    db.execute(&instance_sql)?;
    // The active instances' ends, queued as applying them would have (migration 000009).
    db.execute(QUEUE_ENDS_SQL)?;
    if args.analyze {
        db.execute("ANALYZE")?;
    }
    eprintln!(
        "  {} instances inserted with SQL in {:.1?}",
        args.instances,
        t.elapsed()
    );

    let search = api
        .post(
            "/api/user/action/search",
            json!({"state": "active", "numberOfResults": 1}),
        )
        .await?;
    let active_total = search["total"].as_i64().unwrap_or(-1);
    let all = api
        .post("/api/user/action/search", json!({"numberOfResults": 1}))
        .await?;
    eprintln!(
        "  search: {} instances in all, {active_total} active",
        all["total"]
    );
    let listed = api
        .call(
            reqwest::Method::GET,
            &format!("/api/user/action?userId={reader}&active=true"),
            None,
        )
        .await?;
    let n = listed["actions"].as_array().map_or(0, Vec::len);
    if n != TEMPORAL_DEFINITIONS {
        bail!("the reader has {n} current instances, expected {TEMPORAL_DEFINITIONS}");
    }
    Ok(Seed {
        actioner,
        reader,
        apply_definition,
        active_total,
        admin_cookie: sign_in(&api.base).await?,
    })
}

/// The value of the `name=value` cookie a response sets, if it sets it.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|pair| pair.split_once('='))
        .find(|(n, v)| *n == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

/// Signs the administrator in through the sign-in form and returns the session's `Cookie`
/// header.
async fn sign_in(base: &str) -> Result<String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = client.get(format!("{base}/admin/login")).send().await?;
    let csrf = set_cookie(&page, "actioneer_csrf")
        .ok_or_else(|| anyhow!("the sign-in page set no CSRF cookie"))?;
    let res = client
        .post(format!("{base}/admin/login"))
        .header("cookie", format!("actioneer_csrf={csrf}"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
            ("next", "/admin/"),
        ])
        .send()
        .await?;
    let status = res.status();
    let session = set_cookie(&res, "actioneer_session")
        .ok_or_else(|| anyhow!("signing in answered {status} without a session cookie"))?;
    Ok(format!("actioneer_session={session}"))
}

/// Waits until the server has finished the work of requests abandoned at the end of a
/// scenario (the client hanging up does not stop a query already queued on the blocking pool),
/// so that one scenario's backlog never slows down the next one.
async fn drain(api: &Api, reader: &str) -> Result<()> {
    let started = Instant::now();
    let mut fast = 0;
    while fast < 3 {
        if started.elapsed() > Duration::from_secs(300) {
            bail!("the server is still busy 300 s after the scenario ended");
        }
        let t = Instant::now();
        let answered = api
            .call(
                reqwest::Method::GET,
                &format!("/api/user/action?userId={reader}&active=true"),
                None,
            )
            .await
            .is_ok();
        if answered && t.elapsed() < Duration::from_millis(100) {
            fast += 1;
        } else {
            fast = 0;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    if started.elapsed() > Duration::from_secs(2) {
        eprintln!(
            "    (waited {:.1?} for the server to finish abandoned requests)",
            started.elapsed()
        );
    }
    Ok(())
}

/// The integer column `column` zero-padded to 12 digits.
fn pad_sql(db: &Db, column: &str) -> String {
    match db {
        Db::Sqlite(_) => format!("printf('%012d', {column})"),
        Db::Pg(_) => format!("lpad({column}::text, 12, '0')"),
    }
}

/// A row source with a column `n` = 0 … count-1.
fn series_sql(db: &Db, count: i64) -> String {
    match db {
        Db::Sqlite(_) => format!(
            "(WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {}) \
             SELECT n FROM c)",
            count - 1
        ),
        Db::Pg(_) => format!("generate_series(0, {}) AS n", count - 1),
    }
}

// ---------------------------------------------------------------------------------------------
// Load.

struct Scenario {
    kind: ScenarioKind,
    base: String,
    seed: Arc<Seed>,
    users: i64,
    /// Next bulk user to action in the apply scenario.
    next_user: Arc<AtomicU64>,
    expiry: i64,
}

impl Scenario {
    fn request(&self, client: &reqwest::Client, rng: &mut u64) -> reqwest::RequestBuilder {
        let url = |path: &str| format!("{}{path}", self.base);
        let authed = |req: reqwest::RequestBuilder| req.header("authorization", API_KEY);
        match self.kind {
            ScenarioKind::Status => client.get(url("/api/status")),
            ScenarioKind::Apply => {
                let n = self.next_user.fetch_add(1, Ordering::Relaxed) as i64;
                authed(client.post(url("/api/user/action"))).json(&json!({"action": {
                    "userActionId": self.seed.apply_definition,
                    "actioneeUserId": bulk_user_id(n % self.users),
                    "actionerUserId": self.seed.actioner,
                    "expiry": self.expiry,
                    "comment": "load test",
                }}))
            }
            ScenarioKind::ListActive => authed(client.get(url(&format!(
                "/api/user/action?userId={}&active=true",
                self.seed.reader
            )))),
            ScenarioKind::Dashboard => client
                .get(url("/admin/"))
                .header("cookie", &self.seed.admin_cookie),
            ScenarioKind::SearchActive => authed(client.post(url("/api/user/action/search")))
                .json(&json!({"state": "active", "numberOfResults": 25})),
            ScenarioKind::SearchUser => {
                // xorshift: a different actionee each request, the same sequence each run.
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                let user = (*rng % self.users as u64) as i64;
                authed(client.post(url("/api/user/action/search")))
                    .json(&json!({"actioneeUserId": bulk_user_id(user), "numberOfResults": 25}))
            }
        }
    }
}

struct Outcome {
    histogram: Histogram<u64>,
    ok: u64,
    non_2xx: u64,
    transport_errors: u64,
    in_flight: u64,
    first_error: Option<String>,
}

impl Outcome {
    fn new() -> Result<Outcome> {
        Ok(Outcome {
            histogram: Histogram::new_with_bounds(1, 60_000_000, 3)?,
            ok: 0,
            non_2xx: 0,
            transport_errors: 0,
            in_flight: 0,
            first_error: None,
        })
    }

    fn merge(&mut self, other: Outcome) -> Result<()> {
        self.histogram.add(other.histogram)?;
        self.ok += other.ok;
        self.non_2xx += other.non_2xx;
        self.transport_errors += other.transport_errors;
        self.in_flight += other.in_flight;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        Ok(())
    }
}

struct ScenarioResult {
    kind: ScenarioKind,
    requests_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    errors: u64,
    in_flight: u64,
    first_error: Option<String>,
}

/// Sends requests back to back until `until`. A response counts when it completes inside
/// [`measure_from`, `until`] (whenever its request started, as wrk does); a request still
/// running at `until` is abandoned and counted as in flight, not as an error.
async fn worker(
    scenario: Arc<Scenario>,
    client: reqwest::Client,
    measure_from: Instant,
    until: Instant,
    mut rng: u64,
) -> Result<Outcome> {
    let mut out = Outcome::new()?;
    loop {
        let start = Instant::now();
        if start >= until {
            break;
        }
        let request = scenario.request(&client, &mut rng);
        let exchange = async move {
            match request.send().await {
                Ok(res) => {
                    let status = res.status();
                    match res.bytes().await {
                        Ok(_) if status.is_success() => (Some(true), None),
                        Ok(body) => (
                            Some(false),
                            Some(format!(
                                "{status}: {}",
                                String::from_utf8_lossy(&body[..body.len().min(300)])
                            )),
                        ),
                        Err(e) => (None, Some(e.to_string())),
                    }
                }
                Err(e) => (None, Some(e.to_string())),
            }
        };
        let until_tokio = tokio::time::Instant::from_std(until);
        let Ok((success, error)) = tokio::time::timeout_at(until_tokio, exchange).await else {
            out.in_flight += 1;
            break;
        };
        let end = Instant::now();
        if end < measure_from {
            continue;
        }
        let micros = end.duration_since(start).as_micros() as u64;
        out.histogram.saturating_record(micros.max(1));
        match success {
            Some(true) => out.ok += 1,
            Some(false) => out.non_2xx += 1,
            None => out.transport_errors += 1,
        }
        if out.first_error.is_none() {
            out.first_error = error;
        }
    }
    Ok(out)
}

/// Runs one scenario: `client_threads` threads, each with a single-threaded runtime driving its
/// share of the connections (one reqwest client, hence one keep-alive connection, per worker).
fn run_scenario(scenario: Arc<Scenario>, args: &Args) -> Result<ScenarioResult> {
    let measure_from = Instant::now() + Duration::from_secs_f64(args.warmup);
    let until = measure_from + Duration::from_secs_f64(args.duration);
    let threads = args.client_threads.clamp(1, args.connections.max(1));
    let outcomes = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let scenario = scenario.clone();
                scope.spawn(move || -> Result<Outcome> {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    runtime.block_on(async move {
                        let mut tasks = Vec::new();
                        for i in (t..args.connections).step_by(threads) {
                            let client = reqwest::Client::builder()
                                .pool_max_idle_per_host(1)
                                .timeout(Duration::from_secs(30))
                                .build()?;
                            let rng = 0x9E37_79B9_7F4A_7C15
                                ^ (i as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                            tasks.push(tokio::spawn(worker(
                                scenario.clone(),
                                client,
                                measure_from,
                                until,
                                rng,
                            )));
                        }
                        let mut total = Outcome::new()?;
                        for task in tasks {
                            total.merge(task.await??)?;
                        }
                        Ok(total)
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| anyhow!("a client thread panicked"))
                    .and_then(|r| r)
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let mut total = Outcome::new()?;
    for outcome in outcomes {
        total.merge(outcome)?;
    }
    let requests = total.ok + total.non_2xx + total.transport_errors;
    let ms = |q: f64| total.histogram.value_at_quantile(q) as f64 / 1000.0;
    Ok(ScenarioResult {
        kind: scenario.kind,
        requests_per_s: requests as f64 / args.duration,
        p50_ms: ms(0.50),
        p99_ms: ms(0.99),
        requests,
        errors: total.non_2xx + total.transport_errors,
        in_flight: total.in_flight,
        first_error: total.first_error,
    })
}

struct BackendResult {
    backend: Backend,
    idle_rss_kib: u64,
    seeded_rss_kib: u64,
    peak_rss_kib: u64,
    active_total: i64,
    scenarios: Vec<ScenarioResult>,
}

async fn run_backend(backend: Backend, bin: &Path, args: &Args) -> Result<BackendResult> {
    let dir = tempfile::tempdir()?;
    let pg = match backend {
        Backend::Postgres => Some(PgDatabase::create(&args.pg_url)?),
        Backend::Sqlite => None,
    };
    let database_url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{}", dir.path().join("bench.db").display()),
    };
    eprintln!("{}: {database_url}", backend.label());
    let mut server = Server::start(bin, &database_url, dir.path().join("server.log"))?;
    // Idle connections are dropped well before the server's 5 s keep-alive ends, so a request
    // after a long SQL insert never lands on a connection the server is closing.
    let setup_client = reqwest::Client::builder()
        .pool_idle_timeout(Duration::from_secs(1))
        .timeout(Duration::from_secs(120))
        .build()?;
    server.wait_ready(&setup_client).await?;
    // Idle: started, migrated, nothing asked of it yet but the readiness probe.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (idle_rss_kib, _) = server.memory_kib()?;
    eprintln!(
        "  server pid {} on {}, idle RSS {} KiB",
        server.pid(),
        server.base,
        idle_rss_kib
    );

    let api = Api {
        client: setup_client,
        base: server.base.clone(),
    };
    let mut db = match &pg {
        Some(pg) => Db::Pg(diesel::PgConnection::establish(&pg.url)?),
        None => Db::Sqlite(diesel::SqliteConnection::establish(
            &dir.path().join("bench.db").to_string_lossy(),
        )?),
    };
    if let Db::Sqlite(_) = db {
        db.execute("PRAGMA busy_timeout = 10000")?;
    }
    let seed = Arc::new(seed(&api, &mut db, args).await?);
    drop(db);
    let (seeded_rss_kib, _) = server.memory_kib()?;

    let next_user = Arc::new(AtomicU64::new(0));
    let mut scenarios = Vec::new();
    for kind in ScenarioKind::ALL {
        if kind != ScenarioKind::Status
            && !args.scenarios.is_empty()
            && !args.scenarios.contains(&kind)
        {
            continue;
        }
        let scenario = Arc::new(Scenario {
            kind,
            base: server.base.clone(),
            seed: seed.clone(),
            users: args.users,
            next_user: next_user.clone(),
            expiry: now_ms() + 86_400_000,
        });
        let result = run_scenario(scenario, args)?;
        eprintln!(
            "  {:<60} {:>9.1} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  errors {}  unanswered {}",
            kind.label(),
            result.requests_per_s,
            result.p50_ms,
            result.p99_ms,
            result.errors,
            result.in_flight
        );
        if let Some(e) = &result.first_error {
            eprintln!("    first error: {e}");
        }
        scenarios.push(result);
        drain(&api, &seed.reader).await?;
    }
    let used = next_user.load(Ordering::Relaxed) as i64;
    if used > args.users {
        eprintln!(
            "  note: the apply scenario needed {used} actionees but only {} users exist; \
             later requests hit the duplicate rule (counted as errors). Raise --users.",
            args.users
        );
    }
    let (_, peak_rss_kib) = server.memory_kib()?;
    drop(server);
    drop(pg);
    Ok(BackendResult {
        backend,
        idle_rss_kib,
        seeded_rss_kib,
        peak_rss_kib,
        active_total: seed.active_total,
        scenarios,
    })
}

// ---------------------------------------------------------------------------------------------
// Report.

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_kib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!(
        "{cpus} CPUs ({model}), {:.1} GiB RAM",
        mem_kib as f64 / 1024.0 / 1024.0
    )
}

fn report(results: &[BackendResult], args: &Args) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "Machine: {}. {} connections, {} s measured after {} s warm-up per scenario, \
         {} client threads on the same machine. Search dataset: {} bulk instances over {} users.\n",
        machine(),
        args.connections,
        args.duration,
        args.warmup,
        args.client_threads,
        args.instances,
        args.users
    );
    let _ = writeln!(
        md,
        "| Backend | Scenario | req/s | % of status | p50 ms | p99 ms | errors / responses | \
         unanswered at end |"
    );
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|---:|---:|");
    for b in results {
        let ceiling = b
            .scenarios
            .iter()
            .find(|s| s.kind == ScenarioKind::Status)
            .map_or(0.0, |s| s.requests_per_s);
        for s in &b.scenarios {
            let share = if ceiling > 0.0 {
                format!("{:.1} %", 100.0 * s.requests_per_s / ceiling)
            } else {
                "–".into()
            };
            let latency = |ms: f64| {
                if s.requests == 0 {
                    format!("> {:.0} s", args.warmup + args.duration)
                } else {
                    format!("{ms:.2}")
                }
            };
            let _ = writeln!(
                md,
                "| {} | {} | {:.1} | {} | {} | {} | {} / {} | {} |",
                b.backend.label(),
                s.kind.label(),
                s.requests_per_s,
                share,
                latency(s.p50_ms),
                latency(s.p99_ms),
                s.errors,
                s.requests,
                s.in_flight
            );
        }
    }
    let _ = writeln!(
        md,
        "\n| Backend | idle RSS (after start) | RSS after seeding | peak RSS (VmHWM) after load |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|");
    let mib = |kib: u64| format!("{:.1} MiB", kib as f64 / 1024.0);
    for b in results {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            b.backend.label(),
            mib(b.idle_rss_kib),
            mib(b.seeded_rss_kib),
            mib(b.peak_rss_kib)
        );
    }
    let errors: Vec<String> = results
        .iter()
        .flat_map(|b| {
            b.scenarios.iter().filter_map(move |s| {
                s.first_error
                    .as_ref()
                    .map(|e| format!("* {} {}: {e}", b.backend.label(), s.kind.label()))
            })
        })
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(md, "\nFirst error of each scenario with errors:\n");
        for e in errors {
            let _ = writeln!(md, "{e}");
        }
    }
    let actives: Vec<String> = results
        .iter()
        .map(|b| format!("{} {}", b.backend.label(), b.active_total))
        .collect();
    let _ = writeln!(
        md,
        "\nInstances in state `active` (search total): {}.",
        actives.join(", ")
    );
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
    // Setup and seeding run here; each scenario's load has its own client threads.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut results = Vec::new();
    for backend in args.backends.clone() {
        results.push(runtime.block_on(run_backend(backend, &bin, &args))?);
    }
    let md = report(&results, &args);
    println!("{md}");
    if let Some(out) = &args.out {
        std::fs::write(out, &md).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("report written to {}", out.display());
    }
    Ok(())
}
