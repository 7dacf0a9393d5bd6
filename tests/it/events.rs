//! Events end to end: outbox → worker → a real HTTP receiver and a real SMTP sink.

use crate::both_world;
use serde_json::{json, Value};

use crate::sinks::{hooked, wait, Receiver, SmtpSink};
use crate::support::*;

/// An app whose server SMTP setting points at a sink, with `user.action` enabled for the
/// Default tenant and one global webhook to a receiver.
struct World {
    app: TestApp,
    smtp: SmtpSink,
    hook: Receiver,
    webhook_id: String,
}

fn world(backend: Backend) -> Option<World> {
    world_with(backend, |_| {})
}

fn world_with(
    backend: Backend,
    change: impl FnOnce(&mut actioneer::config::Config),
) -> Option<World> {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let app = TestApp::start_with(backend, move |c| {
        c.smtp_url = Some(url);
        change(c);
    })?;
    let (hook, webhook_id) = hooked(&app);
    let webhook_id = webhook_id.to_string();
    Some(World {
        app,
        smtp,
        hook,
        webhook_id,
    })
}

/// The deliveries of events to one webhook, newest first, from the event log: each with
/// its `status` (the delivery's own: `pending` while that webhook has an attempt due) and that
/// webhook's `attempts`.
fn deliveries_to(app: &TestApp, webhook_id: &str) -> Vec<Value> {
    let logs = app
        .get(&format!(
            "/api/system/webhook-event-log/search?webhookId={webhook_id}"
        ))
        .ok()["webhookEventLogs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    logs.iter()
        .map(|log| {
            let attempts: Vec<Value> = log["attempts"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|a| a["webhookId"] == webhook_id)
                .cloned()
                .collect();
            let succeeded = attempts.iter().any(|a| a["attemptResult"] == "Success");
            let status = if succeeded { "succeeded" } else { "pending" };
            json!({"status": status, "attempts": attempts})
        })
        .collect()
}

fn event(r: &crate::sinks::Received) -> Value {
    r.json()["event"].clone()
}

fn apply(app: &TestApp, action: &str, user: &str, extra: Value) -> Value {
    let mut body = json!({"broadcast": true, "action": {"userActionId": action, "actioneeUserId": user, "actionerUserId": user}});
    if let (Some(a), Some(e)) = (body["action"].as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            a.insert(k.clone(), v.clone());
        }
    }
    app.post("/api/user/action", body).ok()["action"].clone()
}

both_world!(start_modify_cancel_events, |w| {
    let app = &w.app;
    let ban =
        app.action(json!({"name": "Ban", "temporal": true, "localizedNames": {"de": "Sperre"}}));
    let user = app.user("u@example.com", &["de"]);
    let instance = apply(
        app,
        &ban,
        &user,
        json!({"expiry": START + 2 * 86_400_000 + 3 * 3_600_000, "comment": "spam"}),
    );
    let id = instance["id"].as_str().unwrap();
    let got = w.hook.wait_for(1);
    let e = event(&got[0]);
    assert_eq!(e["type"], "user.action");
    assert_eq!(e["phase"], "start");
    assert_eq!(e["action"], "Ban");
    assert_eq!(e["localizedAction"], "Sperre");
    assert_eq!(e["actionId"], id);
    assert_eq!(e["linkedObjectId"], user.as_str());
    assert_eq!(e["comment"], "spam");
    assert_eq!(e["createInstant"], START);
    assert!(e["localizedDuration"].is_string(), "{e}");
    assert_eq!(e["info"]["ipAddress"], "127.0.0.1");
    assert!(e["tenantId"].is_string());

    // Without broadcast nothing is recorded.
    app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": user, "expiry": START + 9_000_000}}),
    )
    .ok();
    app.put(&format!("/api/user/action/{id}"), json!({"broadcast": true, "action": {"actionerUserId": user, "expiry": START + 10_000_000}})).ok();
    let got = w.hook.wait_for(2);
    let e = event(&got[1]);
    assert_eq!(e["phase"], "modify");
    assert_eq!(e["expiry"], START + 10_000_000);
    app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"broadcast": true, "action": {"actionerUserId": user}}),
    )
    .ok();
    let got = w.hook.wait_for(3);
    let e = event(&got[2]);
    assert_eq!(e["phase"], "cancel");
    assert!(
        e.get("expiry").is_none() && e.get("localizedDuration").is_none(),
        "{e}"
    );
    assert_eq!(got.len(), 3);
    // A cancelled instance never ends.
    app.clock.advance(20_000_000);
    std::thread::sleep(std::time::Duration::from_millis(600));
    assert_eq!(w.hook.received().len(), 3);
});

