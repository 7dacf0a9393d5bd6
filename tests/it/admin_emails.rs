//! The admin page of queued emails: sent and refused emails through a real SMTP sink,
//! their parts shown escaped, replay of a failed one, administrators only.

use diesel::prelude::*;
use serde_json::json;

use actioneer::store::outbox::{self, OutboxItem};

use crate::both;
use crate::sinks::{wait, SmtpSink};
use crate::support::*;

/// An app whose server-wide SMTP server refuses recipients containing `refused@`.
fn with_refusing_smtp(backend: Backend) -> Option<(TestApp, SmtpSink)> {
    let smtp = SmtpSink::start_on(0, Some("refused@"));
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| c.smtp_url = Some(url))?;
    Some((app, smtp))
}

macro_rules! both_refusing {
    ($name:ident, |$app:ident, $smtp:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            fn run($app: TestApp, $smtp: SmtpSink) $body
            #[test]
            fn sqlite() {
                if let Some((app, smtp)) = with_refusing_smtp(Backend::Sqlite) {
                    run(app, smtp);
                }
            }
            #[test]
            fn postgres() {
                if let Some((app, smtp)) = with_refusing_smtp(Backend::Postgres) {
                    run(app, smtp);
                }
            }
        }
    };
}

/// An emailing ban whose subject and HTML part carry markup; returns the definition id.
fn emailing_ban(app: &TestApp) -> String {
    let template = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Ban start",
            "defaultSubject": "<script>alert(1)</script> Banned: { $action }",
            "defaultHtmlTemplate": "<p onclick=\"x()\">{ $action } until { $expiry }</p>",
            "defaultTextTemplate": "You are banned: { $action }.",
            "defaultFromName": "Moderation"}}),
    );
    let template_id = template.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.action(
        json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
        "startEmailTemplateId": template_id}),
    )
}

fn ban(app: &TestApp, action: &str, user: &str) {
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": action, "actioneeUserId": user, "actionerUserId": user,
            "expiry": START + 86_400_000, "emailUser": true}}),
    )
    .ok();
}

/// (id, status, attempts JSON) of the email whose payload names `recipient`.
fn email_to(app: &TestApp, recipient: &str) -> Option<(String, String, String)> {
    use actioneer::db::schema::outbox as o;
    let mut conn = app.state.db.read().unwrap();
    o::table
        .filter(o::kind.eq("email"))
        .filter(o::payload.like(format!("%{recipient}%")))
        .select((o::id, o::status, o::attempts))
        .first(&mut conn)
        .optional()
        .unwrap()
}

fn status_of(app: &TestApp, recipient: &str) -> String {
    email_to(app, recipient).map(|e| e.1).unwrap_or_default()
}

