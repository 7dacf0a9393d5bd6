//! The translations pages: progress per language, the data editor, roles.

use serde_json::json;

use crate::both;
use crate::support::TestApp;

fn action(app: &TestApp, body: serde_json::Value) -> String {
    let res = app.post("/api/user-action", json!({ "userAction": body }));
    res.ok()["userAction"]["id"].as_str().unwrap().to_string()
}

both!(the_page_shows_progress_for_each_language, |app| {
    action(
        &app,
        json!({"name": "Ban <script>x</script>", "temporal": true, "localizedNames": {"de": "Sperre"}}),
    );
    let browser = app.signed_in("translator");
    let page = browser.get("/admin/translations");
    assert_eq!(page.status, 200, "{}", page.body);
    for lang in ["de", "fr", "es"] {
        page.assert_has(&format!("id=\"ui-{lang}\""));
    }
    page.assert_has("Deutsch");
    // One action: translated in German only.
    page.assert_has("id=\"data-de\" max=\"1\" value=\"1\"");
    page.assert_has("id=\"data-fr\" max=\"1\" value=\"0\"");
    page.assert_has("1 data text not translated");
    page.assert_has("Ban &#60;script&#62;x");
    assert!(!page.contains("<script>x"));
    page.assert_has("href=\"/admin/translations/fr/data\"");
});

both!(a_translator_edits_the_german_name_of_an_action, |app| {
    let id = action(
        &app,
        json!({"name": "Survey", "options": [{"name": "Happy"}]}),
    );
    let browser = app.signed_in("translator");
    let page = browser.get("/admin/translations/de/data");
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("Survey");
    let key = format!("action-{id}");
    let option = format!("option-{id}-0");
    let saved = browser.post(
        "/admin/translations/de/data",
        &[
            ("key", &key),
            ("value", "Umfrage"),
            ("key", &option),
            ("value", "Froh"),
        ],
    );
    saved.redirects_to("/admin/translations/de/data?done=saved");
    let api = app.get(&format!("/api/user-action/{id}"));
    let body = api.ok();
    assert_eq!(
        body["userAction"]["localizedNames"],
        json!({"de": "Umfrage"})
    );
    assert_eq!(
        body["userAction"]["options"][0]["localizedNames"],
        json!({"de": "Froh"})
    );
    let again = browser.get("/admin/translations/de/data?done=saved");
    assert_eq!(again.input_value("value").as_deref(), Some("Umfrage"));

    // An empty field removes the translation.
    browser.post(
        "/admin/translations/de/data",
        &[("key", &key), ("value", "")],
    );
    let body = app.get(&format!("/api/user-action/{id}")).ok().clone();
    assert!(body["userAction"].get("localizedNames").is_none(), "{body}");
});

both!(a_support_agent_may_not_come_in, |app| {
    let id = action(&app, json!({"name": "Survey"}));
    let browser = app.signed_in("support");
    assert_eq!(browser.get("/admin/translations").status, 403);
    assert_eq!(browser.get("/admin/translations/de/data").status, 403);
    browser.get("/admin/");
    let key = format!("action-{id}");
    let post = browser.post(
        "/admin/translations/de/data",
        &[("key", &key), ("value", "X")],
    );
    assert_eq!(post.status, 403);
    let body = app.get(&format!("/api/user-action/{id}")).ok().clone();
    assert!(body["userAction"].get("localizedNames").is_none(), "{body}");

    let admin = app.signed_in("admin");
    assert_eq!(admin.get("/admin/translations").status, 200);
    assert_eq!(admin.get("/admin/translations/en/data").status, 404);
    assert_eq!(admin.get("/admin/translations/x!/data").status, 404);
});

both!(a_placeable_mismatch_is_shown_next_to_the_field, |app| {
    let res = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Notice", "defaultSubject": "Hello { $firstName }",
            "defaultHtmlTemplate": "<p>Hi { $firstName }</p>", "defaultTextTemplate": "Hi { $firstName }"}}),
    );
    let id = res.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let browser = app.signed_in("translator");
    let page = browser.get("/admin/translations/de/data");
    assert_eq!(page.status, 200, "{}", page.body);
    let subject = format!("template-{id}-subject");
    let text = format!("template-{id}-text");
    let refused = browser.post(
        "/admin/translations/de/data",
        &[
            ("key", &subject),
            ("value", "Hallo { $lastName }"),
            ("key", &text),
            ("value", "Hallo { $firstName }"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_has("Uses { $lastName }, which the reference text does not.");
    refused.assert_has("Does not use { $firstName }, which the reference text does.");
    refused.assert_has("aria-invalid=\"true\"");
    refused.assert_has("value=\"Hallo { $lastName }\"");
    let body = app.get(&format!("/api/email/template/{id}")).ok().clone();
    assert!(
        body["emailTemplate"].get("localizedSubjects").is_none(),
        "{body}"
    );
    assert!(
        body["emailTemplate"]
            .get("localizedTextTemplates")
            .is_none(),
        "{body}"
    );

    // Correct placeables save, and the preview renders the sample values.
    browser
        .post(
            "/admin/translations/de/data",
            &[("key", &subject), ("value", "Hallo { $firstName }")],
        )
        .redirects_to("/admin/translations/de/data");
    let body = app.get(&format!("/api/email/template/{id}")).ok().clone();
    assert_eq!(
        body["emailTemplate"]["localizedSubjects"],
        json!({"de": "Hallo { $firstName }"})
    );
    browser
        .get("/admin/translations/de/data")
        .assert_has("Hallo Jane");
});

both!(
    a_locale_file_that_does_not_parse_is_shown_with_its_position,
    |app| {
        let dir = tempfile::tempdir().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for lang in ["en", "de"] {
            std::fs::create_dir_all(dir.path().join(lang)).unwrap();
            for entry in std::fs::read_dir(root.join(lang)).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), dir.path().join(lang).join(entry.file_name())).unwrap();
            }
        }
        let broken = dir.path().join("de/translations.ftl");
        let mut text = std::fs::read_to_string(&broken).unwrap();
        let line = text.lines().count() + 1;
        text.push_str("translations-broken = { $a $b }\n");
        std::fs::write(&broken, text).unwrap();
        assert!(actioneer::i18n::reload::start(
            &app.state.locales,
            dir.path(),
            app.state.shutdown.clone()
        ));
        let browser = app.signed_in("translator");
        let page = browser.get("/admin/translations");
        assert_eq!(page.status, 200, "{}", page.body);
        page.assert_has("Locale file errors");
        page.assert_has(&format!("de/translations.ftl:{line}:"));
        // The embedded German file stands in: the page still speaks German to a German reader.
        let de = browser
            .client
            .get(format!("{}/admin/translations", browser.base))
            .header("Accept-Language", "de")
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(de.contains("Fehler in Sprachdateien"), "{de}");
    }
);