both_world!(instantaneous_event_has_option_and_no_phase, |w| {
    let app = &w.app;
    let survey = app.action(json!({"name": "Survey", "options": [{"name": "happy"}]}));
    let user = app.user("s@example.com", &[]);
    apply(app, &survey, &user, json!({"option": "happy"}));
    let e = event(&w.hook.wait_for(1)[0]);
    assert_eq!(e["option"], "happy");
    assert!(e.get("phase").is_none() && e.get("expiry").is_none(), "{e}");
});

both_world!(end_event_at_expiry_and_after_downtime, |w| {
    let app = &w.app;
    let trial = app.action(json!({"name": "Trial", "temporal": true}));
    let user = app.user("t@example.com", &[]);
    let instance = apply(app, &trial, &user, json!({"expiry": START + 60_000}));
    assert_eq!(w.hook.wait_for(1).len(), 1);
    let id = instance["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/user/action/{id}")).ok()["action"]["endEventSent"],
        false
    );
    app.clock.advance(60_000);
    let got = w.hook.wait_for(2);
    let e = event(&got[1]);
    assert_eq!(e["phase"], "end");
    assert!(e.get("info").is_none());
    wait(|| app.get(&format!("/api/user/action/{id}")).body["action"]["endEventSent"] == true);
    assert_eq!(
        app.get(&format!("/api/user/action/{id}")).ok()["action"]["state"],
        "ended"
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(w.hook.received().len(), 2, "the end is processed once");
});

both_world!(a_modified_expiry_moves_the_end, |w| {
    let app = &w.app;
    let trial = app.action(json!({"name": "Trial", "temporal": true}));
    let user = app.user("m@example.com", &[]);
    let instance = apply(app, &trial, &user, json!({"expiry": START + 60_000}));
    let path = format!("/api/user/action/{}", instance["id"].as_str().unwrap());
    assert_eq!(w.hook.wait_for(1).len(), 1);
    app.put(
        &path,
        json!({"action": {"actionerUserId": user, "expiry": START + 120_000}}),
    )
    .ok();
    app.clock.advance(60_000);
    std::thread::sleep(std::time::Duration::from_millis(600));
    assert_eq!(w.hook.received().len(), 1, "no end at the old expiry");
    assert_eq!(app.get(&path).ok()["action"]["endEventSent"], false);
    app.clock.advance(60_000);
    let got = w.hook.wait_for(2);
    assert_eq!(event(&got[1])["phase"], "end");
    assert_eq!(event(&got[1])["expiry"], START + 120_000);
    wait(|| app.get(&path).body["action"]["endEventSent"] == true);
});

both_world!(retries_keep_the_event_id_and_410_stops, |w| {
    let app = &w.app;
    let trial = app.action(json!({"name": "Trial", "temporal": true}));
    let user = app.user("r@example.com", &[]);
    w.hook.answer_with(&[500]);
    apply(app, &trial, &user, json!({"expiry": START + 600_000}));
    let first = w.hook.wait_for(1);
    let log = || {
        app.get(&format!(
            "/api/system/webhook-event-log/search?webhookId={}",
            w.webhook_id
        ))
    };
    wait(|| {
        log().body["webhookEventLogs"][0]["attempts"]
            .as_array()
            .map_or(0, Vec::len)
            == 1
    });
    let delivery = log().ok()["webhookEventLogs"][0].clone();
    assert_eq!(delivery["eventResult"], "Running");
    assert_eq!(
        delivery["attempts"][0]["webhookCallResponse"]["statusCode"],
        500
    );
    assert_eq!(delivery["nextAttemptInstant"], START + 1_000);
    app.clock.advance(1_000);
    let got = w.hook.wait_for(2);
    assert_eq!(event(&got[1])["id"], event(&first[0])["id"]);
    assert_eq!(got[1].header("webhook-id"), first[0].header("webhook-id"));
    wait(|| log().body["webhookEventLogs"][0]["eventResult"] == "Succeeded");

    w.hook.answer_with(&[410]);
    let other = app.user("r2@example.com", &[]);
    apply(app, &trial, &other, json!({"expiry": START + 600_000}));
    w.hook.wait_for(3);
    wait(|| log().body["webhookEventLogs"][0]["eventResult"] == "Failed");
    let failed = log().ok()["webhookEventLogs"][0].clone();
    assert_eq!(failed["attempts"].as_array().unwrap().len(), 1);
    let replayed = app.request(
        "POST",
        &format!(
            "/api/system/webhook-event-log/{}/replay",
            failed["id"].as_str().unwrap()
        ),
        None,
    );
    assert_eq!(replayed.ok()["webhookEventLog"]["eventResult"], "Running");
    let got = w.hook.wait_for(4);
    assert_eq!(event(&got[3])["id"], event(&got[2])["id"]);
});

