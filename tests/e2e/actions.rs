//! Defining an action through the form: options with their translations, and a translated name.

use serde_json::{json, Value};

use crate::browser::Session;
use crate::flow;

/// The definition named `name`, as the API shows it.
fn action_named(s: &Session, name: &str) -> Value {
    let all = s.app.get("/api/user-action").ok()["userActions"].clone();
    let id = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no action {name:?} in {all}"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    s.app.get(&format!("/api/user-action/{id}")).ok()["userAction"].clone()
}

flow!(
    an_instantaneous_action_with_options_is_created_through_the_form,
    |s| {
        s.sign_in_as("admin");
        s.goto("/admin/actions");
        s.assert_text("No actions yet.");
        s.click_link("New action");
        assert_eq!(s.path(), "/admin/actions/new");

        s.fill("Name", "Happiness");
        assert!(
            !s.is_checked("temporal"),
            "a new action starts instantaneous"
        );
        s.fill("Language", "de");
        s.fill_last("Name", "Zufriedenheit");
        s.fill("Option", "Happy");
        s.fill("Translations of the option", "de = Glücklich\nfr = Heureux");
        // The form offers one empty option row; a second one is added in the page.
        s.press("Add an option");
        s.fill_last("Option", "Frustrated");
        s.fill_last("Translations of the option", "de = Frustriert");
        s.screenshot("action-form");
        s.click_button("Save");
        assert_eq!(s.path(), "/admin/actions?done=created");
        s.assert_text("Happiness");
        s.assert_text("Instantaneous");
        s.assert_text("2 options");
        s.screenshot("actions-list");

        let saved = action_named(s, "Happiness");
        assert_eq!(saved["temporal"], false, "{saved}");
        assert_eq!(saved["active"], true, "{saved}");
        assert_eq!(saved["localizedNames"], json!({"de": "Zufriedenheit"}));
        assert_eq!(
            saved["options"],
            json!([
                {"name": "Happy", "localizedNames": {"de": "Glücklich", "fr": "Heureux"}},
                {"name": "Frustrated", "localizedNames": {"de": "Frustriert"}},
            ]),
            "{saved}"
        );

        // The edit form shows everything again.
        s.click_link("Happiness");
        assert_eq!(s.value("Name"), "Happiness");
        assert_eq!(s.value("Language"), "de");
        assert_eq!(s.value("Option"), "Happy");
        assert_eq!(
            s.value("Translations of the option"),
            "de = Glücklich\nfr = Heureux"
        );
    }
);
