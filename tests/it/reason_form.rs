//! The admin reason form: several translations in one save (blank rows ignored, one language in
//! two rows refused beside the translations), and the escalation ladder as rows of durations.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

const DAY: i64 = 86_400_000;

fn reasons(app: &TestApp) -> Vec<Value> {
    app.get("/api/user-action-reason").ok()["userActionReasons"]
        .as_array()
        .unwrap()
        .clone()
}

both!(several_translations_are_saved_at_once, |app| {
    let admin = app.signed_in("admin");
    admin
        .get("/admin/reasons/new")
        .assert_has("name=\"localized\"");
    let page = admin.post(
        "/admin/reasons/new",
        &[
            ("text", "Chargeback"),
            ("code", "CHARGEBACK"),
            ("locale", "de"),
            ("localized", "Rückbuchung"),
            ("locale", ""),
            ("localized", ""),
            ("locale", "fr"),
            ("localized", "Rétrofacturation"),
            ("locale", "es"),
            ("localized", "Contracargo"),
        ],
    );
    page.redirects_to("/admin/reasons?done=created");
    let saved = reasons(&app);
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0]["localizedTexts"],
        json!({"de": "Rückbuchung", "es": "Contracargo", "fr": "Rétrofacturation"})
    );
    let id = saved[0]["id"].as_str().unwrap().to_string();

    // The edit form shows every translation again, and an empty row to add one more.
    let edit = admin.get(&format!("/admin/reasons/{id}"));
    for text in ["Rückbuchung", "Rétrofacturation", "Contracargo"] {
        edit.assert_has(text);
    }
    assert_eq!(edit.body.matches("name=\"localized\"").count(), 4);

    // One language in two rows: refused beside the translations, nothing changed, what was
    // typed is kept.
    let refused = admin.post(
        &format!("/admin/reasons/{id}"),
        &[
            ("text", "Chargeback"),
            ("code", "CHARGEBACK"),
            ("locale", "de"),
            ("localized", "Rückbuchung"),
            ("locale", "DE"),
            ("localized", "Rücklastschrift"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_has("A language is listed twice");
    refused.assert_has("Rücklastschrift");
    assert_eq!(reasons(&app)[0]["localizedTexts"]["de"], "Rückbuchung");

    // A language without its text is refused too; a row left empty is not.
    let blank = admin.post(
        &format!("/admin/reasons/{id}"),
        &[
            ("text", "Chargeback"),
            ("code", "CHARGEBACK"),
            ("locale", "it"),
            ("localized", " "),
        ],
    );
    assert_eq!(blank.status, 422, "{}", blank.body);
    assert_eq!(reasons(&app)[0]["localizedTexts"]["de"], "Rückbuchung");
});

both!(the_ladder_is_edited_as_rows_of_durations, |app| {
    let admin = app.signed_in("admin");
    admin.get("/admin/reasons/new");
    admin
        .post(
            "/admin/reasons/new",
            &[
                ("text", "Spam"),
                ("code", "SPAM"),
                ("window_amount", "30"),
                ("window_unit", "days"),
                ("step_amount", "1"),
                ("step_unit", "days"),
                ("step_amount", "2"),
                ("step_unit", "weeks"),
                ("step_amount", ""),
                ("step_unit", "permanent"),
                ("step_amount", ""),
                ("step_unit", "days"),
            ],
        )
        .redirects_to("/admin/reasons?done=created");
    let saved = &reasons(&app)[0];
    assert_eq!(
        saved["escalation"],
        json!({"window": 30 * DAY, "durations": [DAY, 14 * DAY, i64::MAX]})
    );
    let id = saved["id"].as_str().unwrap().to_string();
    let list = admin.get("/admin/reasons");
    list.assert_has("steps over");
    list.assert_has("30 days");
    let edit = admin.get(&format!("/admin/reasons/{id}"));
    assert_eq!(edit.input_value("window_amount").as_deref(), Some("30"));
    edit.assert_has("value=\"permanent\" selected");

    // A step that is no number is refused beside its row; emptying every row removes the ladder.
    let refused = admin.post(
        &format!("/admin/reasons/{id}"),
        &[
            ("text", "Spam"),
            ("code", "SPAM"),
            ("window_amount", "30"),
            ("window_unit", "days"),
            ("step_amount", "soon"),
            ("step_unit", "days"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_has("id=\"step-error-1\"");
    admin
        .post(
            &format!("/admin/reasons/{id}"),
            &[
                ("text", "Spam"),
                ("code", "SPAM"),
                ("window_amount", ""),
                ("step_amount", ""),
            ],
        )
        .redirects_to("/admin/reasons?done=saved");
    assert!(reasons(&app)[0].get("escalation").is_none());
});
