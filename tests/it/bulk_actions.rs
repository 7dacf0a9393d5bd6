//! Bulk changes from the admin app: apply to users selected in the search, extend or cancel
//! instances selected in the actions-taken list; a confirm page, each item through the
//! single-change use case with its own event, and a summary of what was done and refused.

use serde_json::{json, Value};

use crate::both;
use crate::support::{TestApp, START};
use crate::web_support::*;

const DAY: i64 = 86_400_000;

/// `user.action` events are on and a global webhook waits for them, so every change leaves an
/// event in the log.
fn with_events(app: &TestApp) {
    let tenant = app.default_tenant();
    app.patch(
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    )
    .ok();
    app.post(
        "/api/webhook",
        json!({"webhook": {"url": "http://127.0.0.1:9/hook", "global": true, "connectTimeout": 1000, "readTimeout": 1000,
            "eventsEnabled": {"user.action": true}}}),
    )
    .ok();
}

/// `(actionId, phase)` of every `user.action` event logged.
fn events(app: &TestApp) -> Vec<(String, String)> {
    app.get("/api/system/webhook-event-log/search?eventType=user.action&numberOfResults=100")
        .ok()["webhookEventLogs"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|log| {
            let event = &log["event"];
            (
                event["actionId"].as_str().unwrap_or_default().to_string(),
                event["phase"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn apply(app: &TestApp, action: Value) -> String {
    let res = app.post("/api/user/action", json!({ "action": action }));
    res.ok()["action"]["id"].as_str().unwrap().to_string()
}

fn instances_of(app: &TestApp, user: &str) -> Vec<Value> {
    app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

/// The values of every input named `name` on the page.
fn values(page: &Page, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\" value=\"");
    page.body
        .match_indices(&marker)
        .map(|(at, _)| {
            let start = at + marker.len();
            let end = page.body[start..].find('"').unwrap() + start;
            page.body[start..end].to_string()
        })
        .collect()
}

both!(
    bulk_apply_from_the_search_applies_each_and_reports_a_duplicate,
    |app| {
        with_events(&app);
        let ann = app.user("ann@bulk.test", &[]);
        let bob = app.user("bob@bulk.test", &[]);
        let cat = app.user("cat@bulk.test", &[]);
        let agent = app.staff("agent@staff.test", "support");
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        // Cat is banned already: a second current ban is refused.
        apply(
            &app,
            json!({"userActionId": ban, "actioneeUserId": cat, "actionerUserId": agent,
               "expiry": START + DAY}),
        );
        let browser = app.browser();
        browser
            .sign_in("agent@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");

        // The search offers a checkbox per user inside the bulk form.
        let search = browser.get("/admin/users?q=bulk.test");
        assert_eq!(search.status, 200);
        search.assert_has("action=\"/admin/bulk/users\"");
        for user in [&ann, &bob, &cat] {
            search.assert_has(&format!("name=\"id\" value=\"{user}\""));
        }
        let selected = [
            ("id", ann.as_str()),
            ("id", bob.as_str()),
            ("id", cat.as_str()),
        ];

        // Step 1: choose the action.
        let choose = browser.post("/admin/bulk/users", &selected);
        assert_eq!(choose.status, 200, "{}", choose.body);
        choose.assert_has("3 users selected");
        choose.assert_has("ann@bulk.test");
        // Reviewing without an action says so.
        let missing = browser.post("/admin/bulk/users/review", &selected);
        assert_eq!(missing.status, 422);
        missing.assert_has("Choose the action to apply.");

        // Step 2: the confirm page lists each user and what will happen.
        let mut asked = selected.to_vec();
        asked.extend([
            ("action", ban.as_str()),
            ("preset", "7d"),
            ("comment", "spam wave"),
        ]);
        let confirm = browser.post("/admin/bulk/users/review", &asked);
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        confirm.assert_has("Apply to 3 users");
        confirm.assert_has("Refused: the user already has this action running.");
        assert_eq!(
            values(&confirm, "id"),
            [ann.clone(), bob.clone(), cat.clone()]
        );
        assert!(
            instances_of(&app, &ann).is_empty(),
            "nothing is applied before the confirmation: {:?}",
            events(&app)
        );

        // Step 3: run, then the summary after a redirect.
        let run = browser.post("/admin/bulk/users/run", &asked);
        let report = run.redirects_to("/admin/bulk/reports/");
        let summary = browser.get(&report);
        assert_eq!(summary.status, 200);
        summary.assert_has("Done: 2. Refused: 1.");
        summary.assert_has("Refused: the user already has this action running.");
        assert_eq!(summary.body.matches(">Applied<").count(), 2);
        // A reload shows the same summary and applies nothing again.
        let again = browser.get(&report);
        again.assert_has("Done: 2. Refused: 1.");

        // Each user got one ban by the agent, ending a week from now, with its own start event.
        let now = app.now();
        let logged = events(&app);
        for user in [&ann, &bob] {
            let list = instances_of(&app, user);
            assert_eq!(list.len(), 1, "{list:?}");
            let i = &list[0];
            assert_eq!(i["actionerUserId"], agent.as_str());
            assert_eq!(i["comment"], "spam wave");
            let expiry = i["expiry"].as_i64().unwrap();
            assert!((expiry - (now + 7 * DAY)).abs() < 60_000, "{expiry}");
            let id = i["id"].as_str().unwrap();
            let starts = logged
                .iter()
                .filter(|(a, p)| a == id && p == "start")
                .count();
            assert_eq!(starts, 1, "{logged:?}");
        }
        assert_eq!(instances_of(&app, &cat).len(), 1);
        // The API's apply to Cat asked for no broadcast: only the bulk applies are events.
        assert_eq!(logged.len(), 2);

        // Another member's session does not see this summary.
        let other = app.signed_in("support");
        assert_eq!(other.get(&report).status, 404);
    }
);

both!(
    bulk_cancel_and_extend_from_the_list_report_what_was_refused,
    |app| {
        with_events(&app);
        let agent = app.staff("agent@staff.test", "support");
        let ann = app.user("ann@bulk.test", &[]);
        let bob = app.user("bob@bulk.test", &[]);
        let cat = app.user("cat@bulk.test", &[]);
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let note = app.action(json!({"name": "Note"}));
        let on = |user: &str| {
            apply(
                &app,
                json!({"userActionId": ban, "actioneeUserId": user, "actionerUserId": agent,
                   "expiry": START + 2 * DAY, "comment": "first"}),
            )
        };
        let (ann_ban, bob_ban) = (on(&ann), on(&bob));
        let cat_note = apply(
            &app,
            json!({"userActionId": note, "actioneeUserId": cat, "actionerUserId": agent}),
        );
        let browser = app.browser();
        browser
            .sign_in("agent@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");

        // The list offers a checkbox for running actions only.
        let list = browser.get("/admin/instances");
        assert_eq!(list.status, 200);
        list.assert_has(&format!("name=\"id\" value=\"{ann_ban}\""));
        list.assert_has(&format!("name=\"id\" value=\"{bob_ban}\""));
        assert!(!list.contains(&format!("name=\"id\" value=\"{cat_note}\"")));

        // Cancel all three (the note sent by hand): the confirm page says the note cannot be.
        let confirm = browser.post(
            "/admin/bulk/instances",
            &[
                ("id", &ann_ban),
                ("id", &bob_ban),
                ("id", &cat_note),
                ("operation", "cancel"),
                ("back", "/admin/instances?state=active"),
            ],
        );
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        confirm.assert_has("Cancel 3 actions");
        confirm.assert_has("Refused: an instantaneous action happened once");
        let items = values(&confirm, "item");
        assert_eq!(items.len(), 3);
        assert!(items[0].starts_with(&format!("{ann_ban}:")), "{items:?}");

        // Bob's ban changes after the confirm page was shown.
        app.put(
        &format!("/api/user/action/{bob_ban}"),
        json!({"action": {"actionerUserId": agent, "expiry": START + 3 * DAY, "comment": "moved"}}),
    )
    .ok();
        let mut run: Vec<(&str, &str)> = items.iter().map(|i| ("item", i.as_str())).collect();
        run.extend([("operation", "cancel"), ("comment", "appeal granted")]);
        let report = browser
            .post("/admin/bulk/instances/run", &run)
            .redirects_to("/admin/bulk/reports/");
        let summary = browser.get(&report);
        assert_eq!(summary.status, 200);
        summary.assert_has("Done: 1. Refused: 2.");
        summary.assert_has("Refused: it changed after the confirm page showed it.");
        summary.assert_has("Refused: an instantaneous action happened once");

        // Only Ann's ban is cancelled, with the comment, and one cancel event.
        let ann_now = &instances_of(&app, &ann)[0];
        assert_eq!(ann_now["state"], "cancelled", "{ann_now}");
        assert_eq!(ann_now["comment"], "appeal granted");
        let bob_now = &instances_of(&app, &bob)[0];
        assert_eq!(bob_now["state"], "active");
        let logged = events(&app);
        let phases = |id: &str| -> Vec<String> {
            logged
                .iter()
                .filter(|(a, _)| a == id)
                .map(|(_, p)| p.clone())
                .collect()
        };
        assert_eq!(
            phases(&ann_ban).iter().filter(|p| *p == "cancel").count(),
            1
        );
        assert!(!phases(&bob_ban).contains(&"cancel".to_string()));

        // Extend Bob's ban by 3 days from the list; the comment stays when none is typed.
        let confirm = browser.post(
            "/admin/bulk/instances",
            &[("id", &bob_ban), ("operation", "extend"), ("days", "3")],
        );
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        confirm.assert_has("Extend one action");
        let mut run: Vec<(&str, &str)> = vec![("operation", "extend"), ("days", "3")];
        let items = values(&confirm, "item");
        run.extend(items.iter().map(|i| ("item", i.as_str())));
        let report = browser
            .post("/admin/bulk/instances/run", &run)
            .redirects_to("/admin/bulk/reports/");
        browser.get(&report).assert_has("Done: 1. Refused: 0.");
        let bob_now = &instances_of(&app, &bob)[0];
        assert_eq!(bob_now["expiry"], START + 6 * DAY);
        assert_eq!(bob_now["comment"], "moved");
        let modifies = events(&app)
            .iter()
            .filter(|(a, p)| *a == bob_ban && p == "modify")
            .count();
        // The API's change asked for no broadcast; the extension is one event.
        assert_eq!(modifies, 1);
    }
);

both!(the_confirm_page_refuses_what_the_run_refuses, |app| {
    let mut app = app;
    let ann = app.user("ann@bulk.test", &[]);
    let bob = app.user("bob@bulk.test", &[]);
    let res = app.post("/api/tenant", json!({"tenant": {"name": "Elsewhere"}}));
    let elsewhere = res.ok()["tenant"]["id"].as_str().unwrap().to_string();
    app.tenant = Some(elsewhere.clone());
    let cat = app.user("cat@bulk.test", &[]);
    app.tenant = None;
    app.staff("agent@staff.test", "support");
    // Only users of the other tenant may get this action.
    let ban = app.action(json!({"name": "Ban", "temporal": true, "tenantIds": [elsewhere]}));
    let browser = app.browser();
    browser
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    assert_eq!(browser.get("/admin/users?q=bulk.test").status, 200);
    // Bob is deleted after being selected.
    let deleted = app.delete(&format!("/api/user/{bob}?hardDelete=true"));
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    let asked = [
        ("id", ann.as_str()),
        ("id", bob.as_str()),
        ("id", cat.as_str()),
        ("action", ban.as_str()),
        ("preset", "7d"),
    ];
    let gone = "Refused: it no longer exists.";
    let unavailable = "Refused: this action is not available to the user.";

    let confirm = browser.post("/admin/bulk/users/review", &asked);
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    confirm.assert_has("Apply to 3 users");
    assert_eq!(
        confirm.body.matches("Refused: ").count(),
        2,
        "{}",
        confirm.body
    );
    assert_eq!(confirm.body.matches(gone).count(), 1, "{}", confirm.body);
    assert_eq!(
        confirm.body.matches(unavailable).count(),
        1,
        "{}",
        confirm.body
    );

    let run = browser.post("/admin/bulk/users/run", &asked);
    let summary = browser.get(&run.redirects_to("/admin/bulk/reports/"));
    assert_eq!(summary.status, 200);
    summary.assert_has("Done: 1. Refused: 2.");
    assert_eq!(summary.body.matches(gone).count(), 1, "{}", summary.body);
    assert_eq!(
        summary.body.matches(unavailable).count(),
        1,
        "{}",
        summary.body
    );
    assert!(instances_of(&app, &ann).is_empty());
    assert_eq!(instances_of(&app, &cat).len(), 1);
});

both!(a_selection_is_bounded_checked_and_for_support_only, |app| {
    let support = app.signed_in("support");
    support.get("/admin/instances");
    let empty = support.post("/admin/bulk/instances", &[("operation", "cancel")]);
    assert_eq!(empty.status, 422);
    empty.assert_has("Nothing is selected");
    let ids: Vec<String> = (0..201).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let mut many: Vec<(&str, &str)> = ids.iter().map(|i| ("id", i.as_str())).collect();
    many.push(("operation", "cancel"));
    let too_many = support.post("/admin/bulk/instances", &many);
    assert_eq!(too_many.status, 422);
    too_many.assert_has("More than 200 are selected");
    let bad_days = support.post(
        "/admin/bulk/instances",
        &[("id", &ids[0]), ("operation", "extend"), ("days", "0")],
    );
    assert_eq!(bad_days.status, 422);
    bad_days.assert_has("from 1 to 3650");
    let too_many_users = support.post("/admin/bulk/users", &many);
    assert_eq!(too_many_users.status, 422);
    // A form without the session's token is refused.
    let forged = support.post_exactly(
        "/admin/bulk/instances/run",
        &[("item", &format!("{}:0", ids[0])), ("operation", "cancel")],
    );
    assert_eq!(forged.status, 403);
    // Translators do not change users' actions.
    let translator = app.signed_in("translator");
    translator.get("/admin/");
    for path in [
        "/admin/bulk/users",
        "/admin/bulk/instances",
        "/admin/bulk/instances/run",
    ] {
        assert_eq!(
            translator.post(path, &[("id", &ids[0])]).status,
            403,
            "{path}"
        );
    }
});
