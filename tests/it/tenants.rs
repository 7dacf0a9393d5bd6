//! Tenants, the request tenant and tenant-scoped keys (checklist 26–27).

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn tenant(app: &TestApp, name: &str) -> String {
    let res = app.post("/api/tenant", json!({"tenant": {"name": name}}));
    res.ok()["tenant"]["id"].as_str().unwrap().to_string()
}

/// A user of `tenant`, created with the tenant header.
fn user_in(app: &mut TestApp, tenant: &str, email: &str) -> String {
    let saved = app.tenant.replace(tenant.to_string());
    let id = app.user(email, &[]);
    app.tenant = saved;
    id
}

fn scoped_key(app: &TestApp, tenant: &str) -> String {
    let res = app.post("/api/api-key", json!({"apiKey": {"tenantId": tenant}}));
    assert_eq!(res.ok()["apiKey"]["tenantId"], tenant);
    res.body["apiKey"]["key"].as_str().unwrap().to_string()
}

fn apply(app: &TestApp, action: Value) -> Res {
    app.post("/api/user/action", json!({ "action": action }))
}

both!(tenant_crud, |app| {
    let default = app.default_tenant();
    let res = app.post(
        "/api/tenant",
        json!({"tenant": {"name": " Acme ", "data": {"plan": "gold"}}}),
    );
    let acme = &res.ok()["tenant"];
    assert_eq!(acme["name"], "Acme");
    assert_eq!(acme["data"], json!({"plan": "gold"}));
    assert_eq!(acme["insertInstant"], START);
    let id = acme["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.get(&format!("/api/tenant/{id}")).ok()["tenant"]["name"],
        "Acme"
    );
    assert_eq!(
        app.get("/api/tenant").ok()["tenants"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    app.post("/api/tenant", json!({"tenant": {"name": "acme"}}))
        .has_code("[duplicate]tenant.name");
    app.post("/api/tenant", json!({"tenant": {"name": " "}}))
        .has_code("[blank]tenant.name");
    app.post("/api/tenant", json!({"tenant": {"name": "x".repeat(192)}}))
        .has_code("[tooLong]tenant.name");
    app.post(
        &format!("/api/tenant/{id}"),
        json!({"tenant": {"name": "New"}}),
    )
    .has_code("[duplicate]tenantId");

    app.clock.advance(5);
    let res = app.put(
        &format!("/api/tenant/{id}"),
        json!({"tenant": {"name": "Acme Inc"}}),
    );
    assert_eq!(res.ok()["tenant"]["name"], "Acme Inc");
    assert_eq!(res.body["tenant"]["lastUpdateInstant"], START + 5);
    assert_eq!(res.body["tenant"]["insertInstant"], START);
    let res = app.patch(
        &format!("/api/tenant/{id}"),
        json!({"tenant": {"data": {"x": 1}}}),
    );
    assert_eq!(res.ok()["tenant"]["name"], "Acme Inc");
    assert_eq!(res.body["tenant"]["data"], json!({"x": 1}));
    app.put(
        &format!("/api/tenant/{default}"),
        json!({"tenant": {"name": "acme inc"}}),
    )
    .has_code("[duplicate]tenant.name");

    let res = app.delete(&format!("/api/tenant/{id}"));
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "");
    assert_eq!(app.get(&format!("/api/tenant/{id}")).status, 404);
    assert_eq!(app.delete(&format!("/api/tenant/{id}")).status, 404);
    assert_eq!(
        app.put(
            &format!("/api/tenant/{id}"),
            json!({"tenant": {"name": "Z"}})
        )
        .status,
        404
    );
});

both!(default_tenant_cannot_be_deleted, |app| {
    let default = app.default_tenant();
    app.put(
        &format!("/api/tenant/{default}"),
        json!({"tenant": {"name": "Main"}}),
    )
    .ok();
    let res = app.delete(&format!("/api/tenant/{default}"));
    assert_eq!(res.codes(), ["[cannotDelete]tenantId"]);
    assert!(res.body["fieldErrors"]["tenantId"].is_array());
    assert_eq!(
        app.get(&format!("/api/tenant/{default}")).ok()["tenant"]["name"],
        "Main"
    );
});

both!(two_tenants_need_a_tenant_id, |app| {
    let mut app = app;
    let default = app.default_tenant();
    let first = app.user("one@example.com", &[]);
    let other = tenant(&app, "Other");
    let res = app.post(
        "/api/user",
        json!({"user": {"email": "two@example.com", "password": "correct horse"}}),
    );
    assert_eq!(res.codes(), ["[TenantIdRequired]"]);
    assert_eq!(res.body["fieldErrors"], json!({}));
    app.get("/api/user?email=one@example.com")
        .has_code("[TenantIdRequired]");
    app.post(
        "/api/login",
        json!({"loginId": "one@example.com", "password": "correct horse"}),
    )
    .has_code("[TenantIdRequired]");
    // By id, no tenant is needed.
    app.get(&format!("/api/user/{first}")).ok();

    // The same email in another tenant is no duplicate.
    let copy = user_in(&mut app, &other, "one@example.com");
    assert_ne!(copy, first);
    app.tenant = Some(default.clone());
    assert_eq!(
        app.get("/api/user?email=ONE@example.com").ok()["user"]["id"],
        first.as_str()
    );
    app.tenant = Some(other.clone());
    assert_eq!(
        app.get("/api/user?email=one@example.com").ok()["user"]["id"],
        copy.as_str()
    );
    // With a request tenant, other tenants' users are not found.
    assert_eq!(app.get(&format!("/api/user/{first}")).status, 404);

    app.tenant = Some("not-a-uuid".into());
    app.get(&format!("/api/user/{copy}"))
        .has_code("[invalid]tenantId");
    app.tenant = Some(uuid::Uuid::new_v4().to_string());
    app.get(&format!("/api/user/{copy}"))
        .has_code("[invalid]tenantId");
    // Global endpoints ignore the header.
    app.get("/api/user-action").ok();
});

both!(actioning_across_tenants, |app| {
    let mut app = app;
    let default = app.default_tenant();
    let admin = app.user("admin@example.com", &[]);
    let other = tenant(&app, "Other");
    let member = user_in(&mut app, &other, "member@example.com");
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    // Without a request tenant, an admin of Default may act on users of any tenant.
    let res = apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": member, "actionerUserId": admin, "expiry": START + 1000}),
    );
    assert_eq!(res.ok()["action"]["tenantId"], other.as_str());
    // With a request tenant, both users must belong to it.
    app.tenant = Some(other.clone());
    let res = apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": member, "actionerUserId": admin, "expiry": START + 1000}),
    );
    assert_eq!(res.codes(), ["[invalid]action.actionerUserId"]);
    app.tenant = Some(default);
    apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": member, "actionerUserId": admin, "expiry": START + 1000}),
    )
    .has_code("[invalid]action.actioneeUserId");
});

