//! Admin pages for operations: webhooks (form, test event, delivery log, replay) and email
//! templates (form, parse errors, preview, test email, delete), administrators only.

use base64::Engine;
use serde_json::{json, Value};

use crate::both;
use crate::sinks::{wait, Receiver, SmtpSink};
use crate::support::*;
use crate::web_support::Browser;

/// The id at the end of a redirect such as `/admin/webhooks/{id}?done=created`.
fn id_in(location: &str, prefix: &str) -> String {
    let rest = location.strip_prefix(prefix).unwrap();
    rest.split(['?', '/']).next().unwrap().to_string()
}

fn webhook(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/webhook/{id}")).ok()["webhook"].clone()
}

/// The events sent to a webhook, newest first, through the webhook event log: each with
/// its `eventId`, the `status` of its delivery to that webhook and that webhook's `attempts`.
fn deliveries(app: &TestApp, webhook_id: &str) -> Vec<Value> {
    let logs = app
        .get(&format!(
            "/api/system/webhook-event-log/search?webhookId={webhook_id}"
        ))
        .ok()["webhookEventLogs"]
        .as_array()
        .unwrap()
        .clone();
    logs.iter()
        .map(|log| {
            let status = match log["eventResult"].as_str().unwrap() {
                "Running" => "pending",
                "Succeeded" => "succeeded",
                _ => "failed",
            };
            json!({"eventId": log["id"], "status": status, "attempts": log["attempts"]})
        })
        .collect()
}

/// The id of a webhook's newest delivery, from the admin app's delivery log.
fn newest_delivery_id(admin: &Browser, webhook_id: &str) -> String {
    let page = admin.get(&format!("/admin/webhooks/{webhook_id}/deliveries"));
    let link = "href=\"/admin/webhooks/deliveries/";
    let at = page.body.find(link).unwrap() + link.len();
    page.body[at..at + 36].to_string()
}

