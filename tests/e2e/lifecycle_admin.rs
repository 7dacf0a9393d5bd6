//! Scheduling and escalation from the apply form in the browser: the form follows the chosen
//! action, a start in the future schedules it (and the change page moves the start), and an
//! escalating apply shows the ladder's step before the agent confirms.

use serde_json::{json, Value};

use crate::browser::Session;
use crate::flow;

/// Screenshots at 1280 and 390 px wide, each with the element `id` scrolled into view.
fn shots(s: &Session, name: &str, id: &str) {
    for (width, height) in [(390, 844), (1280, 900)] {
        s.resize(width, height);
        s.execute(&format!(
            "document.getElementById('{id}').scrollIntoView(); return null;"
        ));
        s.screenshot(&format!("{name}-{width}"));
    }
}
use crate::support::START;

const DAY: i64 = 86_400_000;

fn instances(s: &Session, user: &str) -> Vec<Value> {
    s.app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

/// Whether the part of the apply form holding field `id` is hidden.
fn hidden(s: &Session, id: &str) -> bool {
    s.execute(&format!(
        "return document.getElementById('{id}').closest('[data-for-kind]').hidden;"
    ))
    .as_bool()
    .unwrap()
}

/// Types a `datetime-local` value (key entry into those fields depends on the browser's locale).
fn set_datetime(s: &Session, id: &str, value: &str) {
    s.execute(&format!(
        "document.getElementById('{id}').value = '{value}'; return null;"
    ));
}

flow!(a_start_is_scheduled_from_the_apply_form, |s| {
    let user = s.app.user("later.on@example.com", &["en"]);
    let ban = s.app.action(json!({"name": "Suspension", "temporal": true,
        "preventLogin": true}));
    let warn = s.app.action(json!({"name": "Warning", "temporal": false,
        "options": [{"name": "Yellow"}, {"name": "Red"}]}));
    s.sign_in_as("support");
    s.goto(&format!("/admin/users/{user}"));

    // The form follows the action: options for the warning, start and expiry for the ban.
    s.fill("Action", &warn);
    assert!(!hidden(s, "option"));
    assert!(hidden(s, "startInstant"));
    assert!(hidden(s, "expiry"));
    s.fill("Action", &ban);
    assert!(hidden(s, "option"));
    assert!(!hidden(s, "startInstant"));
    assert!(!hidden(s, "expiry"));

    set_datetime(s, "startInstant", "2030-01-03T00:00");
    s.choose("7 days");
    shots(s, "lifecycle-apply-scheduled", "apply");
    s.click_button("Apply");
    assert_eq!(s.path(), format!("/admin/users/{user}?done=applied"));
    let listed = instances(s, &user);
    assert_eq!(listed[0]["state"], "scheduled", "{:?}", listed[0]);
    assert_eq!(listed[0]["startInstant"], START + 2 * DAY);
    assert_eq!(listed[0]["expiry"], START + 9 * DAY);
    s.assert_text("Scheduled to start");
    s.assert_text("2030-01-03 00:00 UTC");
    s.assert_text("No action is running for this user.");
    shots(s, "lifecycle-user-scheduled", "scheduled");

    // The change page moves the start.
    s.click_link("Change or cancel");
    assert_eq!(s.value("Starts at"), "2030-01-03T00:00");
    set_datetime(s, "startInstant", "2030-01-04T12:00");
    shots(s, "lifecycle-change-scheduled", "change");
    s.click_button("Save changes");
    assert_eq!(s.path(), format!("/admin/users/{user}?done=modified"));
    let moved = instances(s, &user);
    assert_eq!(moved[0]["startInstant"], START + 3 * DAY + DAY / 2);
    assert_eq!(moved[0]["state"], "scheduled");
    s.assert_text("2030-01-04 12:00 UTC");
});

flow!(the_escalation_step_is_shown_before_confirming, |s| {
    let user = s.app.user("again.and.again@example.com", &["en"]);
    let ban = s.app.action(json!({"name": "Posting ban", "temporal": true,
        "preventLogin": true,
        "escalation": {"window": 180 * DAY, "durations": [3 * DAY, 30 * DAY]}}));
    s.sign_in_as("support");
    s.goto(&format!("/admin/users/{user}"));
    s.fill("Action", &ban);
    assert!(!hidden(s, "escalate"));
    s.choose("Escalate: take the duration from the action's ladder");
    // While escalating, the ladder gives the expiry: the expiry fields are off.
    let off = s.execute("return document.getElementById('expiry').disabled;");
    assert_eq!(off, Value::Bool(true));
    s.click_button("Apply");

    // Nothing applied yet: the step, its duration and its end, to confirm.
    assert_eq!(s.path(), format!("/admin/users/{user}/apply"));
    s.assert_text("Step 1 of the ladder: 3 days");
    s.assert_text("Until 2030-01-04 00:00 UTC");
    assert!(instances(s, &user).is_empty());
    shots(s, "lifecycle-escalation-step", "escalation-preview");
    s.click_button("Confirm and apply");
    assert_eq!(s.path(), format!("/admin/users/{user}?done=applied"));
    let applied = instances(s, &user);
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0]["escalationStep"], 1);
    assert_eq!(applied[0]["expiry"], START + 3 * DAY);
    s.assert_text("Penalties");
    shots(s, "lifecycle-user-kinds", "current");
});
