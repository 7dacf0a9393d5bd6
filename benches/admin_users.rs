//! Admin users benchmark (see BENCHMARKS.md, "Admin: users").
//!
//! `cargo bench --bench admin_users`. Starts the app in this process (the same routes as the
//! server) on a fresh SQLite file, seeds it, signs a support agent in, and times whole HTTP
//! requests over loopback (one keep-alive client, one request at a time), which bounds the
//! server time from above:
//!
//! 1. the page of one user whose timeline has 1,000 entries (`GET /admin/users/{id}`);
//! 2. user searches over 100,000 users (`GET /admin/users?q=…`).
//!
//! Seeding: definitions and a reason over the API; 100,000 users and 100,000 instantaneous
//! instances of other users with one SQL statement each; the one user's 353 instances with
//! SQL built here (200 cancelled after two changes: 4 entries each; 100 instantaneous; 47
//! ended: 2 entries each; 6 running), acted on by 20 different people. No `ANALYZE`, as in
//! production. Options: `BENCH_USERS` (100000), `BENCH_REPEAT` (200).

use std::fmt::Write as _;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::{middleware, App, HttpServer};
use anyhow::{anyhow, Context, Result};
use diesel::connection::SimpleConnection;
use serde_json::{json, Value};

use actioneer::clock::{Clock, SystemClock};
use actioneer::config::Config;
use actioneer::server;
use actioneer::service::staff::{self, MemberInput};

const API_KEY: &str = "bench-api-key-0123456789abcdefghijklmnop";
const PASSWORD: &str = "bench staff password";
const DAY: i64 = 86_400_000;

fn env_or(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Bench {
    base: String,
    api: reqwest::blocking::Client,
    browser: reqwest::blocking::Client,
}

impl Bench {
    fn api_post(&self, path: &str, body: Value) -> Result<Value> {
        let res = self
            .api
            .post(format!("{}{path}", self.base))
            .header("Authorization", API_KEY)
            .json(&body)
            .send()?;
        let status = res.status();
        let body: Value = res.json().unwrap_or(Value::Null);
        if !status.is_success() {
            return Err(anyhow!("{path}: {status} {body}"));
        }
        Ok(body)
    }

    /// Times `repeat` GETs of `path` (after a few to warm up); returns (p50, p99, max, bytes).
    fn time(&self, path: &str, repeat: usize) -> Result<(f64, f64, f64, usize)> {
        let mut bytes = 0;
        for _ in 0..5 {
            bytes = self.get(path)?.len();
        }
        let mut ms = Vec::with_capacity(repeat);
        for _ in 0..repeat {
            let started = Instant::now();
            self.get(path)?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
        Ok((at(0.5), at(0.99), at(1.0), bytes))
    }

    fn get(&self, path: &str) -> Result<String> {
        let res = self.browser.get(format!("{}{path}", self.base)).send()?;
        let status = res.status();
        let body = res.text()?;
        if status.as_u16() != 200 {
            return Err(anyhow!("GET {path}: {status}"));
        }
        Ok(body)
    }
}

fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"_csrf\" value=\"")? + "name=\"_csrf\" value=\"".len();
    let end = page[at..].find('"')? + at;
    Some(page[at..end].to_string())
}

fn uuid(kind: u32, n: i64) -> String {
    format!("00000000-0000-4000-{kind:04x}-{n:012}")
}

