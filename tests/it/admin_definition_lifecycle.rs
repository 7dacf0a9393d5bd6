//! The admin definition form's lifecycle fields: kind (from the shape when left to it),
//! reminders and the escalation ladder as rows of durations, with the domain's errors beside
//! the rows; the list shows the kind.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

fn action_named(app: &TestApp, name: &str) -> Value {
    let all = app.get("/api/user-action").ok()["userActions"].clone();
    all.as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no {name} in {all}"))
}

both!(kind_reminders_and_ladder_are_saved_from_the_form, |app| {
    let admin = app.signed_in("admin");
    admin
        .get("/admin/actions/new")
        .assert_has("name=\"reminder_amount\"");
    // Left to the shape, a temporal action that prevents sign-in is a penalty.
    admin
        .post(
            "/admin/actions/new",
            &[
                ("name", "Ban"),
                ("temporal", "true"),
                ("prevent_login", "true"),
                ("transaction_type", "None"),
                ("tenant_scope", "all"),
                ("kind", ""),
                ("reminder_amount", "1"),
                ("reminder_unit", "hours"),
                ("reminder_template", ""),
                ("reminder_amount", "3"),
                ("reminder_unit", "days"),
                ("reminder_template", ""),
                ("reminder_amount", ""),
                ("reminder_unit", "days"),
                ("reminder_template", ""),
                ("window_amount", "180"),
                ("window_unit", "days"),
                ("step_amount", "1"),
                ("step_unit", "days"),
                ("step_amount", "7"),
                ("step_unit", "days"),
                ("step_amount", ""),
                ("step_unit", "permanent"),
            ],
        )
        .redirects_to("/admin/actions?done=created");
    let ban = action_named(&app, "Ban");
    assert_eq!(ban["kind"], "penalty");
    assert_eq!(
        ban["reminders"],
        json!([{"beforeExpiry": 3 * DAY}, {"beforeExpiry": HOUR}])
    );
    assert_eq!(
        ban["escalation"],
        json!({"window": 180 * DAY, "durations": [DAY, 7 * DAY, i64::MAX]})
    );
    let list = admin.get("/admin/actions");
    list.assert_has("kind-penalty");
    list.assert_has("Penalty");

    // The edit form shows them again.
    let id = ban["id"].as_str().unwrap().to_string();
    let edit = admin.get(&format!("/admin/actions/{id}"));
    assert_eq!(edit.input_value("window_amount").as_deref(), Some("180"));
    assert_eq!(edit.input_value("reminder_amount").as_deref(), Some("3"));
    edit.assert_has("value=\"permanent\" selected");
    edit.assert_has("value=\"penalty\" selected");

    // An entitlement cannot escalate, and a reminder of no positive length is refused beside its
    // row; nothing changes.
    let refused = admin.post(
        &format!("/admin/actions/{id}"),
        &[
            ("name", "Ban"),
            ("temporal", "true"),
            ("transaction_type", "None"),
            ("tenant_scope", "all"),
            ("kind", "entitlement"),
            ("reminder_amount", "0"),
            ("reminder_unit", "hours"),
            ("reminder_template", ""),
            ("window_amount", "180"),
            ("window_unit", "days"),
            ("step_amount", "1"),
            ("step_unit", "days"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_has("Only a temporal action of kind penalty can escalate.");
    refused
        .assert_has("Nothing was saved: correct the kind, reminders or escalation marked below.");
    refused.assert_has("id=\"reminder-error-1\"");
    refused.assert_has("Enter a whole number greater than zero.");
    assert_eq!(action_named(&app, "Ban")["kind"], "penalty");

    // Emptied rows remove the reminders and the ladder.
    admin
        .post(
            &format!("/admin/actions/{id}"),
            &[
                ("name", "Ban"),
                ("temporal", "true"),
                ("prevent_login", "true"),
                ("transaction_type", "None"),
                ("tenant_scope", "all"),
                ("kind", "penalty"),
                ("reminder_amount", ""),
                ("reminder_unit", "hours"),
                ("reminder_template", ""),
                ("window_amount", ""),
                ("window_unit", "days"),
                ("step_amount", ""),
                ("step_unit", "days"),
            ],
        )
        .redirects_to("/admin/actions?done=saved");
    let ban = action_named(&app, "Ban");
    assert!(ban.get("reminders").is_none(), "{ban}");
    assert!(ban.get("escalation").is_none(), "{ban}");
});
