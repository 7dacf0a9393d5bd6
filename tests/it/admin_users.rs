//! The admin app's users: search, a user's page with current actions and the whole history, and
//! applying, changing and cancelling actions through the forms.

use serde_json::{json, Value};

use crate::both;
use crate::support::{TestApp, START};
use crate::web_support::*;

const DAY: i64 = 86_400_000;

/// A user with names, in the tenant of the app's current tenant header.
fn person(app: &TestApp, email: &str, first: &str, last: &str, full: Option<&str>) -> String {
    let mut user = json!({"email": email, "firstName": first, "lastName": last});
    if let Some(full) = full {
        user["fullName"] = json!(full);
    }
    let res = app.post("/api/user", json!({ "user": user }));
    res.ok()["user"]["id"].as_str().unwrap().to_string()
}

/// A signed-in support agent; returns the browser and their user id.
fn support(app: &TestApp, email: &str) -> (Browser, String) {
    let id = app.staff(email, "support");
    let browser = app.browser();
    browser
        .sign_in(email, STAFF_PASSWORD)
        .redirects_to("/admin/");
    (browser, id)
}

struct Setup {
    user: String,
    ban: String,
    warn: String,
    mute: String,
    reason: String,
}

/// A user to act on, a temporal "Ban" and "Mute", an instantaneous "Warn" with options, a reason.
fn setup(app: &TestApp) -> Setup {
    let user = person(app, "target@example.test", "Tara", "Get", None);
    let ban =
        app.action(json!({"name": "Ban", "temporal": true, "userNotificationsEnabled": true}));
    let mute = app.action(json!({"name": "Mute", "temporal": true}));
    let warn = app.action(json!({"name": "Warn", "temporal": false,
        "options": [{"name": "Yellow"}, {"name": "Red"}]}));
    let res = app.post(
        "/api/user-action-reason",
        json!({"userActionReason": {"text": "Spam", "code": "SP"}}),
    );
    let reason = res.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    Setup {
        user,
        ban,
        warn,
        mute,
        reason,
    }
}

