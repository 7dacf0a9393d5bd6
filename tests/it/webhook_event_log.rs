//! FusionAuth's webhook event log over the outbox: one event across the webhooks it goes
//! to, one attempt, the search with its criteria, order, pages and bounded total, and replay.

use crate::both_world;
use serde_json::{json, Value};

use crate::sinks::{wait, Receiver};
use crate::support::*;

/// An app with `user.action` enabled for the Default tenant and two global webhooks.
struct World {
    app: TestApp,
    a: Receiver,
    b: Receiver,
    a_id: String,
    b_id: String,
}

fn world(backend: Backend) -> Option<World> {
    let app = TestApp::start(backend)?;
    let tenant = app.default_tenant();
    app.patch(
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    )
    .ok();
    let hook = |r: &Receiver| {
        app.post(
            "/api/webhook",
            json!({"webhook": {"url": r.url, "connectTimeout": 1000, "readTimeout": 2000,
                "global": true, "eventsEnabled": {"user.action": true}}}),
        )
        .ok()["webhook"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (a, b) = (Receiver::start(), Receiver::start());
    let (a_id, b_id) = (hook(&a), hook(&b));
    Some(World {
        app,
        a,
        b,
        a_id,
        b_id,
    })
}

/// Applies a one-week ban to a new user, broadcast; returns the instance.
fn ban(w: &World, email: &str) -> Value {
    let app = &w.app;
    let action = app.action(json!({"name": format!("Ban {email}"), "temporal": true}));
    let user = app.user(email, &[]);
    app.post(
        "/api/user/action",
        json!({"broadcast": true, "action": {"userActionId": action, "actioneeUserId": user,
            "actionerUserId": user, "expiry": START + 7 * 86_400_000}}),
    )
    .ok()["action"]
        .clone()
}

fn event_log(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/system/webhook-event-log/{id}")).ok()["webhookEventLog"].clone()
}

fn attempts(log: &Value) -> Vec<Value> {
    log["attempts"].as_array().cloned().unwrap_or_default()
}

/// The ids of the event logs a POST search finds, in order, and its total.
fn search(app: &TestApp, criteria: Value) -> (Vec<String>, i64) {
    let res = app.post(
        "/api/system/webhook-event-log/search",
        json!({ "search": criteria }),
    );
    let body = res.ok();
    assert_eq!(body["totalIsExact"], true, "{body}");
    (
        ids(&body["webhookEventLogs"]),
        body["total"].as_i64().unwrap(),
    )
}

fn ids(logs: &Value) -> Vec<String> {
    logs.as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

both_world!(one_event_across_its_webhooks_and_each_attempt, |w| {
    let app = &w.app;
    w.b.answer_with(&[500]);
    let instance = ban(&w, "u@example.com");
    let sent = w.a.wait_for(1)[0].json()["event"].clone();
    w.b.wait_for(1);
    let id = sent["id"].as_str().unwrap().to_string();
    wait(|| attempts(&event_log(app, &id)).len() == 2);

    let log = event_log(app, &id);
    assert_eq!(log["id"], id.as_str(), "the event log's id is the event's");
    assert_eq!(log["event"], sent, "the event as delivered");
    assert_eq!(log["eventType"], "user.action");
    assert_eq!(log["eventResult"], "Running", "{log}");
    assert_eq!(log["linkedObjectId"], instance["id"]);
    assert!(log["sequence"].as_i64().unwrap() >= 1, "{log}");
    assert_eq!(log["insertInstant"], START);
    assert_eq!(log["lastAttemptInstant"], START);
    assert_eq!(log["nextAttemptInstant"], START + 1_000, "the retry is due");
    assert_eq!(log["successfulAttempts"], 1);
    assert_eq!(log["failedAttempts"], 1);
    let mut hooks: Vec<&str> = log["webhookIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    hooks.sort_unstable();
    let mut expected = vec![w.a_id.as_str(), w.b_id.as_str()];
    expected.sort_unstable();
    assert_eq!(hooks, expected);

    let all = attempts(&log);
    let to = |hook: &str| all.iter().find(|a| a["webhookId"] == hook).unwrap().clone();
    let ok = to(&w.a_id);
    assert_eq!(ok["attemptResult"], "Success");
    assert_eq!(ok["webhookCallResponse"], json!({"statusCode": 200}));
    let failed = to(&w.b_id);
    assert_eq!(failed["attemptResult"], "Failure");
    assert_eq!(failed["webhookCallResponse"]["statusCode"], 500);
    assert!(failed["webhookCallResponse"]["exception"].is_string());
    for a in &all {
        assert_eq!(a["webhookEventLogId"], id.as_str());
        assert_eq!(a["startInstant"], START);
        assert!(a["endInstant"].as_i64().unwrap() >= START);
        let one = app
            .get(&format!(
                "/api/system/webhook-attempt-log/{}",
                a["id"].as_str().unwrap()
            ))
            .ok()["webhookAttemptLog"]
            .clone();
        assert_eq!(&one, a, "one attempt reads as in its event log");
    }
    assert_ne!(ok["id"], failed["id"]);

    // The admin app's page of the delivery that succeeded shows the event still running.
    let admin = app.signed_in("admin");
    let list = admin.get(&format!("/admin/webhooks/{}/deliveries", w.a_id));
    let link = "href=\"/admin/webhooks/deliveries/";
    let at = list.body.find(link).unwrap() + link.len();
    let page = admin.get(&format!(
        "/admin/webhooks/deliveries/{}",
        &list.body[at..at + 36]
    ));
    page.assert_has("Event result (every webhook)");
    page.assert_has("<dd>Running</dd>");

    // The retry succeeds: the event has succeeded, nothing is due.
    app.clock.advance(1_000);
    w.b.wait_for(2);
    wait(|| event_log(app, &id)["eventResult"] == "Succeeded");
    let log = event_log(app, &id);
    assert!(log.get("nextAttemptInstant").is_none(), "{log}");
    assert_eq!(attempts(&log).len(), 3);
    assert_eq!(log["successfulAttempts"], 2);
    assert_eq!(log["lastAttemptInstant"], START + 1_000);
    assert_eq!(
        attempts(&log).last().unwrap()["webhookId"],
        w.b_id.as_str(),
        "oldest first"
    );
    assert_eq!(
        w.a.received().len(),
        1,
        "the webhook that had it is not sent it again"
    );
});

both_world!(a_failed_event_is_replayed, |w| {
    let app = &w.app;
    w.a.answer_with(&[410]);
    ban(&w, "f@example.com");
    let first = w.a.wait_for(1)[0].json()["event"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    w.b.wait_for(1);
    wait(|| event_log(app, &first)["eventResult"] == "Failed");
    let log = event_log(app, &first);
    assert!(log.get("nextAttemptInstant").is_none(), "{log}");
    assert_eq!(log["failedAttempts"], 1);
    assert_eq!(log["successfulAttempts"], 1);

    let replay = format!("/api/system/webhook-event-log/{first}/replay");
    let replayed = app.request("POST", &replay, None);
    let log = replayed.ok()["webhookEventLog"].clone();
    assert_eq!(log["eventResult"], "Running");
    assert_eq!(log["nextAttemptInstant"], START);
    let again = w.a.wait_for(2);
    assert_eq!(again[1].json()["event"]["id"], first.as_str(), "same event");
    wait(|| event_log(app, &first)["eventResult"] == "Succeeded");
    assert_eq!(attempts(&event_log(app, &first)).len(), 3);
    assert_eq!(
        w.b.received().len(),
        1,
        "only the failed delivery goes again"
    );

    // Only a failed event is replayed; ids that name nothing are 404, bad ones 400.
    app.request("POST", &replay, None)
        .has_code("[invalid]webhookEventLogId");
    let unknown = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    for path in [
        format!("/api/system/webhook-event-log/{unknown}"),
        format!("/api/system/webhook-attempt-log/{unknown}"),
    ] {
        assert_eq!(app.get(&path).status, 404, "{path}");
    }
    let res = app.request(
        "POST",
        &format!("/api/system/webhook-event-log/{unknown}/replay"),
        None,
    );
    assert_eq!(res.status, 404);
    app.get("/api/system/webhook-event-log/nope")
        .has_code("[invalid]webhookEventLogId");
    app.get("/api/system/webhook-attempt-log/nope")
        .has_code("[invalid]webhookAttemptLogId");
});

both_world!(search_by_result_webhook_instance_text_and_time, |w| {
    let app = &w.app;
    // Webhook a: the first event succeeds, the second is refused for good, the third is retried.
    w.a.answer_with(&[200, 410, 500]);
    let instances: Vec<Value> = ["s1@example.com", "s2@example.com", "s3@example.com"]
        .iter()
        .map(|email| ban(&w, email))
        .collect();
    let sent: Vec<String> =
        w.a.wait_for(3)
            .iter()
            .map(|r| r.json()["event"]["id"].as_str().unwrap().to_string())
            .collect();
    w.b.wait_for(3);
    for id in &sent {
        wait(|| attempts(&event_log(app, id)).len() == 2);
    }
    let (succeeded, failed, running) = (&sent[0], &sent[1], &sent[2]);
    let seq = |id: &str| event_log(app, id)["sequence"].as_i64().unwrap();
    assert!(seq(succeeded) < seq(failed) && seq(failed) < seq(running));

    // Every event shares one instant: the sequence breaks the tie, newest first by default.
    let newest_first = vec![running.clone(), failed.clone(), succeeded.clone()];
    assert_eq!(search(app, json!({})), (newest_first.clone(), 3));
    let oldest_first: Vec<String> = newest_first.iter().rev().cloned().collect();
    assert_eq!(
        search(app, json!({"orderBy": "insertInstant ASC"})),
        (oldest_first, 3)
    );

    // The result is the event's, across its webhooks, with or without a webhook filter.
    for (result, id) in [
        ("Succeeded", succeeded),
        ("Failed", failed),
        ("Running", running),
    ] {
        assert_eq!(
            search(app, json!({"eventResult": result})),
            (vec![id.clone()], 1)
        );
        assert_eq!(
            search(app, json!({"eventResult": result, "webhookId": w.b_id})),
            (vec![id.clone()], 1),
            "{result} through webhook b, whose own deliveries all succeeded"
        );
    }
    assert_eq!(search(app, json!({"webhookId": w.a_id})).1, 3);
    let nowhere = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    assert_eq!(search(app, json!({"webhookId": nowhere})), (vec![], 0));

    assert_eq!(
        search(app, json!({"linkedObjectId": instances[1]["id"]})),
        (vec![failed.clone()], 1)
    );
    let actionee = instances[0]["actioneeUserId"].as_str().unwrap();
    assert_eq!(
        search(app, json!({"event": actionee})),
        (vec![succeeded.clone()], 1)
    );
    assert_eq!(
        search(app, json!({"event": actionee.to_uppercase()})).1,
        0,
        "case counts"
    );
    assert_eq!(search(app, json!({"eventType": "user.action"})).1, 3);
    assert_eq!(search(app, json!({"eventType": "user.create"})).1, 0);
    assert_eq!(search(app, json!({"start": START, "end": START})).1, 3);
    assert_eq!(search(app, json!({"start": START + 1})).1, 0);
    assert_eq!(search(app, json!({"end": START - 1})).1, 0);

    // Pages; the total ignores them.
    assert_eq!(
        search(app, json!({"numberOfResults": 2})),
        (newest_first[..2].to_vec(), 3)
    );
    assert_eq!(
        search(app, json!({"startRow": 2, "numberOfResults": 2})),
        (newest_first[2..].to_vec(), 3)
    );
    assert_eq!(search(app, json!({"startRow": 5})), (vec![], 3));
    assert_eq!(
        search(app, json!({"accurateTotal": true, "numberOfResults": 1})).1,
        3
    );

    // GET takes the same criteria as query parameters; an empty POST body means no criteria.
    let got = app.get(&format!(
        "/api/system/webhook-event-log/search?eventResult=Failed&webhookId={}",
        w.b_id
    ));
    assert_eq!(ids(&got.ok()["webhookEventLogs"]), vec![failed.clone()]);
    assert_eq!(got.ok()["total"], 1);
    let empty = app.raw(
        "POST",
        "/api/system/webhook-event-log/search",
        "application/json",
        "",
    );
    assert_eq!(ids(&empty.ok()["webhookEventLogs"]), newest_first);
    // A page holds whole event logs.
    let page = app.post(
        "/api/system/webhook-event-log/search",
        json!({"search": {"eventResult": "Running"}}),
    );
    assert_eq!(page.ok()["webhookEventLogs"][0], event_log(app, running));
});

both_world!(bad_criteria_are_named_under_search, |w| {
    let app = &w.app;
    let post = |criteria: Value| app.post("/api/system/webhook-event-log/search", criteria);
    for (criteria, code) in [
        (
            json!({"eventResult": "Done"}),
            "[invalid]search.eventResult",
        ),
        (
            json!({"numberOfResults": 0}),
            "[invalid]search.numberOfResults",
        ),
        (
            json!({"numberOfResults": 501}),
            "[invalid]search.numberOfResults",
        ),
        (json!({"startRow": -1}), "[invalid]search.startRow"),
        (
            json!({"orderBy": "sequence DESC"}),
            "[invalid]search.orderBy",
        ),
        (json!({"start": "soon"}), "[invalid]search.start"),
        (json!({"webhookId": "nope"}), "[invalid]search.webhookId"),
        (json!({"start": 10, "end": 5}), "[invalid]search.end"),
    ] {
        post(json!({ "search": criteria })).has_code(code);
    }
    app.raw(
        "POST",
        "/api/system/webhook-event-log/search",
        "application/json",
        "{nope",
    )
    .has_code("[invalidJSON]search");
    for query in [
        "numberOfResults=many",
        "eventResult=Done",
        "linkedObjectId=nope",
        "accurateTotal=maybe",
    ] {
        let name = query.split('=').next().unwrap();
        app.get(&format!("/api/system/webhook-event-log/search?{query}"))
            .has_code(&format!("[invalid]search.{name}"));
    }
    // A NUL in a JSON body is refused like any other text field; in a query string it is text
    // no event holds, so it matches nothing rather than failing.
    app.post(
        "/api/system/webhook-event-log/search",
        json!({"search": {"event": "a\u{0}b"}}),
    )
    .has_code("[invalid]search.event");
    let nul = app.get("/api/system/webhook-event-log/search?event=a%00b&eventType=x%00");
    assert_eq!(nul.ok()["total"], 0);
});

// Past the cap, the total says so instead of counting every match.
both_world!(the_total_is_bounded, |w| {
    let app = &w.app;
    for n in 0..3 {
        ban(&w, &format!("t{n}@example.com"));
    }
    w.a.wait_for(3);
    let criteria = actioneer::domain::webhook_event_log::EventSearch {
        number_of_results: 25,
        ..Default::default()
    };
    let mut conn = app.state.db.read().unwrap();
    let mut count =
        |cap| actioneer::store::outbox::count_events(&mut conn, &criteria, cap).unwrap();
    assert_eq!(count(Some(2)), (2, false));
    assert_eq!(count(Some(3)), (3, true));
    assert_eq!(count(None), (3, true));
});

#[derive(diesel::QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// The search reads an index already in its order, so a page costs what it returns rather than
/// the size of the log; failed events are read from their own small index.
#[test]
fn searches_read_an_index_in_order_on_sqlite() {
    use actioneer::domain::webhook_event_log::{EventResult, EventSearch};
    use diesel::RunQueryDsl;
    let Some(app) = TestApp::start(Backend::Sqlite) else {
        return;
    };
    let plan = |sql: String| -> Vec<String> {
        let mut conn = app.state.db.read().unwrap();
        diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load::<PlanStep>(&mut *conn)
            .unwrap()
            .into_iter()
            .map(|s| s.detail)
            .collect()
    };
    let cases = [
        (EventSearch::default(), "outbox_event_order"),
        (
            EventSearch {
                event_result: Some(EventResult::Succeeded),
                ..Default::default()
            },
            "outbox_event_order",
        ),
        (
            EventSearch {
                event_result: Some(EventResult::Failed),
                ..Default::default()
            },
            "outbox_failed_events",
        ),
    ];
    for (criteria, index) in cases {
        let (page, count) = actioneer::store::outbox::search_sql_sqlite(&criteria);
        for steps in [plan(page), plan(count)] {
            assert!(
                steps.iter().any(|s| s.contains(&format!("INDEX {index}"))),
                "{criteria:?}: {steps:?}"
            );
            assert!(
                !steps.iter().any(|s| s.contains("TEMP B-TREE")),
                "{criteria:?}: {steps:?}"
            );
        }
    }
}
