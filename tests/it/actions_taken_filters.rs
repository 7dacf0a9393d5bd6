//! The actions-taken list's filters: option, user (name, email or id), days applied, kind and
//! state (scheduled too), in the list and the CSV; expiring filters skip cancelled actions; the
//! dashboard counts current actions by kind and links to the list filtered by kind.

use serde_json::{json, Value};

use crate::both;
use crate::support::{TestApp, START};
use crate::web_support::*;

const DAY: i64 = 86_400_000;

fn apply(app: &TestApp, action: Value) -> String {
    let res = app.post("/api/user/action", json!({ "action": action }));
    res.ok()["action"]["id"].as_str().unwrap().to_string()
}

fn named_user(app: &TestApp, email: &str, full_name: &str) -> String {
    let res = app.post(
        "/api/user",
        json!({"user": {"email": email, "password": "correct horse", "fullName": full_name}}),
    );
    res.ok()["user"]["id"].as_str().unwrap().to_string()
}

/// Which of the emails the page lists.
fn listed<'a>(page: &Page, emails: &[&'a str]) -> Vec<&'a str> {
    emails
        .iter()
        .copied()
        .filter(|e| page.contains(&format!(">{e}</a>")))
        .collect()
}

both!(the_list_filters_by_option_user_days_kind_and_state, |app| {
    let agent = app.staff("agent@staff.test", "support");
    let ann = named_user(&app, "ann@filters.test", "Ann Zebra");
    let bob = app.user("bob@filters.test", &[]);
    let cat = app.user("cat@filters.test", &[]);
    let dan = app.user("dan@filters.test", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    let plus = app.action(json!({"name": "Plus", "temporal": true, "kind": "entitlement"}));
    let trial = app.action(json!({"name": "Trial", "temporal": true}));
    let survey =
        app.action(json!({"name": "Mood", "options": [{"name": "happy"}, {"name": "sad"}]}));
    // Day one (2030-01-01): Ann is banned and answers happy; Cat's ban is cancelled.
    apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": ann, "actionerUserId": agent,
               "expiry": START + 10 * DAY}),
    );
    apply(
        &app,
        json!({"userActionId": survey, "actioneeUserId": ann, "actionerUserId": agent, "option": "happy"}),
    );
    let cat_ban = apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": cat, "actionerUserId": agent,
               "expiry": START + 10 * DAY}),
    );
    app.delete_with(
        &format!("/api/user/action/{cat_ban}"),
        json!({"action": {"actionerUserId": agent}}),
    )
    .ok();
    // Day three: Bob gets Plus and answers sad; Dan's trial starts in a week.
    app.clock.advance(2 * DAY);
    apply(
        &app,
        json!({"userActionId": plus, "actioneeUserId": bob, "actionerUserId": agent,
               "expiry": START + 30 * DAY}),
    );
    apply(
        &app,
        json!({"userActionId": survey, "actioneeUserId": bob, "actionerUserId": agent, "option": "sad"}),
    );
    apply(
        &app,
        json!({"userActionId": trial, "actioneeUserId": dan, "actionerUserId": agent,
               "startInstant": START + 9 * DAY, "expiry": START + 20 * DAY}),
    );
    let all = [
        "ann@filters.test",
        "bob@filters.test",
        "cat@filters.test",
        "dan@filters.test",
    ];
    let browser = app.browser();
    browser
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    let list = |query: &str| {
        let page = browser.get(&format!("/admin/instances?{query}"));
        assert_eq!(page.status, 200, "{query}: {}", page.body);
        page
    };

    // By option: the survey answer, whoever gave it.
    let happy = list("option=happy");
    assert_eq!(listed(&happy, &all), ["ann@filters.test"]);
    assert_eq!(happy.body.matches("<tr>").count() - 1, 1);
    // By user: email, words of the name, or id.
    let by_email = list("user=bob%40filters.test");
    assert_eq!(listed(&by_email, &all), ["bob@filters.test"]);
    assert_eq!(by_email.body.matches("<tr>").count() - 1, 2);
    assert_eq!(listed(&list("user=zebra"), &all), ["ann@filters.test"]);
    assert_eq!(
        listed(&list(&format!("user={cat}")), &all),
        ["cat@filters.test"]
    );
    assert!(list("user=nobody-at-all").contains("No action matches"));
    // By days applied, both days included, in the member's zone (UTC).
    let day_one = list("applied_to=2030-01-01");
    assert_eq!(
        listed(&day_one, &all),
        ["ann@filters.test", "cat@filters.test"]
    );
    let later = list("applied_from=2030-01-02");
    assert_eq!(
        listed(&later, &all),
        ["bob@filters.test", "dan@filters.test"]
    );
    assert_eq!(
        listed(&list("applied_from=2030-01-03&applied_to=2030-01-03"), &all),
        ["bob@filters.test", "dan@filters.test"]
    );
    let reversed = browser.get("/admin/instances?applied_from=2030-01-03&applied_to=2030-01-01");
    assert_eq!(reversed.status, 422);
    reversed.assert_has("must not be before");
    assert_eq!(
        browser
            .get("/admin/instances?applied_from=yesterday")
            .status,
        422
    );
    // By kind: penalties apart from entitlements.
    assert_eq!(
        listed(&list("kind=penalty"), &all),
        ["ann@filters.test", "cat@filters.test"]
    );
    assert_eq!(
        listed(&list("kind=entitlement"), &all),
        ["bob@filters.test"]
    );
    assert_eq!(browser.get("/admin/instances?kind=fine").status, 422);
    // State scheduled: the trial that has not started.
    assert_eq!(listed(&list("state=scheduled"), &all), ["dan@filters.test"]);
    // Expiring before day five: not Cat's ban, whose expiry became its cancellation time.
    let expiring = list("expires_before=2030-01-05T00%3A00");
    assert_eq!(listed(&expiring, &all), Vec::<&str>::new());
    assert_eq!(
        listed(&list("expires_before=2030-01-12T00%3A00"), &all),
        ["ann@filters.test"]
    );
    // Filters combine, and links to the next pages keep them.
    assert_eq!(
        listed(&list("user=ann&kind=penalty&state=active"), &all),
        ["ann@filters.test"]
    );
    assert!(list("user=ann&option=sad").contains("No action matches"));
    let page = list("user=bob&option=sad");
    page.assert_has("href=\"/admin/instances.csv?option=sad&#38;user=bob\"");

    // The CSV takes the same filters.
    let csv = browser.get("/admin/instances.csv?kind=penalty&applied_to=2030-01-01");
    assert_eq!(csv.status, 200);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(csv.body.contains("ann@filters.test") && csv.body.contains("cat@filters.test"));
    let csv = browser.get("/admin/instances.csv?user=zebra&option=happy");
    assert_eq!(csv.body.lines().count(), 2, "{}", csv.body);
    assert_eq!(
        browser
            .get("/admin/instances.csv?applied_from=2030-01-03&applied_to=2030-01-01")
            .status,
        422
    );
});

