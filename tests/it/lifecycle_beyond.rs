//! Beyond FusionAuth's lifecycle: kinds, scheduled starts, reminders and escalation ladders.

use serde_json::{json, Value};

use crate::sinks::{hooked, Receiver, SmtpSink};
use crate::support::*;
use crate::{both, both_world};

fn apply(app: &TestApp, action: Value) -> Res {
    app.post("/api/user/action", json!({ "action": action }))
}

fn definition(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/user-action/{id}")).ok()["userAction"].clone()
}

fn search_kind(app: &TestApp, kind: &str) -> Vec<String> {
    app.post("/api/user/action/search", json!({"kind": kind}))
        .ok()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect()
}

both!(kinds_default_from_shape_are_kept_and_filter_search, |app| {
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    let survey = app.action(json!({"name": "Mood", "options": [{"name": "happy"}]}));
    let note = app.action(json!({"name": "Note"}));
    let plan = app.action(json!({"name": "Plan", "temporal": true, "kind": "entitlement"}));
    assert_eq!(definition(&app, &ban)["kind"], "penalty");
    assert_eq!(definition(&app, &survey)["kind"], "survey");
    assert_eq!(definition(&app, &note)["kind"], "other");
    assert_eq!(definition(&app, &plan)["kind"], "entitlement");

    // A FusionAuth client's PUT, which knows no kind, keeps the stored one.
    app.put(
        &format!("/api/user-action/{plan}"),
        json!({"userAction": {"name": "Plan", "temporal": true}}),
    )
    .ok();
    assert_eq!(definition(&app, &plan)["kind"], "entitlement");
    app.patch(
        &format!("/api/user-action/{note}"),
        json!({"userAction": {"kind": "penalty"}}),
    )
    .ok();
    assert_eq!(definition(&app, &note)["kind"], "penalty");
    app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Odd", "kind": "punishment"}}),
    )
    .has_code("[invalid]userAction.kind");

    let admin = app.user("admin@example.com", &[]);
    let user = app.user("user@example.com", &[]);
    for (id, extra) in [
        (&ban, json!({"expiry": START + 60_000})),
        (&plan, json!({"expiry": START + 60_000})),
        (&survey, json!({"option": "happy"})),
    ] {
        let mut a = json!({"userActionId": id, "actioneeUserId": user, "actionerUserId": admin});
        for (k, v) in extra.as_object().unwrap() {
            a[k] = v.clone();
        }
        apply(&app, a).ok();
    }
    assert_eq!(search_kind(&app, "penalty"), vec!["Ban"]);
    assert_eq!(search_kind(&app, "entitlement"), vec!["Plan"]);
    assert_eq!(search_kind(&app, "survey"), vec!["Mood"]);
    app.post("/api/user/action/search", json!({"kind": "nope"}))
        .has_code("[invalid]kind");

    // The pages' grouping: penalties apart from entitlements.
    let mut conn = app.state.db.read().unwrap();
    let user_id = uuid::Uuid::parse_str(&user).unwrap();
    let groups = actioneer::service::lifecycle::current_by_kind(&mut conn, START, user_id).unwrap();
    let names: Vec<(String, Vec<String>)> = groups
        .iter()
        .map(|(k, g)| {
            (
                k.as_str().to_string(),
                g.iter().map(|i| i.name.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("penalty".to_string(), vec!["Ban".to_string()]),
            ("entitlement".to_string(), vec!["Plan".to_string()]),
        ]
    );
    let dashboard = actioneer::service::insights::dashboard(&mut conn, START, None).unwrap();
    let counts: Vec<i64> = dashboard
        .current_by_kind()
        .iter()
        .map(|t| t.count)
        .collect();
    assert_eq!(counts, vec![1, 1, 0, 0]);
});

/// An app with `user.action` enabled for the Default tenant and one global webhook to a receiver.
struct World {
    app: TestApp,
    hook: Receiver,
    smtp: SmtpSink,
}

fn world(backend: Backend) -> Option<World> {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| c.smtp_url = Some(url))?;
    let (hook, _) = hooked(&app);
    Some(World { app, hook, smtp })
}