both_world!(localized_email_over_smtp, |w| {
    let app = &w.app;
    let template = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Ban start", "defaultSubject": "You are banned: { $action }",
            "defaultHtmlTemplate": "<p>{ $comment }</p>", "defaultTextTemplate": "Until { $expiry }",
            "localizedSubjects": {"de": "Gesperrt: { $action }"}}}),
    );
    let template_id = template.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ban = app.action(
        json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
        "startEmailTemplateId": template_id, "localizedNames": {"de": "Sperre"}}),
    );
    let de = app.user("de@example.com", &["de_AT"]);
    let en = app.user("en@example.com", &["en"]);
    apply(
        app,
        &ban,
        &de,
        json!({"expiry": START + 3_600_000, "emailUser": true, "comment": "<b>spam</b>"}),
    );
    apply(
        app,
        &ban,
        &en,
        json!({"expiry": START + 3_600_000, "emailUser": true}),
    );
    let messages = w.smtp.wait_for(2);
    let german = messages
        .iter()
        .find(|m| m.contains("de@example.com"))
        .expect("German email");
    assert!(german.contains("Gesperrt: Sperre"), "{german}");
    assert!(
        german.contains("&lt;b&gt;spam&lt;/b&gt;"),
        "HTML values escaped: {german}"
    );
    let english = messages
        .iter()
        .find(|m| m.contains("en@example.com"))
        .expect("English email");
    assert!(english.contains("You are banned: Ban"), "{english}");
});

both_world!(signatures_verify_the_way_a_receiver_would, |w| {
    use base64::Engine;
    use hmac::Mac;
    use sha2::Digest;
    let app = &w.app;
    let key = app.post(
        "/api/key/generate",
        json!({"key": {"algorithm": "HS256", "name": "Webhook signing"}}),
    );
    let key = key.ok()["key"].clone();
    let hook = Receiver::start();
    let created = app.post(
        "/api/webhook",
        json!({"webhook": {"url": hook.url, "connectTimeout": 1000, "readTimeout": 2000, "global": true,
            "eventsEnabled": {"user.action": true},
            "signatureConfiguration": {"enabled": true, "signingKeyId": key["id"]}}}),
    );
    let secret = created.ok()["webhook"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let user = app.user("sig@example.com", &[]);
    apply(app, &ban, &user, json!({"expiry": START + 60_000}));
    let got = hook.wait_for(1);
    let request = &got[0];

    // FusionAuth's JWT: HMAC with the key's secret string; the claim hashes the exact body.
    let jwt = request
        .header("X-FusionAuth-Signature-JWT")
        .expect("JWT header");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    let decoded = jsonwebtoken::decode::<Value>(
        jwt,
        &jsonwebtoken::DecodingKey::from_secret(key["secret"].as_str().unwrap().as_bytes()),
        &validation,
    )
    .expect("JWT verifies with the key's secret");
    assert_eq!(decoded.header.kid.as_deref(), key["kid"].as_str());
    let body_hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&request.body));
    assert_eq!(decoded.claims["request_body_sha256"], body_hash.as_str());

    // Standard Webhooks: HMAC-SHA256 over "id.timestamp.body" with the webhook's secret.
    let id = request.header("webhook-id").unwrap();
    let timestamp = request.header("webhook-timestamp").unwrap();
    assert_eq!(id, event(request)["id"].as_str().unwrap());
    let raw = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&raw).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(&request.body);
    let expected = format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    );
    assert_eq!(request.header("webhook-signature"), Some(expected.as_str()));
});

