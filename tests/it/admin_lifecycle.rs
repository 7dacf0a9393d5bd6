//! The user page and apply form for scheduled starts, kinds and escalation ladders: scheduling
//! from the form, moving or cancelling a start from the change page, penalties kept apart from
//! entitlements, and the ladder's step shown before the agent confirms.

use serde_json::{json, Value};

use crate::both;
use crate::support::{TestApp, START};
use crate::web_support::*;

const DAY: i64 = 86_400_000;

fn agent(app: &TestApp) -> Browser {
    app.staff("agent@staff.test", "support");
    signed_in_again(app)
}

/// The agent signed in afresh: a session lasts hours, and these tests move the clock by days.
fn signed_in_again(app: &TestApp) -> Browser {
    let browser = app.browser();
    browser
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    browser
}

fn actions_of(app: &TestApp, user: &str) -> Vec<Value> {
    app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

fn position(page: &Page, text: &str) -> usize {
    page.body
        .find(text)
        .unwrap_or_else(|| panic!("page lacks {text:?}:\n{}", page.body))
}

both!(
    a_start_is_scheduled_from_the_apply_form_moved_and_cancelled,
    |app| {
        let user = app.user("later@example.com", &["en"]);
        let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
        let warn = app.action(json!({"name": "Warn", "temporal": false}));
        let browser = agent(&app);
        let page = format!("/admin/users/{user}");
        let form = browser.get(&page);
        form.assert_has("Starts at");
        form.assert_has("<span class=\"zone-label\" id=\"startInstant-zone\">UTC</span>");

        // Unreadable, past, and instantaneous starts are refused with messages.
        let apply = format!("{page}/apply");
        let bad = browser.post(
            &apply,
            &[
                ("userActionId", &ban),
                ("startInstant", "soon"),
                ("preset", "7d"),
            ],
        );
        assert_eq!(bad.status, 422);
        bad.assert_has("startInstant-error");
        let past = browser.post(
            &apply,
            &[
                ("userActionId", &ban),
                ("startInstant", "2029-12-31T00:00"),
                ("preset", "7d"),
            ],
        );
        assert_eq!(past.status, 422);
        past.assert_has("This must be in the future.");
        let instant = browser.post(
            &apply,
            &[
                ("userActionId", &warn),
                ("startInstant", "2030-01-03T00:00"),
            ],
        );
        assert_eq!(instant.status, 422);
        instant.assert_has("This is not allowed here.");
        assert!(actions_of(&app, &user).is_empty());

        // Scheduled in two days for 7 days: the duration counts from the start.
        browser
            .post(
                &apply,
                &[
                    ("userActionId", &ban),
                    ("startInstant", "2030-01-03T00:00"),
                    ("preset", "7d"),
                ],
            )
            .redirects_to(&format!("{page}?done=applied"));
        let listed = actions_of(&app, &user);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["state"], "scheduled", "{:?}", listed[0]);
        assert_eq!(listed[0]["startInstant"], START + 2 * DAY);
        assert_eq!(listed[0]["expiry"], START + 9 * DAY);
        let instance = listed[0]["id"].as_str().unwrap().to_string();

        // The user page shows it as scheduled, not as running.
        let shown = browser.get(&page);
        shown.assert_has("Scheduled to start");
        shown.assert_has("2030-01-03 00:00 UTC");
        shown.assert_has("No action is running for this user.");

        // The change page moves the start.
        let change = format!("{page}/actions/{instance}");
        let form = browser.get(&change);
        assert_eq!(form.status, 200);
        let start_shown = form.input_value("startShown").unwrap();
        assert_eq!(start_shown, "2030-01-03T00:00");
        let shown_expiry = form.input_value("shown").unwrap();
        let version = form.input_value("version").unwrap();
        let moved = browser.post(
            &change,
            &[
                ("startInstant", "2030-01-04T00:00"),
                ("startShown", &start_shown),
                ("expiry", &shown_expiry),
                ("shown", &shown_expiry),
                ("preset", "keep"),
                ("version", &version),
            ],
        );
        moved.redirects_to(&format!("{page}?done=modified"));
        let after = app.get(&format!("/api/user/action/{instance}")).ok()["action"].clone();
        assert_eq!(after["startInstant"], START + 3 * DAY);
        assert_eq!(after["expiry"], START + 9 * DAY);
        assert_eq!(after["state"], "scheduled");

        // A start after the end is refused on the form.
        let form = browser.get(&change);
        let refused = browser.post(
            &change,
            &[
                ("startInstant", "2030-02-01T00:00"),
                ("startShown", &form.input_value("startShown").unwrap()),
                ("expiry", &form.input_value("shown").unwrap()),
                ("shown", &form.input_value("shown").unwrap()),
                ("preset", "keep"),
                ("version", &form.input_value("version").unwrap()),
            ],
        );
        assert_eq!(refused.status, 422, "{}", refused.body);

        // And cancels it before it starts.
        let form = browser.get(&change);
        browser
            .post(
                &format!("{change}/cancel"),
                &[
                    ("comment", "Not needed"),
                    ("version", &form.input_value("version").unwrap()),
                ],
            )
            .redirects_to(&format!("{page}?done=cancelled"));
        let after = app.get(&format!("/api/user/action/{instance}")).ok()["action"].clone();
        assert_eq!(after["state"], "cancelled");
        // Past its start time, it never became active.
        app.clock.advance(4 * DAY);
        let browser = signed_in_again(&app);
        let shown = browser.get(&page);
        shown.assert_has("Cancelled");
        assert!(!shown.contains("Scheduled to start"));
        assert_eq!(
            app.get(&format!("/api/user/action/{instance}")).ok()["action"]["state"],
            "cancelled"
        );
    }
);

