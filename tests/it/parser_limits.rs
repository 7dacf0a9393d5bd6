//! Bounded parsers: deeply nested Fluent patterns and JSON `data` are refused with field errors
//! (never a crash), and translators' HTML is sanitised before it is stored or sent.

use serde_json::{json, Value};

use crate::both;
use crate::sinks::SmtpSink;
use crate::support::*;

/// Depths that overflowed the parser's stack (3 000) and far beyond (100 000).
const DEPTHS: [usize; 2] = [3_000, 100_000];

fn opened(n: usize) -> String {
    "{".repeat(n)
}

/// Balanced: `{ { … $firstName … } }`, a pattern that is valid but for its depth.
fn balanced(n: usize) -> String {
    format!("{}$firstName{}", "{ ".repeat(n), " }".repeat(n))
}

fn template(extra: Value) -> Value {
    let mut t = json!({"name": "Notice", "defaultSubject": "Hello { $firstName }",
        "defaultHtmlTemplate": "<p>Hi { $firstName }</p>", "defaultTextTemplate": "Hi { $firstName }"});
    if let (Some(t), Some(e)) = (t.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            t.insert(k.clone(), v.clone());
        }
    }
    json!({ "emailTemplate": t })
}

fn template_id(app: &TestApp) -> String {
    app.post("/api/email/template", template(json!({}))).ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

both!(deep_patterns_are_invalid_through_the_api, |app| {
    let id = template_id(&app);
    for n in DEPTHS {
        for deep in [opened(n), balanced(n)] {
            let res = app.post(
                "/api/email/template",
                template(json!({"defaultHtmlTemplate": deep})),
            );
            res.has_code("[invalid]emailTemplate.defaultHtmlTemplate");
            let message = res.body["fieldErrors"]["emailTemplate.defaultHtmlTemplate"][0]
                ["message"]
                .as_str()
                .unwrap();
            // Past 16 KiB the size is reported first.
            assert!(
                message.contains("32 deep") || (n > 16 * 1024 && message.contains("16 KiB")),
                "{message}"
            );

            app.post(
                "/api/email/template",
                template(json!({"localizedTextTemplates": {"de": deep}})),
            )
            .has_code("[invalid]emailTemplate.localizedTextTemplates");
            app.put(
                &format!("/api/email/template/{id}"),
                template(json!({"defaultTextTemplate": deep})),
            )
            .has_code("[invalid]emailTemplate.defaultTextTemplate");
            app.patch(
                &format!("/api/email/template/{id}"),
                json!({"emailTemplate": {"localizedHtmlTemplates": {"fr": deep}}}),
            )
            .has_code("[invalid]emailTemplate.localizedHtmlTemplates");

            let preview = app.post(
                "/api/email/template/preview",
                template(json!({"defaultHtmlTemplate": deep})),
            );
            let errors = &preview.ok()["errors"]["fieldErrors"];
            assert_eq!(
                errors["emailTemplate.defaultHtmlTemplate"][0]["code"],
                "[invalid]emailTemplate.defaultHtmlTemplate",
                "{}",
                preview.text
            );
            assert_eq!(preview.body["email"]["html"], "");
        }
    }
    // The server still serves, and the stored template is unchanged.
    let stored = app.get(&format!("/api/email/template/{id}"));
    assert_eq!(
        stored.ok()["emailTemplate"]["defaultTextTemplate"],
        "Hi { $firstName }"
    );
});

both!(patterns_over_16_kib_are_invalid, |app| {
    let at_limit = "x".repeat(16 * 1024);
    app.post(
        "/api/email/template",
        template(json!({"defaultHtmlTemplate": at_limit})),
    )
    .ok();
    let over = "x".repeat(16 * 1024 + 1);
    app.post(
        "/api/email/template",
        template(json!({"defaultHtmlTemplate": over})),
    )
    .has_code("[invalid]emailTemplate.defaultHtmlTemplate");
    // Nesting up to the limit is fine.
    app.post(
        "/api/email/template",
        template(json!({"defaultTextTemplate": balanced(32)})),
    )
    .ok();
    app.post(
        "/api/email/template",
        template(json!({"defaultTextTemplate": balanced(33)})),
    )
    .has_code("[invalid]emailTemplate.defaultTextTemplate");
});

both!(deep_patterns_from_a_translator_are_form_errors, |app| {
    let id = template_id(&app);
    let browser = app.signed_in("translator");
    assert_eq!(browser.get("/admin/translations/de/data").status, 200);
    // 50 000 braces fit the largest form (256 KiB once URL-encoded).
    for n in [3_000, 50_000] {
        for suffix in ["subject", "html", "text"] {
            let key = format!("template-{id}-{suffix}");
            let deep = opened(n);
            let page = browser.post(
                "/admin/translations/de/data",
                &[("key", key.as_str()), ("value", deep.as_str())],
            );
            assert_eq!(page.status, 422, "{suffix} {n}: {}", page.body);
            page.assert_has(if n > 16 * 1024 { "16 KiB" } else { "32 deep" });
        }
    }
    assert_eq!(browser.get("/admin/translations/de/data").status, 200);
    let stored = app.get(&format!("/api/email/template/{id}"));
    assert!(
        stored.ok()["emailTemplate"]
            .get("localizedHtmlTemplates")
            .is_none(),
        "{}",
        stored.text
    );
});

/// `{"a": {"a": … {}}}` with `depth` objects in all.
fn nested(depth: usize) -> Value {
    let mut value = json!({});
    for _ in 1..depth {
        value = json!({ "a": value });
    }
    value
}

fn user_with_data(app: &TestApp, data: Value) -> Res {
    app.post(
        "/api/user",
        json!({"user": {"email": "deep@example.com", "data": data}}),
    )
}

both!(user_data_nested_too_deep_is_refused, |app| {
    let res = user_with_data(&app, nested(65));
    res.has_code("[invalid]user.data");
    let message = res.body["fieldErrors"]["user.data"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("64"), "{message}");

    let res = user_with_data(&app, nested(64));
    let id = res.ok()["user"]["id"].as_str().unwrap().to_string();
    let path = format!("/api/user/{id}");
    assert_eq!(app.get(&path).ok()["user"]["data"], nested(64));

    // A JSON Patch can nest a value under a deep path: the result is checked as a whole.
    let deep_path = format!("/user/data{}", "/a".repeat(60));
    let patch = json!([{"op": "add", "path": deep_path, "value": nested(100)}]);
    let res = app.raw(
        "PATCH",
        &path,
        "application/json-patch+json",
        &patch.to_string(),
    );
    res.has_code("[invalid]user.data");
    // Nothing was lost: the stored data reads back as it was.
    assert_eq!(app.get(&path).ok()["user"]["data"], nested(64));
    let res = app.patch(&path, json!({"user": {"firstName": "Deep"}}));
    assert_eq!(res.ok()["user"]["data"], nested(64));
    assert_eq!(app.get(&path).ok()["user"]["data"], nested(64));
});

both!(
    a_corrupt_data_column_is_an_error_not_an_empty_object,
    |app| {
        let res = user_with_data(&app, json!({"kept": true}));
        let id = res.ok()["user"]["id"].as_str().unwrap().to_string();
        {
            use diesel::RunQueryDsl;
            let mut conn = app.state.db.write().unwrap();
            diesel::sql_query(format!(
                "UPDATE users SET data = '{{\"kept\": tru' WHERE id = '{id}'"
            ))
            .execute(&mut *conn)
            .unwrap();
        }
        let path = format!("/api/user/{id}");
        assert_eq!(app.get(&path).status, 500);
        // A write cannot replace the data with an empty object behind the caller's back.
        assert_eq!(
            app.patch(&path, json!({"user": {"firstName": "X"}})).status,
            500
        );
    }
);

/// An app whose server SMTP setting points at a sink.
fn with_smtp(backend: Backend) -> Option<(TestApp, SmtpSink)> {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| c.smtp_url = Some(url))?;
    Some((app, smtp))
}

