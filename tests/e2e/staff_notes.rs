//! Staff notes in the browser: a note on a user lands on their timeline, a note on an action on
//! its change page, and its author deletes one after confirming.

use serde_json::json;

use crate::browser::Session;
use crate::flow;

/// Screenshots at 1280 and 390 px wide, each with the element `id` scrolled into view.
fn shots(s: &Session, name: &str, id: &str) {
    for (width, height) in [(390, 844), (1280, 900)] {
        s.resize(width, height);
        s.execute(&format!(
            "document.getElementById('{id}').scrollIntoView(); return null;"
        ));
        s.screenshot(&format!("{name}-{width}"));
    }
}

/// The ids of the user's instances, as the API lists them.
fn instance_ids(s: &Session, user: &str) -> Vec<String> {
    s.app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

flow!(staff_notes_on_a_user_and_an_action, |s| {
    let user = s.app.user("noted.person@example.com", &["en"]);
    let ban = s
        .app
        .action(json!({"name": "Suspension", "temporal": true}));
    s.sign_in_as("support");
    s.goto(&format!("/admin/users/{user}"));

    // A note on the user.
    s.fill(
        "Staff note",
        "Phoned on Monday: says the account was shared with a sibling.",
    );
    s.click_button("Add note");
    assert_eq!(s.path(), format!("/admin/users/{user}?done=saved"));
    s.assert_text("Phoned on Monday: says the account was shared with a sibling.");
    s.assert_text("2030-01-01 00:00 UTC");

    // Apply an action, then note on it from its change page.
    s.fill("Action", &ban);
    s.choose("7 days");
    s.click_button("Apply");
    let instance = instance_ids(s, &user).remove(0);
    s.click_link("Change");
    assert_eq!(s.path(), format!("/admin/users/{user}/actions/{instance}"));
    s.assert_text("No staff note yet.");
    s.fill("Staff note", "Second account found, same payment card.");
    s.click_button("Add note");
    assert_eq!(
        s.path(),
        format!("/admin/users/{user}/actions/{instance}?done=saved")
    );
    s.assert_text("Second account found, same payment card.");
    shots(s, "staff-notes-change", "notes-heading");

    // Both show on the user's timeline, which never sends them anywhere.
    s.click_link("Back to noted.person@example.com");
    s.assert_text("Second account found, same payment card.");
    let listed = s.app.get(&format!("/api/user/action?userId={user}")).text;
    assert!(!listed.contains("Second account found"), "{listed}");
    shots(s, "staff-notes-timeline", "history");

    // The author deletes the newest note from the timeline, after confirming, and stays there.
    s.press("Delete note");
    assert_eq!(s.dialog().as_deref(), Some("Delete this note?"));
    s.accept_dialog();
    assert_eq!(s.path(), format!("/admin/users/{user}?done=deleted"));
    s.assert_no_text("Second account found, same payment card.");
    s.assert_text("Phoned on Monday: says the account was shared with a sibling.");
});
