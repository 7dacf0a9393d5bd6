//! A temporal action applied to a user from their page, extended, then cancelled; and the search.

use serde_json::{json, Value};

use crate::browser::Session;
use crate::flow;
use crate::support::START;

const DAY: i64 = 86_400_000;

/// The user's instances, as the API lists them.
fn instances(s: &Session, user: &str) -> Vec<Value> {
    s.app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

/// The labels of the timeline's steps, as shown.
fn timeline(s: &Session) -> Vec<String> {
    let steps = s.execute(
        "return [...document.querySelectorAll('.user-timeline li .step-head strong')]\
         .map(e => e.textContent.trim());",
    );
    serde_json::from_value(steps).unwrap()
}

flow!(
    a_temporal_action_is_applied_extended_and_cancelled_from_the_user_page,
    |s| {
        let user = s.app.user("pat.doe@example.com", &["en"]);
        s.app.user("someone.else@example.com", &["en"]);
        let suspension = s.app.action(json!({"name": "Suspension", "temporal": true,
            "preventLogin": true}));
        s.sign_in_as("support");

        // Find the user.
        s.click_link("Users");
        s.fill("Email, name or id", "pat.doe");
        s.click_button("Search");
        assert_eq!(s.path(), "/admin/users?q=pat.doe");
        s.assert_text("pat.doe@example.com");
        s.assert_no_text("someone.else@example.com");
        s.screenshot("users-search");
        s.click_link("pat.doe@example.com");
        assert_eq!(s.path(), format!("/admin/users/{user}"));
        s.assert_text("No action is running for this user.");

        // Apply for 7 days.
        s.fill("Action", &suspension);
        s.fill("Comment", "Chargeback fraud");
        s.choose("7 days");
        s.click_button("Apply");
        assert_eq!(s.path(), format!("/admin/users/{user}?done=applied"));
        let applied = instances(s, &user);
        assert_eq!(applied.len(), 1, "{applied:?}");
        let instance = applied[0]["id"].as_str().unwrap().to_string();
        assert_eq!(applied[0]["userActionId"], suspension.as_str());
        assert_eq!(applied[0]["comment"], "Chargeback fraud");
        assert_eq!(applied[0]["state"], "active", "{:?}", applied[0]);
        assert_eq!(applied[0]["expiry"], START + 7 * DAY);
        s.assert_text("Chargeback fraud");
        s.assert_text("7 days left");
        s.screenshot("user-page-current");

        // Extend it by 7 days, from its current expiry.
        s.click_link("Change");
        assert_eq!(s.path(), format!("/admin/users/{user}/actions/{instance}"));
        assert!(s.is_checked("Keep the current expiry"));
        s.choose("7 days later");
        assert!(!s.is_checked("Keep the current expiry"));
        s.fill("Comment", "Extended after review");
        s.screenshot("user-action-change");
        s.click_button("Save changes");
        assert_eq!(s.path(), format!("/admin/users/{user}?done=modified"));
        let changed = instances(s, &user);
        assert_eq!(changed[0]["expiry"], START + 14 * DAY, "{:?}", changed[0]);
        assert_eq!(changed[0]["comment"], "Extended after review");
        assert_eq!(changed[0]["state"], "active");
        s.assert_text("14 days left");

        // Cancel it, with a comment, from the list of current actions.
        s.fill("Comment on the cancellation", "Appeal accepted");
        s.click_button("Cancel action");
        assert_eq!(s.dialog().as_deref(), Some("Cancel this action now?"));
        s.accept_dialog();
        assert_eq!(s.path(), format!("/admin/users/{user}?done=cancelled"));
        let cancelled = instances(s, &user);
        assert_eq!(cancelled.len(), 1, "{cancelled:?}");
        assert_eq!(cancelled[0]["state"], "cancelled", "{:?}", cancelled[0]);
        assert_eq!(cancelled[0]["comment"], "Appeal accepted");
        let current = s
            .app
            .get(&format!("/api/user/action?userId={user}&active=true"))
            .ok()["actions"]
            .clone();
        assert_eq!(current, json!([]));

        s.assert_text("No action is running for this user.");
        let mut steps = timeline(s);
        steps.sort();
        assert_eq!(steps, ["Applied", "Cancelled", "Changed"], "{steps:?}");
        s.assert_text("Expiry: 2030-01-08 00:00 UTC → 2030-01-15 00:00 UTC");
        s.assert_text("Comment: Appeal accepted");
        s.execute("document.getElementById('history').scrollIntoView(); return null;");
        s.screenshot("user-history");
    }
);