both!(webhook_form_validates_saves_and_routes, |app| {
    let admin = app.signed_in("admin");
    let tenant = app.default_tenant();
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let _survey = app.action(json!({"name": "Survey"}));

    let page = admin.get("/admin/webhooks/new");
    assert_eq!(page.status, 200);
    page.assert_has("Ban");
    let bad = admin.post(
        "/admin/webhooks/new",
        &[
            ("url", "ftp://example.com/hook"),
            ("description", "Moderation <b>team</b>"),
            ("connect_timeout", "1000"),
            ("read_timeout", "0"),
        ],
    );
    assert_eq!(bad.status, 422);
    // The messages are next to their fields, and what was typed is kept.
    bad.assert_has(r#"<p class="error" id="url-error">This value is not valid.</p>"#);
    bad.assert_has(
        r#"<p class="error" id="read_timeout-error">This must be greater than zero.</p>"#,
    );
    assert!(!bad.contains("id=\"connect_timeout-error\""));
    assert_eq!(
        bad.input_value("url").as_deref(),
        Some("ftp://example.com/hook")
    );
    bad.assert_has("Moderation &#60;b&#62;team&#60;/b&#62;");
    let text = admin.post(
        "/admin/webhooks/new",
        &[
            ("url", "https://example.com/hook"),
            ("connect_timeout", "soon"),
            ("read_timeout", "2000"),
        ],
    );
    assert_eq!(text.status, 422);
    text.assert_has(r#"id="connect_timeout-error">This value is not valid."#);
    assert!(app.get("/api/webhook").ok()["webhooks"]
        .as_array()
        .unwrap()
        .is_empty());

    let created = admin.post(
        "/admin/webhooks/new",
        &[
            ("url", "https://example.com/hook"),
            ("description", "Moderation"),
            ("connect_timeout", "1500"),
            ("read_timeout", "2500"),
            ("header_name", "X-Api-Key"),
            ("header_value", "k1"),
            ("header_name", ""),
            ("header_value", ""),
            ("auth_username", "bob"),
            ("auth_password", "stored-pass-9f3a"),
            ("tenant", &tenant),
            ("user_action_enabled", "true"),
            ("user_action", &ban),
        ],
    );
    let location = created.redirects_to("/admin/webhooks/");
    assert!(location.ends_with("?done=created"), "{location}");
    let id = id_in(&location, "/admin/webhooks/");
    let hook = webhook(&app, &id);
    assert_eq!(hook["url"], "https://example.com/hook");
    assert_eq!(hook["description"], "Moderation");
    assert_eq!(hook["connectTimeout"], 1500);
    assert_eq!(hook["readTimeout"], 2500);
    assert_eq!(hook["headers"], json!({"X-Api-Key": "k1"}));
    assert_eq!(hook["httpAuthenticationUsername"], "bob");
    assert_eq!(hook["global"], false);
    assert_eq!(hook["tenantIds"], json!([tenant]));
    assert_eq!(hook["eventsEnabled"]["user.action"], true);
    assert_eq!(hook["userActionIds"], json!([ban]));
    assert_eq!(hook["signatureConfiguration"]["enabled"], false);

    // The edit page shows the secret, never the stored password.
    let edit = admin.get(&format!("/admin/webhooks/{id}"));
    assert_eq!(edit.status, 200);
    edit.assert_has(hook["secret"].as_str().unwrap());
    edit.assert_has("A password is stored.");
    assert!(!edit.contains("stored-pass-9f3a"));
    assert_eq!(
        edit.input_value("header_name").as_deref(),
        Some("X-Api-Key")
    );

    // Routing to every action, all tenants; the listing says so.
    admin
        .post(
            &format!("/admin/webhooks/{id}"),
            &[
                ("url", "https://example.com/hook2"),
                ("connect_timeout", "1500"),
                ("read_timeout", "2500"),
                ("global", "true"),
                ("user_action_enabled", "true"),
            ],
        )
        .redirects_to(&format!("/admin/webhooks/{id}?done=saved"));
    let hook = webhook(&app, &id);
    assert_eq!(hook["url"], "https://example.com/hook2");
    assert_eq!(hook["global"], true);
    assert_eq!(hook["userActionIds"], json!([]));
    assert_eq!(hook["headers"], json!({}));
    let list = admin.get("/admin/webhooks");
    list.assert_has("https://example.com/hook2");
    list.assert_has("All actions");
    list.assert_has("All tenants");

    admin
        .get(&format!("/admin/webhooks/{id}/delete"))
        .assert_has("https://example.com/hook2");
    admin
        .post(&format!("/admin/webhooks/{id}/delete"), &[])
        .redirects_to("/admin/webhooks?done=deleted");
    assert_eq!(app.get(&format!("/api/webhook/{id}")).status, 404);
});

both!(test_event_is_delivered_signed_and_logged, |app| {
    let admin = app.signed_in("admin");
    let receiver = Receiver::start();
    let key = app.post(
        "/api/key/generate",
        json!({"key": {"name": "Signing", "algorithm": "HS256"}}),
    );
    let key_id = key.ok()["key"]["id"].as_str().unwrap().to_string();
    admin.get("/admin/webhooks/new");
    let location = admin
        .post(
            "/admin/webhooks/new",
            &[
                ("url", &receiver.url),
                ("connect_timeout", "1000"),
                ("read_timeout", "2000"),
                ("global", "true"),
                ("user_action_enabled", "true"),
                ("auth_username", "bob"),
                ("auth_password", "pw-1"),
                ("signing_key", &key_id),
            ],
        )
        .redirects_to("/admin/webhooks/");
    let id = id_in(&location, "/admin/webhooks/");
    assert_eq!(
        webhook(&app, &id)["signatureConfiguration"]["signingKeyId"],
        key_id.as_str()
    );
    // Saving without a password keeps the stored one.
    admin
        .post(
            &format!("/admin/webhooks/{id}"),
            &[
                ("url", &receiver.url),
                ("connect_timeout", "1000"),
                ("read_timeout", "2000"),
                ("global", "true"),
                ("user_action_enabled", "true"),
                ("auth_username", "bob"),
                ("auth_password", ""),
                ("signing_key", &key_id),
            ],
        )
        .redirects_to(&format!("/admin/webhooks/{id}?done=saved"));
    // A new secret replaces the old one.
    let old_secret = webhook(&app, &id)["secret"].as_str().unwrap().to_string();
    admin
        .post(&format!("/admin/webhooks/{id}/secret"), &[])
        .redirects_to(&format!("/admin/webhooks/{id}?done=saved"));
    let secret = webhook(&app, &id)["secret"].as_str().unwrap().to_string();
    assert_ne!(secret, old_secret);
    assert!(secret.starts_with("whsec_"));

    admin
        .post(&format!("/admin/webhooks/{id}/test"), &[])
        .redirects_to(&format!("/admin/webhooks/{id}/deliveries?done=sent"));
    let got = receiver.wait_for(1);
    assert_eq!(got.len(), 1);
    let request = &got[0];
    let event = request.json()["event"].clone();
    assert_eq!(event["type"], "user.action");
    let event_id = event["id"].as_str().unwrap().to_string();
    assert_eq!(request.header("webhook-id"), Some(event_id.as_str()));
    let timestamp: i64 = request
        .header("webhook-timestamp")
        .unwrap()
        .parse()
        .unwrap();
    let expected = actioneer::delivery::signing::standard_webhook_signature(
        &event_id,
        timestamp,
        &request.body,
        &secret,
    )
    .unwrap();
    assert_eq!(request.header("webhook-signature"), Some(expected.as_str()));
    assert!(request.header("X-FusionAuth-Signature-JWT").is_some());
    let basic = base64::engine::general_purpose::STANDARD.encode("bob:pw-1");
    assert_eq!(
        request.header("Authorization"),
        Some(format!("Basic {basic}").as_str())
    );

    wait(|| {
        deliveries(&app, &id)
            .first()
            .is_some_and(|d| d["status"] == "succeeded")
    });
    let delivery = deliveries(&app, &id)[0].clone();
    assert_eq!(delivery["eventId"], event_id.as_str());
    let log = admin.get(&format!("/admin/webhooks/{id}/deliveries?done=sent"));
    assert_eq!(log.status, 200);
    log.assert_has("Sent.");
    log.assert_has(&event_id);
    log.assert_has("Succeeded");
    let everything = admin.get("/admin/webhooks/deliveries?status=succeeded");
    everything.assert_has(&event_id);
    assert!(!admin
        .get("/admin/webhooks/deliveries?status=failed")
        .contains(&event_id));
    let detail = admin.get(&format!(
        "/admin/webhooks/deliveries/{}",
        newest_delivery_id(&admin, &id)
    ));
    detail.assert_has("<code>200</code>");
    detail.assert_has("<title>Delivery · ");
    detail.assert_has("Delivered");
    assert!(!detail.contains("Deliver again"));
    // The list shows the webhook's health.
    admin
        .get("/admin/webhooks")
        .assert_has("The last delivery succeeded");
});

both!(a_failed_delivery_is_replayed, |app| {
    let admin = app.signed_in("admin");
    let receiver = Receiver::start();
    receiver.answer_with(&[500; 11]);
    let res = app.post(
        "/api/webhook",
        json!({"webhook": {"url": receiver.url, "connectTimeout": 1000, "readTimeout": 2000,
            "global": true, "eventsEnabled": {"user.action": true}}}),
    );
    let id = res.ok()["webhook"]["id"].as_str().unwrap().to_string();
    admin.get(&format!("/admin/webhooks/{id}"));
    admin
        .post(&format!("/admin/webhooks/{id}/test"), &[])
        .redirects_to(&format!("/admin/webhooks/{id}/deliveries"));
    let attempts = || {
        deliveries(&app, &id)
            .first()
            .and_then(|d| d["attempts"].as_array().map(Vec::len))
            .unwrap_or(0)
    };
    for (i, delay) in actioneer::delivery::schedule::RETRY_DELAYS_MS
        .iter()
        .enumerate()
    {
        wait(|| attempts() == i + 1);
        assert_eq!(attempts(), i + 1);
        app.clock.advance(*delay);
    }
    wait(|| deliveries(&app, &id)[0]["status"] == "failed");
    let delivery = deliveries(&app, &id)[0].clone();
    assert_eq!(delivery["status"], "failed");
    let delivery_id = newest_delivery_id(&app.signed_in("admin"), &id);
    let first_event = receiver.received()[0].json()["event"]["id"].clone();

    // Days went by: sign in again.
    let admin = app.signed_in("admin");
    let list = admin.get("/admin/webhooks");
    list.assert_has("1 failed (of the last 1)");
    let log = admin.get(&format!("/admin/webhooks/{id}/deliveries?status=failed"));
    log.assert_has("Failed");
    log.assert_has("HTTP 500");
    let detail = admin.get(&format!("/admin/webhooks/deliveries/{delivery_id}"));
    detail.assert_has("11 attempts");
    detail.assert_has("<code>500</code>");
    detail.assert_has("Deliver again");
    admin
        .post(
            &format!("/admin/webhooks/deliveries/{delivery_id}/replay"),
            &[],
        )
        .redirects_to(&format!(
            "/admin/webhooks/deliveries/{delivery_id}?done=replayed"
        ));
    let got = receiver.wait_for(12);
    assert_eq!(got.len(), 12);
    assert_eq!(got[11].json()["event"]["id"], first_event);
    wait(|| deliveries(&app, &id)[0]["status"] == "succeeded");
    assert_eq!(deliveries(&app, &id)[0]["status"], "succeeded");
    // A delivery that did not fail is not replayed.
    admin.get(&format!("/admin/webhooks/deliveries/{delivery_id}"));
    let again = admin.post(
        &format!("/admin/webhooks/deliveries/{delivery_id}/replay"),
        &[],
    );
    assert_eq!(again.status, 422);
    again.assert_has("Only a failed delivery can be delivered again.");
});

/// An app whose server-wide SMTP setting points at a sink.
fn with_smtp(backend: Backend) -> Option<(TestApp, SmtpSink)> {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| c.smtp_url = Some(url))?;
    Some((app, smtp))
}

macro_rules! both_smtp {
    ($name:ident, |$app:ident, $smtp:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            fn run($app: TestApp, $smtp: SmtpSink) $body
            #[test]
            fn sqlite() {
                if let Some((app, smtp)) = with_smtp(Backend::Sqlite) {
                    run(app, smtp);
                }
            }
            #[test]
            fn postgres() {
                if let Some((app, smtp)) = with_smtp(Backend::Postgres) {
                    run(app, smtp);
                }
            }
        }
    };
}

