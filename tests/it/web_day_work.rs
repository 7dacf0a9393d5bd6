//! The admin app for a day's real work (issue 15): names in the viewer's language, Post/Redirect/
//! Get with secrets shown once, the change page, signed-in pages kept out of caches, the survey's
//! confirmation, and pages for unknown addresses.

use actioneer::service::staff::{self, MemberInput};
use serde_json::json;

use crate::both;
use crate::support::{TestApp, START};
use crate::web_support::*;

const DAY: i64 = 86_400_000;

/// A signed-in staff member with `role` whose pages are in `language`.
fn member(app: &TestApp, role: &str, language: &str) -> Browser {
    let email = format!("{role}-{language}@staff.test");
    let input = MemberInput {
        email: email.clone(),
        name: format!("{role} {language}"),
        password: STAFF_PASSWORD.into(),
        role: role.into(),
        language: language.into(),
        ..Default::default()
    };
    let hash = staff::hash_password(&input).unwrap();
    {
        let mut conn = app.state.db.write().unwrap();
        staff::create(&mut conn, app.now(), &input, hash).unwrap();
    }
    let browser = app.browser();
    browser
        .sign_in(&email, STAFF_PASSWORD)
        .redirects_to("/admin/");
    browser
}

struct Named {
    user: String,
    ban: String,
    ban_instance: String,
}

/// A user who reads English, with a ban (German name) for a reason (German text), and a warning
/// (German name) with a German-named option.
fn named(app: &TestApp) -> Named {
    let user = app.user("reader@example.test", &["en"]);
    let ban = app.action(json!({"name": "Ban", "temporal": true,
        "localizedNames": {"de": "Sperre"}}));
    let warn = app.action(json!({"name": "Warn", "temporal": false,
        "localizedNames": {"de": "Verwarnung"},
        "options": [{"name": "Red", "localizedNames": {"de": "Rot"}}]}));
    let reason = app
        .post(
            "/api/user-action-reason",
            json!({"userActionReason": {"text": "Spam", "code": "SP",
                "localizedTexts": {"de": "Werbung"}}}),
        )
        .ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ban_instance = app
        .post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": user,
                "reasonId": reason, "expiry": START + 2 * DAY}}),
        )
        .ok()["action"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": warn, "actioneeUserId": user,
            "actionerUserId": user, "option": "Red"}}),
    )
    .ok();
    Named {
        user,
        ban,
        ban_instance,
    }
}

both!(names_follow_the_viewers_language_on_every_page, |app| {
    let n = named(&app);
    let german = member(&app, "support", "de");

    // The user's page: current actions, the apply form (actions, options, reasons), the history.
    let page = german.get(&format!("/admin/users/{}", n.user));
    assert_eq!(page.status, 200);
    page.assert_has("<td>Sperre</td>");
    page.assert_has("Werbung (SP)");
    page.assert_has(">Verwarnung</option>");
    page.assert_has("<option value=\"Red\">Rot</option>");
    page.assert_has("<optgroup label=\"Verwarnung\"");
    page.assert_has(">Werbung (SP)</option>");
    page.assert_has(" · Sperre · ");
    page.assert_has(" · Verwarnung · ");
    for english in [
        ">Warn</option>",
        ">Red</option>",
        "Spam (SP)",
        " · Ban · ",
        " · Warn · ",
    ] {
        assert!(!page.contains(english), "{english:?} on the German page");
    }

    // The change page.
    let page = german.get(&format!(
        "/admin/users/{}/actions/{}",
        n.user, n.ban_instance
    ));
    assert_eq!(page.status, 200);
    page.assert_has("<dd>Sperre</dd>");
    page.assert_has("<dd>Werbung (SP)</dd>");

    // Actions taken: the filters and the rows.
    let page = german.get("/admin/instances");
    assert_eq!(page.status, 200);
    page.assert_has(&format!("<option value=\"{}\">Sperre</option>", n.ban));
    page.assert_has("<option value=\"SP\">Werbung (SP)</option>");
    page.assert_has("<td>Sperre</td>");
    page.assert_has("Verwarnung <span class=\"tag\">Rot</span>");
    page.assert_has("<td>Werbung</td>");
    assert!(!page.contains("<td>Spam</td>"));

    // The dashboard's expiring table.
    let page = german.get("/admin/");
    page.assert_has("<td>Sperre</td>");

    // Someone reading a language the names lack sees the default names.
    let french = member(&app, "support", "fr");
    let page = french.get("/admin/instances");
    page.assert_has("<td>Ban</td>");
    page.assert_has("Warn <span class=\"tag\">Red</span>");
    page.assert_has("<td>Spam</td>");
});

