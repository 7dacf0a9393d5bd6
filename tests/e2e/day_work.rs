//! A day's real work (issue 15): names in the agent's language, a new API key that reloading does
//! not make twice, and Back after signing out.

use actioneer::service::staff::{self, MemberInput};
use serde_json::json;

use crate::browser::Session;
use crate::flow;
use crate::support::START;
use crate::web_support::STAFF_PASSWORD;

const DAY: i64 = 86_400_000;

/// Signs in as a new staff member with `role` whose pages are in `language`.
fn sign_in_speaking(s: &Session, role: &str, language: &str) {
    let email = format!("{role}-{language}@staff.test");
    let input = MemberInput {
        email: email.clone(),
        name: format!("Agent {language}"),
        password: STAFF_PASSWORD.into(),
        role: role.into(),
        language: language.into(),
        ..Default::default()
    };
    let hash = staff::hash_password(&input).unwrap();
    {
        let mut conn = s.app.state.db.write().unwrap();
        staff::create(&mut conn, s.app.now(), &input, hash).unwrap();
    }
    s.sign_in(&email, STAFF_PASSWORD);
}

/// The visible labels of a select's options.
fn option_labels(s: &Session, select_id: &str) -> Vec<String> {
    let labels = s.execute(&format!(
        "return [...document.querySelectorAll('#{select_id} option')]\
         .map(o => o.textContent.trim());"
    ));
    serde_json::from_value(labels).unwrap()
}

flow!(a_german_agent_reads_german_names_on_every_page, |s| {
    let user = s.app.user("reader@example.com", &["en"]);
    let ban = s.app.action(json!({"name": "Forum ban", "temporal": true,
        "localizedNames": {"de": "Forensperre", "fr": "Bannissement"}}));
    let survey = s.app.action(json!({"name": "Happiness survey",
        "localizedNames": {"de": "Zufriedenheitsumfrage"},
        "options": [{"name": "happy", "localizedNames": {"de": "zufrieden"}},
                    {"name": "frustrated", "localizedNames": {"de": "frustriert"}}]}));
    let reason = s
        .app
        .post(
            "/api/user-action-reason",
            json!({"userActionReason": {"text": "Spam", "code": "SP",
                "localizedTexts": {"de": "Werbung"}}}),
        )
        .ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for body in [
        json!({"userActionId": ban, "reasonId": reason, "expiry": START + 3 * DAY,
            "comment": "Posted links to a casino"}),
        json!({"userActionId": survey, "option": "frustrated", "comment": "Slow answers"}),
    ] {
        let mut body = body;
        body["actioneeUserId"] = json!(user);
        body["actionerUserId"] = json!(user);
        s.app.post("/api/user/action", json!({"action": body})).ok();
    }
    sign_in_speaking(s, "support", "de");

    // The user's page: current actions, history, and the apply form.
    s.goto(&format!("/admin/users/{user}"));
    s.assert_text("Forensperre");
    s.assert_text("Werbung (SP)");
    s.assert_text("Zufriedenheitsumfrage");
    s.assert_text("frustriert");
    s.assert_no_text("Forum ban");
    s.assert_no_text("Spam");
    let actions = option_labels(s, "userActionId");
    assert!(
        actions.iter().any(|a| a.contains("Forensperre")),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"Zufriedenheitsumfrage".to_string()),
        "{actions:?}"
    );
    let options = option_labels(s, "option");
    assert!(options.contains(&"zufrieden".to_string()), "{options:?}");
    assert!(!options.contains(&"happy".to_string()), "{options:?}");
    assert!(option_labels(s, "reasonId").contains(&"Werbung (SP)".to_string()));
    s.screenshots("day-work-user-de");

    // Applying from the form with the German labels sends the option's name.
    s.fill("userActionId", &survey);
    s.fill("option", "happy");
    s.click_button("Anwenden");
    let applied = s.app.get(&format!("/api/user/action?userId={user}")).ok()["actions"].clone();
    assert!(
        applied
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["option"] == "happy"),
        "{applied}"
    );

    // Actions taken: filters and rows.
    s.goto("/admin/instances");
    s.assert_text("Forensperre");
    s.assert_text("Werbung");
    s.assert_no_text("Forum ban");
    assert!(option_labels(s, "f-action").contains(&"Forensperre".to_string()));
    assert!(option_labels(s, "f-reason").contains(&"Werbung (SP)".to_string()));
    s.screenshots("day-work-instances-de");

    // The dashboard's expiring table.
    s.goto("/admin/");
    s.assert_text("Forensperre");
    s.assert_no_text("Forum ban");
    s.screenshots("day-work-dashboard-de");
});

