//! Staff notes on a user and on an instance: written and deleted from the admin pages, shown
//! with their author and time, and never part of events, emails or API answers.

use diesel::prelude::*;
use serde_json::json;

use crate::both;
use crate::support::TestApp;
use crate::web_support::*;

const NOTE: &str = "Called them: chargeback was a mistake by their bank";

/// A signed-in staff member with `role`; returns the browser and their user id.
fn member(app: &TestApp, email: &str, role: &str) -> (Browser, String) {
    let id = app.staff(email, role);
    let browser = app.browser();
    browser
        .sign_in(email, STAFF_PASSWORD)
        .redirects_to("/admin/");
    (browser, id)
}

/// Events of the user's tenant go to a webhook, so that the outbox has something to check.
fn with_events(app: &TestApp) {
    let tenant = app.default_tenant();
    app.patch(
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    )
    .ok();
    app.post(
        "/api/webhook",
        json!({"webhook": {"url": "http://127.0.0.1:9/hook", "connectTimeout": 300,
            "readTimeout": 300, "global": true, "eventsEnabled": {"user.action": true}}}),
    )
    .ok();
}

/// How many outbox items (webhooks and emails) carry `text`, and how many there are.
fn outbox_with(app: &TestApp, text: &str) -> (i64, i64) {
    use actioneer::db::schema::outbox as o;
    let mut conn = app.state.db.read().unwrap();
    let with: i64 = o::table
        .filter(o::payload.like(format!("%{text}%")))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let all: i64 = o::table.count().get_result(&mut conn).unwrap();
    (with, all)
}

/// The ids in the delete forms of notes on a page.
fn deletable(page: &Page) -> Vec<String> {
    page.body
        .split("/notes/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/delete").map(|(id, _)| id.to_string()))
        .collect()
}