both!(tenant_scoped_key_sees_only_its_tenant, |app| {
    let mut app = app;
    let default = app.default_tenant();
    let admin = app.user("admin@example.com", &[]);
    let other = tenant(&app, "Other");
    let member = user_in(&mut app, &other, "member@example.com");
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let reason = app.post(
        "/api/user-action-reason",
        json!({"userActionReason": {"code": "R", "text": "Reason"}}),
    );
    let reason = reason.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mine = apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": admin, "actionerUserId": admin, "expiry": START + 1000}),
    );
    let mine = mine.ok()["action"]["id"].as_str().unwrap().to_string();
    let theirs = apply(
        &app,
        json!({"userActionId": ban, "actioneeUserId": member, "actionerUserId": admin, "expiry": START + 1000}),
    );
    let theirs = theirs.ok()["action"]["id"].as_str().unwrap().to_string();

    app.key = scoped_key(&app, &default);
    // Users and instances of its own tenant only.
    app.get(&format!("/api/user/{admin}")).ok();
    let res = app.get(&format!("/api/user/{member}"));
    assert_eq!(res.status, 404);
    assert_eq!(res.text, "");
    app.get(&format!("/api/user/action/{mine}")).ok();
    assert_eq!(app.get(&format!("/api/user/action/{theirs}")).status, 404);
    app.get(&format!("/api/user/action?userId={member}"))
        .has_code("[invalid]userId");
    let found = app.post("/api/user/action/search", json!({}));
    assert_eq!(found.ok()["total"], 1);
    assert_eq!(found.body["actions"][0]["id"], mine.as_str());
    let found = app.post("/api/user/action/search", json!({"tenantId": other}));
    assert_eq!(found.ok()["total"], 0);
    assert_eq!(
        app.put(
            &format!("/api/user/action/{theirs}"),
            json!({"action": {"actionerUserId": admin, "expiry": START + 5000}})
        )
        .status,
        404
    );
    // No tenant header is needed for user look-ups, even with two tenants.
    assert_eq!(
        app.get("/api/user?email=admin@example.com").ok()["user"]["id"],
        admin.as_str()
    );

    // Definitions and reasons: read only.
    app.get("/api/user-action").ok();
    app.get(&format!("/api/user-action/{ban}")).ok();
    app.get("/api/user-action-reason").ok();
    app.get(&format!("/api/user-action-reason/{reason}")).ok();
    let refused = [
        app.post("/api/user-action", json!({"userAction": {"name": "New"}})),
        app.put(
            &format!("/api/user-action/{ban}"),
            json!({"userAction": {"name": "B"}}),
        ),
        app.patch(
            &format!("/api/user-action/{ban}"),
            json!({"userAction": {"name": "B"}}),
        ),
        app.delete(&format!("/api/user-action/{ban}")),
        app.post(
            "/api/user-action-reason",
            json!({"userActionReason": {"code": "N", "text": "N"}}),
        ),
        app.put(
            &format!("/api/user-action-reason/{reason}"),
            json!({"userActionReason": {"code": "N", "text": "N"}}),
        ),
        app.delete(&format!("/api/user-action-reason/{reason}")),
        app.get("/api/tenant"),
        app.get(&format!("/api/tenant/{default}")),
        app.post("/api/tenant", json!({"tenant": {"name": "Mine"}})),
        app.delete(&format!("/api/tenant/{other}")),
        app.get("/api/api-key"),
        app.post("/api/api-key", json!({"apiKey": {}})),
    ];
    for res in refused {
        assert_eq!(res.status, 401, "{}", res.text);
        assert_eq!(res.text, "");
    }
    // Its own tenant in the header is fine; another one is refused.
    app.tenant = Some(default.clone());
    app.get(&format!("/api/user/{admin}")).ok();
    app.tenant = Some(other.clone());
    let res = app.get(&format!("/api/user/{admin}"));
    assert_eq!(res.status, 401);
    assert_eq!(res.text, "");
    app.tenant = Some("garbage".into());
    assert_eq!(app.get("/api/user-action").status, 401);

    // Nothing was changed by the refused calls.
    app.key = API_KEY.into();
    app.tenant = None;
    assert_eq!(
        app.get(&format!("/api/user-action/{ban}")).ok()["userAction"]["name"],
        "Ban"
    );
    assert_eq!(
        app.get("/api/tenant").ok()["tenants"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
});

both!(scoped_key_creates_users_in_its_tenant, |app| {
    let mut app = app;
    let other = tenant(&app, "Other");
    app.key = scoped_key(&app, &other);
    let user = app.user("scoped@example.com", &[]);
    app.key = API_KEY.into();
    assert_eq!(
        app.get(&format!("/api/user/{user}")).ok()["user"]["tenantId"],
        other.as_str()
    );
});

both!(tenant_ids_limit_a_definition, |app| {
    let mut app = app;
    let default = app.default_tenant();
    let admin = app.user("admin@example.com", &[]);
    let other = tenant(&app, "Other");
    let member = user_in(&mut app, &other, "member@example.com");
    let local = app.action(json!({"name": "Local", "temporal": true, "tenantIds": [default]}));
    assert_eq!(
        app.get(&format!("/api/user-action/{local}")).ok()["userAction"]["tenantIds"],
        json!([default])
    );
    apply(
        &app,
        json!({"userActionId": local, "actioneeUserId": member, "actionerUserId": admin, "expiry": START + 1000}),
    )
    .has_code("[invalid]action.userActionId");
    apply(
        &app,
        json!({"userActionId": local, "actioneeUserId": admin, "actionerUserId": admin, "expiry": START + 1000}),
    )
    .ok();
    let everywhere = app.action(json!({"name": "Everywhere"}));

    app.key = scoped_key(&app, &other);
    let names: Vec<_> = app.get("/api/user-action").ok()["userActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Everywhere"]);
    assert_eq!(app.get(&format!("/api/user-action/{local}")).status, 404);
    app.get(&format!("/api/user-action/{everywhere}")).ok();
});