fn translator_html_is_sanitised(app: TestApp, smtp: SmtpSink) {
    let id = template_id(&app);
    let browser = app.signed_in("translator");
    assert_eq!(browser.get("/admin/translations/de/data").status, 200);
    let key = format!("template-{id}-html");
    let html = "<p onclick=\"steal()\">Hallo { $firstName }</p><script>alert(1)</script>\
                <iframe src=\"https://evil.example\"></iframe>\
                <a href=\"javascript:alert(2)\">x</a> <a href=\"https://example.com/\">Konto</a>";
    browser
        .post(
            "/admin/translations/de/data",
            &[("key", key.as_str()), ("value", html)],
        )
        .redirects_to("/admin/translations/de/data");
    let stored = app.get(&format!("/api/email/template/{id}"));
    let de = stored.ok()["emailTemplate"]["localizedHtmlTemplates"]["de"]
        .as_str()
        .unwrap()
        .to_string();
    for bad in ["<script", "alert(", "onclick", "<iframe", "javascript:"] {
        assert!(!de.contains(bad), "{bad} in {de}");
    }
    assert!(de.contains("Hallo { $firstName }"), "{de}");
    assert!(de.contains("href=\"https://example.com/\""), "{de}");

    // The email sent to a German user carries the sanitised body.
    let ban = app.action(
        json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
        "startEmailTemplateId": id}),
    );
    let user = app.user("de@example.com", &["de"]);
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": user,
            "expiry": START + 3_600_000, "emailUser": true}}),
    )
    .ok();
    let messages = smtp.wait_for(1);
    let mail = &messages[0];
    assert!(mail.contains("Hallo"), "{mail}");
    for bad in ["<script", "alert(", "onclick", "<iframe", "javascript:"] {
        assert!(!mail.contains(bad), "{bad} in {mail}");
    }

    // Fluent placeables cannot smuggle a scheme or markup past the sanitiser.
    for smuggled in [
        "<a href=\"{ $phase ->\n   *[x] javascript:alert(3)\n}\">x</a> { $firstName }",
        "{\"\\u003Cscript\\u003E\"} { $firstName }",
    ] {
        let page = browser.post(
            "/admin/translations/de/data",
            &[("key", key.as_str()), ("value", smuggled)],
        );
        let stored = app.get(&format!("/api/email/template/{id}"));
        let now = stored.ok()["emailTemplate"]["localizedHtmlTemplates"]["de"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            page.status == 422 || !now.contains("javascript"),
            "{now}: {}",
            page.body
        );
        assert!(!now.contains("u003C"), "{now}");
    }

    // An administrator's own HTML through the API stays as written.
    let admin_html = "<p style=\"color: red\">Hi { $firstName }</p>";
    app.patch(
        &format!("/api/email/template/{id}"),
        json!({"emailTemplate": {"localizedHtmlTemplates": {"de": admin_html}}}),
    )
    .ok();
    let stored = app.get(&format!("/api/email/template/{id}"));
    assert_eq!(
        stored.ok()["emailTemplate"]["localizedHtmlTemplates"]["de"],
        admin_html
    );
    // A translator saving the page without touching that body leaves it as the admin wrote it.
    assert_eq!(browser.get("/admin/translations/de/data").status, 200);
    browser
        .post(
            "/admin/translations/de/data",
            &[("key", key.as_str()), ("value", admin_html)],
        )
        .redirects_to("/admin/translations/de/data");
    let stored = app.get(&format!("/api/email/template/{id}"));
    assert_eq!(
        stored.ok()["emailTemplate"]["localizedHtmlTemplates"]["de"],
        admin_html
    );
}

