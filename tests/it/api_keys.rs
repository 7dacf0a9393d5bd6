//! `/api/api-key`.

use serde_json::json;

use crate::both;
use crate::support::*;

both!(created_key_is_shown_once_and_works, |app| {
    let mut app = app;
    let res = app.post(
        "/api/api-key",
        json!({"apiKey": {"metaData": {"attributes": {"description": "CI"}}}}),
    );
    let created = res.ok()["apiKey"].clone();
    let key = created["key"].as_str().unwrap().to_string();
    assert!(key.len() >= 32, "{key}");
    assert_eq!(created["metaData"]["attributes"]["description"], "CI");
    assert!(created.get("tenantId").is_none());
    assert_eq!(created["insertInstant"], START);
    let id = created["id"].as_str().unwrap().to_string();

    let one = app.get(&format!("/api/api-key/{id}"));
    assert!(one.ok()["apiKey"].get("key").is_none(), "{}", one.text);
    assert!(!one.text.contains(&key));
    assert_eq!(
        one.body["apiKey"]["metaData"]["attributes"]["description"],
        "CI"
    );
    let list = app.get("/api/api-key");
    let keys = list.ok()["apiKeys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "the configured key and the new one");
    assert!(keys.iter().all(|k| k.get("key").is_none()));
    assert!(!list.text.contains(&key));
    assert!(!list.text.contains(API_KEY));

    // The new key is a global key.
    app.key = key;
    app.get("/api/tenant").ok();
    app.post(
        "/api/user-action",
        json!({"userAction": {"name": "By new key"}}),
    )
    .ok();
});

both!(given_key_and_id, |app| {
    let mut app = app;
    let id = uuid::Uuid::new_v4().to_string();
    let chosen = "k".repeat(32);
    let res = app.post(
        &format!("/api/api-key/{id}"),
        json!({"apiKey": {"key": chosen}}),
    );
    assert_eq!(res.ok()["apiKey"]["id"], id.as_str());
    assert_eq!(res.body["apiKey"]["key"], chosen.as_str());
    app.post("/api/api-key", json!({"apiKey": {"key": "k".repeat(31)}}))
        .has_code("[tooShort]apiKey.key");
    app.post("/api/api-key", json!({"apiKey": {"key": chosen}}))
        .has_code("[duplicate]apiKey.key");
    app.post(&format!("/api/api-key/{id}"), json!({"apiKey": {}}))
        .has_code("[duplicate]apiKeyId");
    app.post(
        "/api/api-key",
        json!({"apiKey": {"tenantId": uuid::Uuid::new_v4()}}),
    )
    .has_code("[invalid]apiKey.tenantId");
    app.post(
        "/api/api-key",
        json!({"apiKey": {"permissions": {"endpoints": {"/api/user": ["GET"]}}}}),
    )
    .has_code("[notAllowed]apiKey.permissions");
    app.post(
        "/api/api-key",
        json!({"apiKey": {"metaData": {"attributes": {"description": "x".repeat(1025)}}}}),
    )
    .has_code("[tooLong]apiKey.metaData.attributes.description");
    assert_eq!(
        app.get("/api/api-key").ok()["apiKeys"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    app.key = chosen;
    app.get("/api/api-key").ok();
});

both!(tenant_scoped_key_creation, |app| {
    let mut app = app;
    let tenant = app.default_tenant();
    let res = app.post("/api/api-key", json!({"apiKey": {"tenantId": tenant}}));
    let created = res.ok()["apiKey"].clone();
    assert_eq!(created["tenantId"], tenant.as_str());
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.get(&format!("/api/api-key/{id}")).ok()["apiKey"]["tenantId"],
        tenant.as_str()
    );
    app.key = created["key"].as_str().unwrap().to_string();
    // Scoped keys may not manage keys.
    assert_eq!(app.get("/api/api-key").status, 401);
    assert_eq!(app.post("/api/api-key", json!({"apiKey": {}})).status, 401);
    assert_eq!(app.delete(&format!("/api/api-key/{id}")).status, 401);
    app.user("scoped@example.com", &[]);
});

both!(deleted_key_stops_working, |app| {
    let mut app = app;
    let res = app.post("/api/api-key", json!({"apiKey": {}}));
    let id = res.ok()["apiKey"]["id"].as_str().unwrap().to_string();
    let key = res.body["apiKey"]["key"].as_str().unwrap().to_string();
    app.key = key.clone();
    app.get("/api/user-action").ok();
    app.key = API_KEY.into();
    let res = app.delete(&format!("/api/api-key/{id}"));
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "");
    assert_eq!(app.get(&format!("/api/api-key/{id}")).status, 404);
    assert_eq!(app.delete(&format!("/api/api-key/{id}")).status, 404);
    app.key = key;
    let res = app.get("/api/user-action");
    assert_eq!(res.status, 401);
    assert_eq!(res.text, "");
});

both!(unknown_and_malformed_keys_are_401, |app| {
    let mut app = app;
    for key in ["", "nope", "Bearer test-api-key-0123456789abcdefghijklmnop"] {
        app.key = key.into();
        let res = app.get("/api/user-action");
        assert_eq!(res.status, 401, "{key}");
        assert_eq!(res.text, "");
    }
    let res = app
        .client
        .post(format!("{}/api/user/action", app.base))
        .json(&json!({"action": {}}))
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(res.text().unwrap(), "");
    assert_eq!(app.get("/api/status").status, 200);
});
