//! `/api/webhook`: webhooks and their clean-up when tenants and
//! definitions are deleted.

use base64::Engine;
use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn minimal() -> Value {
    json!({"url": "https://example.com/hook", "connectTimeout": 1000, "readTimeout": 2000})
}

fn with(extra: Value) -> Value {
    let mut body = minimal();
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn create(app: &TestApp, body: Value) -> Res {
    app.post("/api/webhook", json!({ "webhook": body }))
}

fn create_id(app: &TestApp, body: Value) -> String {
    let res = create(app, body);
    res.ok()["webhook"]["id"].as_str().unwrap().to_string()
}

fn get(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/webhook/{id}")).ok()["webhook"].clone()
}

fn tenant(app: &TestApp, name: &str) -> String {
    let res = app.post("/api/tenant", json!({"tenant": {"name": name}}));
    res.ok()["tenant"]["id"].as_str().unwrap().to_string()
}

fn signing_key(app: &TestApp, name: &str) -> String {
    let res = app.post(
        "/api/key/generate",
        json!({"key": {"algorithm": "HS256", "name": name}}),
    );
    res.ok()["key"]["id"].as_str().unwrap().to_string()
}

fn assert_secret(secret: &Value) {
    let text = secret.as_str().expect("secret is a string");
    let encoded = text.strip_prefix("whsec_").expect("whsec_ prefix");
    let raw = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(raw.len(), 32);
}

both!(create_with_defaults_and_the_secret, |app| {
    let res = create(&app, minimal());
    let hook = res.ok()["webhook"].clone();
    assert_eq!(
        hook.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "connectTimeout",
            "data",
            "eventsEnabled",
            "global",
            "headers",
            "id",
            "insertInstant",
            "lastUpdateInstant",
            "readTimeout",
            "secret",
            "signatureConfiguration",
            "tenantIds",
            "url",
            "userActionIds"
        ],
        "{}",
        res.text
    );
    assert_eq!(hook["url"], "https://example.com/hook");
    assert_eq!(hook["connectTimeout"], 1000);
    assert_eq!(hook["readTimeout"], 2000);
    assert_eq!(hook["global"], false);
    assert_eq!(hook["tenantIds"], json!([]));
    assert_eq!(hook["userActionIds"], json!([]));
    assert_eq!(hook["eventsEnabled"], json!({}));
    assert_eq!(hook["headers"], json!({}));
    assert_eq!(hook["data"], json!({}));
    assert_eq!(hook["signatureConfiguration"], json!({"enabled": false}));
    assert_eq!(hook["insertInstant"], START);
    assert_secret(&hook["secret"]);
    let id = hook["id"].as_str().unwrap();
    // Retrieve and list show the same secret (global keys only).
    assert_eq!(get(&app, id), hook);
    assert_eq!(app.get("/api/webhook").ok()["webhooks"], json!([hook]));
    // Each webhook gets its own secret.
    let other = create(&app, minimal());
    assert_ne!(other.ok()["webhook"]["secret"], hook["secret"]);
});