both_refusing!(
    sent_and_refused_emails_are_shown_and_replayed,
    |app, smtp| {
        let action = emailing_ban(&app);
        let fine = app.user("fine@example.com", &["en"]);
        let refused = app.user("refused@example.com", &["en"]);
        ban(&app, &action, &fine);
        ban(&app, &action, &refused);
        smtp.wait_for(1);
        wait(|| status_of(&app, "fine@example.com") == "succeeded");
        wait(|| status_of(&app, "refused@example.com") == "failed");
        let (sent_id, _, _) = email_to(&app, "fine@example.com").unwrap();
        let (failed_id, status, attempts) = email_to(&app, "refused@example.com").unwrap();
        assert_eq!(status, "failed", "{attempts}");

        let admin = app.signed_in("admin");
        // The email templates page leads to the emails.
        admin
            .get("/admin/email-templates")
            .assert_has(r#"<a href="/admin/emails">"#);
        let list = admin.get("/admin/emails");
        assert_eq!(list.status, 200);
        list.assert_has("2 emails");
        list.assert_has(&format!("/admin/emails/{sent_id}"));
        list.assert_has(&format!("/admin/emails/{failed_id}"));
        list.assert_has("fine@example.com");
        list.assert_has(r#"<span class="delivery-succeeded">Sent</span>"#);
        list.assert_has(r#"<span class="delivery-failed">Failed</span>"#);
        list.assert_has("550");
        list.assert_has(&format!(
            r#"<a href="/admin/users/{refused}">Ban</a> <span class="muted">(Applied)</span>"#
        ));
        // The subject is text on our page, never markup.
        list.assert_has("&#60;script&#62;alert(1)&#60;/script&#62; Banned: Ban");
        assert!(!list.contains("<script>alert(1)"), "{}", list.body);

        let failed_only = admin.get("/admin/emails?status=failed");
        failed_only.assert_has("1 email");
        failed_only.assert_has(&format!("/admin/emails/{failed_id}"));
        assert!(!failed_only.contains(&format!("/admin/emails/{sent_id}")));
        let sent_only = admin.get("/admin/emails?status=succeeded");
        sent_only.assert_has(&format!("/admin/emails/{sent_id}"));
        assert!(!sent_only.contains(&format!("/admin/emails/{failed_id}")));
        assert!(!admin
            .get("/admin/emails?status=pending")
            .contains(&format!("/admin/emails/{sent_id}")));

        let sent = admin.get(&format!("/admin/emails/{sent_id}"));
        assert_eq!(sent.status, 200);
        sent.assert_has("1 attempt");
        sent.assert_has(r#"<span class="state-active">Sent</span>"#);
        assert!(!sent.contains("Send again"));

        let detail = admin.get(&format!("/admin/emails/{failed_id}"));
        assert_eq!(detail.status, 200);
        detail.assert_has(r#"<dd class="email-from">Moderation &#60;"#);
        detail.assert_has(r#"<dd class="email-to">refused@example.com"#);
        detail.assert_has(
        r#"<dd class="email-subject">&#60;script&#62;alert(1)&#60;/script&#62; Banned: Ban</dd>"#,
    );
        detail.assert_has("You are banned: Ban.");
        detail.assert_has(r#"Ban</a> <span class="muted">(Applied)</span>"#);
        // The HTML part is source text: its markup is escaped, never live in our page.
        detail.assert_has("&#60;p onclick=&#34;x()&#34;&#62;Ban until ");
        assert!(!detail.contains("<p onclick"), "{}", detail.body);
        assert!(!detail.contains("<script>alert(1)"), "{}", detail.body);
        detail.assert_has("1 attempt");
        detail.assert_has("550");
        detail.assert_has("Send again");

        // A replay without the form's CSRF token is refused and changes nothing.
        let forged = admin.post_exactly(&format!("/admin/emails/{failed_id}/replay"), &[]);
        assert_eq!(forged.status, 403);
        assert_eq!(status_of(&app, "refused@example.com"), "failed");

        // The tenant gets an SMTP server that accepts the address; the same email is sent again.
        let good = SmtpSink::start();
        let tenant = app.default_tenant();
        app.patch(
            &format!("/api/tenant/{tenant}"),
            json!({"tenant": {"emailConfiguration": {"host": "127.0.0.1", "port": good.port,
            "security": "NONE"}}}),
        )
        .ok();
        admin.get(&format!("/admin/emails/{failed_id}"));
        admin
            .post(&format!("/admin/emails/{failed_id}/replay"), &[])
            .redirects_to(&format!("/admin/emails/{failed_id}?done=replayed"));
        let messages = good.wait_for(1);
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].contains("refused@example.com"),
            "{}",
            messages[0]
        );
        wait(|| status_of(&app, "refused@example.com") == "succeeded");
        let (same_id, status, _) = email_to(&app, "refused@example.com").unwrap();
        assert_eq!(
            (same_id.as_str(), status.as_str()),
            (failed_id.as_str(), "succeeded")
        );
        let after = admin.get(&format!("/admin/emails/{failed_id}?done=replayed"));
        after.assert_has("Queued for delivery again.");
        after.assert_has("2 attempts");
        after.assert_has(r#"<span class="delivery-succeeded">Sent</span>"#);
        assert!(!after.contains("Send again"));

        // An email that did not fail is not replayed.
        let again = admin.post(&format!("/admin/emails/{failed_id}/replay"), &[]);
        assert_eq!(again.status, 422);
        again.assert_has("Only a failed email can be sent again.");
        assert_eq!(smtp.messages().len(), 1);
        assert_eq!(good.messages().len(), 1);
    }
);

/// A failed outbox item of `kind`, as the worker leaves a refused email; returns its id.
fn failed_item(app: &TestApp, kind: &str) -> String {
    let id = uuid::Uuid::now_v7();
    let now = app.now();
    let mut conn = app.state.db.write().unwrap();
    outbox::insert(
        &mut conn,
        &OutboxItem {
            id,
            kind: kind.into(),
            webhook_id: None,
            tenant_id: None,
            event_id: None,
            event_type: None,
            action_id: None,
            payload: json!({"from": {"address": "mod@example.com"},
                "to": [{"address": "jane@example.com"}], "subject": "Hello", "text": "Hi",
                "html": "<p>Hi</p>"})
            .to_string(),
            status: outbox::FAILED.into(),
            attempts: vec![outbox::Attempt {
                attempt_instant: now,
                status_code: None,
                duration: 3,
                error: Some("550 no such mailbox".into()),
            }],
            attempt_count: 1,
            next_attempt_instant: None,
            insert_instant: now,
            last_update_instant: now,
        },
    )
    .unwrap();
    id.to_string()
}

both!(only_administrators_see_and_replay_emails, |app| {
    let id = failed_item(&app, outbox::EMAIL);
    let delivery = failed_item(&app, outbox::WEBHOOK);
    let support = app.signed_in("support");
    let translator = app.signed_in("translator");
    for browser in [&support, &translator] {
        for path in [
            "/admin/emails".to_string(),
            "/admin/emails?status=failed".to_string(),
            format!("/admin/emails/{id}"),
        ] {
            assert_eq!(browser.get(&path).status, 403, "{path}");
        }
        browser.get("/admin/");
        assert_eq!(
            browser
                .post(&format!("/admin/emails/{id}/replay"), &[])
                .status,
            403
        );
    }
    let admin = app.signed_in("admin");
    let detail = admin.get(&format!("/admin/emails/{id}"));
    assert_eq!(detail.status, 200);
    detail.assert_has("No action");
    detail.assert_has("Send again");
    // Nobody replayed it.
    let list = admin.get("/admin/emails?status=failed");
    list.assert_has(&format!("/admin/emails/{id}"));
    // Unknown ids, and ids of webhook deliveries, are pages that do not exist.
    assert_eq!(admin.get("/admin/emails/not-an-id").status, 404);
    assert_eq!(admin.get(&format!("/admin/emails/{delivery}")).status, 404);
    assert!(!list.contains(&delivery));
    assert_eq!(
        admin
            .get(&format!("/admin/emails/{}", uuid::Uuid::now_v7()))
            .status,
        404
    );
    // The page speaks the member's language.
    let german = admin
        .client
        .get(format!("{}/admin/emails", admin.base))
        .header("Accept-Language", "de")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(german.contains("Fehlgeschlagen"), "{german}");
});

both!(the_email_log_pages_by_twenty_five, |app| {
    let ids: Vec<String> = (0..26).map(|_| failed_item(&app, outbox::EMAIL)).collect();
    let admin = app.signed_in("admin");
    let first = admin.get("/admin/emails?status=failed");
    first.assert_has("26 emails");
    // Newest first: the oldest is on the second page.
    assert!(!first.contains(&format!("/admin/emails/{}", ids[0])));
    first.assert_has(&format!("/admin/emails/{}", ids[25]));
    first.assert_has(r#"<a href="/admin/emails?status=failed&#38;page=2">Next</a>"#);
    let second = admin.get("/admin/emails?status=failed&page=2");
    second.assert_has(&format!("/admin/emails/{}", ids[0]));
    assert!(!second.contains(&format!("/admin/emails/{}", ids[25])));
    second.assert_has(r#"<a href="/admin/emails?status=failed&#38;page=1">Previous</a>"#);
    assert!(!second.contains(">Next<"));
});