both!(
    a_note_on_a_user_shows_on_their_timeline_and_nowhere_else,
    |app| {
        with_events(&app);
        let user = app.user("noted@example.com", &["en"]);
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let (agent, _) = member(&app, "agent@staff.test", "support");
        agent.get(&format!("/admin/users/{user}"));
        agent
            .post(
                &format!("/admin/users/{user}/apply"),
                &[
                    ("userActionId", &ban),
                    ("comment", "Public comment"),
                    ("preset", "7d"),
                ],
            )
            .redirects_to(&format!("/admin/users/{user}?done=applied"));

        agent.get(&format!("/admin/users/{user}"));
        let saved = agent.post(&format!("/admin/users/{user}/notes"), &[("body", NOTE)]);
        saved.redirects_to(&format!("/admin/users/{user}?done=saved"));
        let page = agent.get(&format!("/admin/users/{user}"));
        assert_eq!(page.status, 200);
        page.assert_has("Staff note");
        page.assert_has(NOTE);
        page.assert_has("by support agent@staff.test");
        page.assert_has("2030-01-01 00:00 UTC");
        assert_eq!(deletable(&page).len(), 1, "the author may delete it");

        // Staff only: no API answer, event or email carries it.
        let listed = app.get(&format!("/api/user/action?userId={user}"));
        assert!(!listed.text.contains(NOTE), "{}", listed.text);
        let instance = listed.ok()["actions"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(!app
            .get(&format!("/api/user/action/{instance}"))
            .text
            .contains(NOTE));
        assert!(!app.get(&format!("/api/user/{user}")).text.contains(NOTE));
        let (with, all) = outbox_with(&app, NOTE);
        assert_eq!(with, 0);
        assert!(
            all > 0,
            "the apply was published, so the check looked at something"
        );
    }
);

both!(
    a_note_on_an_instance_shows_on_its_change_page_and_the_timeline,
    |app| {
        let user = app.user("noted@example.com", &["en"]);
        let mute = app.action(json!({"name": "Mute", "temporal": true}));
        let other = app.user("other@example.com", &["en"]);
        let (agent, _) = member(&app, "agent@staff.test", "support");
        agent.get(&format!("/admin/users/{user}"));
        agent
            .post(
                &format!("/admin/users/{user}/apply"),
                &[("userActionId", &mute), ("preset", "1d")],
            )
            .redirects_to(&format!("/admin/users/{user}?done=applied"));
        let instance = app.get(&format!("/api/user/action?userId={user}")).ok()["actions"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let change = format!("/admin/users/{user}/actions/{instance}");
        let page = agent.get(&change);
        page.assert_has("No staff note yet.");
        agent
            .post(
                &format!("/admin/users/{user}/notes"),
                &[
                    ("body", "Muted after three warnings"),
                    ("instanceId", &instance),
                ],
            )
            .redirects_to(&format!("{change}?done=saved"));
        let page = agent.get(&change);
        page.assert_has("Muted after three warnings");
        assert!(!page.contains("No staff note yet."));
        // The user's timeline shows it with the action it is about.
        let page = agent.get(&format!("/admin/users/{user}"));
        page.assert_has("Muted after three warnings");
        page.assert_has("<strong>Staff note</strong> · Mute");

        // An instance of someone else is no place for a note about this user.
        agent.get(&format!("/admin/users/{other}"));
        let refused = agent.post(
            &format!("/admin/users/{other}/notes"),
            &[("body", "Wrong place"), ("instanceId", &instance)],
        );
        assert_eq!(refused.status, 404);
        let bad = agent.post(
            &format!("/admin/users/{user}/notes"),
            &[("body", "x"), ("instanceId", "not-an-id")],
        );
        assert_eq!(bad.status, 404);
    }
);

both!(a_blank_or_too_long_note_is_refused_with_a_message, |app| {
    let user = app.user("noted@example.com", &["en"]);
    let (agent, _) = member(&app, "agent@staff.test", "support");
    agent.get(&format!("/admin/users/{user}"));
    let blank = agent.post(&format!("/admin/users/{user}/notes"), &[("body", "   \n ")]);
    assert_eq!(blank.status, 422);
    blank.assert_has("This field is required.");
    let long = "n".repeat(2001);
    let refused = agent.post(&format!("/admin/users/{user}/notes"), &[("body", &long)]);
    assert_eq!(refused.status, 422);
    refused.assert_has("This is too long.");
    refused.assert_has(&long);
    // The form needs its CSRF token, and an unknown user has no notes.
    let forged = agent.post_exactly(&format!("/admin/users/{user}/notes"), &[("body", "x")]);
    assert_eq!(forged.status, 403);
    let unknown = uuid::Uuid::new_v4();
    let missing = agent.post(&format!("/admin/users/{unknown}/notes"), &[("body", "x")]);
    assert_eq!(missing.status, 404);
    let page = agent.get(&format!("/admin/users/{user}"));
    assert!(deletable(&page).is_empty(), "nothing was stored");
});

both!(only_the_author_or_an_admin_deletes_a_note, |app| {
    let user = app.user("noted@example.com", &["en"]);
    let (author, _) = member(&app, "author@staff.test", "support");
    let (colleague, _) = member(&app, "colleague@staff.test", "support");
    let (admin, _) = member(&app, "admin@staff.test", "admin");
    let (translator, _) = member(&app, "words@staff.test", "translator");
    let page = format!("/admin/users/{user}");
    author.get(&page);
    author.post(&format!("{page}/notes"), &[("body", "First")]);
    author.post(&format!("{page}/notes"), &[("body", "Second")]);
    let ids = deletable(&author.get(&page));
    assert_eq!(ids.len(), 2);

    // A colleague sees the notes but no delete button, and the server refuses the delete.
    let seen = colleague.get(&page);
    seen.assert_has("First");
    assert!(deletable(&seen).is_empty());
    let refused = colleague.post(&format!("{page}/notes/{}/delete", ids[0]), &[]);
    assert_eq!(refused.status, 403);
    // A translator does not reach users at all.
    assert_eq!(translator.get(&page).status, 403);

    // A delete needs the form's CSRF token.
    let forged = author.post_exactly(&format!("{page}/notes/{}/delete", ids[0]), &[]);
    assert_eq!(forged.status, 403);
    assert_eq!(deletable(&author.get(&page)).len(), 2);

    // The author deletes one, an administrator the other.
    author
        .post(&format!("{page}/notes/{}/delete", ids[0]), &[])
        .redirects_to(&format!("{page}?done=deleted"));
    assert_eq!(deletable(&admin.get(&page)).len(), 1);
    admin
        .post(&format!("{page}/notes/{}/delete", ids[1]), &[])
        .redirects_to(&format!("{page}?done=deleted"));
    let after = author.get(&page);
    assert!(
        !after.contains("First") && !after.contains("Second"),
        "{}",
        after.body
    );
    // A note that is gone (or another user's) cannot be deleted again.
    let again = admin.post(&format!("{page}/notes/{}/delete", ids[1]), &[]);
    assert_eq!(again.status, 404);
});
