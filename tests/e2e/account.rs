//! A member's own settings: the language of the admin app.

use crate::flow;

flow!(
    switching_the_language_to_german_changes_the_navigation,
    |s| {
        s.sign_in_as("admin");
        s.goto("/admin/account");
        s.assert_text("Dashboard");
        s.screenshot("account");

        s.fill("Language", "de");
        s.click_button("Save");
        s.assert_text("Übersicht");
        s.assert_text("Abmelden");
        s.assert_no_text("Sign out");
        s.goto("/admin/reasons");
        s.assert_text("Gründe");

        // And back to the browser's language.
        s.goto("/admin/account");
        s.fill("Sprache", "");
        s.click_button("Speichern");
        s.assert_text("Sign out");
    }
);