both!(deleting_a_tenant_removes_its_users_and_instances, |app| {
    let mut app = app;
    let admin = app.user("admin@example.com", &[]);
    let other = tenant(&app, "Other");
    let member = user_in(&mut app, &other, "member@example.com");
    let only_there = app.action(json!({"name": "There", "temporal": true, "tenantIds": [other]}));
    let res = apply(
        &app,
        json!({"userActionId": only_there, "actioneeUserId": member, "actionerUserId": admin, "expiry": START + 1000}),
    );
    let instance = res.ok()["action"]["id"].as_str().unwrap().to_string();
    let key = scoped_key(&app, &other);
    assert_eq!(app.delete(&format!("/api/tenant/{other}")).status, 200);
    assert_eq!(app.get(&format!("/api/user/{member}")).status, 404);
    assert_eq!(app.get(&format!("/api/user/action/{instance}")).status, 404);
    let def = app.get(&format!("/api/user-action/{only_there}"));
    assert_eq!(def.ok()["userAction"]["active"], false);
    assert_eq!(def.body["userAction"]["tenantIds"], json!([]));
    // Its tenant-scoped key is gone too.
    app.key = key;
    assert_eq!(app.get("/api/user-action").status, 401);
    // One tenant again: no tenant id needed.
    app.key = API_KEY.into();
    app.user("again@example.com", &[]);
});
