//! The reasons pages in a browser: the form with its errors and translations, escaping, CSRF.

use serde_json::Value;

use crate::browser::Session;
use crate::flow;

fn reason_texts(s: &Session) -> Vec<(String, Value)> {
    s.app.get("/api/user-action-reason").ok()["userActionReasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["localizedTexts"].clone(),
            )
        })
        .collect()
}

flow!(
    a_reason_with_a_german_translation_is_created_through_the_form,
    |s| {
        s.sign_in_as("admin");
        s.goto("/admin/reasons");
        s.click_link("New reason");

        // Sent empty: errors next to the fields, nothing saved.
        s.click_button("Save");
        s.assert_text("This field is required.");
        s.screenshot("reason-form-errors");
        assert!(reason_texts(s).is_empty());

        s.fill("Text", "Chargeback");
        s.fill("Code", "CHARGEBACK");
        s.fill("locale", "de");
        s.fill("localized", "Rückbuchung");
        s.click_button("Save");
        assert_eq!(s.path(), "/admin/reasons?done=created");
        s.assert_text("Chargeback");
        s.assert_text("CHARGEBACK");
        s.screenshot("reasons-list");

        let saved = reason_texts(s);
        assert_eq!(saved.len(), 1, "{saved:?}");
        assert_eq!(saved[0].1["de"], "Rückbuchung");

        // The edit form shows the translation again.
        s.click_link("Chargeback");
        assert_eq!(s.value("localized"), "Rückbuchung");
    }
);

flow!(a_script_in_a_reason_is_shown_as_text, |s| {
    let script = "<script>alert(1)</script>";
    s.sign_in_as("admin");
    s.goto("/admin/reasons/new");
    s.fill("Text", script);
    s.fill("Code", "XSS");
    s.click_button("Save");
    assert_eq!(s.dialog(), None, "a dialog opened");
    assert_eq!(s.path(), "/admin/reasons?done=created");
    s.assert_text(script);
    // The text is a text node, not an element of the page.
    let scripts = s.execute("return document.querySelectorAll('main script').length;");
    assert_eq!(scripts, 0);
    s.click_link(script);
    assert_eq!(s.dialog(), None, "a dialog opened on the edit page");
    assert_eq!(s.value("Text"), script);
});

flow!(a_form_without_its_csrf_token_is_refused, |s| {
    s.sign_in_as("admin");
    s.goto("/admin/reasons/new");
    s.fill("Text", "Forged");
    s.fill("Code", "FORGED");
    let removed = s.execute(
        "const inputs = document.querySelectorAll('main form input[name=_csrf]');\
         inputs.forEach(i => i.remove());\
         return inputs.length;",
    );
    assert_eq!(removed, 1);
    s.click_button("Save");
    s.assert_text("The form could not be sent");
    assert!(reason_texts(s).is_empty());
});