both!(create_with_everything_and_with_an_id, |app| {
    let t = app.default_tenant();
    let key = signing_key(&app, "sig");
    let action = app.action(json!({"name": "Ban", "temporal": true}));
    let id = uuid::Uuid::new_v4().to_string();
    let res = app.post(
        &format!("/api/webhook/{}", id.to_uppercase()),
        json!({"webhook": with(json!({
            "description": " Billing ",
            "eventsEnabled": {"user.action": true, "user.create": false},
            "tenantIds": [t, t],
            "headers": {"X-Api-Key": "abc", "Authorization": "Bearer t"},
            "httpAuthenticationUsername": "bob",
            "httpAuthenticationPassword": "hunter2",
            "signatureConfiguration": {"enabled": true, "signingKeyId": key},
            "userActionIds": [action],
            "data": {"team": "billing"},
            "secret": "whsec_Y2xpZW50LWNob3Nlbg==",
        }))}),
    );
    let hook = res.ok()["webhook"].clone();
    assert_eq!(hook["id"], id.as_str());
    assert_eq!(hook["description"], "Billing");
    assert_eq!(
        hook["eventsEnabled"],
        json!({"user.action": true, "user.create": false})
    );
    assert_eq!(hook["tenantIds"], json!([t]));
    assert_eq!(
        hook["headers"],
        json!({"Authorization": "Bearer t", "X-Api-Key": "abc"})
    );
    assert_eq!(hook["httpAuthenticationUsername"], "bob");
    assert!(
        hook.get("httpAuthenticationPassword").is_none(),
        "{}",
        res.text
    );
    assert_eq!(
        hook["signatureConfiguration"],
        json!({"enabled": true, "signingKeyId": key})
    );
    assert_eq!(hook["userActionIds"], json!([action]));
    assert_eq!(hook["data"], json!({"team": "billing"}));
    // The client's secret is ignored.
    assert_ne!(hook["secret"], "whsec_Y2xpZW50LWNob3Nlbg==");
    assert_secret(&hook["secret"]);
    assert!(get(&app, &id).get("httpAuthenticationPassword").is_none());

    create(&app, minimal()).ok();
    app.post(&format!("/api/webhook/{id}"), json!({"webhook": minimal()}))
        .has_code("[duplicate]webhookId");
});

both!(update_keeps_secret_insert_instant_and_password, |app| {
    let id = create_id(
        &app,
        with(
            json!({"httpAuthenticationUsername": "bob", "httpAuthenticationPassword": "pw",
            "global": true, "eventsEnabled": {"user.action": true}, "description": "old"}),
        ),
    );
    let before = get(&app, &id);
    app.clock.advance(1000);
    let res = app.put(
        &format!("/api/webhook/{id}"),
        json!({"webhook": {"url": "http://localhost:9000/new", "connectTimeout": 5, "readTimeout": 6,
            "secret": "whsec_AAAA", "insertInstant": 1}}),
    );
    let after = res.ok()["webhook"].clone();
    assert_eq!(after["secret"], before["secret"]);
    assert_eq!(after["insertInstant"], START);
    assert_eq!(after["lastUpdateInstant"], START + 1000);
    assert_eq!(after["url"], "http://localhost:9000/new");
    // PUT replaces: omitted properties take their defaults.
    assert_eq!(after["global"], false);
    assert_eq!(after["eventsEnabled"], json!({}));
    assert!(after.get("description").is_none());
    assert!(after.get("httpAuthenticationUsername").is_none());
    assert!(after.get("httpAuthenticationPassword").is_none());
    assert_eq!(get(&app, &id), after);

    let missing = uuid::Uuid::new_v4();
    assert_eq!(
        app.put(
            &format!("/api/webhook/{missing}"),
            json!({"webhook": minimal()})
        )
        .status,
        404
    );
    app.put("/api/webhook", json!({"webhook": minimal()}))
        .has_code("[missing]webhookId");
    app.put(&format!("/api/webhook/{id}"), json!({}))
        .has_code("[missing]webhook");
});