fn actions_of(app: &TestApp, user: &str) -> Vec<Value> {
    app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

fn instance(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/user/action/{id}")).ok()["action"].clone()
}

fn position(page: &Page, text: &str) -> usize {
    page.body
        .find(text)
        .unwrap_or_else(|| panic!("page lacks {text:?}:\n{}", page.body))
}

both!(search_finds_users_by_email_name_and_id_with_pages, |app| {
    let mut app = app;
    let ada = person(&app, "ada@example.test", "Ada", "Lovelace", None);
    person(&app, "grace@example.test", "G.", "H.", Some("Grace Hopper"));
    person(&app, "under_score@other.test", "Una", "Score", None);
    for n in 0..27 {
        person(&app, &format!("pager-{n:02}@bulk.test"), "Page", "Er", None);
    }
    // Staff are made before a second tenant exists (they belong to the Default tenant).
    let (browser, _) = support(&app, "agent@staff.test");
    let acme = app
        .post("/api/tenant", json!({"tenant": {"name": "Acme Corp"}}))
        .ok()["tenant"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.tenant = Some(acme);
    let linus = person(&app, "linus@acme.test", "Linus", "Torvalds", None);
    app.tenant = None;

    // Part of an email, in any case.
    let page = browser.get("/admin/users?q=EXAMPLE.test");
    assert_eq!(page.status, 200);
    page.assert_has("2 users found.");
    page.assert_has("ada@example.test");
    page.assert_has("grace@example.test");
    assert!(!page.contains("pager-00"));
    assert!(!page.contains("rel=\"next\""));

    // First or last name, full name, several words.
    let page = browser.get("/admin/users?q=lovelace");
    page.assert_has("One user found.");
    page.assert_has(&format!("/admin/users/{ada}"));
    assert!(!page.contains("grace@example.test"));
    let page = browser.get("/admin/users?q=grace+HOP");
    page.assert_has("One user found.");
    page.assert_has("Grace Hopper");
    let page = browser.get("/admin/users?q=ada+love");
    page.assert_has("ada@example.test");

    // An exact id, in another tenant, whose name is shown.
    let page = browser.get(&format!("/admin/users?q={linus}"));
    page.assert_has("One user found.");
    page.assert_has("linus@acme.test");
    page.assert_has("Acme Corp");
    page.assert_has("Linus Torvalds");

    // Wildcards typed are taken literally.
    browser
        .get("/admin/users?q=%25")
        .assert_has("No user matches.");
    let page = browser.get("/admin/users?q=_");
    page.assert_has("One user found.");
    page.assert_has("under_score@other.test");

    // Pages of 25, in email order.
    let page = browser.get("/admin/users?q=pager");
    page.assert_has("27 users found.");
    page.assert_has("Page 1 of 2.");
    page.assert_has("pager-00@bulk.test");
    page.assert_has("pager-24@bulk.test");
    assert!(!page.contains("pager-25@bulk.test"));
    page.assert_has("q=pager&#38;page=2");
    assert!(!page.contains("rel=\"prev\""));
    let page = browser.get("/admin/users?q=pager&page=2");
    page.assert_has("Page 2 of 2.");
    page.assert_has("pager-25@bulk.test");
    page.assert_has("pager-26@bulk.test");
    assert!(!page.contains("pager-24@bulk.test"));
    page.assert_has("q=pager&#38;page=1");
    assert!(!page.contains("rel=\"next\""));
    // A page number that is no number is the first page.
    browser
        .get("/admin/users?q=pager&page=x")
        .assert_has("Page 1 of 2.");

    browser
        .get("/admin/users?q=nobody-like-this")
        .assert_has("No user matches.");
});

both!(search_ignores_case_beyond_ascii, |app| {
    person(&app, "jm@example.test", "Jürgen", "Müller", None);
    person(
        &app,
        "ed@example.test",
        "ÉLODIE",
        "Durand",
        Some("ÉLODIE DURAND"),
    );
    person(&app, "ay@example.test", "ALİ", "Yılmaz", None);
    person(&app, "Ørsted.Übel@example.test", "Hans", "Ørsted", None);
    person(&app, "zu@example.test", "Zoë_Ü%", "Uhl", None);
    person(&app, "za@example.test", "ZoëxÜx", "Uhl", None);
    let (browser, _) = support(&app, "agent@staff.test");
    let found = |q: &str, emails: &[&str]| {
        let page = browser.get(&format!("/admin/users?q={}", urlencoding(q)));
        assert_eq!(page.status, 200);
        for email in emails {
            page.assert_has(email);
        }
        let count = page.body.matches("@example.test").count();
        assert_eq!(
            count,
            emails.len(),
            "{q:?} found {count} users:\n{}",
            page.body
        );
    };

    // Names, in the other case, by a whole or part of a word, with ASCII around.
    found("müller", &["jm@example.test"]);
    found("MÜLLER", &["jm@example.test"]);
    found("jürgen MÜ", &["jm@example.test"]);
    found("ÜLL", &["jm@example.test"]);
    found("élodie", &["ed@example.test"]);
    found("Élodie durand", &["ed@example.test"]);
    // An ASCII word finds a name that only Unicode folding makes match (İ lowercases to i).
    found("ali", &["ay@example.test"]);
    // Emails, in the other case.
    found("ørsted.übel", &["Ørsted.Übel@example.test"]);
    found("ØRSTED", &["Ørsted.Übel@example.test"]);

    // Wildcards typed are taken literally next to non-ASCII letters.
    found("ZOË_Ü", &["zu@example.test"]);
    found("ü%", &["zu@example.test"]);
    found("zoë%", &[]);
    found("ZOË", &["zu@example.test", "za@example.test"]);
});

/// `text` as a URL query value.
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

both!(
    actions_applied_changed_and_cancelled_through_the_forms_make_the_timeline,
    |app| {
        let s = setup(&app);
        let (browser, agent) = support(&app, "agent@staff.test");
        let user_page = format!("/admin/users/{}", s.user);

        let page = browser.get(&user_page);
        assert_eq!(page.status, 200);
        page.assert_has("target@example.test");
        page.assert_has("Tara Get");
        page.assert_has("Default");
        page.assert_has("No action is running for this user.");
        page.assert_has("Nothing has happened to this user yet.");

        // Apply a temporal action for 7 days.
        browser
            .post(
                &format!("{user_page}/apply"),
                &[
                    ("userActionId", &s.ban),
                    ("reasonId", &s.reason),
                    ("comment", "first ban"),
                    ("preset", "7d"),
                    ("notifyUser", "true"),
                ],
            )
            .redirects_to(&format!("{user_page}?done=applied"));
        let listed = actions_of(&app, &s.user);
        assert_eq!(listed.len(), 1);
        let ban_id = listed[0]["id"].as_str().unwrap().to_string();
        let ban = instance(&app, &ban_id);
        assert_eq!(ban["state"], "active");
        assert_eq!(ban["expiry"], START + 7 * DAY);
        assert_eq!(ban["actionerUserId"], agent.as_str());
        assert_eq!(ban["comment"], "first ban");
        assert_eq!(ban["reasonCode"], "SP");
        assert_eq!(ban["notifyUserOnEnd"], true);

        // An instantaneous action with an option, a minute later.
        app.clock.advance(60_000);
        browser
            .post(
                &format!("{user_page}/apply"),
                &[("userActionId", &s.warn), ("option", "Red")],
            )
            .redirects_to(&format!("{user_page}?done=applied"));
        let warn = actions_of(&app, &s.user)
            .into_iter()
            .find(|a| a["userActionId"] == s.warn.as_str())
            .unwrap();
        assert_eq!(warn["state"], "instant");
        assert_eq!(warn["option"], "Red");
        let warn_id = warn["id"].as_str().unwrap().to_string();

        let page = browser.get(&format!("{user_page}?done=applied"));
        page.assert_has("Action applied.");
        page.assert_has("first ban");
        page.assert_has("6 days, 23 hours left");
        page.assert_has("Spam (SP)");
        page.assert_has(&format!("{user_page}/actions/{ban_id}"));
        // An instantaneous action has nothing to change or cancel.
        assert!(!page.contains(&format!("/actions/{warn_id}")));

        // Extend by 7 days from the current expiry, with a new comment.
        let change = format!("{user_page}/actions/{ban_id}");
        app.clock.advance(60_000);
        let form = browser.get(&change);
        assert_eq!(form.status, 200);
        form.assert_has("Change: Ban");
        browser
            .post(&change, &[("preset", "ext-7d"), ("comment", "longer")])
            .redirects_to(&format!("{user_page}?done=modified"));
        let ban = instance(&app, &ban_id);
        assert_eq!(ban["expiry"], START + 14 * DAY);
        assert_eq!(ban["comment"], "longer");
        assert_eq!(ban["history"]["historyItems"][0]["comment"], "first ban");
        browser
            .get(&format!("{user_page}?done=modified"))
            .assert_has("Action changed.");

        // Shorten by a day.
        app.clock.advance(60_000);
        browser.get(&change);
        browser
            .post(
                &change,
                &[("preset", "cut-1d"), ("comment", "a bit shorter")],
            )
            .redirects_to(&format!("{user_page}?done=modified"));
        assert_eq!(instance(&app, &ban_id)["expiry"], START + 13 * DAY);

        // Cancel, from the user's page.
        app.clock.advance(60_000);
        browser.get(&user_page);
        browser
            .post(&format!("{change}/cancel"), &[("comment", "forgiven")])
            .redirects_to(&format!("{user_page}?done=cancelled"));
        let ban = instance(&app, &ban_id);
        assert_eq!(ban["state"], "cancelled");
        assert_eq!(ban["comment"], "forgiven");
        assert_eq!(ban["expiry"], START + 240_000);

        // A temporal action that reaches its expiry ends by itself.
        browser.get(&user_page);
        browser
            .post(
                &format!("{user_page}/apply"),
                &[("userActionId", &s.mute), ("preset", "1d")],
            )
            .redirects_to(&format!("{user_page}?done=applied"));
        app.clock.advance(2 * DAY);
        // Two days outlast the session: sign in again, in a fresh browser (the stale session
        // cookie would make the sign-in form's token wrong).
        let browser = app.browser();
        browser
            .sign_in("agent@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");

        let page = browser.get(&format!("{user_page}?done=cancelled"));
        page.assert_has("Action cancelled.");
        page.assert_has("No action is running for this user.");
        // Newest first: the end, the cancel, the changes, the instantaneous action, the apply.
        let ended = position(&page, "Ended at expiry");
        let cancelled = position(&page, "Comment: forgiven");
        let shortened = position(&page, "Comment: a bit shorter");
        let extended = position(&page, "Comment: longer");
        let warned = position(&page, "Applied (instantaneous)");
        let applied = position(&page, "Comment: first ban");
        assert!(ended < cancelled, "end before cancel");
        assert!(cancelled < shortened && shortened < extended && extended < warned);
        assert!(warned < applied);
        page.assert_has("by Actioneer");
        page.assert_has("by support agent@staff.test (agent@staff.test)");
        page.assert_has("Expiry: 2030-01-08 00:00 UTC → 2030-01-15 00:00 UTC");
        page.assert_has("Expiry: 2030-01-15 00:00 UTC → 2030-01-14 00:00 UTC");
        page.assert_has("Was to end 2030-01-14 00:00 UTC");
        page.assert_has("Until 2030-01-08 00:00 UTC");
        page.assert_has("Option: Red");
        page.assert_has("Reason: Spam (SP)");

        // A cancelled action can no longer be changed.
        let form = browser.get(&change);
        form.assert_has("This action is no longer running");
        assert!(!form.contains("name=\"preset\""));
        let again = browser.post(&format!("{change}/cancel"), &[("comment", "twice")]);
        assert_eq!(again.status, 404);
    }
);

both!(
    presets_and_typed_dates_follow_the_members_time_zone,
    |app| {
        let s = setup(&app);
        let (browser, _) = support(&app, "zone@staff.test");
        browser.get("/admin/account");
        browser
            .post(
                "/admin/account",
                &[("language", "en"), ("time_zone", "Asia/Kolkata")],
            )
            .redirects_to("/admin/account?done=saved");
        let user_page = format!("/admin/users/{}", s.user);
        let page = browser.get(&user_page);
        page.assert_has("Asia/Kolkata");

        // A typed date wins over a preset, and is read in the member's zone (UTC+05:30).
        browser
            .post(
                &format!("{user_page}/apply"),
                &[
                    ("userActionId", &s.ban),
                    ("expiry", "2030-01-05T10:00"),
                    ("preset", "1d"),
                ],
            )
            .redirects_to(&format!("{user_page}?done=applied"));
        let ban = actions_of(&app, &s.user)[0].clone();
        let ban_id = ban["id"].as_str().unwrap().to_string();
        assert_eq!(ban["expiry"], START + 4 * DAY + 270 * 60_000);
        let page = browser.get(&user_page);
        page.assert_has("2030-01-05 10:00 IST");

        // Forever.
        browser
            .post(
                &format!("{user_page}/apply"),
                &[("userActionId", &s.mute), ("preset", "forever")],
            )
            .redirects_to(&format!("{user_page}?done=applied"));
        let mute = actions_of(&app, &s.user)
            .into_iter()
            .find(|a| a["userActionId"] == s.mute.as_str())
            .unwrap();
        assert_eq!(mute["expiry"].as_i64(), Some(i64::MAX));
        let mute_id = mute["id"].as_str().unwrap().to_string();
        browser.get(&user_page).assert_has("Never");

        // Changing: 30 days from now, and a typed date in the member's zone.
        let change = format!("{user_page}/actions/{mute_id}");
        let form = browser.get(&change);
        // Days cannot be added to "forever".
        assert!(!form.contains("value=\"ext-7d\""));
        app.clock.advance(3_600_000);
        browser
            .post(&change, &[("preset", "30d")])
            .redirects_to(&format!("{user_page}?done=modified"));
        assert_eq!(
            instance(&app, &mute_id)["expiry"],
            START + 3_600_000 + 30 * DAY
        );
        let change = format!("{user_page}/actions/{ban_id}");
        browser.get(&change);
        browser
            .post(
                &change,
                &[("expiry", "2030-02-01T05:30"), ("preset", "keep")],
            )
            .redirects_to(&format!("{user_page}?done=modified"));
        assert_eq!(instance(&app, &ban_id)["expiry"], START + 31 * DAY);
        // Keeping the expiry changes only the comment.
        browser.get(&change);
        browser
            .post(&change, &[("preset", "keep"), ("comment", "note")])
            .redirects_to(&format!("{user_page}?done=modified"));
        let ban = instance(&app, &ban_id);
        assert_eq!(ban["expiry"], START + 31 * DAY);
        assert_eq!(ban["comment"], "note");
        browser
            .get(&user_page)
            .assert_has("Expiry: 2030-02-01 05:30 IST → 2030-02-01 05:30 IST");
    }
);

both!(errors_show_next_to_fields_and_keep_what_was_typed, |app| {
    let s = setup(&app);
    let (browser, _) = support(&app, "agent@staff.test");
    let user_page = format!("/admin/users/{}", s.user);
    browser.get(&user_page);

    // A temporal action without expiry; a comment with markup is kept, escaped.
    let page = browser.post(
        &format!("{user_page}/apply"),
        &[
            ("userActionId", &s.ban),
            ("reasonId", &s.reason),
            ("comment", "<script>alert(1)</script>"),
        ],
    );
    assert_eq!(page.status, 422);
    page.assert_has("id=\"expiry-error\">This field is required.");
    page.assert_has("&#60;script&#62;alert(1)&#60;/script&#62;");
    assert!(!page.contains("<script>alert(1)"));
    page.assert_has(&format!("<option value=\"{}\" selected", s.ban));
    page.assert_has(&format!("<option value=\"{}\" selected>", s.reason));

    // An expiry in the past, typed: kept.
    let page = browser.post(
        &format!("{user_page}/apply"),
        &[("userActionId", &s.ban), ("expiry", "2000-01-01T00:00")],
    );
    assert_eq!(page.status, 422);
    page.assert_has("id=\"expiry-error\">This must be in the future.");
    assert_eq!(
        page.input_value("expiry").as_deref(),
        Some("2000-01-01T00:00")
    );

    // A date that is no date.
    let page = browser.post(
        &format!("{user_page}/apply"),
        &[("userActionId", &s.ban), ("expiry", "next tuesday")],
    );
    assert_eq!(page.status, 422);
    page.assert_has("id=\"expiry-error\">This value is not valid.");

    // An option the action does not have; an expiry on an instantaneous action.
    let page = browser.post(
        &format!("{user_page}/apply"),
        &[
            ("userActionId", &s.warn),
            ("option", "Purple"),
            ("preset", "7d"),
            ("emailUser", "true"),
        ],
    );
    assert_eq!(page.status, 422);
    page.assert_has("id=\"option-error\">This value is not valid.");
    page.assert_has("<option value=\"Purple\" selected>");
    page.assert_has("id=\"expiry-error\">This is not allowed here.");
    page.assert_has("id=\"emailUser-error\">This action does not email users.");
    page.assert_has("value=\"7d\" checked");
    // No action chosen.
    let page = browser.post(&format!("{user_page}/apply"), &[("comment", "x")]);
    assert_eq!(page.status, 422);
    page.assert_has("id=\"userActionId-error\">This field is required.");
    assert!(actions_of(&app, &s.user).is_empty());

    // Applied with markup in the comment: escaped on the page.
    browser
        .post(
            &format!("{user_page}/apply"),
            &[
                ("userActionId", &s.ban),
                ("preset", "1d"),
                ("comment", "<script>alert(2)</script>"),
            ],
        )
        .redirects_to(&format!("{user_page}?done=applied"));
    let page = browser.get(&user_page);
    page.assert_has("&#60;script&#62;alert(2)&#60;/script&#62;");
    assert!(!page.contains("<script>alert(2)"));

    // Applying it again while it runs.
    let page = browser.post(
        &format!("{user_page}/apply"),
        &[("userActionId", &s.ban), ("preset", "1d")],
    );
    assert_eq!(page.status, 422);
    assert!(page.contains("id=\"userActionId-error\""));

    // The change form: a new expiry in the past, kept with the comment.
    let ban_id = actions_of(&app, &s.user)[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let change = format!("{user_page}/actions/{ban_id}");
    browser.get(&change);
    let page = browser.post(
        &change,
        &[("expiry", "2001-02-03T04:05"), ("comment", "<b>no</b>")],
    );
    assert_eq!(page.status, 422);
    page.assert_has("id=\"expiry-error\">This must be in the future.");
    assert_eq!(
        page.input_value("expiry").as_deref(),
        Some("2001-02-03T04:05")
    );
    page.assert_has("&#60;b&#62;no&#60;/b&#62;");
    // Days taken from the current expiry can put it in the past; the service says so.
    let page = browser.post(&change, &[("preset", "cut-7d")]);
    assert_eq!(page.status, 422);
    page.assert_has("id=\"expiry-error\">This must be in the future.");
    let page = browser.post(&format!("{change}/cancel"), &[("emailUser", "true")]);
    assert_eq!(page.status, 422);
    page.assert_has("id=\"cancel-emailUser-error\">This action does not email users.");
    assert_eq!(instance(&app, &ban_id)["state"], "active");
    assert_eq!(instance(&app, &ban_id)["expiry"], START + DAY);
});

both!(roles_and_unknown_ids, |app| {
    let s = setup(&app);
    let translator = app.signed_in("translator");
    let user_page = format!("/admin/users/{}", s.user);
    assert_eq!(translator.get("/admin/users").status, 403);
    assert_eq!(translator.get(&user_page).status, 403);
    translator.get("/admin/");
    let page = translator.post(
        &format!("{user_page}/apply"),
        &[("userActionId", &s.warn), ("option", "Red")],
    );
    assert_eq!(page.status, 403);
    assert!(actions_of(&app, &s.user).is_empty());

    let admin = app.signed_in("admin");
    assert_eq!(admin.get("/admin/users").status, 200);
    assert_eq!(admin.get(&user_page).status, 200);

    let support = app.signed_in("support");
    let unknown = uuid::Uuid::new_v4();
    assert_eq!(support.get(&format!("/admin/users/{unknown}")).status, 404);
    assert_eq!(support.get("/admin/users/not-an-id").status, 404);
    assert_eq!(
        support
            .get(&format!("{user_page}/actions/{unknown}"))
            .status,
        404
    );
    support.get(&user_page);
    let page = support.post(
        &format!("/admin/users/{unknown}/apply"),
        &[("userActionId", &s.warn), ("option", "Red")],
    );
    assert_eq!(page.status, 404);

    // Someone else's instance is not reachable under this user.
    let other = person(&app, "other@example.test", "O", "Ther", None);
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": s.ban, "actioneeUserId": other,
            "actionerUserId": other, "expiry": START + DAY}}),
    );
    let theirs = res.ok()["action"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        support.get(&format!("{user_page}/actions/{theirs}")).status,
        404
    );
    support.get(&user_page);
    let page = support.post(
        &format!("{user_page}/actions/{theirs}/cancel"),
        &[("comment", "wrong user")],
    );
    assert_eq!(page.status, 404);
    assert_eq!(instance(&app, &theirs)["state"], "active");
});