mod translator_html {
    use super::*;

    #[test]
    fn sqlite() {
        if let Some((app, smtp)) = with_smtp(Backend::Sqlite) {
            translator_html_is_sanitised(app, smtp);
        }
    }

    #[test]
    fn postgres() {
        if let Some((app, smtp)) = with_smtp(Backend::Postgres) {
            translator_html_is_sanitised(app, smtp);
        }
    }
}

both!(
    deep_patterns_in_the_admin_template_form_are_form_errors,
    |app| {
        let id = template_id(&app);
        let admin = app.signed_in("admin");
        let path = format!("/admin/email-templates/{id}");
        assert_eq!(admin.get(&path).status, 200);
        let deep = opened(3_000);
        let fields = |preview: bool| {
            let mut fields = vec![
                ("name", "Notice"),
                ("default_subject", "Hello { $firstName }"),
                ("default_html", deep.as_str()),
                ("default_text", "Hi { $firstName }"),
                ("from_email", ""),
                ("default_from_name", ""),
                ("loc_locale", "de"),
                ("loc_subject", ""),
                ("loc_html", ""),
                ("loc_text", deep.as_str()),
                ("loc_from_name", ""),
            ];
            if preview {
                fields.push(("preview", "1"));
                fields.push(("preview_locale", "de"));
            }
            fields
        };
        let saved = admin.post(&path, &fields(false));
        assert_eq!(saved.status, 422, "{}", saved.body);
        saved.assert_has("id=\"default_html-error\"");
        saved.assert_has("32 deep");
        let preview = admin.post(&path, &fields(true));
        assert!(preview.status < 500, "{}", preview.body);
        assert_eq!(admin.get(&path).status, 200);
    }
);