fn phases(hook: &Receiver) -> Vec<String> {
    hook.received()
        .iter()
        .map(|r| {
            r.json()["event"]["phase"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// Gives the worker time to publish anything it would, then returns the phases received.
fn settled_phases(hook: &Receiver) -> Vec<String> {
    std::thread::sleep(std::time::Duration::from_millis(800));
    phases(hook)
}

fn preventing(app: &TestApp, user: &str) -> usize {
    app.get(&format!(
        "/api/user/action?userId={user}&preventingLogin=true"
    ))
    .ok()["actions"]
        .as_array()
        .unwrap()
        .len()
}

fn schedule(app: &TestApp, ban: &str, user: &str, start: i64, expiry: i64) -> Value {
    app.post(
        "/api/user/action",
        json!({"broadcast": true, "action": {"userActionId": ban, "actioneeUserId": user,
            "actionerUserId": user, "startInstant": start, "expiry": expiry}}),
    )
    .ok()["action"]
        .clone()
}

both_world!(a_scheduled_start_starts_by_itself_once, |w| {
    let app = &w.app;
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    let user = app.user("u@example.com", &[]);
    let action = schedule(app, &ban, &user, START + 60_000, START + 120_000);
    let id = action["id"].as_str().unwrap().to_string();
    assert_eq!(action["state"], "scheduled");
    assert_eq!(action["startInstant"], START + 60_000);
    assert_eq!(
        preventing(app, &user),
        0,
        "a scheduled ban prevents no login"
    );
    let found = app.post("/api/user/action/search", json!({"state": "scheduled"}));
    assert_eq!(found.ok()["total"], 1);
    assert!(
        settled_phases(&w.hook).is_empty(),
        "nothing is published before the start"
    );

    app.clock.advance(60_000);
    let got = w.hook.wait_for(1);
    let e = &got[0].json()["event"];
    assert_eq!(e["phase"], "start");
    assert_eq!(e["actionId"], id.as_str());
    assert_eq!(e["expiry"], START + 120_000);
    assert_eq!(preventing(app, &user), 1);
    let got = app.get(&format!("/api/user/action/{id}"));
    assert_eq!(got.ok()["action"]["state"], "active");
    assert_eq!(settled_phases(&w.hook), vec!["start"], "one start event");

    // Applied again while scheduled: the same definition cannot be doubled up.
    let other = app.user("o@example.com", &[]);
    schedule(app, &ban, &other, START + 200_000, START + 300_000);
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": other, "actionerUserId": other,
            "expiry": START + 400_000}}),
    )
    .has_code("[duplicate]action.userActionId");
});

both_world!(a_modify_moves_the_start_and_a_cancel_drops_it, |w| {
    let app = &w.app;
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let a = app.user("a@example.com", &[]);
    let b = app.user("b@example.com", &[]);
    let moved = schedule(app, &ban, &a, START + 60_000, START + 600_000);
    let moved = moved["id"].as_str().unwrap().to_string();
    let dropped = schedule(app, &ban, &b, START + 60_000, START + 600_000);
    let dropped = dropped["id"].as_str().unwrap().to_string();

    // Bad starts: in the past, after the expiry, on a started or instantaneous action.
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": b, "actionerUserId": b,
            "startInstant": START - 1, "expiry": START + 10}}),
    )
    .has_code("[inPast]action.startInstant");
    app.put(
        &format!("/api/user/action/{moved}"),
        json!({"action": {"actionerUserId": a, "startInstant": START + 700_000, "expiry": START + 600_000}}),
    )
    .has_code("[invalid]action.expiry");

    let res = app.put(
        &format!("/api/user/action/{moved}"),
        json!({"action": {"actionerUserId": a, "startInstant": START + 120_000, "expiry": START + 600_000}}),
    );
    assert_eq!(res.ok()["action"]["startInstant"], START + 120_000);
    assert_eq!(res.ok()["action"]["state"], "scheduled");
    app.delete_with(
        &format!("/api/user/action/{dropped}"),
        json!({"broadcast": true, "action": {"actionerUserId": b}}),
    )
    .ok();
    assert_eq!(w.hook.wait_for(1).len(), 1);

    app.clock.advance(60_000);
    assert_eq!(
        settled_phases(&w.hook),
        vec!["cancel"],
        "neither starts at the old instant"
    );
    app.clock.advance(60_000);
    w.hook.wait_for(2);
    assert_eq!(settled_phases(&w.hook), vec!["cancel", "start"]);
    let started = &w.hook.received()[1].json()["event"];
    assert_eq!(started["actionId"], moved.as_str());
    app.put(
        &format!("/api/user/action/{moved}"),
        json!({"action": {"actionerUserId": a, "startInstant": START + 900_000, "expiry": START + 1_000_000}}),
    )
    .has_code("[notAllowed]action.startInstant");
});

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

