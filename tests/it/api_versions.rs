//! Optimistic concurrency on the API (an extension): every instance says its `version`, and a
//! modify or cancel that sends the version it read is refused with 409 when another change came
//! first; nothing is written. A request without `version` behaves as FusionAuth's does.

use serde_json::{json, Value};

use crate::both;
use crate::support::{TestApp, START};

const DAY: i64 = 86_400_000;

fn new_user(app: &TestApp, email: &str) -> String {
    let res = app.post("/api/user", json!({"user": {"email": email}}));
    res.ok()["user"]["id"].as_str().unwrap().to_string()
}

/// A user with a running 7-day ban; returns (actioner id, instance).
fn banned(app: &TestApp) -> (String, Value) {
    let user = new_user(app, "vic@example.test");
    let agent = new_user(app, "agent@example.test");
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user,
               "actionerUserId": agent, "expiry": START + 7 * DAY}}),
    );
    (agent, res.ok()["action"].clone())
}

both!(
    a_change_from_a_version_read_before_another_change_is_refused,
    |app| {
        let (agent, applied) = banned(&app);
        assert_eq!(applied["version"], 0);
        let id = applied["id"].as_str().unwrap();
        let url = format!("/api/user/action/{id}");

        let first = app.put(
        &url,
        json!({"action": {"actionerUserId": agent, "expiry": START + 14 * DAY, "comment": "longer", "version": 0}}),
    );
        assert_eq!(first.ok()["action"]["version"], 1);

        // A second client still holding version 0.
        let stale = app.put(
            &url,
            json!({"action": {"actionerUserId": agent, "expiry": START + 30 * DAY, "version": 0}}),
        );
        assert_eq!(stale.status, 409, "{}", stale.text);
        let body = &stale.body;
        assert_eq!(body["generalErrors"][0]["code"], "[StaleVersion]");
        let now = app.get(&url).ok()["action"].clone();
        assert_eq!(now["expiry"], START + 14 * DAY);
        assert_eq!(now["version"], 1);

        let cancel_stale = app.delete_with(
            &url,
            json!({"action": {"actionerUserId": agent, "version": 0}}),
        );
        assert_eq!(cancel_stale.status, 409, "{}", cancel_stale.text);
        assert_eq!(app.get(&url).ok()["action"]["state"], "active");

        // With the current version, and without any, changes go through.
        let cancel = app.delete_with(
            &url,
            json!({"action": {"actionerUserId": agent, "comment": "done", "version": 1}}),
        );
        assert_eq!(cancel.ok()["action"]["state"], "cancelled");
        assert_eq!(app.get(&url).ok()["action"]["version"], 2);
    }
);

both!(a_change_without_a_version_is_not_checked, |app| {
    let (agent, applied) = banned(&app);
    let url = format!("/api/user/action/{}", applied["id"].as_str().unwrap());
    app.put(
        &url,
        json!({"action": {"actionerUserId": agent, "expiry": START + 14 * DAY}}),
    )
    .ok();
    let res = app.put(
        &url,
        json!({"action": {"actionerUserId": agent, "expiry": START + 21 * DAY}}),
    );
    assert_eq!(res.ok()["action"]["version"], 2);
});