both!(patch_merges_appends_and_validates, |app| {
    let t1 = app.default_tenant();
    let t2 = tenant(&app, "Second");
    let id = create_id(
        &app,
        with(json!({"tenantIds": [t1], "headers": {"X-A": "1"}, "description": "d"})),
    );
    let secret = get(&app, &id)["secret"].clone();
    let res = app.patch(
        &format!("/api/webhook/{id}"),
        json!({"webhook": {"tenantIds": [t2], "headers": {"X-B": "2"}, "description": null,
            "eventsEnabled": {"user.action": true}}}),
    );
    let hook = res.ok()["webhook"].clone();
    assert_eq!(hook["tenantIds"], json!([t1, t2]));
    assert_eq!(hook["headers"], json!({"X-A": "1", "X-B": "2"}));
    assert!(hook.get("description").is_none());
    assert_eq!(hook["eventsEnabled"], json!({"user.action": true}));
    assert_eq!(hook["secret"], secret);
    assert_eq!(hook["url"], "https://example.com/hook");

    let res = app.raw(
        "PATCH",
        &format!("/api/webhook/{id}"),
        "application/json-patch+json",
        r#"[{"op": "replace", "path": "/webhook/readTimeout", "value": 9}]"#,
    );
    assert_eq!(res.ok()["webhook"]["readTimeout"], 9);
    let res = app.raw(
        "PATCH",
        &format!("/api/webhook/{id}"),
        "application/merge-patch+json",
        r#"{"webhook": {"tenantIds": [], "global": true}}"#,
    );
    assert_eq!(res.ok()["webhook"]["tenantIds"], json!([]));
    assert_eq!(res.body["webhook"]["global"], true);
    app.patch(
        &format!("/api/webhook/{id}"),
        json!({"webhook": {"connectTimeout": 0}}),
    )
    .has_code("[tooSmall]webhook.connectTimeout");
    assert_eq!(get(&app, &id)["connectTimeout"], 1000);
    let missing = uuid::Uuid::new_v4();
    assert_eq!(
        app.patch(&format!("/api/webhook/{missing}"), json!({"webhook": {}}))
            .status,
        404
    );
});