both_world!(email_included_in_event_only_when_notifying, |w| {
    let app = &w.app;
    let template = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Survey", "defaultSubject": "Thanks, { $firstName }",
            "defaultHtmlTemplate": "<p>{ $option }</p>", "defaultTextTemplate": "{ $option }"}}),
    );
    let template_id = template.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let survey = app.action(
        json!({"name": "Survey", "options": [{"name": "happy"}], "includeEmailInEventJSON": true,
        "userNotificationsEnabled": true, "startEmailTemplateId": template_id}),
    );
    let user = app
        .post(
            "/api/user",
            json!({"user": {"email": "n@example.com", "firstName": "Nora"}}),
        )
        .ok()["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    apply(
        app,
        &survey,
        &user,
        json!({"option": "happy", "notifyUser": true}),
    );
    apply(
        app,
        &survey,
        &user,
        json!({"option": "happy", "notifyUser": false}),
    );
    let got = w.hook.wait_for(2);
    let with = event(&got[0]);
    assert_eq!(with["notifyUser"], true);
    assert_eq!(with["email"]["subject"], "Thanks, Nora");
    assert_eq!(with["email"]["to"][0]["address"], "n@example.com");
    assert!(event(&got[1]).get("email").is_none());
    // emailUser was false: nothing was sent.
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(w.smtp.messages().is_empty());
});

/// A port that accepts connections and never answers: a receiver that hangs.
fn hanging_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    port
}

both_world!(
    a_hanging_receiver_loses_nothing_and_each_delivery_is_tried,
    |w| {
        let app = &w.app;
        let hanging = app.post(
            "/api/webhook",
            json!({"webhook": {"url": format!("http://127.0.0.1:{}/hook", hanging_port()),
            "connectTimeout": 500, "readTimeout": 500, "global": true,
            "eventsEnabled": {"user.action": true}}}),
        );
        let hanging_id = hanging.ok()["webhook"]["id"].as_str().unwrap().to_string();
        let trial = app.action(json!({"name": "Trial", "temporal": true}));
        for n in 0..3 {
            let user = app.user(&format!("h{n}@example.com"), &[]);
            apply(app, &trial, &user, json!({"expiry": START + 600_000}));
        }
        // The healthy webhook gets every event while the hanging one has nothing delivered.
        assert_eq!(w.hook.wait_for(3).len(), 3);
        let log = || deliveries_to(app, &hanging_id);
        let attempts = |d: &Value| d["attempts"].as_array().map_or(0, Vec::len);
        assert_eq!(log().len(), 3);
        assert!(log().iter().all(|d| d["status"] == "pending"));

        // A stalled destination gets one attempt per round: deliveries not yet tried wait for a
        // later round, and every one is tried in turn as time passes.
        for _ in 0..10 {
            if log().iter().all(|d| attempts(d) > 0) {
                break;
            }
            wait(|| log().iter().any(|d| attempts(d) > 0));
            app.clock.advance(1_000);
            std::thread::sleep(std::time::Duration::from_millis(700));
        }
        let deliveries = log();
        assert!(deliveries.iter().all(|d| attempts(d) > 0), "{deliveries:?}");
        for d in &deliveries {
            assert_eq!(d["status"], "pending");
            let first = &d["attempts"][0];
            assert_eq!(first["attemptResult"], "Unknown", "{first}");
            let answer = &first["webhookCallResponse"];
            assert!(answer.get("statusCode").is_none(), "{first}");
            assert!(answer["exception"].is_string(), "{first}");
        }
        assert_eq!(w.hook.received().len(), 3, "nothing delivered twice");
    }
);