fn main() -> Result<()> {
    let users = env_or("BENCH_USERS", 100_000);
    let repeat = env_or("BENCH_REPEAT", 200) as usize;
    let dir = tempfile::tempdir()?;
    let mut config = Config::from_vars(&Default::default()).map_err(|e| anyhow!(e))?;
    config.database_url = format!("sqlite://{}", dir.path().join("bench.db").display());
    config.api_key = Some(API_KEY.into());
    config.pool_size = 4;
    let clock = Arc::new(SystemClock);
    let state = server::prepare(config, clock.clone())?;
    let now = clock.now();

    {
        let input = MemberInput {
            email: "agent@staff.test".into(),
            name: "Support Agent".into(),
            password: PASSWORD.into(),
            role: "support".into(),
            ..Default::default()
        };
        let hash = staff::hash_password(&input).map_err(|e| anyhow!("{e}"))?;
        let mut conn = state.db.write()?;
        staff::create(&mut conn, now, &input, hash).map_err(|e| anyhow!("{e}"))?;
    }

    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let app_state = state.clone();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .wrap(middleware::from_fn(server::empty_error_bodies))
                    .configure(server::configure(app_state.clone()))
            })
            .workers(2)
            .listen(listener);
            match server {
                Ok(server) => {
                    let _ = server.run().await;
                }
                Err(e) => eprintln!("listen: {e}"),
            }
        })
    });
    let bench = Bench {
        base,
        api: reqwest::blocking::Client::new(),
        browser: reqwest::blocking::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()?,
    };
    std::thread::sleep(Duration::from_millis(200));

    // Definitions and a reason, over the API.
    let action = |body: Value| -> Result<String> {
        let res = bench.api_post("/api/user-action", json!({ "userAction": body }))?;
        res["userAction"]["id"]
            .as_str()
            .map(str::to_string)
            .context("action id")
    };
    let ban = action(json!({"name": "Ban", "temporal": true}))?;
    let mute = action(json!({"name": "Mute", "temporal": true}))?;
    let warn = action(json!({"name": "Warn", "temporal": false,
        "options": [{"name": "Yellow"}, {"name": "Red"}]}))?;
    bench.api_post(
        "/api/user-action-reason",
        json!({"userActionReason": {"text": "Spam", "code": "SP"}}),
    )?;

    let seeding = Instant::now();
    let tenant = {
        let mut conn = state.db.write()?;
        actioneer::service::tenants::list(&mut conn)
            .map_err(|e| anyhow!("{e}"))?
            .into_iter()
            .next()
            .context("Default tenant")?
            .id
    };
    let mut conn = state.db.write()?;
    // 100,000 users: eight first names, ten last names, emails by number.
    conn.batch_execute(&format!(
        "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {users})
         INSERT INTO users (id, tenant_id, email, email_ci, username, username_ci, first_name,
           last_name, full_name, preferred_languages, timezone, active, data, password_hash,
           failed_login_count, last_failed_login_instant, insert_instant, last_update_instant,
           last_login_instant)
         SELECT printf('00000000-0000-4000-8000-%012d', n), '{tenant}',
           printf('User.%d@Example%d.test', n, n % 50), printf('user.%d@example%d.test', n, n % 50),
           NULL, NULL,
           CASE n % 8 WHEN 0 THEN 'Ada' WHEN 1 THEN 'Grace' WHEN 2 THEN 'Linus' WHEN 3 THEN 'Alan'
             WHEN 4 THEN 'Barbara' WHEN 5 THEN 'Edsger' WHEN 6 THEN 'Frances' ELSE 'Donald' END,
           CASE n % 10 WHEN 0 THEN 'Smith' WHEN 1 THEN 'Müller' WHEN 2 THEN 'Martin'
             WHEN 3 THEN 'García' WHEN 4 THEN 'Rossi' WHEN 5 THEN 'Novak' WHEN 6 THEN 'Jansen'
             WHEN 7 THEN 'Silva' WHEN 8 THEN 'Kowalski' ELSE 'Nielsen' END || (n % 997),
           NULL, '[\"en\"]', NULL, TRUE, '{{}}', NULL, 0, NULL, {now}, {now}, NULL
         FROM seq"
    ))?;
    // 100,000 instantaneous instances of other users, so the page's queries find one user's
    // instances among many.
    conn.batch_execute(&format!(
        "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {users})
         INSERT INTO action_instances (id, tenant_id, user_action_id, actionee_user_id,
           actioner_user_id, application_ids, comment, email_user_on_end, notify_user_on_end,
           end_event_sent, expiry, cancelled, created_instant, insert_instant, name,
           localized_name, option_name, localized_option, reason, localized_reason, reason_code,
           history)
         SELECT printf('00000000-0000-4000-9000-%012d', n), '{tenant}', '{warn}',
           printf('00000000-0000-4000-8000-%012d', 1 + (n * 7919) % {users}), NULL, '[]', NULL,
           FALSE, FALSE, NULL, NULL, FALSE, {now} - n * 1000, {now} - n * 1000, 'Warn', 'Warn',
           'Red', 'Red', NULL, NULL, NULL, '[]'
         FROM seq"
    ))?;

    // The one user with a long history, acted on by 20 people (some of the users above).
    let subject = uuid(0x7000, 1);
    conn.batch_execute(&format!(
        "INSERT INTO users (id, tenant_id, email, email_ci, first_name, last_name,
           preferred_languages, timezone, active, data, failed_login_count, insert_instant,
           last_update_instant, last_login_instant)
         VALUES ('{subject}', '{tenant}', 'Subject@Example.test', 'subject@example.test', 'Sam',
           'Subject', '[\"en\",\"de\"]', 'Europe/Berlin', TRUE, '{{}}', 0, {now}, {now}, {now})"
    ))?;
    let actioner = |n: i64| uuid(0x8000, 1 + n % 20);
    let mut sql = String::from("BEGIN;");
    let mut entries = 0;
    let mut add = |id: String,
                   action: &str,
                   name: &str,
                   by: String,
                   comment: &str,
                   expiry: Option<i64>,
                   cancelled: bool,
                   inserted: i64,
                   option: Option<&str>,
                   history: &Value|
     -> Result<()> {
        let expiry = expiry.map_or("NULL".to_string(), |e| e.to_string());
        let option = option.map_or("NULL".to_string(), |o| format!("'{o}'"));
        let created = history
            .as_array()
            .and_then(|h| h.first())
            .and_then(|h| h["createInstant"].as_i64())
            .unwrap_or(inserted);
        write!(
            sql,
            "INSERT INTO action_instances (id, tenant_id, user_action_id, actionee_user_id,
               actioner_user_id, application_ids, comment, email_user_on_end, notify_user_on_end,
               end_event_sent, expiry, cancelled, created_instant, insert_instant, name,
               localized_name, option_name, localized_option, reason, localized_reason,
               reason_code, history)
             VALUES ('{id}', '{tenant}', '{action}', '{subject}', '{by}', '[]', '{comment}',
               FALSE, FALSE, TRUE, {expiry}, {cancelled}, {created}, {inserted}, '{name}',
               '{name}', {option}, {option}, 'Spam', 'Spam', 'SP', '{history}');",
            cancelled = if cancelled { "TRUE" } else { "FALSE" },
        )?;
        Ok(())
    };
    let year_ago = now - 365 * DAY;
    let mut n = 0;
    // 200 cancelled after two changes: applied, changed, changed, cancelled.
    for k in 0..200 {
        n += 1;
        let at = year_ago + k * DAY;
        let history = json!([
            {"actionerUserId": actioner(n), "comment": format!("applied {k}"), "createInstant": at, "expiry": at + 7 * DAY},
            {"actionerUserId": actioner(n + 1), "comment": "longer", "createInstant": at + DAY, "expiry": at + 14 * DAY},
            {"actionerUserId": actioner(n + 2), "comment": "shorter", "createInstant": at + 2 * DAY, "expiry": at + 10 * DAY},
        ]);
        add(
            uuid(0x7001, n),
            &ban,
            "Ban",
            actioner(n + 3),
            "forgiven",
            Some(at + 3 * DAY),
            true,
            at + 3 * DAY,
            None,
            &history,
        )?;
        entries += 4;
    }
    // 100 instantaneous.
    for k in 0..100 {
        n += 1;
        let at = year_ago + k * DAY + 3_600_000;
        add(
            uuid(0x7001, n),
            &warn,
            "Warn",
            actioner(n),
            "be nice",
            None,
            false,
            at,
            Some("Red"),
            &json!([]),
        )?;
        entries += 1;
    }
    // 47 ended at expiry: applied, ended.
    for k in 0..47 {
        n += 1;
        let at = year_ago + k * DAY + 7_200_000;
        add(
            uuid(0x7001, n),
            &mute,
            "Mute",
            actioner(n),
            "quiet",
            Some(at + DAY),
            false,
            at,
            None,
            &json!([]),
        )?;
        entries += 2;
    }
    // 6 running (the page lists them as current actions; only one per definition in real life,
    // but the page does not care).
    for k in 0..6 {
        n += 1;
        let at = now - k * DAY;
        add(
            uuid(0x7001, n),
            &mute,
            "Mute",
            actioner(n),
            "running",
            Some(now + 30 * DAY),
            false,
            at,
            None,
            &json!([]),
        )?;
        entries += 1;
    }
    sql.push_str("COMMIT;");
    conn.batch_execute(&sql)?;
    drop(conn);
    println!(
        "seeded {users} users, {users} other instances and one user with {n} instances ({entries} timeline entries) in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    // Sign in.
    let login = bench.get("/admin/login")?;
    let csrf = csrf_of(&login).context("login form token")?;
    let res = bench
        .browser
        .post(format!("{}/admin/login", bench.base))
        .form(&[
            ("email", "agent@staff.test"),
            ("password", PASSWORD),
            ("next", "/admin/"),
            ("_csrf", &csrf),
        ])
        .send()?;
    if res.status().as_u16() != 303 {
        return Err(anyhow!("sign-in failed: {}", res.status()));
    }

    let page = bench.get(&format!("/admin/users/{subject}"))?;
    let shown = page.matches("<li class=\"step-").count();
    if shown != entries {
        return Err(anyhow!(
            "the page shows {shown} timeline entries, not {entries}"
        ));
    }

    println!();
    println!("| request | p50 ms | p99 ms | max ms | body KiB | target |");
    println!("|---|---:|---:|---:|---:|---|");
    let (p50, p99, max, bytes) = bench.time(&format!("/admin/users/{subject}"), repeat)?;
    println!(
        "| user page, {entries} timeline entries | {p50:.2} | {p99:.2} | {max:.2} | {} | ≤ 20 ms |",
        bytes / 1024
    );
    let searches = [
        ("everyone (no words), page 1", String::new()),
        ("everyone, page 2000", "&page=2000".to_string()),
        ("common name `smith` (10 %)", "smith".to_string()),
        (
            "first name `grace` + last `müller`",
            "grace+m%C3%BCller".to_string(),
        ),
        ("email part `user.4242@`", "user.4242%40".to_string()),
        ("no match `zzq`", "zzq".to_string()),
        ("exact id", uuid(0x8000, 4242)),
    ];
    for (label, q) in searches {
        let path = format!("/admin/users?q={q}");
        let (p50, p99, max, bytes) = bench.time(&path, repeat)?;
        println!(
            "| search: {label} | {p50:.2} | {p99:.2} | {max:.2} | {} | ≤ 50 ms |",
            bytes / 1024
        );
    }
    state
        .shutdown
        .store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}
