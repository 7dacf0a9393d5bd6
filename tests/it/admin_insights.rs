//! The dashboard, the happiness-survey fast path and the list of applied actions (with CSV).

use serde_json::{json, Value};

use crate::both;
use crate::support::TestApp;
use crate::web_support::*;

const DAY: i64 = 24 * 60 * 60 * 1000;

fn survey(app: &TestApp) -> String {
    app.action(json!({
        "name": "Happiness",
        "options": [
            {"name": "happy", "localizedNames": {"de": "glücklich"}},
            {"name": "indifferent"},
            {"name": "frustrated"}
        ]
    }))
}

fn apply(app: &TestApp, action: Value) -> String {
    let res = app.post("/api/user/action", json!({ "action": action }));
    res.ok();
    res.body["action"]["id"].as_str().unwrap().to_string()
}

fn answer(app: &TestApp, survey: &str, user: &str, actioner: &str, option: &str, comment: &str) {
    apply(
        app,
        json!({"userActionId": survey, "actioneeUserId": user, "actionerUserId": actioner,
               "option": option, "comment": comment}),
    );
}

fn actions_of(app: &TestApp, user: &str) -> Vec<Value> {
    app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

both!(
    support_records_survey_answers_through_the_fast_path,
    |app| {
        let survey = survey(&app);
        let carla = app.user("carla@example.com", &[]);
        app.user("dora@example.com", &[]);
        let agent_id = app.staff("agent@staff.test", "support");
        let agent = app.browser();
        agent
            .sign_in("agent@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");

        // Step 1: find the user.
        let found = agent.get("/admin/survey?q=carla");
        assert_eq!(found.status, 200);
        found.assert_has("carla@example.com");
        assert!(!found.contains("dora@example.com"));
        found.assert_has(&format!("/admin/survey?user={carla}"));

        // Step 2: the options, as big choices.
        let form = agent.get(&format!("/admin/survey?user={carla}"));
        assert_eq!(form.status, 200);
        for option in ["happy", "indifferent", "frustrated"] {
            form.assert_has(&format!("value=\"{option}\""));
        }

        // No option chosen: the error is next to the options, the comment is kept.
        let missing = agent.post(
            "/admin/survey",
            &[
                ("user", &carla),
                ("survey", &survey),
                ("comment", "Kept comment"),
            ],
        );
        assert_eq!(missing.status, 422);
        missing.assert_has("id=\"option-error\"");
        missing.assert_has("This field is required.");
        missing.assert_has("Kept comment");
        assert!(actions_of(&app, &carla).is_empty());

        // Saved: back to step 1 for the next user.
        let saved = agent.post(
            "/admin/survey",
            &[
                ("user", &carla),
                ("survey", &survey),
                ("option", "frustrated"),
                ("comment", "Waited two days for an answer"),
            ],
        );
        let next = saved.redirects_to("/admin/survey?done=recorded");
        let again = agent.get(&next);
        again.assert_has("Answer recorded for");
        again.assert_has("name=\"q\"");

        let stored = actions_of(&app, &carla);
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0]["userActionId"], survey.as_str());
        assert_eq!(stored[0]["option"], "frustrated");
        assert_eq!(stored[0]["comment"], "Waited two days for an answer");
        assert_eq!(stored[0]["actionerUserId"], agent_id.as_str());

        // An unknown user is an error next to the search field, with what was typed kept.
        let nobody = uuid::Uuid::new_v4().to_string();
        let unknown = agent.post(
            "/admin/survey",
            &[("user", &nobody), ("survey", &survey), ("option", "happy")],
        );
        assert_eq!(unknown.status, 422);
        unknown.assert_has("id=\"q-error\"");
        assert_eq!(unknown.input_value("q").as_deref(), Some(nobody.as_str()));
        let unknown = agent.get("/admin/survey?user=not-an-id");
        assert_eq!(unknown.status, 422);
        unknown.assert_has("id=\"q-error\"");
    }
);

both!(survey_options_are_named_in_the_staff_language, |app| {
    survey(&app);
    let carla = app.user("carla@example.com", &[]);
    let admin = app.signed_in("admin");
    admin.get("/admin/account");
    admin
        .post("/admin/account", &[("language", "de"), ("time_zone", "")])
        .redirects_to("/admin/account");
    let form = admin.get(&format!("/admin/survey?user={carla}"));
    form.assert_has("glücklich");
    form.assert_has("value=\"happy\"");
});