/// The fields of the template form for a template with a German translation.
fn template_fields<'a>(
    name: &'a str,
    subject: &'a str,
    de_subject: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("default_subject", subject),
        ("default_html", "<p>Hello { $firstName }</p>"),
        ("default_text", "Hello { $firstName }"),
        ("from_email", ""),
        ("default_from_name", "Moderation"),
        ("loc_locale", "de"),
        ("loc_subject", de_subject),
        ("loc_html", ""),
        ("loc_text", "Hallo { $firstName }, { $action }"),
        ("loc_from_name", ""),
        ("loc_locale", ""),
        ("loc_subject", ""),
        ("loc_html", ""),
        ("loc_text", ""),
        ("loc_from_name", ""),
    ]
}

both_smtp!(
    email_templates_are_edited_previewed_and_tested,
    |app, smtp| {
        let admin = app.signed_in("admin");
        admin.get("/admin/email-templates/new");
        let name = "<script>alert(1)</script> Ban";
        let location = admin
            .post(
                "/admin/email-templates/new",
                &template_fields(
                    name,
                    "Banned: { $action }",
                    "Gesperrt: { $action } für { $fullName }",
                ),
            )
            .redirects_to("/admin/email-templates/");
        assert!(location.ends_with("?done=created"), "{location}");
        let id = id_in(&location, "/admin/email-templates/");
        let stored = app.get(&format!("/api/email/template/{id}")).ok()["emailTemplate"].clone();
        assert_eq!(stored["name"], name);
        assert_eq!(stored["defaultFromName"], "Moderation");
        assert_eq!(
            stored["localizedSubjects"],
            json!({"de": "Gesperrt: { $action } für { $fullName }"})
        );
        assert_eq!(
            stored["localizedTextTemplates"],
            json!({"de": "Hallo { $firstName }, { $action }"})
        );
        assert!(stored.get("localizedHtmlTemplates").is_none(), "{stored}");

        let list = admin.get("/admin/email-templates");
        list.assert_has("&#60;script&#62;alert(1)&#60;/script&#62; Ban");
        assert!(!list.contains("<script>alert(1)"));
        list.assert_has(r#"<span class="tag">de</span>"#);

        // A part that does not parse: the parser's problem next to the field, input kept.
        let edit = admin.get(&format!("/admin/email-templates/{id}"));
        assert_eq!(edit.input_value("loc_locale").as_deref(), Some("de"));
        let bad = admin.post(
            &format!("/admin/email-templates/{id}"),
            &template_fields("Ban", "Banned: { $action", "Gesperrt: { $nope }"),
        );
        assert_eq!(bad.status, 422);
        bad.assert_has(
            r#"id="default_subject-error">This value is not valid. The template does not work:"#,
        );
        bad.assert_has("at the end");
        bad.assert_has(r#"id="loc_subject-1-error">The template does not work: it uses the unknown variable $nope."#);
        assert_eq!(
            bad.input_value("default_subject").as_deref(),
            Some("Banned: { $action")
        );
        assert_eq!(
            app.get(&format!("/api/email/template/{id}")).ok()["emailTemplate"]["defaultSubject"],
            "Banned: { $action }"
        );
        // A translation row without a language.
        let mut fields = template_fields("Ban", "Banned", "Gesperrt");
        fields[6] = ("loc_locale", "");
        let no_language = admin.post(&format!("/admin/email-templates/{id}"), &fields);
        assert_eq!(no_language.status, 422);
        no_language.assert_has("Every translation row needs a language.");

        // The preview renders what was typed in German with sample values, without saving.
        let mut fields = template_fields(
            "Unsaved name",
            "Banned: { $action }",
            "Gesperrt: { $action } für { $fullName }",
        );
        fields.push(("preview", "1"));
        fields.push(("preview_locale", "de"));
        let preview = admin.post(&format!("/admin/email-templates/{id}"), &fields);
        assert_eq!(preview.status, 200);
        preview.assert_has(
            r#"<dd class="preview-subject">Gesperrt: Example action für Jane Doe</dd>"#,
        );
        preview.assert_has("Hallo Jane, Example action");
        preview.assert_has("&#60;p&#62;Hello Jane&#60;/p&#62;");
        assert_eq!(
            app.get(&format!("/api/email/template/{id}")).ok()["emailTemplate"]["name"],
            name
        );
        let mut fields = template_fields("Unsaved", "Banned: { $action }", "Gesperrt");
        fields.push(("preview", "1"));
        fields.push(("preview_locale", ""));
        admin
            .post(&format!("/admin/email-templates/{id}"), &fields)
            .assert_has(r#"<dd class="preview-subject">Banned: Example action</dd>"#);

        // A test email goes through the outbox to the SMTP server.
        admin.get(&format!("/admin/email-templates/{id}"));
        let wrong = admin.post(
            &format!("/admin/email-templates/{id}/test"),
            &[("to", "not an address"), ("locale", "de")],
        );
        assert_eq!(wrong.status, 422);
        wrong.assert_has(r#"id="test_to-error">This value is not valid."#);
        assert_eq!(wrong.input_value("to").as_deref(), Some("not an address"));
        admin
            .post(
                &format!("/admin/email-templates/{id}/test"),
                &[("to", "ops@example.com"), ("locale", "de")],
            )
            .redirects_to(&format!("/admin/email-templates/{id}?done=sent"));
        let messages = smtp.wait_for(1);
        assert_eq!(messages.len(), 1);
        assert!(messages[0].contains("ops@example.com"), "{}", messages[0]);
        assert!(
            messages[0].contains("Hallo Jane, Example action"),
            "{}",
            messages[0]
        );

        // A template an action uses is not deleted, and the page says why.
        app.action(
            json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
        "startEmailTemplateId": id}),
        );
        admin
            .get(&format!("/admin/email-templates/{id}/delete"))
            .assert_has("&#60;script&#62;");
        let refused = admin.post(&format!("/admin/email-templates/{id}/delete"), &[]);
        assert_eq!(refused.status, 422);
        refused.assert_has("This template is still used by an action.");
        assert_eq!(app.get(&format!("/api/email/template/{id}")).status, 200);
        let spare = admin
            .post(
                "/admin/email-templates/new",
                &template_fields("Spare", "Spare", "Ersatz"),
            )
            .redirects_to("/admin/email-templates/");
        let spare = id_in(&spare, "/admin/email-templates/");
        admin
            .post(&format!("/admin/email-templates/{spare}/delete"), &[])
            .redirects_to("/admin/email-templates?done=deleted");
        assert_eq!(app.get(&format!("/api/email/template/{spare}")).status, 404);
    }
);

/// A locale tag longer than `locale::MAX_TAG`, as a version before the limit could store.
const OLD_TAG: &str = "de-Latn-DE-1996-fonipa-scouse-basiceng";

both_smtp!(
    a_locale_stored_before_the_length_limit_reads_and_sends,
    |app, smtp| {
        let admin = app.signed_in("admin");
        let template = app.post(
            "/api/email/template",
            json!({"emailTemplate": {"name": "Ban", "defaultSubject": "Banned: { $action }",
                "defaultHtmlTemplate": "<p>Hello</p>", "defaultTextTemplate": "Hello { $firstName }",
                "localizedSubjects": {"de": "Gesperrt: { $action }"},
                "localizedTextTemplates": {"de": "Hallo { $firstName }"}}}),
        );
        let id = template.ok()["emailTemplate"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let user = app.user("jane@example.com", &["de"]);
        let mut conn = app.state.db.write().unwrap();
        diesel::connection::SimpleConnection::batch_execute(
            &mut *conn,
            &format!(
                "UPDATE localizations SET locale = '{OLD_TAG}' WHERE owner_id = '{id}'; \
                 UPDATE users SET preferred_languages = '[\"{OLD_TAG}\"]' WHERE id = '{user}'"
            ),
        )
        .unwrap();
        drop(conn);

        let stored = app.get(&format!("/api/email/template/{id}")).ok()["emailTemplate"].clone();
        assert_eq!(
            stored["localizedSubjects"][OLD_TAG],
            "Gesperrt: { $action }"
        );
        assert_eq!(
            app.get(&format!("/api/user/{user}")).ok()["user"]["preferredLanguages"],
            json!([OLD_TAG])
        );
        admin
            .get("/admin/email-templates")
            .assert_has(&format!(r#"<span class="tag">{OLD_TAG}</span>"#));
        let edit = admin.get(&format!("/admin/email-templates/{id}"));
        assert_eq!(edit.input_value("loc_locale").as_deref(), Some(OLD_TAG));

        // The template's own language can be chosen for a preview and a test email.
        let mut fields = template_fields("Ban", "Banned: { $action }", "Gesperrt: { $action }");
        fields[6] = ("loc_locale", OLD_TAG);
        fields.extend([("preview", "1"), ("preview_locale", OLD_TAG)]);
        admin
            .post(&format!("/admin/email-templates/{id}"), &fields)
            .assert_has(r#"<dd class="preview-subject">Gesperrt: Example action</dd>"#);
        admin
            .post(
                &format!("/admin/email-templates/{id}/test"),
                &[("to", "ops@example.com"), ("locale", OLD_TAG)],
            )
            .redirects_to(&format!("/admin/email-templates/{id}?done=sent"));
        let messages = smtp.wait_for(1);
        assert!(messages[0].contains("Hallo Jane"), "{}", messages[0]);

        // The user's stored language picks the part of an event's email.
        let ban = app.action(
            json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
                "startEmailTemplateId": id}),
        );
        app.post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user,
                "actionerUserId": user, "expiry": START + 60_000, "emailUser": true}}),
        )
        .ok();
        let messages = smtp.wait_for(2);
        assert!(messages[1].contains("Gesperrt: Ban"), "{}", messages[1]);
    }
);

