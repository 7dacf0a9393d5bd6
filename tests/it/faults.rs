//! Faults on the way out: the SMTP server down, coming back or refusing a recipient, and the
//! database dropping every connection while an event waits for its retry.

use std::net::TcpListener;

use diesel::prelude::*;
use serde_json::json;

use crate::sinks::{wait, SmtpSink};
use crate::support::*;

/// A loopback port with nothing listening on it (yet).
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// An emailing ban definition with a start template; returns its id.
fn emailing_ban(app: &TestApp) -> String {
    let template = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Ban start", "defaultSubject": "Banned: { $action }",
            "defaultHtmlTemplate": "<p>{ $action }</p>", "defaultTextTemplate": "{ $action }"}}),
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

/// (status, attempt count, attempts JSON) of the email outbox rows, oldest first.
fn emails(app: &TestApp) -> Vec<(String, i32, String)> {
    use actioneer::db::schema::outbox as o;
    let mut conn = app.state.db.read().unwrap();
    o::table
        .filter(o::kind.eq("email"))
        .order(o::insert_instant.asc())
        .select((o::status, o::attempt_count, o::attempts))
        .load(&mut conn)
        .unwrap()
}

fn down_then_up(backend: Backend) {
    let port = closed_port();
    let Some(app) = TestApp::start_with(backend, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))
    }) else {
        return;
    };
    let action = emailing_ban(&app);
    let user = app.user("down@example.com", &["en"]);
    ban(&app, &action, &user);

    // The first attempt fails: connection refused. The email stays queued.
    wait(|| emails(&app).first().is_some_and(|e| e.1 >= 1));
    let queued = emails(&app);
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].0, "pending", "{queued:?}");
    assert!(
        queued[0].2.contains("error"),
        "the attempt says what failed: {queued:?}"
    );

    // The server comes back; the retry is due after the first back-off step.
    let sink = SmtpSink::start_on(port, None);
    app.clock.advance(2_000);
    let messages = sink.wait_for(1);
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Banned: Ban"), "{}", messages[0]);
    wait(|| emails(&app)[0].0 == "succeeded");
    let done = emails(&app);
    assert_eq!(done[0].0, "succeeded");
    assert_eq!(done[0].1, 2, "one failure, then one success: {done:?}");
    // Nothing more is sent later.
    app.clock.advance(86_400_000);
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    assert_eq!(sink.messages().len(), 1);
}

#[test]
fn smtp_down_then_up_sqlite() {
    down_then_up(Backend::Sqlite);
}

#[test]
fn smtp_down_then_up_postgres() {
    down_then_up(Backend::Postgres);
}

fn refused_recipient(backend: Backend) {
    let sink = SmtpSink::start_on(0, Some("refused@"));
    let url = sink.url();
    let Some(app) = TestApp::start_with(backend, move |c| c.smtp_url = Some(url)) else {
        return;
    };
    let action = emailing_ban(&app);
    let refused = app.user("refused@example.com", &["en"]);
    let fine = app.user("fine@example.com", &["en"]);
    ban(&app, &action, &refused);
    ban(&app, &action, &fine);

    let messages = sink.wait_for(1);
    assert!(messages[0].contains("fine@example.com"));
    wait(|| emails(&app).iter().any(|e| e.0 == "failed"));
    let rows = emails(&app);
    let failed = rows
        .iter()
        .find(|e| e.0 == "failed")
        .expect("a failed email");
    assert_eq!(failed.1, 1, "a permanent refusal is not retried");
    assert!(
        failed.2.contains("550"),
        "the attempt log names the refusal: {failed:?}"
    );
    app.clock.advance(7 * 86_400_000);
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(emails(&app).iter().find(|e| e.0 == "failed").unwrap().1, 1);
}

#[test]
fn a_refused_recipient_fails_without_retries_and_others_are_sent_sqlite() {
    refused_recipient(Backend::Sqlite);
}

#[test]
fn a_refused_recipient_fails_without_retries_and_others_are_sent_postgres() {
    refused_recipient(Backend::Postgres);
}

/// PostgreSQL only: SQLite has no server whose connections could drop.
#[test]
fn database_connections_dropped_while_an_event_waits() {
    use diesel::connection::SimpleConnection;

    let Some(app) = TestApp::start(Backend::Postgres) else {
        return;
    };
    let tenant = app.default_tenant();
    app.patch(
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    )
    .ok();
    let hook = crate::sinks::Receiver::start();
    hook.answer_with(&[500]);
    app.post(
        "/api/webhook",
        json!({"webhook": {"url": hook.url, "connectTimeout": 1000, "readTimeout": 2000, "global": true,
            "eventsEnabled": {"user.action": true}}}),
    )
    .ok();
    let action = app.action(json!({"name": "Ban", "temporal": true}));
    let user = app.user("dropped@example.com", &["en"]);
    ban_without_email(&app, &action, &user);
    let first = hook.wait_for(1);
    assert_eq!(first.len(), 1);
    // The failed attempt is on record before the database goes away.
    let attempts = || {
        app.get("/api/system/webhook-event-log/search").ok()["webhookEventLogs"][0]["attempts"]
            .as_array()
            .map_or(0, Vec::len)
    };
    wait(|| attempts() == 1);
    assert_eq!(attempts(), 1);

    // Every connection of the server to its database is killed.
    let url = app.state.config.database_url.clone();
    let (admin, name) = url.rsplit_once('/').unwrap();
    let mut conn = diesel::PgConnection::establish(&format!("{admin}/test")).unwrap();
    conn.batch_execute(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .unwrap();

    // The API answers again, and the retry goes out once, with the same event id.
    let mut status = 0;
    for _ in 0..20 {
        status = app.get("/api/user-action").status;
        if status == 200 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(
        status, 200,
        "the API recovers after the database dropped its connections"
    );
    app.clock.advance(2_000);
    let got = hook.wait_for(2);
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].json()["event"]["id"],
        got[1].json()["event"]["id"],
        "a retry carries the same event id"
    );
    app.clock.advance(86_400_000);
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    assert_eq!(
        hook.received().len(),
        2,
        "delivered once after the failure, not again"
    );
    let log = app.get("/api/system/webhook-event-log/search");
    assert_eq!(log.ok()["webhookEventLogs"][0]["eventResult"], "Succeeded");
    assert_eq!(attempts(), 2);
}

fn ban_without_email(app: &TestApp, action: &str, user: &str) {
    app.post(
        "/api/user/action",
        json!({"broadcast": true, "action": {"userActionId": action, "actioneeUserId": user,
            "actionerUserId": user, "expiry": START + 30 * 86_400_000}}),
    )
    .ok();
}