both!(every_validation_code, |app| {
    let codes = create(&app, json!({})).codes();
    for code in [
        "[blank]webhook.url",
        "[missing]webhook.connectTimeout",
        "[missing]webhook.readTimeout",
    ] {
        assert!(codes.contains(&code.to_string()), "{code} in {codes:?}");
    }
    create(&app, with(json!({"url": "  "}))).has_code("[blank]webhook.url");
    for bad in [
        "ftp://example.com",
        "example.com/hook",
        "https://",
        "http://a b",
    ] {
        create(&app, with(json!({"url": bad}))).has_code("[invalid]webhook.url");
    }
    let long = format!("https://example.com/{}", "a".repeat(2049 - 20));
    assert_eq!(long.len(), 2049);
    create(&app, with(json!({"url": long}))).has_code("[tooLong]webhook.url");
    create(&app, with(json!({"url": &long[..2048]}))).ok();
    create(&app, with(json!({"connectTimeout": 0}))).has_code("[tooSmall]webhook.connectTimeout");
    create(&app, with(json!({"readTimeout": -5}))).has_code("[tooSmall]webhook.readTimeout");
    create(&app, with(json!({"readTimeout": "soon"}))).has_code("[invalid]webhook.readTimeout");
    create(&app, with(json!({"tenantIds": [uuid::Uuid::new_v4()]})))
        .has_code("[invalid]webhook.tenantIds");
    create(&app, with(json!({"userActionIds": [uuid::Uuid::new_v4()]})))
        .has_code("[invalid]webhook.userActionIds");
    for headers in [
        json!({"Bad Name": "x"}),
        json!({"Content-Type": "text/plain"}),
        json!({"content-length": "1"}),
        json!({"Host": "evil"}),
        json!({"X-FusionAuth-Signature-JWT": "x"}),
        json!({"webhook-id": "x"}),
        json!({"X-Ok": "a\r\nX-Injected: 1"}),
        json!({"X-Ok": "a\nb"}),
    ] {
        create(&app, with(json!({ "headers": headers }))).has_code("[invalid]webhook.headers");
    }
    create(
        &app,
        with(json!({"signatureConfiguration": {"enabled": true}})),
    )
    .has_code("[missing]webhook.signatureConfiguration.signingKeyId");
    create(
        &app,
        with(json!({"signatureConfiguration": {"enabled": true, "signingKeyId": uuid::Uuid::new_v4()}})),
    )
    .has_code("[invalid]webhook.signatureConfiguration.signingKeyId");
    create(
        &app,
        with(json!({"sslCertificateKeyId": uuid::Uuid::new_v4()})),
    )
    .has_code("[notAllowed]webhook.sslCertificateKeyId");
    create(
        &app,
        with(json!({"sslCertificate": "-----BEGIN CERTIFICATE-----"})),
    )
    .has_code("[notAllowed]webhook.sslCertificate");
    create(&app, with(json!({"description": "d".repeat(1025)})))
        .has_code("[tooLong]webhook.description");
    create(&app, with(json!({"description": "d".repeat(1024)}))).ok();
    // Every error is reported together.
    let codes = create(
        &app,
        json!({"url": "nope", "connectTimeout": 0, "description": "d".repeat(1025),
            "sslCertificate": "x"}),
    )
    .codes();
    assert_eq!(codes.len(), 5, "{codes:?}");
    app.raw("POST", "/api/webhook", "application/json", "{\"webhook\": ")
        .has_code("[invalidJSON]webhook");
    app.post("/api/webhook", json!({"webhook": null}))
        .has_code("[missing]webhook");
    app.get("/api/webhook/not-a-uuid")
        .has_code("[invalid]webhookId");
    // Nothing invalid was stored.
    assert_eq!(
        app.get("/api/webhook").ok()["webhooks"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
});

both!(delete_and_not_found, |app| {
    let id = create_id(&app, minimal());
    let res = app.delete(&format!("/api/webhook/{id}"));
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "");
    assert_eq!(app.get(&format!("/api/webhook/{id}")).status, 404);
    assert_eq!(app.delete(&format!("/api/webhook/{id}")).status, 404);
    app.delete("/api/webhook").has_code("[missing]webhookId");
    assert_eq!(app.get("/api/webhook").ok()["webhooks"], json!([]));
});

both!(tenant_scoped_keys_get_401, |app| {
    let t = app.default_tenant();
    let id = create_id(&app, minimal());
    let res = app.post("/api/api-key", json!({"apiKey": {"tenantId": t}}));
    let scoped = res.ok()["apiKey"]["key"].as_str().unwrap().to_string();
    let mut app = app;
    app.key = scoped;
    let path = format!("/api/webhook/{id}");
    assert_eq!(create(&app, minimal()).status, 401);
    assert_eq!(app.get("/api/webhook").status, 401);
    assert_eq!(app.get(&path).status, 401);
    assert_eq!(app.put(&path, json!({"webhook": minimal()})).status, 401);
    assert_eq!(app.patch(&path, json!({"webhook": {}})).status, 401);
    assert_eq!(app.delete(&path).status, 401);
});

both!(tenant_delete_removes_it_from_tenant_ids, |app| {
    let keep = app.default_tenant();
    let gone = tenant(&app, "Doomed");
    let both_ids = create_id(&app, with(json!({"tenantIds": [keep, gone]})));
    let only = create_id(
        &app,
        with(json!({"tenantIds": [gone], "eventsEnabled": {"user.action": true}})),
    );
    let untouched = create_id(&app, with(json!({"tenantIds": [keep]})));
    let before = get(&app, &untouched);
    app.clock.advance(500);
    app.delete(&format!("/api/tenant/{gone}")).ok();
    let hook = get(&app, &both_ids);
    assert_eq!(hook["tenantIds"], json!([keep]));
    assert_eq!(hook["lastUpdateInstant"], START + 500);
    let hook = get(&app, &only);
    assert_eq!(hook["tenantIds"], json!([]));
    assert_eq!(hook["global"], false);
    assert_eq!(get(&app, &untouched), before);
    // The webhook can be saved again as it is now.
    app.put(
        &format!("/api/webhook/{both_ids}"),
        json!({"webhook": get(&app, &both_ids)}),
    )
    .ok();
});

both!(
    definition_hard_delete_removes_it_from_user_action_ids,
    |app| {
        let a = app.action(json!({"name": "A"}));
        let b = app.action(json!({"name": "B"}));
        let on = json!({"user.action": true});
        let two = create_id(
            &app,
            with(json!({"userActionIds": [a, b], "eventsEnabled": on})),
        );
        let one = create_id(
            &app,
            with(json!({"userActionIds": [a], "eventsEnabled": on})),
        );
        let all = create_id(&app, with(json!({"eventsEnabled": on})));
        // A soft delete changes nothing.
        app.delete(&format!("/api/user-action/{a}")).ok();
        assert_eq!(get(&app, &one)["userActionIds"], json!([a]));
        app.clock.advance(500);
        app.delete(&format!("/api/user-action/{a}?hardDelete=true"))
            .ok();
        let hook = get(&app, &two);
        assert_eq!(hook["userActionIds"], json!([b]));
        assert_eq!(hook["eventsEnabled"], on);
        let hook = get(&app, &one);
        assert_eq!(hook["userActionIds"], json!([]));
        assert_eq!(hook["eventsEnabled"], json!({"user.action": false}));
        assert_eq!(hook["lastUpdateInstant"], START + 500);
        let hook = get(&app, &all);
        assert_eq!(hook["userActionIds"], json!([]));
        assert_eq!(hook["eventsEnabled"], on);
        assert_eq!(hook["lastUpdateInstant"], START);
        // The deleted definition can no longer be named.
        app.patch(
            &format!("/api/webhook/{two}"),
            json!({"webhook": {"userActionIds": [a]}}),
        )
        .has_code("[invalid]webhook.userActionIds");
    }
);

/// The service keeps the write-only password across updates, and `receiving` routes by flag,
/// tenant and definition. Checked on the stored rows, which the API never shows.
mod stored {
    use actioneer::db::Db;
    use actioneer::domain::webhook::WebhookInput;
    use actioneer::service::webhooks as svc;
    use actioneer::store;
    use serde_json::json;
    use uuid::Uuid;

    fn input(value: serde_json::Value) -> WebhookInput {
        let mut body = super::minimal();
        for (k, v) in value.as_object().unwrap() {
            body[k] = v.clone();
        }
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn password_kept_when_omitted_and_receiving_filters() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/w.db", dir.path().display()), 1).unwrap();
        db.run_migrations().unwrap();
        let mut conn = db.write().unwrap();
        let conn = &mut *conn;

        let hook = svc::create(
            conn,
            1,
            None,
            input(json!({"httpAuthenticationUsername": "u", "httpAuthenticationPassword": "pw"})),
        )
        .unwrap();
        svc::update(
            conn,
            2,
            hook.id,
            input(json!({"httpAuthenticationUsername": "v"})),
        )
        .unwrap();
        let stored = store::webhooks::find(conn, hook.id).unwrap().unwrap();
        assert_eq!(
            stored.spec.http_authentication_password.as_deref(),
            Some("pw")
        );
        assert_eq!(stored.secret, hook.secret);
        svc::update(
            conn,
            3,
            hook.id,
            input(json!({"httpAuthenticationPassword": "new"})),
        )
        .unwrap();
        let stored = store::webhooks::find(conn, hook.id).unwrap().unwrap();
        assert_eq!(
            stored.spec.http_authentication_password.as_deref(),
            Some("new")
        );

        let (tenant, action) = (Uuid::new_v4(), Uuid::new_v4());
        assert!(store::webhooks::receiving(conn, tenant, action)
            .unwrap()
            .is_empty());
        let global = svc::create(
            conn,
            4,
            None,
            input(json!({"global": true, "eventsEnabled": {"user.action": true}})),
        )
        .unwrap();
        let disabled = svc::create(
            conn,
            5,
            None,
            input(json!({"global": true, "eventsEnabled": {"user.action": false}})),
        )
        .unwrap();
        let got: Vec<Uuid> = store::webhooks::receiving(conn, tenant, action)
            .unwrap()
            .iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(got, [global.id]);
        assert!(store::webhooks::find(conn, disabled.id).unwrap().is_some());
        assert!(store::webhooks::find(conn, Uuid::new_v4())
            .unwrap()
            .is_none());
    }
}