both!(only_administrators_reach_operations, |app| {
    let support = app.signed_in("support");
    let translator = app.signed_in("translator");
    let hook = app.post(
        "/api/webhook",
        json!({"webhook": {"url": "https://example.com/h", "connectTimeout": 1000, "readTimeout": 2000}}),
    );
    let id = hook.ok()["webhook"]["id"].as_str().unwrap().to_string();
    for browser in [&support, &translator] {
        for path in [
            "/admin/webhooks".to_string(),
            "/admin/webhooks/new".to_string(),
            "/admin/webhooks/deliveries".to_string(),
            format!("/admin/webhooks/{id}"),
            format!("/admin/webhooks/{id}/deliveries"),
            "/admin/email-templates".to_string(),
            "/admin/email-templates/new".to_string(),
        ] {
            assert_eq!(browser.get(&path).status, 403, "{path}");
        }
    }
    support.get("/admin/");
    let posted = support.post(
        "/admin/webhooks/new",
        &[
            ("url", "https://example.com/sneaky"),
            ("connect_timeout", "1000"),
            ("read_timeout", "1000"),
        ],
    );
    assert_eq!(posted.status, 403);
    assert_eq!(
        support
            .post(&format!("/admin/webhooks/{id}/test"), &[])
            .status,
        403
    );
    assert_eq!(
        app.get("/api/webhook").ok()["webhooks"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(deliveries(&app, &id).is_empty());
    // Unknown ids are pages that do not exist.
    let admin = app.signed_in("admin");
    assert_eq!(admin.get("/admin/webhooks/not-an-id").status, 404);
    assert_eq!(
        admin
            .get(&format!("/admin/webhooks/deliveries/{id}"))
            .status,
        404
    );
    assert_eq!(admin.get("/admin/email-templates/nope").status, 404);
});

both!(
    webhook_form_removes_the_stored_password_only_when_asked,
    |app| {
        let admin = app.signed_in("admin");
        let stored_password = |id: &str| {
            let mut conn = app.state.db.write().unwrap();
            actioneer::service::webhooks::find(&mut conn, id.parse().unwrap())
                .unwrap()
                .spec
                .http_authentication_password
        };
        let fields = |password: &'static str, remove: &'static str| {
            vec![
                ("url", "https://example.com/hook"),
                ("connect_timeout", "1000"),
                ("read_timeout", "2000"),
                ("global", "true"),
                ("user_action_enabled", "true"),
                ("auth_username", "bob"),
                ("auth_password", password),
                ("remove_password", remove),
            ]
        };
        let new = admin.get("/admin/webhooks/new");
        // Nothing is stored yet: no box to remove it.
        assert!(!new.contains("name=\"remove_password\""));
        let location = admin
            .post("/admin/webhooks/new", &fields("pw-1", ""))
            .redirects_to("/admin/webhooks/");
        let id = id_in(&location, "/admin/webhooks/");
        assert_eq!(stored_password(&id).as_deref(), Some("pw-1"));

        let edit = admin.get(&format!("/admin/webhooks/{id}"));
        edit.assert_has("Remove the stored password");
        edit.assert_has(r#"name="remove_password" type="checkbox" value="true">"#);

        // Unticked and empty keeps it.
        admin
            .post(&format!("/admin/webhooks/{id}"), &fields("", ""))
            .redirects_to(&format!("/admin/webhooks/{id}?done=saved"));
        assert_eq!(stored_password(&id).as_deref(), Some("pw-1"));

        // Ticked removes it; the API update still keeps an omitted password.
        admin.get(&format!("/admin/webhooks/{id}"));
        admin
            .post(&format!("/admin/webhooks/{id}"), &fields("", "true"))
            .redirects_to(&format!("/admin/webhooks/{id}?done=saved"));
        assert_eq!(stored_password(&id), None);
        let edit = admin.get(&format!("/admin/webhooks/{id}"));
        edit.assert_has("No password is stored.");
        assert!(!edit.contains("name=\"remove_password\""));
        assert_eq!(webhook(&app, &id)["httpAuthenticationUsername"], "bob");

        // A typed password replaces the stored one even with the box ticked.
        admin
            .post(&format!("/admin/webhooks/{id}"), &fields("pw-2", "true"))
            .redirects_to(&format!("/admin/webhooks/{id}?done=saved"));
        assert_eq!(stored_password(&id).as_deref(), Some("pw-2"));
        let mut hook = webhook(&app, &id);
        hook.as_object_mut()
            .unwrap()
            .remove("httpAuthenticationPassword");
        app.put(&format!("/api/webhook/{id}"), json!({ "webhook": hook }))
            .ok();
        assert_eq!(stored_password(&id).as_deref(), Some("pw-2"));
    }
);