flow!(reloading_a_new_api_key_makes_no_second_key, |s| {
    let count = || {
        s.app.get("/api/api-key").ok()["apiKeys"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = count();
    s.sign_in_as("admin");
    s.goto("/admin/settings/api-keys/new");
    s.fill("description", "Nightly export");
    s.click_button("Create the key");
    assert!(
        s.path().contains("/created"),
        "the form's answer is a redirect: {}",
        s.path()
    );
    let key = s.value("key");
    assert!(key.len() >= 32, "{key}");
    assert_eq!(count(), before + 1);
    s.screenshots("day-work-api-key-created");

    s.reload();
    assert_eq!(count(), before + 1, "reloading made another key");
    s.assert_text("was shown once");
    let page = s.page_text();
    assert!(!page.contains(&key), "the key is shown again:\n{page}");
    s.screenshots("day-work-api-key-shown-once");
});

flow!(back_after_signing_out_shows_no_signed_in_page, |s| {
    let user = s.app.user("private@example.com", &["en"]);
    s.sign_in_as("support");
    s.goto(&format!("/admin/users/{user}"));
    s.assert_text("private@example.com");
    s.click_button("Sign out");
    assert!(s.path().starts_with("/admin/login"), "{}", s.path());

    s.back();
    s.assert_no_text("private@example.com");
    s.assert_no_text("Sign out");
    assert!(s.path().starts_with("/admin/login"), "{}", s.path());
});

/// Polls `script` (which returns a boolean) until it is true, for up to 10 s.
fn wait_until(s: &Session, what: &str, script: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.execute(script) != json!(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "waited in vain for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

// Headless Chromium keeps `no-store` pages out of its back/forward cache today, so the flow above
// cannot see a restored page; this one shows the page what a restore looks like to it.
flow!(
    a_page_restored_from_the_back_forward_cache_is_fetched_again,
    |s| {
        let user = s.app.user("private@example.com", &["en"]);
        s.sign_in_as("support");
        s.goto(&format!("/admin/users/{user}"));
        s.assert_text("private@example.com");

        // Signed out elsewhere (another tab), while this page stays on screen.
        s.execute(
            "const form = document.querySelector('form[action=\"/admin/logout\"]');\
         fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))})\
           .then((r) => { window.__signedOut = r.ok; });\
         return null;",
        );
        wait_until(s, "signing out", "return window.__signedOut === true;");

        // The page as the back/forward cache would bring it back.
        s.execute(
            "window.__e2eOldPage = true;\
         window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));\
         return null;",
        );
        wait_until(
            s,
            "the page to be fetched again",
            "return !window.__e2eOldPage && document.readyState === 'complete';",
        );
        assert!(s.path().starts_with("/admin/login"), "{}", s.path());
        s.assert_no_text("private@example.com");
    }
);

flow!(the_change_survey_and_unknown_pages_for_a_look, |s| {
    let user = s.app.user("pat.doe@example.com", &["en"]);
    let ban = s.app.action(json!({"name": "Forum ban", "temporal": true}));
    let survey = s.app.action(json!({"name": "Happiness survey",
        "options": [{"name": "happy"}, {"name": "frustrated"}]}));
    let instance = s
        .app
        .post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user,
                "actionerUserId": user, "expiry": START + 3 * DAY}}),
        )
        .ok()["action"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    s.sign_in_as("support");

    // The change page: the current expiry in "Ends at", two ways out told apart.
    s.goto(&format!("/admin/users/{user}/actions/{instance}"));
    assert_eq!(s.value("Ends at"), "2030-01-04T00:00");
    s.assert_text("Back without saving");
    s.screenshots("day-work-change");
    s.click_link("Back without saving");
    assert_eq!(s.path(), format!("/admin/users/{user}"));

    // The survey's confirmation names the user and links to them.
    s.goto(&format!("/admin/survey?user={user}&survey={survey}"));
    s.choose("happy");
    s.click_button("Save");
    s.assert_text("Answer recorded for pat.doe@example.com.");
    s.screenshots("day-work-survey-recorded");
    s.click_link("Open their page");
    assert_eq!(s.path(), format!("/admin/users/{user}"));

    // The dashboard names its survey once; an unknown address keeps the navigation.
    s.goto("/admin/");
    s.screenshots("day-work-dashboard");
    s.goto("/admin/no-such-page");
    s.assert_text("Not found");
    s.assert_text("Actions taken");
    s.screenshots("day-work-not-found");
});