both!(the_dashboard_counts_current_actions_by_kind, |app| {
    let agent = app.staff("agent@staff.test", "support");
    let ann = app.user("ann@kinds.test", &[]);
    let bob = app.user("bob@kinds.test", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    let plus = app.action(json!({"name": "Plus", "temporal": true, "kind": "entitlement"}));
    for (action, user) in [(&ban, &ann), (&plus, &ann), (&plus, &bob)] {
        apply(
            &app,
            json!({"userActionId": action, "actioneeUserId": user, "actionerUserId": agent,
                   "expiry": START + 5 * DAY}),
        );
    }
    let browser = app.browser();
    browser
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    let home = browser.get("/admin/");
    assert_eq!(home.status, 200);
    home.assert_has("href=\"/admin/instances?state=active&#38;kind=penalty\">active penalty</a>");
    home.assert_has(
        "href=\"/admin/instances?state=active&#38;kind=entitlement\">active entitlements</a>",
    );
    let card = |kind: &str| {
        let at = home
            .body
            .find(&format!("class=\"card kind-{kind}\""))
            .unwrap();
        let stat = home.body[at..].find("class=\"stat\">").unwrap() + at + 13;
        let end = home.body[stat..].find('<').unwrap() + stat;
        home.body[stat..end].to_string()
    };
    assert_eq!(card("penalty"), "1");
    assert_eq!(card("entitlement"), "2");
    // Following the entitlement link lists the two, not the ban.
    let list = browser.get("/admin/instances?state=active&kind=entitlement");
    assert_eq!(list.status, 200);
    assert_eq!(list.body.matches("<tr>").count() - 1, 2);
});
