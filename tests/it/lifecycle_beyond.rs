//! Beyond FusionAuth's lifecycle: kinds, scheduled starts, reminders and escalation ladders.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

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
    let counts =
        actioneer::service::lifecycle::current_counts_by_kind(&mut conn, START, None).unwrap();
    let counts: Vec<i64> = counts.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, vec![1, 1, 0, 0]);
});