both_world!(reminders_are_sent_once_before_the_current_expiry, |w| {
    let app = &w.app;
    let template = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Ending soon", "defaultSubject": "{ $action } ends soon",
            "defaultHtmlTemplate": "<p>{ $expiry }</p>", "defaultTextTemplate": "Ends { $expiry }"}}),
    );
    let template = template.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Rejected: reminders on an instantaneous action, a template that does not exist.
    app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Note", "reminders": [{"beforeExpiry": HOUR}]}}),
    )
    .has_code("[notAllowed]userAction.reminders");
    app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Bad", "temporal": true,
            "reminders": [{"beforeExpiry": HOUR, "emailTemplateId": uuid::Uuid::new_v4()}]}}),
    )
    .has_code("[invalid]userAction.reminders[0].emailTemplateId");
    let plan = app.action(json!({"name": "Plan", "temporal": true, "kind": "entitlement",
        "userEmailingEnabled": true, "startEmailTemplateId": template,
        "reminders": [{"beforeExpiry": HOUR, "emailTemplateId": template}, {"beforeExpiry": 3 * DAY}]}));
    let stored = definition(app, &plan);
    assert_eq!(stored["reminders"][0]["beforeExpiry"], 3 * DAY);
    assert_eq!(stored["reminders"][1]["emailTemplateId"], template.as_str());

    let user = app.user("r@example.com", &[]);
    // Two days left: the three-days reminder is already past and is never sent.
    let applied = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": plan, "actioneeUserId": user, "actionerUserId": user,
            "expiry": START + 2 * DAY}}),
    );
    let id = applied.ok()["action"]["id"].as_str().unwrap().to_string();
    assert!(settled_phases(&w.hook).is_empty());

    // Extended by a day before the reminder: it moves with the expiry.
    app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": user, "expiry": START + 3 * DAY}}),
    )
    .ok();
    app.clock.advance(2 * DAY - HOUR);
    assert!(settled_phases(&w.hook).is_empty(), "not at the old time");
    app.clock.advance(DAY);
    let got = w.hook.wait_for(1);
    let e = &got[0].json()["event"];
    assert_eq!(e["phase"], "reminder");
    assert_eq!(e["actionId"], id.as_str());
    assert_eq!(e["expiry"], START + 3 * DAY);
    assert_eq!(e["emailedUser"], true);
    let mails = w.smtp.wait_for(1);
    assert!(mails[0].contains("Plan ends soon"), "{}", mails[0]);
    // Once: the end comes next, no second reminder.
    app.clock.advance(HOUR);
    w.hook.wait_for(2);
    assert_eq!(settled_phases(&w.hook), vec!["reminder", "end"]);
    assert_eq!(w.smtp.messages().len(), 1);
});

both_world!(a_cancel_drops_pending_reminders, |w| {
    let app = &w.app;
    let plan = app.action(json!({"name": "Plan", "temporal": true,
        "reminders": [{"beforeExpiry": HOUR}]}));
    let user = app.user("c@example.com", &[]);
    let applied = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": plan, "actioneeUserId": user, "actionerUserId": user,
            "expiry": START + DAY}}),
    );
    let id = applied.ok()["action"]["id"].as_str().unwrap().to_string();
    app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": user}}),
    )
    .ok();
    app.clock.advance(DAY);
    assert!(
        settled_phases(&w.hook).is_empty(),
        "no reminder after a cancel"
    );
});