both!(penalties_and_entitlements_are_shown_apart, |app| {
    let user = app.user("member@example.com", &["en"]);
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    let plan = app.action(json!({"name": "Premium plan", "temporal": true, "kind": "entitlement"}));
    let browser = agent(&app);
    let page = format!("/admin/users/{user}");
    browser.get(&page);
    for (action, preset) in [(&ban, "1d"), (&plan, "30d")] {
        browser
            .post(
                &format!("{page}/apply"),
                &[("userActionId", action), ("preset", preset)],
            )
            .redirects_to(&format!("{page}?done=applied"));
    }
    let shown = browser.get(&page);
    let penalties = position(&shown, "<h3 id=\"current-penalty\">Penalties</h3>");
    let entitlements = position(&shown, "<h3 id=\"current-entitlement\">Entitlements</h3>");
    let history = position(&shown, "id=\"history\"");
    let ban_row = position(&shown, "<td>Ban</td>");
    let plan_row = position(&shown, "<td>Premium plan</td>");
    assert!(
        penalties < ban_row && ban_row < entitlements,
        "the ban is a penalty"
    );
    assert!(
        entitlements < plan_row && plan_row < history,
        "the plan is an entitlement"
    );

    // Once the ban ended, only the entitlement is current: no penalty heading.
    app.clock.advance(2 * DAY);
    let shown = signed_in_again(&app).get(&page);
    assert!(!shown.contains("Penalties"), "{}", shown.body);
    shown.assert_has("Entitlements");
});

both!(
    an_escalating_apply_shows_its_step_before_it_is_confirmed,
    |app| {
        let user = app.user("repeat@example.com", &["en"]);
        let ban = app.action(
            json!({"name": "Ban", "temporal": true, "preventLogin": true,
        "escalation": {"window": 180 * DAY, "durations": [DAY, 7 * DAY]}}),
        );
        let mute = app.action(json!({"name": "Mute", "temporal": true}));
        let browser = agent(&app);
        let page = format!("/admin/users/{user}");
        let apply = format!("{page}/apply");
        let form = browser.get(&page);
        form.assert_has("data-ladder=\"true\"");
        form.assert_has("Escalate: take the duration from the action");

        // First: the step is shown, nothing is applied yet.
        let preview = browser.post(&apply, &[("userActionId", &ban), ("escalate", "true")]);
        assert_eq!(preview.status, 200);
        preview.assert_has("Step 1 of the ladder: 1 day");
        preview.assert_has("Until 2030-01-02 00:00 UTC");
        preview.assert_has("Confirm and apply");
        assert_eq!(preview.input_value("confirmedStep").as_deref(), Some("1"));
        assert!(actions_of(&app, &user).is_empty());
        // Confirmed: applied with the ladder's duration and step.
        browser
            .post(
                &apply,
                &[
                    ("userActionId", &ban),
                    ("escalate", "true"),
                    ("confirmedStep", "1"),
                ],
            )
            .redirects_to(&format!("{page}?done=applied"));
        let listed = actions_of(&app, &user);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["expiry"], START + DAY);
        assert_eq!(listed[0]["escalationStep"], 1);

        // After it ended, the next apply is step 2; a confirmation of the old step shows the new
        // one instead of applying it.
        app.clock.advance(2 * DAY);
        let browser = signed_in_again(&app);
        browser.get(&page);
        let moved = browser.post(
            &apply,
            &[
                ("userActionId", &ban),
                ("escalate", "true"),
                ("confirmedStep", "1"),
            ],
        );
        assert_eq!(moved.status, 200);
        moved.assert_has("Step 2 of the ladder: 7 days");
        assert_eq!(actions_of(&app, &user).len(), 1);
        browser
            .post(
                &apply,
                &[
                    ("userActionId", &ban),
                    ("escalate", "true"),
                    ("confirmedStep", "2"),
                ],
            )
            .redirects_to(&format!("{page}?done=applied"));
        let listed = actions_of(&app, &user);
        let second = listed
            .iter()
            .find(|a| a["escalationStep"] == 2)
            .expect("second step");
        assert_eq!(second["expiry"], START + 2 * DAY + 7 * DAY);

        // An action without a ladder cannot escalate; an expiry beside "escalate" is refused.
        let refused = browser.post(&apply, &[("userActionId", &mute), ("escalate", "true")]);
        assert_eq!(refused.status, 422);
        refused.assert_has("escalate-error");
        app.clock.advance(8 * DAY);
        let browser = signed_in_again(&app);
        browser.get(&page);
        let both = browser.post(
            &apply,
            &[
                ("userActionId", &ban),
                ("escalate", "true"),
                ("confirmedStep", "3"),
                ("preset", "7d"),
            ],
        );
        assert_eq!(both.status, 422, "{}", both.body);
        both.assert_has("expiry-error");
        assert_eq!(actions_of(&app, &user).len(), 2);
    }
);
