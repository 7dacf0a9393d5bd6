//! `/api/user-action-reason`: reasons (checklist 7).

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn create(app: &TestApp, body: Value) -> Res {
    app.post(
        "/api/user-action-reason",
        json!({ "userActionReason": body }),
    )
}

both!(create_retrieve_list_in_creation_order, |app| {
    let res = create(
        &app,
        json!({"code": " PS ", "text": " Paid Subscription ", "localizedTexts": {"fr_CA": "Abonnement payé"}}),
    );
    let reason = &res.ok()["userActionReason"];
    assert_eq!(reason["code"], "PS");
    assert_eq!(reason["text"], "Paid Subscription");
    assert_eq!(
        reason["localizedTexts"],
        json!({"fr_CA": "Abonnement payé"})
    );
    assert_eq!(reason["insertInstant"], START);
    assert_eq!(reason["lastUpdateInstant"], START);
    let first = reason["id"].as_str().unwrap().to_string();

    app.clock.advance(10);
    let second = uuid::Uuid::new_v4().to_string();
    let res = app.post(
        &format!("/api/user-action-reason/{second}"),
        json!({"userActionReason": {"code": "AB", "text": "Abuse"}}),
    );
    assert_eq!(res.ok()["userActionReason"]["id"], second.as_str());
    assert!(res.body["userActionReason"].get("localizedTexts").is_none());

    let one = app.get(&format!("/api/user-action-reason/{first}"));
    assert_eq!(one.ok()["userActionReason"]["text"], "Paid Subscription");
    let ids: Vec<_> = app.get("/api/user-action-reason").ok()["userActionReasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, [first, second]);
});

both!(blank_too_long_and_invalid_locales, |app| {
    let codes = create(&app, json!({})).codes();
    assert!(codes.contains(&"[blank]userActionReason.code".to_string()));
    assert!(codes.contains(&"[blank]userActionReason.text".to_string()));
    create(&app, json!({"code": "  ", "text": "T"})).has_code("[blank]userActionReason.code");
    create(&app, json!({"code": "C", "text": " "})).has_code("[blank]userActionReason.text");
    create(&app, json!({"code": "x".repeat(192), "text": "T"}))
        .has_code("[tooLong]userActionReason.code");
    create(&app, json!({"code": "C", "text": "x".repeat(192)}))
        .has_code("[tooLong]userActionReason.text");
    // 191 characters is the limit, not over it; so are 35 for a locale tag.
    create(
        &app,
        json!({"code": "é".repeat(191), "text": "y".repeat(191),
            "localizedTexts": {"sla-Latn-380-rozaj-biske-nedis-1994": "a"}}),
    )
    .ok();
    create(
        &app,
        json!({"code": "L", "text": "L", "localizedTexts": {"de": " "}}),
    )
    .has_code("[blank]userActionReason.localizedTexts");
    create(
        &app,
        json!({"code": "L", "text": "L", "localizedTexts": {"xx-!!": "a"}}),
    )
    .has_code("[invalid]userActionReason.localizedTexts");
    // Tags are at most `locale::MAX_TAG` (35) characters long.
    create(
        &app,
        json!({"code": "L", "text": "L", "localizedTexts": {"sla-Latn-380-rozaj-biske-nedisx-1994": "a"}}),
    )
    .has_code("[invalid]userActionReason.localizedTexts");
    create(
        &app,
        json!({"code": "L", "text": "L", "localizedTexts": {"pt-BR": "a", "pt_br": "b"}}),
    )
    .has_code("[duplicate]userActionReason.localizedTexts");
    app.raw(
        "POST",
        "/api/user-action-reason",
        "application/json",
        "{\"userActionReason\": ",
    )
    .has_code("[invalidJSON]userActionReason");
    app.post("/api/user-action-reason", json!({"reason": {}}))
        .has_code("[missing]userActionReason");
    assert_eq!(
        app.get("/api/user-action-reason").ok()["userActionReasons"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
});

both!(duplicate_code_text_and_id, |app| {
    let res = create(&app, json!({"code": "PS", "text": "Paid"}));
    let id = res.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    create(&app, json!({"code": "ps", "text": "Other"}))
        .has_code("[duplicate]userActionReason.code");
    create(&app, json!({"code": "XX", "text": "PAID"}))
        .has_code("[duplicate]userActionReason.text");
    app.post(
        &format!("/api/user-action-reason/{id}"),
        json!({"userActionReason": {"code": "N", "text": "New"}}),
    )
    .has_code("[duplicate]userActionReasonId");
    // Its own code and text are not duplicates on update.
    let res = app.put(
        &format!("/api/user-action-reason/{id}"),
        json!({"userActionReason": {"code": "PS", "text": "Paid"}}),
    );
    res.ok();
    let other = create(&app, json!({"code": "AB", "text": "Abuse"}));
    let other = other.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.put(
        &format!("/api/user-action-reason/{other}"),
        json!({"userActionReason": {"code": "ps", "text": "Abuse"}}),
    )
    .has_code("[duplicate]userActionReason.code");
});

both!(update_patch_and_delete, |app| {
    let res = create(
        &app,
        json!({"code": "PS", "text": "Paid", "localizedTexts": {"de": "Bezahlt"}}),
    );
    let id = res.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.clock.advance(7);
    let res = app.put(
        &format!("/api/user-action-reason/{id}"),
        json!({"userActionReason": {"code": "PD", "text": "Paid up"}}),
    );
    let reason = &res.ok()["userActionReason"];
    assert_eq!(reason["code"], "PD");
    assert_eq!(reason["insertInstant"], START);
    assert_eq!(reason["lastUpdateInstant"], START + 7);
    assert!(
        reason.get("localizedTexts").is_none(),
        "PUT replaces: {reason}"
    );

    app.clock.advance(3);
    let res = app.patch(
        &format!("/api/user-action-reason/{id}"),
        json!({"userActionReason": {"text": "Paid in full", "localizedTexts": {"fr": "Payé"}}}),
    );
    let reason = &res.ok()["userActionReason"];
    assert_eq!(reason["code"], "PD");
    assert_eq!(reason["text"], "Paid in full");
    assert_eq!(reason["localizedTexts"], json!({"fr": "Payé"}));
    assert_eq!(reason["lastUpdateInstant"], START + 10);
    app.patch(
        &format!("/api/user-action-reason/{id}"),
        json!({"userActionReason": {"code": " "}}),
    )
    .has_code("[blank]userActionReason.code");

    let res = app.delete(&format!("/api/user-action-reason/{id}"));
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "");
    assert_eq!(
        app.get(&format!("/api/user-action-reason/{id}")).status,
        404
    );
    assert_eq!(
        app.delete(&format!("/api/user-action-reason/{id}")).status,
        404
    );
});

both!(unknown_ids_are_404_and_missing_ids_are_400, |app| {
    let unknown = uuid::Uuid::new_v4();
    assert_eq!(
        app.get(&format!("/api/user-action-reason/{unknown}"))
            .status,
        404
    );
    let put = app.put(
        &format!("/api/user-action-reason/{unknown}"),
        json!({"userActionReason": {"code": "C", "text": "T"}}),
    );
    assert_eq!(put.status, 404);
    assert_eq!(put.text, "");
    let patch = app.patch(
        &format!("/api/user-action-reason/{unknown}"),
        json!({"userActionReason": {"code": "C"}}),
    );
    assert_eq!(patch.status, 404);
    assert_eq!(
        app.delete(&format!("/api/user-action-reason/{unknown}"))
            .status,
        404
    );
    app.put(
        "/api/user-action-reason",
        json!({"userActionReason": {"code": "C", "text": "T"}}),
    )
    .has_code("[missing]userActionReasonId");
    app.delete("/api/user-action-reason")
        .has_code("[missing]userActionId");
    app.get("/api/user-action-reason/not-a-uuid")
        .has_code("[invalid]userActionReasonId");
});

both!(instances_keep_the_reason_as_applied, |app| {
    let res = create(
        &app,
        json!({"code": "PS", "text": "Paid", "localizedTexts": {"de": "Bezahlt"}}),
    );
    let reason = res.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let action = app.action(json!({"name": "Note"}));
    let user = app.user("de@example.com", &["de"]);
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": action, "actioneeUserId": user, "actionerUserId": user, "reasonId": reason}}),
    );
    let instance = res.ok()["action"]["id"].as_str().unwrap().to_string();
    assert_eq!(res.body["action"]["reason"], "Paid");
    assert_eq!(res.body["action"]["reasonCode"], "PS");
    assert_eq!(res.body["action"]["localizedReason"], "Bezahlt");
    app.put(
        &format!("/api/user-action-reason/{reason}"),
        json!({"userActionReason": {"code": "XX", "text": "Renamed"}}),
    )
    .ok();
    let got = app.get(&format!("/api/user/action/{instance}"));
    assert_eq!(got.ok()["action"]["reason"], "Paid");
    assert_eq!(
        app.delete(&format!("/api/user-action-reason/{reason}"))
            .status,
        200
    );
    let got = app.get(&format!("/api/user/action/{instance}"));
    assert_eq!(got.ok()["action"]["reasonCode"], "PS");
});

both!(concurrent_creates_of_one_code, |app| {
    let statuses: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let app = &app;
                scope.spawn(move || {
                    let res = create(app, json!({"code": "SAME", "text": format!("Text {i}")}));
                    (res.status, res.text)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(ok, 1, "{statuses:?}");
    for (status, text) in &statuses {
        assert!(
            *status == 200 || text.contains("[duplicate]userActionReason.code"),
            "{status} {text}"
        );
    }
});
