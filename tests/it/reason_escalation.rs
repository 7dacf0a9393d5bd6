//! A reason's escalation ladder: stored and checked on the API (an extension), and climbed by an
//! escalating apply that gives the reason, counting the actionee's history with that reason
//! whatever the definition; it wins over the definition's ladder.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::both;
use crate::support::*;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const FOREVER: i64 = i64::MAX;

fn reason(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/user-action-reason/{id}")).ok()["userActionReason"].clone()
}

fn create_reason(app: &TestApp, body: Value) -> Res {
    app.post(
        "/api/user-action-reason",
        json!({ "userActionReason": body }),
    )
}

both!(a_reasons_ladder_is_stored_checked_and_kept, |app| {
    let ladder = json!({"window": 30 * DAY, "durations": [HOUR, DAY, FOREVER]});
    let spam = create_reason(
        &app,
        json!({"text": "Spam", "code": "SPAM", "escalation": ladder}),
    );
    let spam = spam.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(reason(&app, &spam)["escalation"], ladder);

    // A bad ladder is refused with its field.
    create_reason(
        &app,
        json!({"text": "Rude", "code": "RUDE", "escalation": {"window": 0, "durations": [DAY]}}),
    )
    .has_code("[invalid]userActionReason.escalation.window");
    create_reason(
        &app,
        json!({"text": "Rude", "code": "RUDE", "escalation": {"window": DAY, "durations": []}}),
    )
    .has_code("[blank]userActionReason.escalation.durations");
    create_reason(
        &app,
        json!({"text": "Rude", "code": "RUDE", "escalation": {"window": DAY, "durations": [DAY, -1]}}),
    )
    .has_code("[invalid]userActionReason.escalation.durations[1]");

    // A FusionAuth client's PUT and a PATCH that do not name it keep it; `null` removes it.
    app.put(
        &format!("/api/user-action-reason/{spam}"),
        json!({"userActionReason": {"text": "Spam", "code": "SPAM"}}),
    )
    .ok();
    assert_eq!(reason(&app, &spam)["escalation"], ladder);
    app.patch(
        &format!("/api/user-action-reason/{spam}"),
        json!({"userActionReason": {"text": "Spamming"}}),
    )
    .ok();
    assert_eq!(reason(&app, &spam)["escalation"], ladder);
    assert_eq!(reason(&app, &spam)["text"], "Spamming");
    app.put(
        &format!("/api/user-action-reason/{spam}"),
        json!({"userActionReason": {"text": "Spam", "code": "SPAM", "escalation": null}}),
    )
    .ok();
    assert!(reason(&app, &spam).get("escalation").is_none());
    let listed = app.get("/api/user-action-reason").ok()["userActionReasons"].clone();
    assert!(listed[0].get("escalation").is_none(), "{listed}");
});

/// Applies `action` to `user`, escalating, with `reason` when given.
fn escalate(app: &TestApp, action: &str, user: &str, reason: Option<&str>) -> Res {
    let mut a = json!({"userActionId": action, "actioneeUserId": user, "actionerUserId": user,
        "escalate": true});
    if let Some(r) = reason {
        a["reasonId"] = json!(r);
    }
    app.post("/api/user/action", json!({ "action": a }))
}

/// Ends an instance now (served), so the next one may be applied.
fn serve(app: &TestApp, res: &Res, user: &str) {
    let id = res.ok()["action"]["id"].as_str().unwrap().to_string();
    app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": user, "expiry": app.now() + 1}}),
    )
    .ok();
    app.clock.advance(2);
}

fn preview(app: &TestApp, action: &str, user: &str, reason: Option<&str>) -> Option<(usize, i64)> {
    let mut conn = app.state.db.read().unwrap();
    actioneer::service::lifecycle::preview_escalation(
        &mut conn,
        app.now(),
        Uuid::parse_str(action).unwrap(),
        Uuid::parse_str(user).unwrap(),
        reason.map(|r| Uuid::parse_str(r).unwrap()),
    )
    .unwrap()
    .map(|s| (s.step, s.duration))
}

both!(
    an_escalating_apply_climbs_the_reasons_ladder_over_its_history,
    |app| {
        let spam = create_reason(
            &app,
            json!({"text": "Spam", "code": "SPAM",
            "escalation": {"window": 30 * DAY, "durations": [HOUR, DAY, FOREVER]}}),
        );
        let spam = spam.ok()["userActionReason"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let other = create_reason(&app, json!({"text": "Other", "code": "OTHER"}));
        let other = other.ok()["userActionReason"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let ban = app.action(
            json!({"name": "Ban", "temporal": true, "preventLogin": true,
        "escalation": {"window": 30 * DAY, "durations": [7 * DAY]}}),
        );
        let mute = app.action(json!({"name": "Mute", "temporal": true, "kind": "penalty"}));
        let perk = app.action(json!({"name": "Perk", "temporal": true, "kind": "entitlement"}));
        let user = app.user("u@example.com", &[]);

        // Without a ladder on the definition nor on the reason there is nothing to climb; an
        // entitlement never escalates, whatever the reason.
        escalate(&app, &mute, &user, None).has_code("[notAllowed]action.escalate");
        escalate(&app, &mute, &user, Some(&other)).has_code("[notAllowed]action.escalate");
        escalate(&app, &perk, &user, Some(&spam)).has_code("[notAllowed]action.escalate");

        // The reason's ladder on a definition without one: the first step.
        assert_eq!(preview(&app, &mute, &user, Some(&spam)), Some((1, HOUR)));
        let first = escalate(&app, &mute, &user, Some(&spam));
        assert_eq!(first.ok()["action"]["escalationStep"], 1);
        assert_eq!(first.ok()["action"]["expiry"], app.now() + HOUR);
        serve(&app, &first, &user);

        // On a definition with its own ladder the reason's wins, and the count is over the reason:
        // the mute given for spam counts for a ban given for spam.
        assert_eq!(preview(&app, &ban, &user, Some(&spam)), Some((2, DAY)));
        let second = escalate(&app, &ban, &user, Some(&spam));
        assert_eq!(second.ok()["action"]["escalationStep"], 2);
        assert_eq!(second.ok()["action"]["expiry"], app.now() + DAY);
        serve(&app, &second, &user);

        // Without the reason, the ban's own ladder counts the bans only: one so far.
        assert_eq!(preview(&app, &ban, &user, None), Some((2, 7 * DAY)));
        let own = escalate(&app, &ban, &user, Some(&other));
        assert_eq!(own.ok()["action"]["escalationStep"], 2);
        assert_eq!(own.ok()["action"]["expiry"], app.now() + 7 * DAY);
        serve(&app, &own, &user);

        // A cancelled one does not count; the third given for spam is permanent.
        let third = escalate(&app, &mute, &user, Some(&spam));
        assert_eq!(third.ok()["action"]["escalationStep"], 3);
        assert_eq!(third.ok()["action"]["expiry"], FOREVER);
        let third_id = third.ok()["action"]["id"].as_str().unwrap().to_string();
        app.delete_with(
            &format!("/api/user/action/{third_id}"),
            json!({"action": {"actionerUserId": user}}),
        )
        .ok();
        assert_eq!(preview(&app, &mute, &user, Some(&spam)), Some((3, FOREVER)));

        // Another user's history is their own; past the window the count starts again.
        let fresh = app.user("v@example.com", &[]);
        assert_eq!(preview(&app, &ban, &fresh, Some(&spam)), Some((1, HOUR)));
        app.clock.advance(31 * DAY);
        assert_eq!(preview(&app, &mute, &user, Some(&spam)), Some((1, HOUR)));
    }
);
