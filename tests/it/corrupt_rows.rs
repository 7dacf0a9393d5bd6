//! A row whose id or JSON column does not read back is an error, never a nil id or an empty
//! default: the API answers 500 for it, the admin app its error page, and the worker loops go
//! on with the other rows.

use diesel::connection::SimpleConnection;
use serde_json::{json, Value};
use uuid::Uuid;

use actioneer::store::outbox::{self, OutboxItem, EMAIL, PENDING};

use crate::both_world;
use crate::sinks::{hooked, wait, Receiver, SmtpSink};
use crate::support::*;

/// An app sending email to a sink, with `user.action` events on and one global webhook.
struct World {
    app: TestApp,
    smtp: SmtpSink,
    hook: Receiver,
}

fn world(backend: Backend) -> Option<World> {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| c.smtp_url = Some(url))?;
    let (hook, _) = hooked(&app);
    Some(World { app, smtp, hook })
}

/// Writes past the application, as a bug, a hand edit or an old version could have.
fn corrupt(app: &TestApp, sql: &str) {
    let mut conn = app.state.db.write().unwrap();
    conn.batch_execute(sql).unwrap();
}

/// The API's 500 (an empty body, as FusionAuth answers), not a 200 with a nil id or an empty
/// default read from the corrupt value.
fn assert_server_error(res: &Res) {
    assert_eq!(res.status, 500, "{}", res.text);
    assert!(!res.text.contains(&Uuid::nil().to_string()), "{}", res.text);
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

both_world!(a_corrupt_instance_is_an_error_and_the_others_end, |w| {
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
    corrupt(
        app,
        &format!(
            "UPDATE action_instances SET actioner_user_id = 'not-a-uuid' WHERE id = '{}'",
            instances[1]
        ),
    );

    assert_server_error(&app.get(&format!("/api/user/action/{}", instances[1])));
    app.get(&format!("/api/user/action/{}", instances[0])).ok();

    // The two sound instances end; the corrupt one cannot, and the loop goes on.
    app.clock.advance(61_000);
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
    let (code, body) = status(app);
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["loops"]["ends"]["status"], "ok", "{body}");
});

both_world!(
    a_corrupt_definition_is_an_error_in_the_api_and_the_admin_app,
    |w| {
        let app = &w.app;
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let warn = app.action(json!({"name": "Warn"}));
        corrupt(
            app,
            &format!("UPDATE user_actions SET tenant_ids = '{{broken' WHERE id = '{ban}'"),
        );

        assert_server_error(&app.get(&format!("/api/user-action/{ban}")));
        assert_server_error(&app.get("/api/user-action"));
        let page = app.signed_in("admin").get(&format!("/admin/actions/{ban}"));
        assert_eq!(page.status, 500, "{}", page.body);
        page.assert_has("Something went wrong");

        // Everything that does not read the corrupt row goes on.
        app.get(&format!("/api/user-action/{warn}")).ok();
        let user = app.user("jo@example.com", &[]);
        app.post(
            "/api/user/action",
            json!({"action": {"userActionId": warn, "actioneeUserId": user,
            "actionerUserId": user}}),
        )
        .ok();
        wait(|| !w.hook.received().is_empty());
    }
);

both_world!(a_corrupt_outbox_row_does_not_hold_up_the_others, |w| {
    let app = &w.app;
    let corrupt_id = queue_email(app, "First");
    let sound_id = queue_email(app, "Second");
    corrupt(
        app,
        &format!("UPDATE outbox SET attempts = '{{broken' WHERE id = '{corrupt_id}'"),
    );

    let messages = w.smtp.wait_for(1);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("Second"), "{}", messages[0]);
    wait(|| sound(app, sound_id).status == "succeeded");
    let (code, body) = status(app);
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["loops"]["emails"]["status"], "ok", "{body}");

    // Reading the corrupt row is an error, not an item without attempts.
    let mut conn = app.state.db.read().unwrap();
    assert!(matches!(
        outbox::find(&mut conn, corrupt_id, EMAIL),
        Err(diesel::result::Error::DeserializationError(_))
    ));
});

/// Queues an email straight into the outbox.
fn queue_email(app: &TestApp, subject: &str) -> Uuid {
    let payload = json!({
        "attachments": [], "bcc": [], "cc": [],
        "from": {"address": "ops@example.com", "display": "Ops"},
        "to": [{"address": "eve@example.com", "display": "Eve"}],
        "subject": subject, "text": "Hello", "html": "<p>Hello</p>",
    });
    let id = Uuid::now_v7();
    let now = app.now();
    let mut conn = app.state.db.write().unwrap();
    outbox::insert(
        &mut conn,
        &OutboxItem {
            id,
            kind: EMAIL.into(),
            webhook_id: None,
            tenant_id: None,
            event_id: Some(Uuid::now_v7()),
            event_type: None,
            action_id: None,
            payload: payload.to_string(),
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

fn sound(app: &TestApp, id: Uuid) -> OutboxItem {
    let mut conn = app.state.db.read().unwrap();
    outbox::find(&mut conn, id, EMAIL).unwrap().unwrap()
}
