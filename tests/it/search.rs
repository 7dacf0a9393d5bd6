//! `POST /api/user/action/search` (checklist 28).

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn search(app: &TestApp, body: Value) -> Res {
    app.post("/api/user/action/search", body)
}

fn names(res: &Res) -> Vec<String> {
    res.ok()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["comment"].as_str().unwrap().to_string())
        .collect()
}

/// Instances with comments "a".."e", one millisecond apart:
/// a, b: ban on alice (a cancelled), c: mute on bob expiring at START+10_000,
/// d: note (instant) on bob, e: ban on bob expiring at START+100_000.
struct World {
    alice: String,
    bob: String,
    ban: String,
}

fn world(app: &TestApp) -> World {
    let admin = app.user("admin@example.com", &[]);
    let alice = app.user("alice@example.com", &[]);
    let bob = app.user("bob@example.com", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let mute = app.action(json!({"name": "Mute", "temporal": true}));
    let note = app.action(json!({"name": "Note"}));
    let apply = |def: &str, user: &str, expiry: Option<i64>, comment: &str| {
        let mut action = json!({"userActionId": def, "actioneeUserId": user, "actionerUserId": admin, "comment": comment});
        if let Some(e) = expiry {
            action["expiry"] = json!(e);
        }
        let res = app.post("/api/user/action", json!({ "action": action }));
        app.clock.advance(1);
        res.ok()["action"]["id"].as_str().unwrap().to_string()
    };
    let a = apply(&ban, &alice, Some(START + 50_000), "a");
    app.delete_with(
        &format!("/api/user/action/{a}"),
        json!({"action": {"actionerUserId": admin, "comment": "a"}}),
    )
    .ok();
    apply(&ban, &alice, Some(START + 50_000), "b");
    apply(&mute, &bob, Some(START + 10_000), "c");
    apply(&note, &bob, None, "d");
    apply(&ban, &bob, Some(START + 100_000), "e");
    World { alice, bob, ban }
}

both!(no_filters_lists_everything_newest_first, |app| {
    world(&app);
    let res = search(&app, json!({}));
    // a's cancel (its latest change) and b's apply share START + 1; ties go by id.
    assert_eq!(names(&res), ["e", "d", "c", "b", "a"]);
    assert_eq!(res.body["total"], 5);
    // An empty body is no filter either.
    let empty = app.raw("POST", "/api/user/action/search", "application/json", "");
    assert_eq!(empty.ok()["total"], 5);
});

both!(filters_by_state_actionee_and_expiry, |app| {
    let w = world(&app);
    assert_eq!(names(&search(&app, json!({"state": "cancelled"}))), ["a"]);
    assert_eq!(names(&search(&app, json!({"state": "instant"}))), ["d"]);
    assert_eq!(
        names(&search(&app, json!({"state": "active"}))),
        ["e", "c", "b"]
    );
    assert_eq!(
        names(&search(&app, json!({"state": "ended"}))),
        Vec::<String>::new()
    );
    app.clock.advance(10_000);
    assert_eq!(names(&search(&app, json!({"state": "ended"}))), ["c"]);
    assert_eq!(
        names(&search(&app, json!({"actioneeUserId": w.bob}))),
        ["e", "d", "c"]
    );
    assert_eq!(
        names(&search(
            &app,
            json!({"actioneeUserId": w.alice, "state": "active"})
        )),
        ["b"]
    );
    // Instantaneous instances never match an expiry filter; a cancelled one expires at its cancel.
    assert_eq!(
        names(&search(&app, json!({"expiresBefore": START + 50_000}))),
        ["c", "a"]
    );
    assert_eq!(
        names(&search(&app, json!({"expiresAfter": START + 50_000}))),
        ["e"]
    );
    assert_eq!(
        names(&search(
            &app,
            json!({"userActionId": w.ban, "expiresBefore": START + 100_001})
        )),
        ["e", "b", "a"]
    );
    // Ids that name nothing match nothing.
    let none = search(&app, json!({"actioneeUserId": uuid::Uuid::new_v4()}));
    assert_eq!(none.ok()["actions"], json!([]));
    assert_eq!(none.body["total"], 0);
});

both!(paging_reports_the_total, |app| {
    world(&app);
    let page = |start: i64, n: i64| {
        search(
            &app,
            json!({"startRow": start, "numberOfResults": n, "orderBy": "insertInstant ASC"}),
        )
    };
    let first = page(0, 2);
    assert_eq!(names(&first), ["a", "b"]);
    assert_eq!(first.body["total"], 5);
    let second = page(2, 2);
    assert_eq!(names(&second), ["c", "d"]);
    assert_eq!(second.body["total"], 5);
    assert_eq!(names(&page(4, 2)), ["e"]);
    let past = page(10, 2);
    assert_eq!(past.ok()["actions"], json!([]));
    assert_eq!(past.body["total"], 5);
    assert_eq!(names(&page(0, 500)).len(), 5);
});

both!(order_by, |app| {
    world(&app);
    let order = |spec: &str| names(&search(&app, json!({ "orderBy": spec })));
    assert_eq!(order("insertInstant DESC"), ["e", "d", "c", "b", "a"]);
    assert_eq!(order("insertInstant"), ["a", "b", "c", "d", "e"]);
    // Expiry: a was cancelled at START+1; instants sort last either way.
    assert_eq!(order("expiry ASC"), ["a", "c", "b", "e", "d"]);
    assert_eq!(order("expiry DESC"), ["e", "b", "c", "a", "d"]);
    let by_name = order("name ASC");
    assert_eq!(by_name[..2].to_vec(), ["a", "b"]);
    assert_eq!(by_name[2..3].to_vec(), ["e"]);
    assert_eq!(by_name[3..].to_vec(), ["c", "d"]);
    assert_eq!(order("name desc")[0], "d");
});

both!(invalid_values, |app| {
    world(&app);
    search(&app, json!({"state": "paused"})).has_code("[invalid]state");
    search(&app, json!({"orderBy": "comment ASC"})).has_code("[invalid]orderBy");
    search(&app, json!({"orderBy": "expiry UP"})).has_code("[invalid]orderBy");
    search(&app, json!({"numberOfResults": 0})).has_code("[invalid]numberOfResults");
    search(&app, json!({"numberOfResults": 501})).has_code("[invalid]numberOfResults");
    search(&app, json!({"startRow": -1})).has_code("[invalid]startRow");
    search(&app, json!({"startRow": "zero"})).has_code("[invalid]startRow");
    search(&app, json!({"actioneeUserId": "bob"})).has_code("[invalid]actioneeUserId");
    search(&app, json!({"expiresBefore": 1.5})).has_code("[invalid]expiresBefore");
    app.raw("POST", "/api/user/action/search", "application/json", "{")
        .has_code("[invalidJSON]search");
    let codes = search(&app, json!({"state": "paused", "startRow": -1})).codes();
    assert_eq!(codes.len(), 2, "{codes:?}");
});
