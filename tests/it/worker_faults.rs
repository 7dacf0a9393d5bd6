//! A poison item never stops a worker loop (issue 11): names with line breaks are refused at
//! input; a queued email with one is sent with one header line; an item whose delivery panics is
//! recorded as failed while the others go out; a batch of ends with a bad instance falls back to
//! ending them one at a time; a loop that panics is restarted, and `/api/status` says so.

use crate::both_world;
use diesel::connection::SimpleConnection;
use serde_json::{json, Value};
use uuid::Uuid;

use actioneer::delivery::health::{EMAILS, ENDS, WEBHOOKS};
use actioneer::store::outbox::{self, OutboxItem, EMAIL, PENDING, WEBHOOK};

use crate::both;
use crate::sinks::{hooked, wait, Receiver, SmtpSink};
use crate::support::*;

/// An app sending email to a sink, with `user.action` events on and one global webhook.
struct World {
    app: TestApp,
    smtp: SmtpSink,
    hook: Receiver,
    webhook_id: Uuid,
    backend: Backend,
}

fn world(backend: Backend) -> Option<World> {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| c.smtp_url = Some(url))?;
    let (hook, webhook_id) = hooked(&app);
    Some(World {
        app,
        smtp,
        hook,
        webhook_id,
        backend,
    })
}

/// Queues an email straight into the outbox, as a bug or an old row could have left it.
fn queue_email(app: &TestApp, to_name: &str, subject: &str) -> Uuid {
    let payload = json!({
        "attachments": [], "bcc": [], "cc": [],
        "from": {"address": "ops@example.com", "display": "Ops"},
        "to": [{"address": "eve@example.com", "display": to_name}],
        "subject": subject, "text": "Hello", "html": "<p>Hello</p>",
    });
    queue(app, EMAIL, None, payload.to_string())
}

fn queue(app: &TestApp, kind: &str, webhook_id: Option<Uuid>, payload: String) -> Uuid {
    let id = Uuid::now_v7();
    let now = app.now();
    let mut conn = app.state.db.write().unwrap();
    outbox::insert(
        &mut conn,
        &OutboxItem {
            id,
            kind: kind.into(),
            webhook_id,
            tenant_id: None,
            event_id: Some(Uuid::now_v7()),
            event_type: webhook_id.map(|_| "user.action".into()),
            action_id: None,
            payload,
            status: PENDING.into(),
            attempts: vec![],
            attempt_count: 0,
            next_attempt_instant: Some(now),
            insert_instant: now,
            last_update_instant: now,
        },
    )
    .unwrap();
    id
}

fn item(app: &TestApp, kind: &str, id: Uuid) -> OutboxItem {
    let mut conn = app.state.db.read().unwrap();
    outbox::find(&mut conn, id, kind).unwrap().unwrap()
}

/// `/api/status`: its HTTP status and body.
fn status(app: &TestApp) -> (u16, Value) {
    let res = app
        .client
        .get(format!("{}/api/status", app.base))
        .send()
        .unwrap();
    let code = res.status().as_u16();
    (code, res.json().unwrap())
}