both!(
    dashboard_shows_counts_expiring_actions_and_the_survey_trend,
    |app| {
        let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
        let subscription = app.action(json!({"name": "Subscription", "temporal": true}));
        let survey = survey(&app);
        let actioner = app.user("lead@example.com", &[]);
        let soon = app.user("soon@example.com", &[]);
        let later = app.user("later@example.com", &[]);
        let gone = app.user("gone@example.com", &[]);
        let now = app.now();
        for (user, days) in [(&soon, 3), (&later, 30), (&gone, 2)] {
            apply(
                &app,
                json!({"userActionId": ban, "actioneeUserId": user, "actionerUserId": actioner,
                   "expiry": now + days * DAY}),
            );
        }
        let cancelled = actions_of(&app, &gone)[0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        app.delete_with(
            &format!("/api/user/action/{cancelled}"),
            json!({"action": {"actionerUserId": actioner}}),
        )
        .ok();
        apply(
            &app,
            json!({"userActionId": subscription, "actioneeUserId": later, "actionerUserId": actioner,
               "expiry": now + 100 * DAY}),
        );
        // Answers three weeks ago and now.
        app.clock.set(now - 21 * DAY);
        answer(&app, &survey, &soon, &actioner, "happy", "Great help");
        app.clock.set(now);
        answer(
            &app,
            &survey,
            &later,
            &actioner,
            "frustrated",
            "<script>alert(1)</script>",
        );
        answer(&app, &survey, &soon, &actioner, "happy", "");

        let admin = app.signed_in("admin");
        let home = admin.get("/admin/");
        assert_eq!(home.status, 200);
        // 3 current instances (2 bans, 1 subscription); the 2 bans prevent login.
        home.assert_has("<p class=\"stat\">3</p>");
        home.assert_has("<p class=\"stat\">2</p>");
        home.assert_has("prevents login");
        // Expiring within 7 days: only the ban of soon@ (the cancelled one is not current).
        home.assert_has(&format!(
            "href=\"/admin/users/{soon}\">soon@example.com</a>"
        ));
        assert!(!home.contains(&format!(
            "/admin/users/{later}\">later@example.com</a></td><td>Ban"
        )));
        assert!(!home.contains(&format!("/admin/users/{gone}")));
        // The chart: an accessible SVG with a series per option, and the numbers as a table.
        home.assert_has("<svg class=\"chart\"");
        home.assert_has("role=\"img\"");
        home.assert_has("<title id=\"trend-title\">Answers to Happiness per week</title>");
        home.assert_has("happy: 2; indifferent: 0; frustrated: 1");
        assert_eq!(home.body.matches("<polyline").count(), 3);
        home.assert_has("<th scope=\"row\">happy</th>");
        home.assert_has("Great help");
        // Comments are escaped.
        home.assert_has("&#60;script&#62;alert(1)&#60;/script&#62;");
        assert!(!home.contains("<script>alert"));

        // A translator is pointed to the translations and sees no support data.
        let translator = app.signed_in("translator");
        let home = translator.get("/admin/");
        assert_eq!(home.status, 200);
        home.assert_has("href=\"/admin/translations\"");
        assert!(!home.contains("<svg"));
        assert!(!home.contains("soon@example.com"));
    }
);

both!(instances_list_filters_pages_and_exports_csv, |app| {
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let survey = survey(&app);
    let actioner = app.user("lead@example.com", &[]);
    let agent_id = app.staff("agent@staff.test", "support");
    let agent = app.browser();
    agent
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    let banned = app.user("banned@example.com", &[]);
    let now = app.now();
    apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": banned, "actionerUserId": actioner,
               "expiry": now + 3 * DAY, "comment": "=HYPERLINK(\"http://x\")"}),
    );
    let mut users = vec![];
    for n in 0..27 {
        let user = app.user(&format!("user{n:02}@example.com"), &[]);
        answer(&app, &survey, &user, &actioner, "happy", "");
        users.push(user);
    }
    // One answer recorded by the staff agent through the fast path.
    agent.get(&format!("/admin/survey?user={}", users[0]));
    agent
        .post(
            "/admin/survey",
            &[
                ("user", &users[0]),
                ("survey", &survey),
                ("option", "indifferent"),
                ("comment", "@agent note"),
            ],
        )
        .redirects_to("/admin/survey?done=recorded");

    // Filter by action: only the ban.
    let page = agent.get(&format!("/admin/instances?action={ban}"));
    assert_eq!(page.status, 200);
    page.assert_has("banned@example.com");
    assert!(!page.contains("user00@example.com"));
    page.assert_has(&format!("href=\"/admin/users/{banned}\""));
    // Filter by state and by agent.
    let active = agent.get("/admin/instances?state=active");
    active.assert_has("banned@example.com");
    assert!(!active.contains("user01@example.com"));
    let by_agent = agent.get(&format!("/admin/instances?agent={agent_id}"));
    by_agent.assert_has("user00@example.com");
    assert!(!by_agent.contains("user01@example.com"));
    assert!(!by_agent.contains("banned@example.com"));
    // Expiring before a time in the staff member's zone (UTC): only temporal instances match.
    let before = agent.get("/admin/instances?expires_before=2031-01-01T00%3A00");
    before.assert_has("banned@example.com");
    assert!(!before.contains("user01@example.com"));

    // 29 instances: 25 on the first page, the rest behind "next", and back again.
    let first = agent.get("/admin/instances");
    let rows = |p: &Page| p.body.matches("<tr>").count() - 1;
    assert_eq!(rows(&first), 25);
    let next = first.body.split("rel=\"next\"").next().unwrap();
    let href = next
        .rsplit("href=\"")
        .next()
        .unwrap()
        .trim_end_matches("\" ");
    let href = href.replace("&amp;", "&");
    let second = agent.get(&href);
    assert_eq!(second.status, 200);
    assert_eq!(rows(&second), 4);
    assert!(!second.contains("rel=\"next\""));
    let mut seen: Vec<&str> = users.iter().map(String::as_str).collect();
    seen.push(&banned);
    for user in &seen {
        let on_first = first.contains(&format!("/admin/users/{user}\""));
        let on_second = second.contains(&format!("/admin/users/{user}\""));
        assert!(on_first || on_second, "{user} on no page");
    }
    let prev = second.body.split("rel=\"prev\"").next().unwrap();
    let href = prev
        .rsplit("href=\"")
        .next()
        .unwrap()
        .trim_end_matches("\" ");
    let back = agent.get(&href.replace("&amp;", "&"));
    assert_eq!(rows(&back), 25);
    assert!(!back.contains("rel=\"prev\""));

    // CSV: header, the filtered rows, formulas neutralised.
    let csv = agent.get(&format!("/admin/instances.csv?action={ban}"));
    assert_eq!(csv.status, 200);
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", csv.body);
    assert!(
        lines[0].starts_with("Id,Action,Option,State,User id,User,"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("banned@example.com"));
    assert!(lines[1].contains(",active,"));
    assert!(
        lines[1].contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{}",
        lines[1]
    );
    let all = agent.get(&format!("/admin/instances.csv?action={survey}"));
    assert_eq!(all.body.lines().count(), 1 + 28);
    assert!(all.body.contains(",'@agent note,"), "{}", all.body);
});