both!(
    the_change_page_names_its_ways_out_apart_and_shows_the_current_expiry,
    |app| {
        let n = named(&app);
        let agent = member(&app, "support", "en");
        let path = format!("/admin/users/{}/actions/{}", n.user, n.ban_instance);
        let expiry = || {
            app.get(&format!("/api/user/action/{}", n.ban_instance))
                .ok()["action"]["expiry"]
                .as_i64()
                .unwrap()
        };

        let page = agent.get(&path);
        assert_eq!(page.status, 200);
        // Leaving and cancelling the action are told apart.
        page.assert_has(&format!(
            "<a href=\"/admin/users/{}\">Back without saving</a>",
            n.user
        ));
        assert!(!page.contains(">Cancel</a>"), "{}", page.body);
        page.assert_has(">Cancel action</button>");
        // "Ends at" shows the current expiry (the member's zone is UTC).
        assert_eq!(
            page.input_value("expiry").as_deref(),
            Some("2030-01-03T00:00")
        );

        // Left as shown, the field asks for nothing: a preset decides, or the expiry stays.
        agent
            .post(
                &path,
                &[
                    ("expiry", "2030-01-03T00:00"),
                    ("shown", "2030-01-03T00:00"),
                    ("preset", "ext-7d"),
                ],
            )
            .redirects_to(&format!("/admin/users/{}", n.user));
        assert_eq!(expiry(), START + 9 * DAY);
        agent.get(&path);
        agent
            .post(
                &path,
                &[
                    ("expiry", "2030-01-10T00:00"),
                    ("shown", "2030-01-10T00:00"),
                    ("preset", "keep"),
                    ("comment", "kept"),
                ],
            )
            .redirects_to(&format!("/admin/users/{}", n.user));
        assert_eq!(expiry(), START + 9 * DAY);
        // A date typed over it wins.
        agent.get(&path);
        agent
            .post(
                &path,
                &[
                    ("expiry", "2030-01-20T12:00"),
                    ("shown", "2030-01-10T00:00"),
                    ("preset", "keep"),
                ],
            )
            .redirects_to(&format!("/admin/users/{}", n.user));
        assert_eq!(expiry(), START + 19 * DAY + DAY / 2);
    }
);

fn key_count(app: &TestApp) -> usize {
    app.get("/api/api-key").ok()["apiKeys"]
        .as_array()
        .unwrap()
        .len()
}

both!(a_new_api_key_is_shown_once_after_a_redirect, |app| {
    let admin = app.signed_in("admin");
    let before = key_count(&app);
    admin.get("/admin/settings/api-keys/new");
    let location = admin
        .post(
            "/admin/settings/api-keys/new",
            &[("description", "Nightly export"), ("tenant", "")],
        )
        .redirects_to("/admin/settings/api-keys/");
    assert!(location.ends_with("/created?done=created"), "{location}");
    assert_eq!(key_count(&app), before + 1);

    // The page after the redirect shows the key, which works.
    let shown = admin.get(&location);
    assert_eq!(shown.status, 200);
    shown.assert_has("will not be shown again");
    let key = shown.input_value("key").expect("the new key");
    assert!(key.len() >= 32, "{key}");
    let status = reqwest::blocking::Client::new()
        .get(format!("{}/api/user-action", app.base))
        .header("Authorization", &key)
        .send()
        .unwrap()
        .status();
    assert_eq!(status, 200);

    // Reloading it makes no second key and shows the key no more.
    let again = admin.get(&location);
    assert_eq!(again.status, 200);
    again.assert_has("was shown once");
    assert!(!again.contains("Created."), "{}", again.body);
    again.assert_has("Back to the API keys");
    assert!(!again.contains(&key));
    assert_eq!(key_count(&app), before + 1);

    // Nor does another administrator's session see it.
    let other = app.signed_in("admin");
    admin.get("/admin/settings/api-keys/new");
    let location = admin
        .post(
            "/admin/settings/api-keys/new",
            &[("description", "Second"), ("tenant", "")],
        )
        .redirects_to("/admin/settings/api-keys/");
    let theirs = other.get(&location);
    assert_eq!(theirs.status, 200);
    assert!(theirs.input_value("key").is_none(), "{}", theirs.body);
    assert!(admin.get(&location).input_value("key").is_some());
});

