//! Real `actioneer serve` processes: nothing committed is lost when one is killed, and two
//! processes on one PostgreSQL deliver each event once.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::sinks::{wait, Receiver};
use crate::support::*;

/// A real `actioneer serve` process on a free port (shared with `lifecycle_processes`).
pub(crate) struct Server {
    child: Child,
    base: String,
}

impl Server {
    pub(crate) fn start(database_url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_actioneer"))
            .arg("serve")
            .env("ACTIONEER_DATABASE_URL", database_url)
            .env("ACTIONEER_BIND", format!("127.0.0.1:{port}"))
            .env("ACTIONEER_API_KEY", API_KEY)
            .env("ACTIONEER_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start actioneer serve");
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::blocking::Client::new();
        wait(|| {
            client
                .get(format!("{base}/api/status"))
                .send()
                .is_ok_and(|r| r.status().is_success())
        });
        Server { child, base }
    }

    pub(crate) fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let res = reqwest::blocking::Client::new()
            .request(method, format!("{}{}", self.base, path))
            .header("Authorization", API_KEY)
            .json(&body)
            .send()
            .unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
        res.json().unwrap_or(serde_json::Value::Null)
    }

    pub(crate) fn kill(mut self) {
        // SIGKILL: no shutdown hooks run.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Enables `user.action`, adds a webhook to `hook`, a temporal definition and a user.
fn setup(server: &Server, hook: &Receiver) -> (String, String) {
    let tenants = server.call(reqwest::Method::GET, "/api/tenant", json!(null));
    let tenant = tenants["tenants"][0]["id"].as_str().unwrap().to_string();
    server.call(
        reqwest::Method::PATCH,
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    );
    server.call(
        reqwest::Method::POST,
        "/api/webhook",
        json!({"webhook": {"url": hook.url, "connectTimeout": 1000, "readTimeout": 2000, "global": true,
            "eventsEnabled": {"user.action": true}}}),
    );
    let action = server.call(
        reqwest::Method::POST,
        "/api/user-action",
        json!({"userAction": {"name": "Ban", "temporal": true}}),
    );
    let user = server.call(
        reqwest::Method::POST,
        "/api/user",
        json!({"user": {"email": "k@example.com"}}),
    );
    (
        action["userAction"]["id"].as_str().unwrap().to_string(),
        user["user"]["id"].as_str().unwrap().to_string(),
    )
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn event_ids(hook: &Receiver) -> Vec<String> {
    hook.received()
        .iter()
        .map(|r| r.json()["event"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_killed_server_delivers_after_restart_with_the_same_event_id() {
    let Some((url, _guard)) = fresh_database(Backend::Sqlite) else {
        return;
    };
    let hook = Receiver::start();
    hook.answer_with(&[503]);
    let server = Server::start(&url);
    let (action, user) = setup(&server, &hook);
    server.call(
        reqwest::Method::POST,
        "/api/user/action",
        json!({"broadcast": true, "action": {"userActionId": action, "actioneeUserId": user, "actionerUserId": user,
            "expiry": now_ms() + 3_600_000}}),
    );
    hook.wait_for(1);
    // Kill once the failed attempt is recorded: a process killed mid-attempt leaves the item
    // leased for two minutes, longer than this test waits.
    wait(|| {
        let log = server.call(
            reqwest::Method::GET,
            "/api/system/webhook-event-log/search",
            serde_json::Value::Null,
        );
        log["webhookEventLogs"][0]["attempts"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    });
    server.kill();
    let restarted = Server::start(&url);
    let got = hook.wait_for(2);
    assert_eq!(got.len(), 2);
    let ids = event_ids(&hook);
    assert_eq!(
        ids[0], ids[1],
        "the retry after the restart carries the same event id"
    );
    drop(restarted);
}

#[test]
fn two_servers_on_one_postgres_deliver_each_event_once() {
    let Some((url, _guard)) = fresh_database(Backend::Postgres) else {
        return;
    };
    let hook = Receiver::start();
    let a = Server::start(&url);
    let b = Server::start(&url);
    let (action, _) = setup(&a, &hook);
    let count = 20;
    for n in 0..count {
        let server = if n % 2 == 0 { &a } else { &b };
        let user = server.call(
            reqwest::Method::POST,
            "/api/user",
            json!({"user": {"email": format!("p{n}@example.com")}}),
        );
        let user = user["user"]["id"].as_str().unwrap();
        // Starts now, and ends in 2 s: both the start and the end event are recorded once.
        server.call(
            reqwest::Method::POST,
            "/api/user/action",
            json!({"broadcast": true, "action": {"userActionId": action, "actioneeUserId": user, "actionerUserId": user,
                "expiry": now_ms() + 2_000}}),
        );
    }
    hook.wait_for(2 * count);
    std::thread::sleep(Duration::from_secs(2));
    let mut ids = event_ids(&hook);
    assert_eq!(
        ids.len(),
        2 * count,
        "every start and end event arrived exactly once"
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 2 * count);
    let phases: Vec<String> = hook
        .received()
        .iter()
        .map(|r| r.json()["event"]["phase"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(phases.iter().filter(|p| *p == "end").count(), count);
}