both!(bad_filters_are_field_errors_and_roles_are_enforced, |app| {
    let support = app.signed_in("support");
    let page = support.get("/admin/instances?state=bogus&expires_after=tomorrow&agent=x");
    assert_eq!(page.status, 422);
    page.assert_has("id=\"f-state-error\"");
    page.assert_has("id=\"f-agent-error\"");
    page.assert_has("id=\"f-expires-after-error\"");
    page.assert_has("This value is not valid.");
    // What was typed stays in the form.
    assert_eq!(
        page.input_value("expires_after").as_deref(),
        Some("tomorrow")
    );
    let csv = support.get("/admin/instances.csv?state=bogus");
    assert_eq!(csv.status, 422);
    csv.assert_has("This value is not valid.");
    let reversed = support
        .get("/admin/instances?expires_after=2031-01-02T00%3A00&expires_before=2031-01-01T00%3A00");
    assert_eq!(reversed.status, 422);

    let translator = app.signed_in("translator");
    for path in ["/admin/survey", "/admin/instances", "/admin/instances.csv"] {
        assert_eq!(translator.get(path).status, 403, "{path}");
    }
    translator.get("/admin/");
    let post = translator.post("/admin/survey", &[("user", "x"), ("option", "happy")]);
    assert_eq!(post.status, 403);
});

both!(
    survey_trend_counts_whole_days_and_forgets_deleted_users_and_surveys,
    |app| {
        let happiness = survey(&app);
        let onboarding = app.action(json!({"name": "Onboarding", "options": [{"name": "easy"}]}));
        let actioner = app.user("lead@example.com", &[]);
        let stays = app.user("stays@example.com", &[]);
        let leaves = app.user("leaves@example.com", &[]);
        let now = app.now();
        let today = now - now.rem_euclid(DAY);
        // The trend covers eight whole weeks ending today: its first day is in, the day before
        // is not.
        app.clock.set(today - 55 * DAY);
        answer(&app, &happiness, &stays, &actioner, "happy", "");
        app.clock.set(today - 55 * DAY - 1);
        answer(&app, &happiness, &stays, &actioner, "indifferent", "");
        app.clock.set(now);
        answer(&app, &happiness, &stays, &actioner, "happy", "");
        answer(&app, &happiness, &leaves, &actioner, "frustrated", "");
        answer(&app, &onboarding, &leaves, &actioner, "easy", "");

        let admin = app.signed_in("admin");
        // The survey with the most answers in the trend is shown first.
        let home = admin.get("/admin/");
        home.assert_has("<title id=\"trend-title\">Answers to Happiness per week</title>");
        home.assert_has("happy: 2; indifferent: 0; frustrated: 1");

        // A deleted user's answers leave the counts with the user's instances.
        app.delete(&format!("/api/user/{leaves}?hardDelete=true"))
            .ok();
        let home = admin.get(&format!("/admin/?survey={happiness}"));
        home.assert_has("happy: 2; indifferent: 0; frustrated: 0");

        // A survey can be deleted with its answers, and an answer to it afterwards counts anew.
        app.delete(&format!("/api/user-action/{happiness}?hardDelete=true"))
            .ok();
        let happiness = survey(&app);
        answer(&app, &happiness, &stays, &actioner, "indifferent", "");
        let home = admin.get(&format!("/admin/?survey={happiness}"));
        home.assert_has("happy: 0; indifferent: 1; frustrated: 0");
    }
);