both_world!(a_stalled_receiver_gets_one_attempt_per_round, |w| {
    use std::sync::atomic::Ordering;
    let app = &w.app;
    let hanging = app.post(
        "/api/webhook",
        json!({"webhook": {"url": format!("http://127.0.0.1:{}/hook", hanging_port()),
            "connectTimeout": 300, "readTimeout": 300, "global": true,
            "eventsEnabled": {"user.action": true}}}),
    );
    let hanging_id = hanging.ok()["webhook"]["id"].as_str().unwrap().to_string();
    let trial = app.action(json!({"name": "Trial", "temporal": true}));
    // Queue three events while the worker is stopped, so that one round claims them all.
    app.state.shutdown.store(true, Ordering::Relaxed);
    std::thread::sleep(std::time::Duration::from_millis(800));
    for n in 0..3 {
        let user = app.user(&format!("s{n}@example.com"), &[]);
        apply(app, &trial, &user, json!({"expiry": START + 600_000}));
    }
    app.state.shutdown.store(false, Ordering::Relaxed);
    actioneer::delivery::worker::spawn(app.state.clone());

    assert_eq!(w.hook.wait_for(3).len(), 3, "the healthy webhook is served");
    let attempts = || -> Vec<usize> {
        let mut counts: Vec<usize> = deliveries_to(app, &hanging_id)
            .iter()
            .map(|d| d["attempts"].as_array().map_or(0, Vec::len))
            .collect();
        counts.sort_unstable();
        counts
    };
    wait(|| attempts().iter().sum::<usize>() > 0);
    // Time does not move: nothing else is due, so the round's result stays as it was recorded.
    std::thread::sleep(std::time::Duration::from_millis(600));
    assert_eq!(
        attempts(),
        vec![0, 0, 1],
        "one attempt, the rest wait for a later round"
    );
});

#[derive(diesel::QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// SQLite's plan for `sql`, one line per step.
fn sqlite_plan(app: &TestApp, sql: &str) -> Vec<String> {
    use diesel::RunQueryDsl;
    let mut conn = app.state.db.read().unwrap();
    diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
        .load::<PlanStep>(&mut *conn)
        .unwrap()
        .into_iter()
        .map(|s| s.detail)
        .collect()
}

/// The worker's two sweeps read an index range that starts at the due rows and is already in the
/// order they need: their cost grows with what is due, not with what is pending later, already
/// delivered, or unexpired.
#[test]
fn due_sweeps_read_only_due_rows_on_sqlite() {
    let Some(app) = TestApp::start(Backend::Sqlite) else {
        return;
    };
    let outbox = sqlite_plan(&app, &actioneer::store::outbox::due_sql_sqlite());
    assert!(
        outbox
            .iter()
            .any(|s| s.starts_with("SEARCH outbox USING INDEX outbox_due")),
        "{outbox:?}"
    );
    let ends = sqlite_plan(&app, &actioneer::store::instances::due_ends_sql_sqlite());
    assert!(
        ends.iter()
            .any(|s| s.starts_with("SEARCH action_instance_ends USING INDEX")
                && s.contains("(expiry<?)")),
        "{ends:?}"
    );
    for plan in [&outbox, &ends] {
        assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "{plan:?}");
        assert!(!plan.iter().any(|s| s.starts_with("SCAN")), "{plan:?}");
    }
}

/// Behind a trusted reverse proxy an event records the client the proxy names, not the proxy.
fn the_client_behind_a_trusted_proxy_is_recorded(backend: Backend) {
    let Some(w) = world_with(backend, |c| {
        c.trusted_proxies = actioneer::client_address::TrustedProxies::parse("127.0.0.1").unwrap()
    }) else {
        return;
    };
    let app = &w.app;
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let user = app.user("u@example.com", &["en"]);
    let res = app
        .client
        .post(format!("{}/api/user/action", app.base))
        .header("Authorization", &app.key)
        .header("X-Forwarded-For", "203.0.113.7")
        .json(&json!({"broadcast": true, "action": {"userActionId": ban,
            "actioneeUserId": user, "actionerUserId": user, "expiry": START + 86_400_000}}))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let got = w.hook.wait_for(1);
    assert_eq!(event(&got[0])["info"]["ipAddress"], "203.0.113.7");
}

#[test]
fn the_client_behind_a_trusted_proxy_is_recorded_sqlite() {
    the_client_behind_a_trusted_proxy_is_recorded(Backend::Sqlite);
}

#[test]
fn the_client_behind_a_trusted_proxy_is_recorded_postgres() {
    the_client_behind_a_trusted_proxy_is_recorded(Backend::Postgres);
}
