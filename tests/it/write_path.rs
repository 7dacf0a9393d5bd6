//! The write path at scale (issue 12): applies lock without touching the user's row, batches
//! lock in one order, one failing apply never fails its batch, and a search's total stops at
//! its bound.

use std::sync::{Arc, Mutex};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::Connection;
use serde_json::json;

use crate::both;
use crate::support::{TestApp, START};
use actioneer::domain::instance::ActionInput;
use actioneer::service::actioning::{self, Publish};

/// Runs `bodies` as applies from `threads` client threads; returns (status, text) in order.
fn apply_all(app: &TestApp, bodies: Vec<serde_json::Value>, threads: usize) -> Vec<(u16, String)> {
    let next = Mutex::new(bodies.into_iter().enumerate());
    let out = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let client = reqwest::blocking::Client::new();
                loop {
                    let Some((n, body)) = next.lock().unwrap().next() else {
                        return;
                    };
                    let res = client
                        .post(format!("{}/api/user/action", app.base))
                        .header("Authorization", &app.key)
                        .json(&json!({"broadcast": true, "action": body}))
                        .send()
                        .expect("sent");
                    let status = res.status().as_u16();
                    let text = res.text().unwrap_or_default();
                    out.lock().unwrap().push((n, status, text));
                }
            });
        }
    });
    let mut out = out.into_inner().unwrap();
    out.sort_by_key(|(n, _, _)| *n);
    out.into_iter().map(|(_, s, t)| (s, t)).collect()
}

fn users(app: &TestApp, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| app.user(&format!("wp{i}@example.com"), &[]))
        .collect()
}

both!(
    many_concurrent_applies_to_one_user_make_one_current_instance,
    |app| {
        let users = users(&app, 2);
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let body = json!({"userActionId": ban, "actioneeUserId": users[0], "actionerUserId": users[1], "expiry": START + 60_000});
        let statuses = apply_all(&app, vec![body; 48], 16);
        let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!(ok, 1, "{statuses:?}");
        for (status, text) in &statuses {
            assert!(
                *status == 200 || text.contains("[duplicate]action.userActionId"),
                "{status} {text}"
            );
        }
        let current = app.get(&format!("/api/user/action?userId={}&active=true", users[0]));
        assert_eq!(current.ok()["actions"].as_array().unwrap().len(), 1);
    }
);

// Applies to a few users, in every order, from many clients: batches on PostgreSQL's several
// writer threads each hold several users. Refused applies (unknown actionee, a second current
// ban) are mixed in. Every valid apply succeeds and is stored; no batch deadlocks or fails.
both!(
    failing_applies_never_fail_or_lose_the_rest_of_their_batch,
    |app| {
        let users = users(&app, 4);
        let survey = app.action(json!({"name": "Survey", "temporal": false}));
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let missing = uuid::Uuid::new_v4().to_string();
        let mut bodies = Vec::new();
        for round in 0..60 {
            for k in 0..users.len() {
                // Rotate the order of users from round to round.
                let user = &users[(k + round) % users.len()];
                let actioner = &users[(k + round + 1) % users.len()];
                bodies.push(json!({"userActionId": survey, "actioneeUserId": user, "actionerUserId": actioner}));
            }
            if round % 5 == 0 {
                bodies.push(json!({"userActionId": survey, "actioneeUserId": missing, "actionerUserId": users[0]}));
                bodies.push(json!({"userActionId": ban, "actioneeUserId": users[round % 4], "actionerUserId": users[0], "expiry": START + 3_600_000}));
            }
        }
        let statuses = apply_all(&app, bodies.clone(), 24);
        let mut stored = std::collections::HashMap::<String, usize>::new();
        let mut bans = 0;
        for (body, (status, text)) in bodies.iter().zip(&statuses) {
            let actionee = body["actioneeUserId"].as_str().unwrap();
            if actionee == missing {
                assert_eq!(*status, 400, "{text}");
                assert!(text.contains("actioneeUserId"), "{text}");
            } else if body["userActionId"] == ban.as_str() {
                assert!(
                    *status == 200 || text.contains("[duplicate]action.userActionId"),
                    "{status} {text}"
                );
                bans += usize::from(*status == 200);
            } else {
                assert_eq!(*status, 200, "{text}");
                *stored.entry(actionee.to_string()).or_default() += 1;
            }
        }
        assert_eq!(bans, 4, "one ban per user: {statuses:?}");
        for user in &users {
            let all = app.get(&format!("/api/user/action?userId={user}"));
            let n = all.ok()["actions"].as_array().unwrap().len();
            assert_eq!(n, stored[user] + 1, "survey answers and the ban of {user}");
        }
    }
);

/// The SQL text of every statement a connection runs.
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

impl Instrumentation for Statements {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            self.0.lock().unwrap().push(query.to_string());
        }
    }
}

// The user's row is not written to serialise applies: on SQLite with foreign keys on, writing it
// checks every instance that references the user, so each apply would cost O(history).
both!(apply_writes_no_user_row_and_reads_little, |app| {
    let users = users(&app, 2);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let survey =
        app.action(json!({"name": "Survey", "temporal": false, "options": [{"name": "Good"}]}));
    let input = |action: &str, expiry: Option<i64>| ActionInput {
        user_action_id: Some(action.parse().unwrap()),
        actionee_user_id: Some(users[0].parse().unwrap()),
        actioner_user_id: Some(users[1].parse().unwrap()),
        expiry,
        option: expiry.is_none().then(|| "Good".to_string()),
        ..ActionInput::default()
    };
    let mut conn = app.state.db.read().expect("connection");
    let seen = Statements::default();
    conn.set_instrumentation(seen.clone());
    let out = app.state.outbound.clone();
    let publish = || Publish {
        out: &out,
        broadcast: true,
        info: None,
    };
    conn.transaction::<_, actioneer::service::ServiceError, _>(|conn| {
        actioning::apply(
            conn,
            START,
            None,
            input(&ban, Some(START + 60_000)),
            publish(),
        )?;
        Ok(())
    })
    .expect("applied");
    let statements = std::mem::take(&mut *seen.0.lock().unwrap());
    conn.set_instrumentation(Statements::default());
    drop(conn);
    let writes_user = |s: &String| s.to_lowercase().replace('"', "").contains("update users");
    assert!(
        !statements.iter().any(writes_user),
        "an apply wrote the user's row: {statements:#?}"
    );
    assert_eq!(
        app.get(&format!("/api/user/action?userId={}&active=true", users[0]))
            .ok()["actions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let _ = survey;
});
