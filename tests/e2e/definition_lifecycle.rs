//! The definition form's lifecycle settings in a browser: the kind, reminders before the end and
//! an escalation ladder, added as rows in the page, saved, and shown again; a ladder on an
//! entitlement is refused beside the ladder.

use serde_json::{json, Value};

use crate::browser::Session;
use crate::flow;

const DAY: i64 = 86_400_000;

fn action_named(s: &Session, name: &str) -> Value {
    let all = s.app.get("/api/user-action").ok()["userActions"].clone();
    all.as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no action {name:?} in {all}"))
}

/// The values of the selects named `name`, in page order.
fn select_values(s: &Session, name: &str) -> Value {
    s.execute(&format!(
        "return Array.from(document.querySelectorAll('select[name={name}]')).map(e => e.value);"
    ))
}

flow!(reminders_and_a_ladder_are_set_and_shown_again, |s| {
    s.sign_in_as("admin");
    s.goto("/admin/actions/new");
    s.fill("Name", "Ban");
    s.choose("Temporal: lasts until it expires or is cancelled");
    s.fill("Kind", "penalty");

    // Two reminders: three days and one day before the end.
    s.fill("Time before the end", "3");
    s.press("Add a reminder");
    s.fill_last("Time before the end", "1");

    // A ladder over 180 days: one day, seven days, then permanent.
    s.fill("Counted over", "180");
    s.fill("Step duration", "1");
    s.press("Add a step");
    s.fill_last("Step duration", "7");
    s.press("Add a step");
    s.execute(
        "const units = document.querySelectorAll('select[name=step_unit]');\
         units[units.length - 1].value = 'permanent'; return units.length;",
    );
    s.execute("document.getElementById('kind').scrollIntoView(); return 1;");
    s.screenshots("definition-lifecycle-form");
    s.click_button("Save");
    assert_eq!(s.path(), "/admin/actions?done=created");
    s.assert_text("Penalty");
    s.screenshots("definition-lifecycle-list");

    let saved = action_named(s, "Ban");
    assert_eq!(saved["kind"], "penalty", "{saved}");
    assert_eq!(
        saved["reminders"],
        json!([{"beforeExpiry": 3 * DAY}, {"beforeExpiry": DAY}]),
        "{saved}"
    );
    assert_eq!(
        saved["escalation"],
        json!({"window": 180 * DAY, "durations": [DAY, 7 * DAY, i64::MAX]}),
        "{saved}"
    );

    // The edit form shows them again, with an empty row to add one more of each.
    s.click_link("Ban");
    assert_eq!(s.value("Kind"), "penalty");
    assert_eq!(s.value("Time before the end"), "3");
    assert_eq!(s.value("Counted over"), "180");
    // Seven days read as one week: each duration in its largest whole unit.
    assert_eq!(
        select_values(s, "step_unit"),
        json!(["days", "weeks", "permanent", "days"])
    );
    s.execute("document.getElementById('reminder-rows').scrollIntoView(); return 1;");
    s.screenshots("definition-lifecycle-edit");

    // Removing a step in the page, then making it an entitlement: the ladder is refused.
    s.execute(
        "document.querySelectorAll('#step-rows button[data-remove-row]')[1].click(); return 1;",
    );
    s.fill("Kind", "entitlement");
    s.click_button("Save");
    s.assert_text("Only a temporal action of kind penalty can escalate.");
    s.execute("document.getElementById('escalation-error').scrollIntoView(); return 1;");
    s.screenshots("definition-lifecycle-errors");
    assert_eq!(action_named(s, "Ban")["kind"], "penalty");
});

flow!(a_reason_gets_translations_and_a_ladder_in_one_save, |s| {
    s.sign_in_as("admin");
    s.goto("/admin/reasons/new");
    s.fill("Text", "Spam");
    s.fill("Code", "SPAM");
    s.fill("locale", "de");
    s.fill("localized", "Spam");
    s.press("Add a language");
    s.fill_last("Language", "fr");
    s.fill_last("Translated text", "Pourriel");
    s.fill("Counted over", "30");
    s.fill("Step duration", "1");
    s.press("Add a step");
    s.fill_last("Step duration", "2");
    s.execute("document.getElementById('window-amount').scrollIntoView(); return 1;");
    s.screenshots("reason-ladder-form");
    s.click_button("Save");
    assert_eq!(s.path(), "/admin/reasons?done=created");
    s.assert_text("2 steps over");
    s.screenshots("reason-ladder-list");
    let saved = s.app.get("/api/user-action-reason").ok()["userActionReasons"][0].clone();
    assert_eq!(
        saved["localizedTexts"],
        json!({"de": "Spam", "fr": "Pourriel"}),
        "{saved}"
    );
    assert_eq!(
        saved["escalation"],
        json!({"window": 30 * DAY, "durations": [DAY, 2 * DAY]}),
        "{saved}"
    );
});
