//! The demo data of `serve --demo`: the Pied Piper story, seeded once through the services.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use actioneer::demo::{self, Seeded, Summary, DEMO_PASSWORD};
use actioneer::service::user_directory::{self, UserQuery};

use crate::both;
use crate::support::{Backend, TestApp};

const WEEK: i64 = 7 * 86_400_000;

fn seeded(app: &TestApp) -> Summary {
    match demo::seed(&app.state).expect("seed") {
        Seeded::Created(summary) => summary,
        Seeded::Skipped => panic!("the first seed wrote nothing"),
    }
}

/// The definition named `name` in `GET /api/user-action`.
fn definition(actions: &[Value], name: &str) -> Value {
    actions
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {actions:?}"))
        .clone()
}

fn total(app: &TestApp, filter: Value) -> i64 {
    app.post("/api/user/action/search", filter).ok()["total"]
        .as_i64()
        .expect("total")
}

fn directory_count(app: &TestApp, text: &str) -> i64 {
    let mut conn = app.state.db.read().expect("connection");
    let query = UserQuery {
        text: text.into(),
        page: 0,
        per_page: 10,
    };
    user_directory::search(&mut conn, &query)
        .expect("search")
        .total
}

both!(seeding_tells_the_pied_piper_story_once, |app| {
    let summary = seeded(&app);
    eprintln!("demo seed: {summary:?}");
    assert_eq!(summary.users, 200);
    assert_eq!(summary.staff, 4);

    // Three definitions with their German and French names; the survey's options too.
    let actions = app.get("/api/user-action").ok()["userActions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(actions.len(), 3, "{actions:?}");
    let subscription = definition(&actions, "Premium subscription");
    assert_eq!(subscription["temporal"], true);
    assert_eq!(subscription["sendEndEvent"], true);
    assert_eq!(subscription["localizedNames"]["de"], "Premium-Abo");
    let ban = definition(&actions, "Forum ban");
    assert_eq!(ban["preventLogin"], true);
    assert_eq!(ban["localizedNames"]["fr"], "Bannissement du forum");
    let survey = definition(&actions, "Happiness survey");
    assert_eq!(survey["temporal"], false);
    let options: Vec<&str> = survey["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["happy", "indifferent", "frustrated"]);
    assert_eq!(survey["options"][2]["localizedNames"]["de"], "frustriert");
    assert_eq!(survey["options"][0]["localizedNames"]["fr"], "satisfait");

    // Reasons with codes and translations.
    let reasons = app.get("/api/user-action-reason").ok()["userActionReasons"]
        .as_array()
        .unwrap()
        .clone();
    let spam = reasons
        .iter()
        .find(|r| r["code"] == "SPAM")
        .expect("a SPAM reason");
    assert_eq!(spam["localizedTexts"]["fr"], "Pourriel");
    assert!(reasons.iter().any(|r| r["code"] == "GOODWILL"));

    // 200 users and 4 staff members under piedpiper.example, some speaking German or French.
    assert_eq!(directory_count(&app, "piedpiper.example"), 204);
    let staff = app.get("/api/user?email=lena@piedpiper.example").ok()["user"].clone();
    assert_eq!(staff["preferredLanguages"], json!(["de"]));

    // Two months of history.
    let now = app.now();
    let survey_id = survey["id"].as_str().unwrap();
    let surveys = total(&app, json!({"userActionId": survey_id}));
    assert_eq!(surveys, summary.surveys as i64);
    assert!(surveys > 150, "{surveys} surveys");
    let early = json!({"userActionId": survey_id, "createdBefore": now - 7 * WEEK});
    let late = json!({"userActionId": survey_id, "createdAfter": now - WEEK});
    assert!(total(&app, early) > 0, "no survey in the first week");
    assert!(total(&app, late) > 0, "no survey in the last week");
    assert_eq!(
        total(
            &app,
            json!({"userActionId": survey_id, "createdAfter": now})
        ),
        0,
        "a survey in the future"
    );
    // The trend: more happy answers in the last three weeks than in the first three.
    let happy = |after: i64, before: i64| {
        total(
            &app,
            json!({"userActionId": survey_id, "option": "happy",
                   "createdAfter": after, "createdBefore": before}),
        ) as f64
            / total(
                &app,
                json!({"userActionId": survey_id, "createdAfter": after, "createdBefore": before}),
            ) as f64
    };
    let (first, last) = (
        happy(now - 8 * WEEK, now - 5 * WEEK),
        happy(now - 3 * WEEK, now),
    );
    assert!(last > first, "happy share {first:.2} then {last:.2}");

    let subscription_id = subscription["id"].as_str().unwrap();
    let in_state = |state: &str| {
        total(
            &app,
            json!({"userActionId": subscription_id, "state": state}),
        )
    };
    assert_eq!(
        total(&app, json!({"userActionId": subscription_id})),
        summary.subscriptions as i64
    );
    assert!(in_state("active") > 0);
    assert!(in_state("ended") > 0);
    assert_eq!(in_state("cancelled"), summary.cancelled as i64);
    assert!(summary.cancelled > 0 && summary.extended > 0, "{summary:?}");
    let ban_id = ban["id"].as_str().unwrap();
    assert_eq!(
        total(&app, json!({"userActionId": ban_id, "reasonCode": "SPAM"}))
            + total(&app, json!({"userActionId": ban_id, "reasonCode": "ABUSE"})),
        summary.bans as i64
    );

    // A renewed subscription shows its history in the user's list.
    let renewed = app
        .post(
            "/api/user/action/search",
            json!({"userActionId": subscription_id, "numberOfResults": 500}),
        )
        .ok()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["state"] != "cancelled"
                && a["history"]["historyItems"]
                    .as_array()
                    .is_some_and(|h| !h.is_empty())
        })
        .expect("a renewed subscription")
        .clone();
    let user = renewed["actioneeUserId"].as_str().unwrap();
    let list = app.get(&format!("/api/user/action?userId={user}")).ok()["actions"].clone();
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == renewed["id"])
        .expect("the renewal in the user's list");
    assert_eq!(mine["comment"], "Renewed for another month.");
    assert!(mine["reasonCode"].is_string());
    assert!(
        mine["history"]["historyItems"][0]["createInstant"]
            .as_i64()
            .unwrap()
            < now - 86_400_000
    );

    // The worker ends what expired in the past, as it would have then.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ended = app
            .post(
                "/api/user/action/search",
                json!({"state": "ended", "numberOfResults": 500}),
            )
            .ok()["actions"]
            .as_array()
            .unwrap()
            .clone();
        if ended.iter().all(|a| a["endEventSent"] == true) {
            break;
        }
        assert!(Instant::now() < deadline, "expired instances not ended");
        std::thread::sleep(Duration::from_millis(100));
    }

    // A second seed adds nothing.
    assert_eq!(demo::seed(&app.state).unwrap(), Seeded::Skipped);
    assert_eq!(
        app.get("/api/user-action").ok()["userActions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(directory_count(&app, "piedpiper.example"), 204);
    assert_eq!(total(&app, json!({"userActionId": survey_id})), surveys);

    // The demo staff sign in with the demo password.
    for (login, name) in [("admin", "Morgan Reyes"), ("sam", "Sam Okafor")] {
        let browser = app.browser();
        browser
            .sign_in(&format!("{login}@piedpiper.example"), DEMO_PASSWORD)
            .redirects_to("/admin/");
        browser
            .get("/admin/")
            .assert_has(&format!("Welcome, {name}."));
    }
});

/// With ACTIONEER_ADMIN_EMAIL, that administrator stays and the demo staff join.
#[test]
fn configured_admin_stays_and_demo_staff_join() {
    let Some(app) = TestApp::start_with(Backend::Sqlite, |config| {
        config.admin_email = Some("boss@example.com".into());
        config.admin_password = Some("boss password 1".into());
    }) else {
        return;
    };
    let summary = seeded(&app);
    assert_eq!(summary.staff, 4);
    for (email, password) in [
        ("boss@example.com", "boss password 1"),
        ("elodie@piedpiper.example", DEMO_PASSWORD),
        ("lena@piedpiper.example", DEMO_PASSWORD),
    ] {
        app.browser()
            .sign_in(email, password)
            .redirects_to("/admin/");
    }
}