both!(
    escalation_steps_climb_the_ladder_without_cancelled_ones,
    |app| {
        let forever = i64::MAX;
        app.post(
            "/api/user-action",
            json!({"userAction": {"name": "Perk", "temporal": true, "kind": "entitlement",
            "escalation": {"window": 180 * DAY, "durations": [DAY]}}}),
        )
        .has_code("[notAllowed]userAction.escalation");
        let ban = app.action(
            json!({"name": "Ban", "temporal": true, "preventLogin": true,
        "escalation": {"window": 180 * DAY, "durations": [DAY, 7 * DAY, forever]}}),
        );
        assert_eq!(
            definition(&app, &ban)["escalation"]["durations"][2],
            forever
        );
        let plain = app.action(json!({"name": "Mute", "temporal": true}));
        let admin = app.user("admin@example.com", &[]);
        let user = app.user("user@example.com", &[]);
        let escalate = |action: &str, extra: Value| {
            let mut a = json!({"userActionId": action, "actioneeUserId": user,
            "actionerUserId": admin, "escalate": true});
            for (k, v) in extra.as_object().unwrap() {
                a[k] = v.clone();
            }
            apply(&app, a)
        };
        escalate(&plain, json!({})).has_code("[notAllowed]action.escalate");
        escalate(&ban, json!({"expiry": START + DAY})).has_code("[notAllowed]action.expiry");

        let preview = |now: i64| {
            let mut conn = app.state.db.read().unwrap();
            actioneer::service::lifecycle::preview_escalation(
                &mut conn,
                now,
                uuid::Uuid::parse_str(&ban).unwrap(),
                uuid::Uuid::parse_str(&user).unwrap(),
                None,
            )
            .unwrap()
            .map(|s| (s.step, s.duration))
        };
        assert_eq!(
            preview(START),
            Some((1, DAY)),
            "the form shows the first step"
        );
        let first = escalate(&ban, json!({}));
        assert_eq!(first.ok()["action"]["escalationStep"], 1);
        assert_eq!(first.ok()["action"]["expiry"], START + DAY);
        let id = first.ok()["action"]["id"].as_str().unwrap().to_string();
        // Served: the next one is the second step.
        app.clock.advance(2 * DAY);
        assert_eq!(preview(app.now()), Some((2, 7 * DAY)));
        let second = escalate(&ban, json!({}));
        assert_eq!(second.ok()["action"]["escalationStep"], 2);
        assert_eq!(second.ok()["action"]["expiry"], START + 2 * DAY + 7 * DAY);
        let second_id = second.ok()["action"]["id"].as_str().unwrap().to_string();
        let got = app.get(&format!("/api/user/action/{second_id}"));
        assert_eq!(got.ok()["action"]["escalationStep"], 2);
        // Cancelled: it does not count, so the next apply is the second step again.
        app.delete_with(
            &format!("/api/user/action/{second_id}"),
            json!({"action": {"actionerUserId": admin}}),
        )
        .ok();
        let again = escalate(&ban, json!({}));
        assert_eq!(again.ok()["action"]["escalationStep"], 2);
        let again_id = again.ok()["action"]["id"].as_str().unwrap().to_string();
        app.delete_with(
            &format!("/api/user/action/{again_id}"),
            json!({"action": {"actionerUserId": admin}}),
        )
        .ok();
        // Outside the window the first no longer counts.
        app.clock.advance(180 * DAY);
        let fresh = escalate(&ban, json!({}));
        assert_eq!(fresh.ok()["action"]["escalationStep"], 1);
        assert_ne!(fresh.ok()["action"]["id"], id.as_str());
        let fresh_id = fresh.ok()["action"]["id"].as_str().unwrap().to_string();
        app.delete_with(
            &format!("/api/user/action/{fresh_id}"),
            json!({"action": {"actionerUserId": admin}}),
        )
        .ok();
        // Third and after: permanent.
        let now = app.now();
        for step in 1..=4 {
            let res = escalate(&ban, json!({}));
            assert_eq!(res.ok()["action"]["escalationStep"], step);
            if step >= 3 {
                assert_eq!(res.ok()["action"]["expiry"], forever);
            }
            let id = res.ok()["action"]["id"].as_str().unwrap().to_string();
            if step < 4 {
                // Ends it (served), so the next one may be applied.
                app.put(
                    &format!("/api/user/action/{id}"),
                    json!({"action": {"actionerUserId": admin, "expiry": app.now() + 1}}),
                )
                .ok();
                app.clock.advance(2);
            }
        }
        assert!(app.now() > now);
    }
);
