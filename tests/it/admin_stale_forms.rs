//! A change sent from a page that no longer shows the instance as it is (the browser's Back, or
//! another agent's save in between) is refused with what changed since; nothing is written.

use serde_json::{json, Value};

use crate::both;
use crate::support::{TestApp, START};
use crate::web_support::*;

const DAY: i64 = 86_400_000;

fn instance(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/user/action/{id}")).ok()["action"].clone()
}

/// A support agent signed in, a user with a running 7-day ban they applied; returns (agent's
/// browser, agent id, user id, instance id).
fn banned(app: &TestApp) -> (Browser, String, String, String) {
    let agent = app.staff("agent@staff.test", "support");
    let browser = app.browser();
    browser
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    let res = app.post(
        "/api/user",
        json!({"user": {"email": "tara@example.test", "fullName": "Tara Get"}}),
    );
    let user = res.ok()["user"]["id"].as_str().unwrap().to_string();
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user,
               "actionerUserId": agent, "expiry": START + 7 * DAY, "comment": "first"}}),
    );
    let id = res.ok()["action"]["id"].as_str().unwrap().to_string();
    (browser, agent, user, id)
}

both!(saving_a_change_page_twice_moves_the_expiry_once, |app| {
    let (agent, _, user, id) = banned(&app);
    let change = format!("/admin/users/{user}/actions/{id}");
    let page = agent.get(&change);
    assert_eq!(page.input_value("version").as_deref(), Some("0"));
    let stale_form = [
        ("version", "0"),
        ("preset", "ext-7d"),
        ("comment", "longer"),
    ];
    agent
        .post(&change, &stale_form)
        .redirects_to(&format!("/admin/users/{user}?done=modified"));
    assert_eq!(instance(&app, &id)["expiry"], START + 14 * DAY);

    // Back, then Save again: the same form, from the cached page.
    let again = agent.post(&change, &stale_form);
    assert_eq!(again.status, 409);
    again.assert_has("This action was changed after you opened this page. Nothing was saved.");
    again.assert_has("moved the end from");
    assert_eq!(instance(&app, &id)["expiry"], START + 14 * DAY);
    // The page now carries the current version: saving it on purpose works.
    assert_eq!(again.input_value("version").as_deref(), Some("1"));
    agent
        .post(
            &change,
            &[
                ("version", "1"),
                ("preset", "ext-1d"),
                ("comment", "longer"),
            ],
        )
        .redirects_to(&format!("/admin/users/{user}?done=modified"));
    assert_eq!(instance(&app, &id)["expiry"], START + 15 * DAY);
});

both!(
    another_agents_change_in_between_is_shown_and_not_overwritten,
    |app| {
        let (agent, agent_id, user, id) = banned(&app);
        let change = format!("/admin/users/{user}/actions/{id}");
        agent.get(&change);
        // Meanwhile, through the API (another agent, a script): a new comment and end.
        app.clock.advance(60_000);
        app.put(
            &format!("/api/user/action/{id}"),
            json!({"action": {"actionerUserId": agent_id, "expiry": START + 30 * DAY,
               "comment": "escalated"}}),
        )
        .ok();

        let page = agent.post(
            &format!("{change}/cancel"),
            &[("version", "0"), ("comment", "forgiven")],
        );
        assert_eq!(page.status, 409);
        page.assert_has("set the comment to “escalated”");
        let now = instance(&app, &id);
        assert_eq!(now["state"], "active");
        assert_eq!(now["comment"], "escalated");

        // A version that is not a number, or none at all, is not checked (older pages, scripts).
        let page = agent.post(
            &change,
            &[
                ("version", "not a number"),
                ("preset", "keep"),
                ("comment", "ok"),
            ],
        );
        page.redirects_to(&format!("/admin/users/{user}?done=modified"));
    }
);
