//! Scheduled starts and reminders with real `actioneer serve` processes: they survive a kill -9
//! and are caught up after the restart, once; two processes on one PostgreSQL start each once.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use crate::processes::Server;
use crate::sinks::Receiver;
use crate::support::*;

/// Enables `user.action`, adds a webhook to `hook`; returns a temporal definition's id.
fn setup(server: &Server, hook: &Receiver, definition: Value) -> String {
    let tenants = server.call(Method::GET, "/api/tenant", json!(null));
    let tenant = tenants["tenants"][0]["id"].as_str().unwrap().to_string();
    server.call(
        Method::PATCH,
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    );
    server.call(
        Method::POST,
        "/api/webhook",
        json!({"webhook": {"url": hook.url, "connectTimeout": 1000, "readTimeout": 2000, "global": true,
            "eventsEnabled": {"user.action": true}}}),
    );
    let action = server.call(
        Method::POST,
        "/api/user-action",
        json!({ "userAction": definition }),
    );
    action["userAction"]["id"].as_str().unwrap().to_string()
}

fn user(server: &Server, email: &str) -> String {
    let user = server.call(Method::POST, "/api/user", json!({"user": {"email": email}}));
    user["user"]["id"].as_str().unwrap().to_string()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// (actionId, phase) of every event received.
fn received(hook: &Receiver) -> Vec<(String, String)> {
    hook.received()
        .iter()
        .map(|r| {
            let e = &r.json()["event"];
            (
                e["actionId"].as_str().unwrap_or("").to_string(),
                e["phase"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_scheduled_start_survives_a_kill_and_starts_once_after_restart() {
    let Some((url, _guard)) = fresh_database(Backend::Sqlite) else {
        return;
    };
    let hook = Receiver::start();
    let server = Server::start(&url);
    let ban = setup(&server, &hook, json!({"name": "Ban", "temporal": true}));
    let actionee = user(&server, "k@example.com");
    let start = now_ms() + 1_500;
    let applied = server.call(
        Method::POST,
        "/api/user/action",
        json!({"broadcast": true, "action": {"userActionId": ban, "actioneeUserId": actionee,
            "actionerUserId": actionee, "startInstant": start, "expiry": start + 3_600_000}}),
    );
    assert_eq!(applied["action"]["state"], "scheduled");
    let id = applied["action"]["id"].as_str().unwrap().to_string();
    server.kill();
    // Down past the start instant.
    std::thread::sleep(Duration::from_millis(2_500));
    assert!(hook.received().is_empty());
    let restarted = Server::start(&url);
    hook.wait_for(1);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(received(&hook), vec![(id, "start".to_string())]);
    drop(restarted);
}

#[test]
fn two_servers_on_one_postgres_start_each_scheduled_instance_once() {
    let Some((url, _guard)) = fresh_database(Backend::Postgres) else {
        return;
    };
    let hook = Receiver::start();
    let a = Server::start(&url);
    let b = Server::start(&url);
    let ban = setup(
        &a,
        &hook,
        json!({"name": "Ban", "temporal": true, "sendEndEvent": false}),
    );
    let count = 20;
    let start = now_ms() + 2_000;
    let mut ids = Vec::new();
    for n in 0..count {
        let server = if n % 2 == 0 { &a } else { &b };
        let actionee = user(server, &format!("p{n}@example.com"));
        let applied = server.call(
            Method::POST,
            "/api/user/action",
            json!({"broadcast": true, "action": {"userActionId": ban, "actioneeUserId": actionee,
                "actionerUserId": actionee, "startInstant": start, "expiry": start + 3_600_000}}),
        );
        ids.push(applied["action"]["id"].as_str().unwrap().to_string());
    }
    hook.wait_for(count);
    std::thread::sleep(Duration::from_secs(2));
    let mut got = received(&hook);
    assert_eq!(got.len(), count, "every start arrived exactly once");
    assert!(got.iter().all(|(_, phase)| phase == "start"));
    got.sort();
    ids.sort();
    let got: Vec<String> = got.into_iter().map(|(id, _)| id).collect();
    assert_eq!(got, ids);
}

#[test]
fn a_reminder_survives_a_kill_and_is_sent_once_after_restart() {
    let Some((url, _guard)) = fresh_database(Backend::Sqlite) else {
        return;
    };
    let hook = Receiver::start();
    let server = Server::start(&url);
    let plan = setup(
        &server,
        &hook,
        json!({"name": "Plan", "temporal": true, "sendEndEvent": false,
            "reminders": [{"beforeExpiry": 3_600_000 - 1_500}]}),
    );
    let actionee = user(&server, "r@example.com");
    let applied = server.call(
        Method::POST,
        "/api/user/action",
        json!({"action": {"userActionId": plan, "actioneeUserId": actionee,
            "actionerUserId": actionee, "expiry": now_ms() + 3_600_000}}),
    );
    let id = applied["action"]["id"].as_str().unwrap().to_string();
    server.kill();
    std::thread::sleep(Duration::from_millis(2_500));
    assert!(hook.received().is_empty());
    let restarted = Server::start(&url);
    hook.wait_for(1);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(received(&hook), vec![(id, "reminder".to_string())]);
    drop(restarted);
}
