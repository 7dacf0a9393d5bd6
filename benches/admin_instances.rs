//! Admin app benchmark: the instances list and the dashboard over 1,000,000 instances (SQLite).
//!
//! `cargo bench --bench admin_instances` (`BENCH_INSTANCES`, `BENCH_USERS`, `BENCH_RUNS` change
//! the sizes). Seeds a fresh SQLite file with SQL (one recursive-CTE insert per table), then
//! calls the admin pages in process through actix's test service with a signed-in session, so
//! the figures are server time (routing, session check, queries, rendering) without a network.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Instant;

use actix_web::{middleware, test, App};
use diesel::connection::SimpleConnection;

use actioneer::clock::{Clock, SystemClock};
use actioneer::config::Config;
use actioneer::server;
use actioneer::service::{staff, user_actions};

const DAY: i64 = 86_400_000;

fn env(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let instances = env("BENCH_INSTANCES", 1_000_000);
    let users = env("BENCH_USERS", 100_000);
    let runs = env("BENCH_RUNS", 50) as usize;
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::from_vars(&Default::default()).unwrap();
    config.database_url = format!("sqlite://{}/bench.db", dir.path().display());
    config.pool_size = 4;
    let state = server::prepare(config, Arc::new(SystemClock)).unwrap();
    let now = SystemClock.now();

    // Definitions and staff through the services; users and instances with SQL.
    let mut conn = state.db.write().unwrap();
    let action = |body: serde_json::Value| {
        serde_json::from_value::<actioneer::domain::user_action::UserActionInput>(body).unwrap()
    };
    let conn_ref = &mut *conn;
    let ban = user_actions::create(
        conn_ref,
        now,
        None,
        action(serde_json::json!({"name": "Ban", "temporal": true, "preventLogin": true})),
    )
    .unwrap()
    .id;
    let subscription = user_actions::create(
        conn_ref,
        now,
        None,
        action(serde_json::json!({"name": "Subscription", "temporal": true})),
    )
    .unwrap()
    .id;
    let survey = user_actions::create(
        conn_ref,
        now,
        None,
        action(serde_json::json!({"name": "Happiness", "options": [
            {"name": "happy"}, {"name": "indifferent"}, {"name": "frustrated"}]})),
    )
    .unwrap()
    .id;
    let mut agents = vec![];
    let mut token = String::new();
    for k in 0..5 {
        let input = staff::MemberInput {
            email: format!("agent{k}@bench.test"),
            name: format!("Agent {k}"),
            password: "bench password 1".into(),
            role: "admin".into(),
            ..Default::default()
        };
        let hash = staff::hash_password(&input).unwrap();
        let member = staff::create(conn_ref, now, &input, hash).unwrap();
        if k == 0 {
            token = staff::start_session(conn_ref, now, member.id).unwrap();
        }
        agents.push(member.id.to_string());
    }
    let tenant: String = {
        use diesel::prelude::*;
        actioneer::db::schema::tenants::table
            .select(actioneer::db::schema::tenants::id)
            .first(conn_ref)
            .unwrap()
    };
    let t = Instant::now();
    conn_ref
        .batch_execute(&format!(
            "BEGIN; WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {last}) \
             INSERT INTO users (id, tenant_id, email, email_ci, username, username_ci, first_name, \
             last_name, full_name, preferred_languages, timezone, active, data, password_hash, \
             failed_login_count, last_failed_login_instant, insert_instant, last_update_instant, \
             last_login_instant) \
             SELECT 'b0000000-0000-4000-8000-' || printf('%012d', n), '{tenant}', \
             'user' || n || '@bench.test', 'user' || n || '@bench.test', NULL, NULL, NULL, NULL, \
             NULL, '[]', NULL, TRUE, '{{}}', NULL, 0, NULL, {now}, {now}, NULL FROM c; COMMIT;",
            last = users - 1
        ))
        .unwrap();
    // 30 % survey answers (a comment on 1 in 50), 20 % current bans, 40 % ended
    // subscriptions, 10 % cancelled bans; created evenly over the past year.
    let year = 365 * DAY;
    let sql = format!(
        "BEGIN; WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {last}) \
         INSERT INTO action_instances (id, tenant_id, user_action_id, actionee_user_id, \
         actioner_user_id, application_ids, comment, email_user_on_end, notify_user_on_end, \
         end_event_sent, expiry, cancelled, created_instant, insert_instant, name, \
         localized_name, option_name, localized_option, reason, localized_reason, reason_code, \
         history) \
         SELECT 'c0000000-0000-4000-8000-' || printf('%012d', n), '{tenant}', \
           CASE WHEN n % 10 < 3 THEN '{survey}' WHEN n % 10 < 5 OR n % 10 = 9 THEN '{ban}' \
                ELSE '{subscription}' END, \
           'b0000000-0000-4000-8000-' || printf('%012d', n % {users}), \
           CASE n % 5 WHEN 0 THEN '{a0}' WHEN 1 THEN '{a1}' WHEN 2 THEN '{a2}' WHEN 3 THEN '{a3}' \
                ELSE '{a4}' END, \
           '[]', CASE WHEN n % 50 = 0 THEN 'comment ' || n END, FALSE, FALSE, \
           CASE WHEN n % 10 < 3 THEN NULL WHEN n % 10 < 5 THEN FALSE ELSE TRUE END, \
           CASE WHEN n % 10 < 3 THEN NULL WHEN n % 10 < 5 THEN {now} + (n % 60) * {hour} \
                ELSE {now} - {year} + n * {step} + {day} END, \
           n % 10 = 9, {now} - {year} + n * {step}, {now} - {year} + n * {step}, \
           CASE WHEN n % 10 < 3 THEN 'Happiness' WHEN n % 10 < 5 OR n % 10 = 9 THEN 'Ban' \
                ELSE 'Subscription' END, NULL, \
           CASE WHEN n % 10 < 3 THEN CASE n % 3 WHEN 0 THEN 'happy' WHEN 1 THEN 'indifferent' \
                ELSE 'frustrated' END END, NULL, NULL, NULL, NULL, '[]' \
         FROM c; \
         INSERT INTO action_instance_ends (instance_id, expiry) \
         SELECT id, expiry FROM action_instances \
         WHERE end_event_sent = FALSE AND cancelled = FALSE AND expiry IS NOT NULL; COMMIT;",
        last = instances - 1,
        a0 = agents[0],
        a1 = agents[1],
        a2 = agents[2],
        a3 = agents[3],
        a4 = agents[4],
        hour = 3 * 60 * 60 * 1000,
        step = year / instances,
        day = DAY,
    );
    conn_ref.batch_execute(&sql).unwrap();
    eprintln!(
        "seeded {users} users and {instances} instances in {:.1?}",
        t.elapsed()
    );
    drop(conn);

    // A cursor deep in the list: the row 90 % of the way down (newest first).
    let deep_n = instances / 10;
    let deep_at = now - year + deep_n * (year / instances);
    let deep = format!("/admin/instances?after={deep_at}_c0000000-0000-4000-8000-{deep_n:012}");
    let pages = [
        ("instances, first page", "/admin/instances".to_string()),
        ("instances, deep page (keyset, row ~900k)", deep),
        (
            "instances, filtered (action=Ban, state=active)",
            format!("/admin/instances?action={ban}&state=active"),
        ),
        (
            "instances, filtered (agent = one of 5 agents, 200k rows)",
            format!("/admin/instances?agent={}", agents[1]),
        ),
        (
            "instances, filtered (state=cancelled, expiring before a date)",
            "/admin/instances?state=cancelled&expires_before=2026-06-01T00%3A00".to_string(),
        ),
        ("dashboard", "/admin/".to_string()),
    ];
    let cookie = format!("actioneer_session={token}");
    actix_web::rt::System::new().block_on(async move {
        let app = test::init_service(
            App::new()
                .wrap(middleware::from_fn(server::empty_error_bodies))
                .configure(server::configure(state.clone())),
        )
        .await;
        println!("| page | runs | p50 ms | p99 ms | max ms |");
        println!("|---|---:|---:|---:|---:|");
        for (label, path) in &pages {
            let mut times = vec![];
            for run in 0..runs + 3 {
                let req = test::TestRequest::get()
                    .uri(path)
                    .insert_header(("cookie", cookie.as_str()))
                    .to_request();
                let t = Instant::now();
                let res = test::call_service(&app, req).await;
                let status = res.status();
                let _body = test::read_body(res).await;
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                assert!(status.is_success(), "{path}: {status}");
                if run >= 3 {
                    times.push(ms);
                }
            }
            times.sort_by(|a, b| a.total_cmp(b));
            println!(
                "| {label} | {runs} | {:.2} | {:.2} | {:.2} |",
                percentile(&times, 0.5),
                percentile(&times, 0.99),
                times.last().copied().unwrap_or_default()
            );
        }
    });
}