/// Polls `/api/status` (up to 10 s) until `done` holds, and returns that answer.
fn status_when(app: &TestApp, done: impl Fn(u16, &Value) -> bool) -> (u16, Value) {
    let start = std::time::Instant::now();
    loop {
        let (code, body) = status(app);
        if done(code, &body) || start.elapsed() > std::time::Duration::from_secs(10) {
            return (code, body);
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

both!(line_breaks_in_names_are_refused_at_input, |app| {
    let attack = "Eve\r\nBcc: e@evil.example";
    for field in ["fullName", "firstName", "lastName", "username"] {
        let res = app.post(
            "/api/user",
            json!({"user": {"email": "eve@example.com", field: attack}}),
        );
        res.has_code(&format!("[invalid]user.{field}"));
    }
    let res = app.post(
        "/api/user",
        json!({"user": {"email": "eve@example.com", "fullName": "Eve\0Null"}}),
    );
    res.has_code("[invalid]user.fullName");
    // A change is checked too.
    let user = app.user("eve@example.com", &[]);
    let res = app.patch(
        &format!("/api/user/{user}"),
        json!({"user": {"fullName": attack}}),
    );
    res.has_code("[invalid]user.fullName");
    assert_eq!(
        app.get(&format!("/api/user/{user}")).ok()["user"].get("fullName"),
        None
    );

    let template = |extra: Value| {
        let mut body = json!({"name": "Ban", "defaultSubject": "Banned",
            "defaultHtmlTemplate": "<p>Banned</p>", "defaultTextTemplate": "Banned"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        app.post("/api/email/template", json!({ "emailTemplate": body }))
    };
    template(json!({"defaultFromName": attack})).has_code("[invalid]emailTemplate.defaultFromName");
    template(json!({"localizedFromNames": {"de": attack}}))
        .has_code("[invalid]emailTemplate.localizedFromNames");
    // Ordinary names still pass.
    template(
        json!({"defaultFromName": "Moderation Team", "localizedFromNames": {"de": "Moderation"}}),
    )
    .ok();
    app.post(
        "/api/user",
        json!({"user": {"email": "jo@example.com", "fullName": "Jo Ann O'Neil"}}),
    )
    .ok();
});

both_world!(
    a_queued_name_with_a_line_break_goes_out_as_one_header_line,
    |w| {
        let app = &w.app;
        // Queued first, so it is attempted first; the loop must survive it.
        let poison = queue_email(app, "Eve\r\nBcc: e@evil.example", "First");
        let plain = queue_email(app, "Plain Name", "Second");
        let messages = w.smtp.wait_for(2);
        assert_eq!(messages.len(), 2, "both emails are sent: {messages:?}");
        let first = messages.iter().find(|m| m.contains("First")).unwrap();
        assert!(
            !first
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "no header was injected: {first}"
        );
        let to = first.lines().find(|l| l.starts_with("To:")).unwrap();
        assert!(to.ends_with("<eve@example.com>"), "one To line: {first}");
        // The round records its results after sending.
        wait(|| item(app, EMAIL, plain).status == "succeeded");
        assert_eq!(item(app, EMAIL, poison).status, "succeeded");
        assert_eq!(item(app, EMAIL, plain).status, "succeeded");
        let (code, body) = status(app);
        assert_eq!(code, 200, "{body}");
        assert_eq!(body["loops"]["emails"]["status"], "ok", "{body}");
    }
);

both_world!(
    an_email_whose_delivery_panics_is_recorded_and_the_rest_go_out,
    |w| {
        let app = &w.app;
        app.state.workers.inject_item_panics(EMAILS, Some("POISON"));
        let poison = queue_email(app, "Eve", "POISON");
        let plain = queue_email(app, "Plain", "Fine");
        w.smtp.wait_for(1);
        wait(|| !item(app, EMAIL, poison).attempts.is_empty());
        let failed = item(app, EMAIL, poison);
        assert_eq!(failed.status, PENDING, "retried on the schedule");
        assert_eq!(failed.attempt_count, 1);
        assert_eq!(failed.next_attempt_instant, Some(app.now() + 1_000));
        let error = failed.attempts[0].error.clone().unwrap_or_default();
        assert!(error.contains("panicked: injected fault"), "{error}");
        wait(|| item(app, EMAIL, plain).status == "succeeded");
        assert_eq!(item(app, EMAIL, plain).status, "succeeded");
        let messages = w.smtp.messages();
        assert_eq!(messages.len(), 1);
        assert!(messages[0].contains("Fine"));

        // The loop is healthy, and counts the failed item.
        let (code, body) = status(app);
        assert_eq!(code, 200, "{body}");
        assert_eq!(body["loops"]["emails"]["status"], "ok");
        assert_eq!(body["loops"]["emails"]["failedItems"], 1);
        assert_eq!(body["loops"]["emails"]["restarts"], 0);

        // Administrators see the loops, and the error, on the email log.
        let page = app.signed_in("admin").get("/admin/emails");
        assert_eq!(page.status, 200);
        page.assert_has("Background work");
        page.assert_has("Starting, reminding and ending actions on time");
        page.assert_has(r#"<tr class="worker-emails-ok">"#);
        page.assert_has("panicked: injected fault");

        // Once the fault is gone, the retry goes out.
        app.state.workers.inject_item_panics(EMAILS, None);
        app.clock.advance(1_000);
        w.smtp.wait_for(2);
        wait(|| item(app, EMAIL, poison).status == "succeeded");
        assert_eq!(item(app, EMAIL, poison).status, "succeeded");
    }
);

both_world!(
    a_webhook_delivery_that_panics_is_recorded_and_the_rest_go_out,
    |w| {
        let app = &w.app;
        app.state
            .workers
            .inject_item_panics(WEBHOOKS, Some("POISON"));
        let poison = queue(
            app,
            WEBHOOK,
            Some(w.webhook_id),
            json!({"event": {"type": "user.action", "comment": "POISON"}}).to_string(),
        );
        let plain = queue(
            app,
            WEBHOOK,
            Some(w.webhook_id),
            json!({"event": {"type": "user.action", "comment": "fine"}}).to_string(),
        );
        let got = w.hook.wait_for(1);
        assert_eq!(got[0].json()["event"]["comment"], "fine");
        wait(|| !item(app, WEBHOOK, poison).attempts.is_empty());
        let failed = item(app, WEBHOOK, poison);
        assert_eq!(failed.status, PENDING);
        assert_eq!(failed.attempt_count, 1);
        assert!(failed.attempts[0]
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("panicked: injected fault"));
        wait(|| item(app, WEBHOOK, plain).status == "succeeded");
        assert_eq!(item(app, WEBHOOK, plain).status, "succeeded");
        // The attempt log shows the error to API callers too.
        let attempt = actioneer::domain::webhook_event_log::attempt_id(poison, 0).unwrap();
        let log = app.get(&format!("/api/system/webhook-attempt-log/{attempt}"));
        assert!(
            log.text.contains("panicked: injected fault"),
            "{}",
            log.text
        );
        let (code, body) = status(app);
        assert_eq!(code, 200, "{body}");
        assert_eq!(body["loops"]["webhooks"]["failedItems"], 1);
    }
);

both_world!(a_loop_that_panics_is_restarted_and_reported, |w| {
    let app = &w.app;
    let (code, body) = status(app);
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
    for name in ["ends", "webhooks", "emails"] {
        assert_eq!(body["loops"][name]["status"], "ok", "{body}");
        assert_eq!(body["loops"][name]["restarts"], 0, "{body}");
    }

    app.state.workers.inject_round_panics(EMAILS, true);
    let (code, body) = status_when(app, |code, b| {
        code == 503 && b["loops"]["emails"]["status"] == "down"
    });
    assert_eq!(code, 503, "{body}");
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["loops"]["emails"]["status"], "down", "{body}");
    assert_eq!(body["loops"]["webhooks"]["status"], "ok", "{body}");
    // Error texts are for administrators, not for an open status page.
    assert!(!body.to_string().contains("injected"), "{body}");

    app.state.workers.inject_round_panics(EMAILS, false);
    let (code, body) = status_when(app, |code, _| code == 200);
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["loops"]["emails"]["status"], "ok");
    assert!(
        body["loops"]["emails"]["restarts"].as_u64().unwrap() >= 1,
        "{body}"
    );
    assert!(
        body["loops"]["emails"]["lastSuccessInstant"].is_i64(),
        "{body}"
    );
    assert_eq!(body["loops"]["emails"]["backlog"], 0, "{body}");

    // The restarted loop sends email again.
    queue_email(app, "After", "After the restart");
    assert_eq!(w.smtp.wait_for(1).len(), 1);
    let snapshot = app.state.workers.snapshot();
    let emails = snapshot.iter().find(|l| l.name == EMAILS).unwrap();
    assert!(emails
        .last_error
        .as_deref()
        .unwrap_or_default()
        .contains("injected fault"));
});

/// Makes the database refuse to record anything for one instance: its end cannot be processed.
fn poison_instance(w: &World, instance: &str) {
    let sql = match w.backend {
        Backend::Sqlite => format!(
            "CREATE TRIGGER poison BEFORE INSERT ON outbox WHEN NEW.action_id = '{instance}' \
             BEGIN SELECT RAISE(ABORT, 'poisoned instance'); END;"
        ),
        Backend::Postgres => format!(
            "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN \
             IF NEW.action_id = '{instance}' THEN RAISE EXCEPTION 'poisoned instance'; END IF; \
             RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER poison BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION poison();"
        ),
    };
    let mut conn = w.app.state.db.write().unwrap();
    conn.batch_execute(&sql).unwrap();
}

fn cure(w: &World) {
    let mut conn = w.app.state.db.write().unwrap();
    conn.batch_execute("DROP TRIGGER poison ON outbox")
        .or_else(|_| conn.batch_execute("DROP TRIGGER poison"))
        .unwrap();
}

both_world!(an_end_that_fails_does_not_hold_up_the_others, |w| {
    let app = &w.app;
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let mut instances = Vec::new();
    for n in 0..3 {
        let user = app.user(&format!("u{n}@example.com"), &[]);
        let res = app.post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user,
                "actionerUserId": user, "expiry": START + 60_000}}),
        );
        instances.push(res.ok()["action"]["id"].as_str().unwrap().to_string());
    }
    poison_instance(&w, &instances[1]);
    app.clock.advance(61_000);

    // The two good instances end; the poisoned one waits, and the loop says so.
    let ends = || {
        w.hook
            .received()
            .iter()
            .filter(|r| r.json()["event"]["phase"] == "end")
            .map(|r| r.json()["event"]["actionId"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    wait(|| ends().len() >= 2);
    let ended = ends();
    assert_eq!(ended.len(), 2, "{ended:?}");
    assert!(ended.contains(&instances[0]) && ended.contains(&instances[2]));
    let sent = |id: &str| {
        app.get(&format!("/api/user/action/{id}")).ok()["action"]["endEventSent"].clone()
    };
    assert_eq!(sent(&instances[0]), true);
    assert_eq!(sent(&instances[1]), false);
    let (code, body) = status(app);
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["loops"]["ends"]["status"], "ok", "{body}");
    assert!(
        body["loops"]["ends"]["failedItems"].as_u64().unwrap() >= 1,
        "{body}"
    );
    let snapshot = app.state.workers.snapshot();
    let loop_ends = snapshot.iter().find(|l| l.name == ENDS).unwrap();
    let error = loop_ends.last_error.clone().unwrap_or_default();
    assert!(
        error.contains(&instances[1]) && error.contains("poisoned instance"),
        "{error}"
    );

    // Once the instance can be ended, its postponed end goes out.
    cure(&w);
    app.clock.advance(2_000);
    wait(|| ends().len() >= 3);
    assert_eq!(ends().len(), 3);
    assert_eq!(sent(&instances[1]), true);
});

// A stopping server asks its loops to stop and waits for the round each is in.
both!(stopping_waits_for_the_loops_to_end_their_rounds, |app| {
    assert!(app.state.workers.any_running());
    let stopped =
        actioneer::delivery::worker::stop(&app.state, actioneer::delivery::worker::STOP_GRACE);
    assert!(stopped);
    assert!(!app.state.workers.any_running());
    // Stopped loops are down: the status says so, as it would for loops that died.
    let status = app.get("/api/status");
    assert_eq!(status.status, 503, "{}", status.text);
    for name in [ENDS, WEBHOOKS, EMAILS] {
        assert_eq!(
            status.body["loops"][name]["status"], "down",
            "{}",
            status.text
        );
    }
});
