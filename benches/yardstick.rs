//! Actioneer against the yardstick (`../shared/yardstick/`), side by side in one run (issue 12).
//!
//! `cargo bench --bench yardstick`. Starts the release `actioneer` binary (on a fresh SQLite
//! file, and on a fresh PostgreSQL database when `BENCH_BACKENDS` names `postgres`) and the
//! yardstick binary (always SQLite), seeds both, and drives each scenario with `wrk` (64
//! connections, 2 threads), alternating the two servers round after round so that machine
//! noise hits both. Prints the median of each round's ratio:
//!
//! * status: `GET /api/status` against the yardstick's bare JSON handler;
//! * apply: an instantaneous action with an option, `broadcast: true`, against one insert of an
//!   instance and an outbox row per commit;
//! * list: a user's 50 current instances;
//! * history: apply between an actioner and an actionee that already have `BENCH_HISTORY`
//!   (100,000) instances, against the same apply between two users with none.
//!
//! Variables: `BENCH_DURATION` (s per run, 5), `BENCH_ROUNDS` (3), `BENCH_BACKENDS` (`sqlite`;
//! `sqlite,postgres`), `BENCH_PG_URL`, `BENCH_HISTORY` (100000), `BENCH_CONNECTIONS` (64),
//! `BENCH_SERVER_BIN`, `BENCH_YARDSTICK_BIN` (default
//! `target/yardstick-src/target/release/yardstick`, built as the yardstick's README says).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use serde_json::{json, Value};

const API_KEY: &str = "bench-yardstick-api-key-0123456789abcdef";

fn var<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Proc {
    child: Child,
    base: String,
}

