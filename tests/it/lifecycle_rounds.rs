//! The start and reminder rounds of the lifecycle loop: a batch that fails falls back to one item
//! at a time, so one poisoned instance never holds up the others; the bad one is recorded in the
//! loop's health and tried again later. Their due items count in the loop's backlog.

use diesel::connection::SimpleConnection;
use serde_json::{json, Value};

use actioneer::delivery::health::ENDS;

use crate::both_world;
use crate::sinks::{hooked, wait, Receiver};
use crate::support::*;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// An app with `user.action` events on and one global webhook.
struct World {
    app: TestApp,
    hook: Receiver,
    backend: Backend,
}

fn world(backend: Backend) -> Option<World> {
    let app = TestApp::start(backend)?;
    let (hook, _) = hooked(&app);
    Some(World { app, hook, backend })
}

/// Makes the database refuse any event of one instance: its start or reminder cannot be sent.
fn poison_instance(w: &World, instance: &str) {
    let sql = match w.backend {
        Backend::Sqlite => format!(
            "CREATE TRIGGER poison BEFORE INSERT ON outbox WHEN NEW.action_id = '{instance}' \
             BEGIN SELECT RAISE(ABORT, 'poisoned instance'); END;"
        ),
        Backend::Postgres => format!(
            "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN \
             IF NEW.action_id = '{instance}' THEN RAISE EXCEPTION 'poisoned instance'; END IF; \
             RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER poison BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION poison();"
        ),
    };
    let mut conn = w.app.state.db.write().unwrap();
    conn.batch_execute(&sql).unwrap();
}

fn cure(w: &World) {
    let mut conn = w.app.state.db.write().unwrap();
    conn.batch_execute("DROP TRIGGER poison ON outbox")
        .or_else(|_| conn.batch_execute("DROP TRIGGER poison"))
        .unwrap();
}

/// The instances whose event of `phase` the webhook received.
fn received(w: &World, phase: &str) -> Vec<String> {
    w.hook
        .received()
        .iter()
        .map(|r| r.json())
        .filter(|j| j["event"]["phase"] == phase)
        .map(|j| j["event"]["actionId"].as_str().unwrap().to_string())
        .collect()
}

fn ends_loop_error(app: &TestApp) -> (u64, String) {
    let snapshot = app.state.workers.snapshot();
    let lifecycle = snapshot.iter().find(|l| l.name == ENDS).unwrap();
    (
        lifecycle.failed_items,
        lifecycle.last_error.clone().unwrap_or_default(),
    )
}

fn apply(app: &TestApp, action: Value) -> String {
    let res = app.post(
        "/api/user/action",
        json!({"broadcast": true, "action": action}),
    );
    res.ok()["action"]["id"].as_str().unwrap().to_string()
}

both_world!(a_poisoned_start_does_not_hold_up_the_others, |w| {
    let app = &w.app;
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    let mut instances = Vec::new();
    for n in 0..3 {
        let user = app.user(&format!("s{n}@example.com"), &[]);
        instances.push(apply(
            app,
            json!({"userActionId": ban, "actioneeUserId": user, "actionerUserId": user,
                "startInstant": START + 60_000, "expiry": START + DAY}),
        ));
    }
    // Three starts wait; counted with a later clock, they are the lifecycle loop's backlog.
    {
        let mut conn = app.state.db.read().unwrap();
        let later = actioneer::delivery::worker::lifecycle_backlog(&mut conn, START + 60_000);
        assert_eq!(later.unwrap(), 3);
        let now = actioneer::delivery::worker::lifecycle_backlog(&mut conn, START);
        assert_eq!(now.unwrap(), 0);
    }
    poison_instance(&w, &instances[1]);
    app.clock.advance(61_000);

    wait(|| received(&w, "start").len() >= 2);
    let started = received(&w, "start");
    assert_eq!(started.len(), 2, "{started:?}");
    assert!(started.contains(&instances[0]) && started.contains(&instances[2]));
    let (failed, error) = ends_loop_error(app);
    assert!(failed >= 1);
    assert!(
        error.contains(&instances[1]) && error.contains("start") && error.contains("poisoned"),
        "{error}"
    );
    assert_eq!(app.get("/api/status").status, 200);

    // Cured, its postponed start goes out, once.
    cure(&w);
    app.clock.advance(2_000);
    wait(|| received(&w, "start").len() >= 3);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let started = received(&w, "start");
    assert_eq!(started.len(), 3, "{started:?}");
    assert!(started.contains(&instances[1]));
});

both_world!(a_poisoned_reminder_does_not_hold_up_the_others, |w| {
    let app = &w.app;
    let plan = app.action(
        json!({"name": "Plan", "temporal": true, "kind": "entitlement",
        "reminders": [{"beforeExpiry": HOUR}]}),
    );
    let mut instances = Vec::new();
    for n in 0..3 {
        let user = app.user(&format!("r{n}@example.com"), &[]);
        instances.push(apply(
            app,
            json!({"userActionId": plan, "actioneeUserId": user, "actionerUserId": user,
                "expiry": START + DAY}),
        ));
    }
    {
        let mut conn = app.state.db.read().unwrap();
        let due = actioneer::delivery::worker::lifecycle_backlog(&mut conn, START + DAY - HOUR);
        assert_eq!(due.unwrap(), 3, "three reminders due then");
    }
    poison_instance(&w, &instances[0]);
    app.clock.advance(DAY - HOUR);

    wait(|| received(&w, "reminder").len() >= 2);
    let reminded = received(&w, "reminder");
    assert_eq!(reminded.len(), 2, "{reminded:?}");
    assert!(!reminded.contains(&instances[0]));
    let (failed, error) = ends_loop_error(app);
    assert!(failed >= 1);
    assert!(
        error.contains(&instances[0]) && error.contains("reminder"),
        "{error}"
    );

    cure(&w);
    app.clock.advance(2_000);
    wait(|| received(&w, "reminder").len() >= 3);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(received(&w, "reminder").len(), 3);
    assert!(received(&w, "end").is_empty(), "nothing has ended yet");
});
