//! `/api/user-action`: definitions (checklist 1–8).

use serde_json::json;

use crate::both;
use crate::support::*;

both!(create_retrieve_and_list_sorted_by_name, |app| {
    let ban = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Lock", "temporal": true, "preventLogin": true}}),
    );
    let action = &ban.ok()["userAction"];
    assert_eq!(action["active"], true);
    assert_eq!(action["transactionType"], "None");
    assert_eq!(action["tenantIds"], json!([]));
    assert_eq!(action["insertInstant"], START);
    assert_eq!(action["lastUpdateInstant"], START);
    let id = action["id"].as_str().unwrap();
    app.action(json!({"name": "Abuse"}));
    let one = app.get(&format!("/api/user-action/{id}"));
    assert_eq!(one.ok()["userAction"]["name"], "Lock");
    let names: Vec<_> = app.get("/api/user-action").ok()["userActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Abuse", "Lock"]);
});

both!(validation_codes, |app| {
    let bad = |body: serde_json::Value| app.post("/api/user-action", json!({ "userAction": body }));
    bad(json!({"name": "A", "preventLogin": true})).has_code("[invalid]userAction.temporal");
    bad(json!({"name": "  "})).has_code("[blank]userAction.name");
    bad(json!({"name": "x".repeat(192)})).has_code("[tooLong]userAction.name");
    bad(json!({"name": "T", "temporal": true, "options": [{"name": "a"}]}))
        .has_code("[notAllowed]userAction.options");
    bad(json!({"name": "O", "options": [{"name": " "}]})).has_code("[blank]userAction.options");
    bad(json!({"name": "O", "options": [{"name": "a"}, {"name": "A"}]}))
        .has_code("[duplicate]userAction.options");
    bad(json!({"name": "L", "localizedNames": {"de": " "}}))
        .has_code("[blank]userAction.localizedNames");
    bad(json!({"name": "L", "localizedNames": {"xx-!!": "y"}}))
        .has_code("[invalid]userAction.localizedNames");
    // Tags are at most `locale::MAX_TAG` (35) characters long.
    bad(json!({"name": "L", "localizedNames": {"sla-Latn-380-rozaj-biske-nedisx-1994": "y"}}))
        .has_code("[invalid]userAction.localizedNames");
    bad(json!({"name": "E", "userEmailingEnabled": true}))
        .has_code("[missing]userAction.startEmailTemplateId");
    bad(json!({"name": "E", "startEmailTemplateId": uuid::Uuid::new_v4()}))
        .has_code("[invalid]userAction.startEmailTemplateId");
    bad(json!({"name": "T", "transactionType": "Sometimes"}))
        .has_code("[invalid]userAction.transactionType");
    bad(json!({"name": "T", "tenantIds": [uuid::Uuid::new_v4()]}))
        .has_code("[invalid]userAction.tenantIds");
    bad(json!({"name": "T", "temporal": "yes"})).has_code("[invalid]userAction.temporal");
    app.raw(
        "POST",
        "/api/user-action",
        "application/json",
        "{\"userAction\": {",
    )
    .has_code("[invalidJSON]userAction");
    app.post("/api/user-action", json!({"other": {}}))
        .has_code("[missing]userAction");
    // Nothing above was stored.
    assert_eq!(app.get("/api/user-action").ok()["userActions"], json!([]));

    let id = app.action(json!({"name": "Taken"}));
    bad(json!({"name": "taken"})).has_code("[duplicate]userAction.name");
    app.post(
        &format!("/api/user-action/{id}"),
        json!({"userAction": {"name": "Other"}}),
    )
    .has_code("[duplicate]userActionId");
});

both!(locales_are_kept_as_given, |app| {
    let res = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Sub", "localizedNames": {"de": "Abo", "fr_CA": "Abonnement", "pt-BR": "Assinatura"}}}),
    );
    assert_eq!(
        res.ok()["userAction"]["localizedNames"],
        json!({"de": "Abo", "fr_CA": "Abonnement", "pt-BR": "Assinatura"})
    );
    app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Dup", "localizedNames": {"pt-BR": "a", "pt_br": "b"}}}),
    )
    .has_code("[duplicate]userAction.localizedNames");
});

both!(non_temporal_create_drops_temporal_only_fields, |app| {
    let res = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Note", "sendEndEvent": true}}),
    );
    assert_eq!(res.ok()["userAction"]["sendEndEvent"], false);
    assert!(res.body["userAction"].get("endEmailTemplateId").is_none());
});

both!(deactivate_reactivate_and_hard_delete, |app| {
    let id = app.action(json!({"name": "Ban", "temporal": true}));
    let res = app.delete(&format!("/api/user-action/{id}"));
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "");
    assert_eq!(app.get("/api/user-action").ok()["userActions"], json!([]));
    assert_eq!(
        app.get("/api/user-action?inactive=true").ok()["userActions"][0]["id"],
        id.as_str()
    );
    assert_eq!(
        app.get(&format!("/api/user-action/{id}")).ok()["userAction"]["active"],
        false
    );
    app.put(
        &format!("/api/user-action/{id}"),
        json!({"userAction": {"name": "Ban"}}),
    )
    .has_code("[inactive]userActionId");
    app.post("/api/user-action", json!({"userAction": {"name": "ban"}}))
        .has_code("[inactive]userAction.name");
    app.clock.advance(1000);
    let back = app.request(
        "PUT",
        &format!("/api/user-action/{id}?reactivate=true"),
        None,
    );
    assert_eq!(back.ok()["userAction"]["active"], true);
    assert_eq!(back.body["userAction"]["lastUpdateInstant"], START);

    let user = app.user("u@example.com", &[]);
    let applied = app.post("/api/user/action", json!({"action": {"userActionId": id, "actioneeUserId": user, "actionerUserId": user, "expiry": START + 60_000}}));
    let instance = applied.ok()["action"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.delete(&format!("/api/user-action/{id}?hardDelete=true"))
            .status,
        200
    );
    assert_eq!(app.get(&format!("/api/user-action/{id}")).status, 404);
    assert_eq!(app.get(&format!("/api/user/action/{instance}")).status, 404);
    assert_eq!(app.delete(&format!("/api/user-action/{id}")).status, 404);
});

both!(put_replaces_and_patch_merges, |app| {
    let id = app.action(json!({"name": "Survey", "options": [{"name": "happy"}]}));
    app.clock.advance(5);
    let res = app.patch(
        &format!("/api/user-action/{id}"),
        json!({"userAction": {"options": [{"name": "sad"}]}}),
    );
    let options: Vec<_> = res.ok()["userAction"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].clone())
        .collect();
    assert_eq!(options, [json!("happy"), json!("sad")]);
    assert_eq!(res.body["userAction"]["lastUpdateInstant"], START + 5);
    let res = app.raw(
        "PATCH",
        &format!("/api/user-action/{id}"),
        "application/json-patch+json",
        r#"[{"op": "replace", "path": "/userAction/name", "value": "Mood"}]"#,
    );
    assert_eq!(res.ok()["userAction"]["name"], "Mood");
    let res = app.put(
        &format!("/api/user-action/{id}"),
        json!({"userAction": {"name": "Plain"}}),
    );
    assert_eq!(res.ok()["userAction"]["options"], json!([]));
    assert_eq!(res.body["userAction"]["insertInstant"], START);
});

both!(auth_is_required, |app| {
    let res = app
        .client
        .get(format!("{}/api/user-action", app.base))
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(res.text().unwrap(), "");
    let res = app
        .client
        .get(format!("{}/api/status", app.base))
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
});