impl Proc {
    fn spawn(mut cmd: Command, port: u16) -> Result<Proc> {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting a server")?;
        Ok(Proc {
            child,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    fn wait_ready(&mut self, path: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = reqwest::blocking::Client::new();
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("a server exited with {status}");
            }
            if client
                .get(format!("{}{path}", self.base))
                .send()
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("a server did not answer within 60 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// (`VmRSS`, `VmHWM`) in KiB.
    fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn post(base: &str, path: &str, body: Value) -> Result<Value> {
    let res = reqwest::blocking::Client::new()
        .post(format!("{base}{path}"))
        .header("authorization", API_KEY)
        .json(&body)
        .send()?;
    let status = res.status();
    let text = res.text()?;
    if !status.is_success() {
        bail!("POST {path} answered {status}: {text}");
    }
    Ok(serde_json::from_str(&text)?)
}

fn id(v: &Value, wrapper: &str) -> Result<String> {
    v[wrapper]["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow!("no {wrapper}.id in {v}"))
}

/// One `wrk` run.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

/// A request as wrk sends it.
struct Req {
    method: &'static str,
    url: String,
    body: Option<String>,
    auth: bool,
}

fn wrk(req: &Req, dir: &Path, seconds: u64, connections: u32) -> Result<Run> {
    let mut script = format!("wrk.method = \"{}\"\n", req.method);
    if let Some(body) = &req.body {
        script.push_str(&format!(
            "wrk.body = '{}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n",
            body
        ));
    }
    if req.auth {
        script.push_str(&format!("wrk.headers[\"Authorization\"] = \"{API_KEY}\"\n"));
    }
    wrk_script(
        &script,
        &req.url,
        &dir.join("request.lua"),
        seconds,
        connections,
    )
}

/// One `wrk` run of the Lua `script` (written to `path`) against `url`.
fn wrk_script(script: &str, url: &str, path: &Path, seconds: u64, connections: u32) -> Result<Run> {
    std::fs::write(path, script)?;
    let out = Command::new("wrk")
        .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s")])
        .args(["--latency", "--timeout", "15s", "-s"])
        .arg(path)
        .arg(url)
        .output()
        .context("running wrk (apt-get install wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let number = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix))
            .map(str::trim)
    };
    let ms = |q: &str| {
        number(q).and_then(|v| {
            let split = v.find(|c: char| c.is_ascii_alphabetic())?;
            let (n, unit) = v.split_at(split);
            let n: f64 = n.parse().ok()?;
            Some(match unit {
                "us" => n / 1000.0,
                "ms" => n,
                "s" => n * 1000.0,
                "m" => n * 60_000.0,
                _ => n,
            })
        })
    };
    let rps: f64 = number("Requests/sec:")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| anyhow!("no Requests/sec in wrk's output:\n{text}"))?;
    let non_2xx: u64 = number("Non-2xx or 3xx responses:")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let socket: u64 = number("Socket errors:")
        .map(|v| {
            v.split(',')
                .filter_map(|p| p.split_whitespace().last()?.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    Ok(Run {
        rps,
        p50_ms: ms("50%").unwrap_or(f64::NAN),
        p99_ms: ms("99%").unwrap_or(f64::NAN),
        errors: non_2xx + socket,
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Runs `a` and `b` alternately (`rounds` times each, the order swapped every round) and returns
/// their runs.
fn alternate(
    a: &Req,
    b: &Req,
    dir: &Path,
    seconds: u64,
    rounds: u32,
    connections: u32,
) -> Result<(Vec<Run>, Vec<Run>)> {
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        if round % 2 == 0 {
            ra.push(wrk(a, dir, seconds, connections)?);
            rb.push(wrk(b, dir, seconds, connections)?);
        } else {
            rb.push(wrk(b, dir, seconds, connections)?);
            ra.push(wrk(a, dir, seconds, connections)?);
        }
    }
    Ok((ra, rb))
}

struct Line {
    what: String,
    a: Vec<Run>,
    b: Vec<Run>,
}

impl Line {
    fn row(&self, a_name: &str, b_name: &str) -> String {
        let m = |runs: &[Run], f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
        let ratios: Vec<f64> = self
            .a
            .iter()
            .zip(&self.b)
            .map(|(a, b)| a.rps / b.rps)
            .collect();
        let errors = |runs: &[Run]| runs.iter().map(|r| r.errors).sum::<u64>();
        format!(
            "| {} | {a_name}: {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {} errors | {b_name}: {:.0} req/s, p99 {:.1} ms | **{:.2}×** ({}) |",
            self.what,
            m(&self.a, |r| r.rps),
            m(&self.a, |r| r.p50_ms),
            m(&self.a, |r| r.p99_ms),
            errors(&self.a),
            m(&self.b, |r| r.rps),
            m(&self.b, |r| r.p99_ms),
            median(ratios.clone()),
            ratios
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// Seeds Actioneer: the apply pairs, the reader's 50 current instances; returns
/// (survey, reader, fresh pair, heavy pair, tenant).
struct Seeded {
    survey: String,
    reader: String,
    fresh: (String, String),
    heavy: (String, String),
    tenant: String,
}

fn seed_actioneer(base: &str) -> Result<Seeded> {
    let user = |email: &str| -> Result<(String, String)> {
        let v = post(base, "/api/user", json!({"user": {"email": email}}))?;
        Ok((
            id(&v, "user")?,
            v["user"]["tenantId"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        ))
    };
    let (reader, tenant) = user("reader@bench.test")?;
    let fresh = (user("fresh-a@bench.test")?.0, user("fresh-b@bench.test")?.0);
    let heavy = (user("heavy-a@bench.test")?.0, user("heavy-b@bench.test")?.0);
    let survey = id(
        &post(
            base,
            "/api/user-action",
            json!({"userAction": {"name": "Survey", "options": [{"name": "Good"}, {"name": "Bad"}]}}),
        )?,
        "userAction",
    )?;
    let expiry = chrono_now() + 30 * 86_400_000;
    for d in 0..50 {
        let def = id(
            &post(
                base,
                "/api/user-action",
                json!({"userAction": {"name": format!("Temporal {d:02}"), "temporal": true}}),
            )?,
            "userAction",
        )?;
        post(
            base,
            "/api/user/action",
            json!({"action": {"userActionId": def, "actioneeUserId": reader, "actionerUserId": fresh.0, "expiry": expiry, "comment": "seeded"}}),
        )?;
    }
    Ok(Seeded {
        survey,
        reader,
        fresh,
        heavy,
        tenant,
    })
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// `n` instantaneous instances between the heavy pair, inserted with one SQL statement.
fn seed_history(url: &str, s: &Seeded, n: i64) -> Result<()> {
    let (actionee, actioner) = &s.heavy;
    let columns = "INSERT INTO action_instances (id, tenant_id, user_action_id, actionee_user_id, \
                   actioner_user_id, application_ids, email_user_on_end, notify_user_on_end, \
                   cancelled, created_instant, insert_instant, name, option_name, history)";
    let values = |id: &str| {
        format!(
            "SELECT {id}, '{}', '{}', '{actionee}', '{actioner}', '[]', FALSE, FALSE, FALSE, \
             {now} - x, {now} - x, 'Survey', 'Good', '[]'",
            s.tenant,
            s.survey,
            now = chrono_now()
        )
    };
    if let Some(path) = url.strip_prefix("sqlite://") {
        let mut c = diesel::SqliteConnection::establish(path)?;
        c.batch_execute(&format!(
            "PRAGMA busy_timeout = 10000; WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 \
             FROM n WHERE x < {n}) {columns} {} FROM n",
            values("printf('b0000000-0000-4000-8000-%012d', x)")
        ))?;
    } else {
        let mut c = diesel::PgConnection::establish(url)?;
        c.batch_execute(&format!(
            "{columns} {} FROM generate_series(1, {n}) AS x; ANALYZE action_instances",
            values("'b0000000-0000-4000-8000-' || lpad(x::text, 12, '0')")
        ))?;
    }
    Ok(())
}

fn backend_section(
    backend: &str,
    bin: &Path,
    yard: &Proc,
    yard_user: &str,
    dir: &Path,
) -> Result<String> {
    let (seconds, rounds) = (var("BENCH_DURATION", 5u64), var("BENCH_ROUNDS", 3u32));
    let connections = var("BENCH_CONNECTIONS", 64u32);
    let history = var("BENCH_HISTORY", 100_000i64);
    let pg_admin = std::env::var("BENCH_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let pg_name = format!("bench_yardstick_{}", std::process::id());
    let url = match backend {
        "postgres" => {
            let mut admin = diesel::PgConnection::establish(&pg_admin)?;
            admin.batch_execute(&format!("CREATE DATABASE {pg_name}"))?;
            let (prefix, _) = pg_admin
                .rsplit_once('/')
                .ok_or_else(|| anyhow!("BENCH_PG_URL has no database"))?;
            format!("{prefix}/{pg_name}")
        }
        _ => format!("sqlite://{}", dir.join("actioneer.db").display()),
    };
    let port = free_port()?;
    let mut cmd = Command::new(bin);
    cmd.arg("serve")
        .env("ACTIONEER_DATABASE_URL", &url)
        .env("ACTIONEER_BIND", format!("127.0.0.1:{port}"))
        .env("ACTIONEER_API_KEY", API_KEY)
        .env("ACTIONEER_LOG", "error");
    let mut server = Proc::spawn(cmd, port)?;
    server.wait_ready("/api/status")?;
    std::thread::sleep(Duration::from_secs(2));
    let (idle_rss, _) = server.memory_kib();
    let seeded = seed_actioneer(&server.base)?;
    let t = Instant::now();
    seed_history(&url, &seeded, history)?;
    let history_s = t.elapsed().as_secs_f64();

    let a = |method, path: String, body: Option<Value>, auth| Req {
        method,
        url: format!("{}{path}", server.base),
        body: body.map(|b| b.to_string()),
        auth,
    };
    let y = |method, path: String, body: Option<Value>| Req {
        method,
        url: format!("{}{path}", yard.base),
        body: body.map(|b| b.to_string()),
        auth: false,
    };
    let apply = |pair: &(String, String)| json!({"broadcast": true, "action": {"userActionId": seeded.survey, "actioneeUserId": pair.0, "actionerUserId": pair.1, "option": "Good", "comment": "perf"}});
    let mut lines = Vec::new();
    let (ra, rb) = alternate(
        &a("GET", "/api/status".into(), None, false),
        &y("GET", "/hello".into(), None),
        dir,
        seconds,
        rounds,
        connections,
    )?;
    let status_rps = median(ra.iter().map(|r| r.rps).collect());
    lines.push(Line {
        what: "status (`GET /api/status` / `GET /hello`)".into(),
        a: ra,
        b: rb,
    });
    let (ra, rb) = alternate(
        &a(
            "POST",
            "/api/user/action".into(),
            Some(apply(&seeded.fresh)),
            true,
        ),
        &y(
            "POST",
            "/apply".into(),
            Some(json!({"user": yard_user, "action": "survey"})),
        ),
        dir,
        seconds,
        rounds,
        connections,
    )?;
    let apply_rps = median(ra.iter().map(|r| r.rps).collect());
    lines.push(Line {
        what: "apply (instantaneous, option, broadcast)".into(),
        a: ra,
        b: rb,
    });
    let (ra, rb) = alternate(
        &a(
            "GET",
            format!("/api/user/action?userId={}&active=true", seeded.reader),
            None,
            true,
        ),
        &y("GET", format!("/list?user={yard_user}-list"), None),
        dir,
        seconds,
        rounds,
        connections,
    )?;
    lines.push(Line {
        what: "list a user's 50 current instances".into(),
        a: ra,
        b: rb,
    });
    let (ra, rb) = alternate(
        &a(
            "POST",
            "/api/user/action".into(),
            Some(apply(&seeded.heavy)),
            true,
        ),
        &a(
            "POST",
            "/api/user/action".into(),
            Some(apply(&seeded.fresh)),
            true,
        ),
        dir,
        seconds,
        rounds,
        connections,
    )?;
    lines.push(Line {
        what: format!("apply: pair with {history} instances / pair with none"),
        a: ra,
        b: rb,
    });
    let mut notes = String::new();
    if backend == "postgres" {
        notes = pg_scenarios(&url, &server, &seeded, bin, dir, seconds)?;
    }
    let (_, peak) = server.memory_kib();
    drop(server);
    if backend == "postgres" {
        let mut admin = diesel::PgConnection::establish(&pg_admin)?;
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)"))?;
    }

    let label = if backend == "postgres" {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let mut out = format!(
        "\n### Actioneer on {label}\n\n| request | Actioneer | other | ratio, median (per round) |\n|---|---|---|---:|\n"
    );
    for (i, line) in lines.iter().enumerate() {
        let other = if i == 3 { "Actioneer" } else { "yardstick" };
        out.push_str(&line.row("Actioneer", other));
        out.push('\n');
    }
    out.push_str(&format!(
        "\nApply is {:.1} % of Actioneer's status ceiling. Idle RSS {:.1} MiB, peak (VmHWM) {:.1} MiB. \
         {history} history rows inserted in {history_s:.1} s.\n",
        100.0 * apply_rps / status_rps,
        idle_rss as f64 / 1024.0,
        peak as f64 / 1024.0
    ));
    out.push_str(&notes);
    Ok(out)
}

/// `SELECT deadlocks` of the bench's database (PostgreSQL's own count).
fn deadlocks(url: &str) -> Result<i64> {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    use diesel::RunQueryDsl;
    let mut c = diesel::PgConnection::establish(url)?;
    let n: N = diesel::sql_query(
        "SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()",
    )
    .get_result(&mut c)?;
    Ok(n.n)
}

/// A Lua script for wrk that alternates, per thread, an apply (instantaneous, broadcast) to the
/// next of `users` and a list of that user's current instances.
fn mixed_script(survey: &str, actioner: &str, users: &[String]) -> String {
    let list = users
        .iter()
        .map(|u| format!("\"{u}\""))
        .collect::<Vec<_>>()
        .join(",");
    format!(
        r#"users = {{{list}}}
counter = 0
headers = {{}}
headers["Authorization"] = "{API_KEY}"
headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local u = users[(counter % #users) + 1]
  if counter % 2 == 0 then
    local body = '{{"broadcast": true, "action": {{"userActionId": "{survey}", "actioneeUserId": "' .. u .. '", "actionerUserId": "{actioner}", "option": "Good"}}}}'
    return wrk.format("POST", "/api/user/action", headers, body)
  end
  return wrk.format("GET", "/api/user/action?userId=" .. u .. "&active=true", headers)
end
"#
    )
}

/// PostgreSQL only: 200 connections mixing applies to 200 users and lists for `BENCH_MIXED_S`
/// (30) seconds, counting errors and PostgreSQL's deadlocks; then apply throughput of two
/// `actioneer serve` processes on the one database (clients split between them) against one.
fn pg_scenarios(
    url: &str,
    server: &Proc,
    s: &Seeded,
    bin: &Path,
    dir: &Path,
    seconds: u64,
) -> Result<String> {
    let mut out = String::new();
    let users: Vec<String> = (0..200)
        .map(|i| {
            let v = post(
                &server.base,
                "/api/user",
                json!({"user": {"email": format!("mixed-{i}@bench.test")}}),
            )?;
            id(&v, "user")
        })
        .collect::<Result<_>>()?;
    let mixed_s = var("BENCH_MIXED_S", 30u64);
    let before = deadlocks(url)?;
    let script = mixed_script(&s.survey, &s.fresh.1, &users);
    let run = wrk_script(&script, &server.base, &dir.join("mixed.lua"), mixed_s, 200)?;
    let after = deadlocks(url)?;
    out.push_str(&format!(
        "\nMixed, 200 connections, {mixed_s} s, applies to 200 users and lists alternating:          {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {} errors (non-2xx or socket), {} deadlocks          (pg_stat_database).\n",
        run.rps,
        run.p50_ms,
        run.p99_ms,
        run.errors,
        after - before
    ));

    // A second process on the same database.
    let port = free_port()?;
    let mut cmd = Command::new(bin);
    cmd.arg("serve")
        .env("ACTIONEER_DATABASE_URL", url)
        .env("ACTIONEER_BIND", format!("127.0.0.1:{port}"))
        .env("ACTIONEER_API_KEY", API_KEY)
        .env("ACTIONEER_LOG", "error");
    let mut second = Proc::spawn(cmd, port)?;
    second.wait_ready("/api/status")?;
    let body = json!({"broadcast": true, "action": {"userActionId": s.survey, "actioneeUserId": s.fresh.0, "actionerUserId": s.fresh.1, "option": "Good"}});
    let script = format!(
        "wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"{API_KEY}\"\n"
    );
    let connections = var("BENCH_CONNECTIONS", 64u32);
    let url_of = |p: &Proc| format!("{}/api/user/action", p.base);
    let (mut one, mut two) = (Vec::new(), Vec::new());
    for round in 0..var("BENCH_ROUNDS", 3u32) {
        let single = || {
            wrk_script(
                &script,
                &url_of(server),
                &dir.join("one.lua"),
                seconds,
                connections,
            )
        };
        let pair = || -> Result<f64> {
            let (a, b) = std::thread::scope(|scope| {
                let a = scope.spawn(|| {
                    wrk_script(
                        &script,
                        &url_of(server),
                        &dir.join("a.lua"),
                        seconds,
                        connections / 2,
                    )
                });
                let b = scope.spawn(|| {
                    wrk_script(
                        &script,
                        &url_of(&second),
                        &dir.join("b.lua"),
                        seconds,
                        connections / 2,
                    )
                });
                (a.join(), b.join())
            });
            let (a, b) = (
                a.map_err(|_| anyhow!("wrk thread"))??,
                b.map_err(|_| anyhow!("wrk thread"))??,
            );
            Ok(a.rps + b.rps)
        };
        if round % 2 == 0 {
            one.push(single()?.rps);
            two.push(pair()?);
        } else {
            two.push(pair()?);
            one.push(single()?.rps);
        }
    }
    let ratios: Vec<f64> = two.iter().zip(&one).map(|(t, o)| t / o).collect();
    out.push_str(&format!(
        "\nApply, two processes on one database / one process ({connections} connections in all):          {:.0} / {:.0} req/s, **{:.2}×** ({}).\n",
        median(two.clone()),
        median(one.clone()),
        median(ratios.clone()),
        ratios.iter().map(|r| format!("{r:.2}")).collect::<Vec<_>>().join(", ")
    ));
    drop(second);
    Ok(out)
}

fn main() -> Result<()> {
    if std::env::args().any(|a| a == "--help") {
        println!("see the comment at the top of benches/yardstick.rs");
        return Ok(());
    }
    let bin = std::env::var("BENCH_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_BIN_EXE_actioneer")));
    let yard_bin = std::env::var("BENCH_YARDSTICK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/yardstick-src/target/release/yardstick")
        });
    if !yard_bin.exists() {
        bail!(
            "no yardstick at {}: build it as ../shared/yardstick/README.md says",
            yard_bin.display()
        );
    }
    let dir = tempfile::tempdir()?;
    let port = free_port()?;
    let mut cmd = Command::new(&yard_bin);
    cmd.arg(format!("127.0.0.1:{port}"))
        .arg(dir.path().join("yardstick.db"));
    let mut yard = Proc::spawn(cmd, port)?;
    yard.wait_ready("/hello")?;
    let yard_user = "bench-user";
    let client = reqwest::blocking::Client::new();
    for _ in 0..50 {
        client
            .post(format!("{}/apply", yard.base))
            .json(&json!({"user": format!("{yard_user}-list"), "action": "survey"}))
            .send()?;
    }
    let backends = std::env::var("BENCH_BACKENDS").unwrap_or_else(|_| "sqlite".into());
    let mut report = format!(
        "## Actioneer and the yardstick, side by side\n\n`wrk -t2 -c{}`, {} s per run, {} rounds alternating the servers; nproc {}.\n",
        var("BENCH_CONNECTIONS", 64u32),
        var("BENCH_DURATION", 5u64),
        var("BENCH_ROUNDS", 3u32),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for backend in backends.split(',').map(str::trim) {
        let section = backend_section(backend, &bin, &yard, yard_user, dir.path())?;
        print!("{section}");
        report.push_str(&section);
    }
    if let Ok(out) = std::env::var("BENCH_OUT") {
        std::fs::write(out, &report)?;
    }
    println!("\n{report}");
    Ok(())
}