both!(a_recorded_survey_answer_says_for_whom_with_a_link, |app| {
    let survey = app.action(json!({"name": "Happiness survey",
        "options": [{"name": "happy"}, {"name": "frustrated"}]}));
    let user = app
        .post(
            "/api/user",
            json!({"user": {"email": "tara@example.test", "firstName": "Tara", "lastName": "Get"}}),
        )
        .ok()["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let agent = member(&app, "support", "en");

    let start = agent.get("/admin/survey");
    start.assert_has("Type part of the name or email, or paste");
    // Names do find people.
    agent
        .get("/admin/survey?q=tara+get")
        .assert_has(&format!("/admin/survey?user={user}"));

    agent.get(&format!("/admin/survey?user={user}"));
    let next = agent
        .post(
            "/admin/survey",
            &[("user", &user), ("survey", &survey), ("option", "happy")],
        )
        .redirects_to("/admin/survey?done=recorded");
    let page = agent.get(&next);
    assert_eq!(page.status, 200);
    page.assert_has("Answer recorded for Tara Get.");
    page.assert_has(&format!(
        "<a href=\"/admin/users/{user}\">Open their page</a>"
    ));
    assert!(!page.contains(">Recorded.<"), "{}", page.body);
    // Ready for the next user.
    page.assert_has("name=\"q\"");
});

both!(unknown_addresses_keep_the_language_and_navigation, |app| {
    let german = member(&app, "support", "de");
    let page = german.get("/admin/no-such-page");
    assert_eq!(page.status, 404);
    page.assert_has("<html lang=\"de\">");
    page.assert_has("Nicht gefunden");
    page.assert_has("aria-label=\"Hauptmenü\"");
    page.assert_has("href=\"/admin/users\"");

    // Someone not signed in gets the page in the browser's language, without navigation.
    let visitor = app.browser();
    let page = visitor.get("/admin/no-such-page");
    assert_eq!(page.status, 404);
    page.assert_has("Not found");
    assert!(!page.contains("href=\"/admin/users\""));
});

both!(the_dashboard_names_its_survey_once, |app| {
    let survey = app.action(json!({"name": "Happiness survey",
        "options": [{"name": "happy"}, {"name": "frustrated"}]}));
    let user = app.user("reader@example.test", &["en"]);
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": survey, "actioneeUserId": user,
            "actionerUserId": user, "option": "happy"}}),
    )
    .ok();
    let agent = member(&app, "support", "en");
    let page = agent.get("/admin/");
    assert_eq!(page.status, 200);
    let headings = page.body.matches(">Happiness survey</h").count();
    assert_eq!(headings, 1, "{}", page.body);
});

both!(signed_in_pages_are_kept_out_of_caches, |app| {
    let agent = member(&app, "support", "en");
    let res = agent
        .client
        .get(format!("{}/admin/", agent.base))
        .send()
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body = res.text().unwrap();
    assert!(body.contains("<body data-signed-in>"), "{body}");
    // A page restored from the back/forward cache is fetched again.
    let script = agent.get("/admin/static/app.js");
    assert!(script.contains("\"pageshow\""), "{}", script.body);
    assert!(script.contains("event.persisted"));
    assert!(script.contains("location.reload()"));
    // The sign-in page has no such marker.
    assert!(!app.browser().get("/admin/login").contains("data-signed-in"));
});

both!(
    the_apply_form_says_when_email_the_user_would_send_nothing,
    |app| {
        app.action(json!({"name": "Ban", "temporal": true}));
        let user = app.user("reader@example.test", &["en"]);
        let agent = member(&app, "support", "en");
        // No SMTP server for the server (tests run without one) nor for the tenant.
        let page = agent.get(&format!("/admin/users/{user}"));
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("data-email-unavailable"),
            "{}",
            page.body
        );
        assert!(page.body.contains("will send nothing"), "{}", page.body);

        let tenant = app.default_tenant();
        app.patch(
            &format!("/api/tenant/{tenant}"),
            json!({"tenant": {"emailConfiguration": {"host": "smtp.example.test", "port": 25,
            "security": "NONE"}}}),
        )
        .ok();
        let page = agent.get(&format!("/admin/users/{user}"));
        assert_eq!(page.status, 200);
        assert!(
            !page.body.contains("data-email-unavailable"),
            "{}",
            page.body
        );
    }
);
