//! `/api/key`: HMAC signing keys.

use base64::Engine;
use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn generate(app: &TestApp, body: Value) -> Res {
    app.post("/api/key/generate", json!({ "key": body }))
}

both!(generate_shows_the_secret_once, |app| {
    for (alg, bytes) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let res = generate(
            &app,
            json!({"algorithm": alg, "name": format!(" Signing {alg} ")}),
        );
        let key = res.ok()["key"].clone();
        assert_eq!(key["algorithm"], alg);
        assert_eq!(key["name"], format!("Signing {alg}"));
        assert_eq!(key["type"], "HMAC");
        assert_eq!(key["length"], bytes * 8);
        assert_eq!(key["insertInstant"], START);
        assert_eq!(key["lastUpdateInstant"], START);
        let secret = key["secret"].as_str().unwrap();
        let raw = base64::engine::general_purpose::STANDARD
            .decode(secret)
            .unwrap();
        assert_eq!(raw.len(), bytes, "{alg}");
        let kid = key["kid"].as_str().unwrap();
        assert!(!kid.is_empty());
        assert!(kid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));

        let id = key["id"].as_str().unwrap();
        let one = app.get(&format!("/api/key/{id}"));
        let stored = &one.ok()["key"];
        assert!(stored.get("secret").is_none(), "{}", one.text);
        assert_eq!(stored["kid"], kid);
        assert_eq!(stored["algorithm"], alg);
    }
    let list = app.get("/api/key");
    let keys = list.ok()["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| k.get("secret").is_none()));
    let kids: std::collections::BTreeSet<_> = keys.iter().map(|k| k["kid"].to_string()).collect();
    assert_eq!(kids.len(), 3);
});

both!(generate_with_an_id_and_duplicates, |app| {
    let id = uuid::Uuid::new_v4().to_string();
    let res = app.post(
        &format!("/api/key/generate/{}", id.to_uppercase()),
        json!({"key": {"algorithm": "HS256", "name": "Webhook signing"}}),
    );
    assert_eq!(res.ok()["key"]["id"], id.as_str());
    let codes = app
        .post(
            &format!("/api/key/generate/{id}"),
            json!({"key": {"algorithm": "HS256", "name": "WEBHOOK SIGNING"}}),
        )
        .codes();
    assert!(codes.contains(&"[duplicate]keyId".to_string()), "{codes:?}");
    assert!(
        codes.contains(&"[duplicate]key.name".to_string()),
        "{codes:?}"
    );
    app.post("/api/key/generate/nope", json!({"key": {}}))
        .has_code("[invalid]keyId");
});

both!(validation_codes, |app| {
    let codes = generate(&app, json!({})).codes();
    assert!(codes.contains(&"[missing]key.algorithm".to_string()));
    assert!(codes.contains(&"[blank]key.name".to_string()));
    for alg in ["RS256", "ES256", "EdDSA", "hs256"] {
        generate(&app, json!({"algorithm": alg, "name": "k"})).has_code("[invalid]key.algorithm");
    }
    generate(&app, json!({"algorithm": "HS256", "name": "  "})).has_code("[blank]key.name");
    generate(&app, json!({"algorithm": "HS256", "name": "x".repeat(192)}))
        .has_code("[tooLong]key.name");
    app.post("/api/key/generate", json!({}))
        .has_code("[missing]key");
    app.raw("POST", "/api/key/generate", "application/json", "{")
        .has_code("[invalidJSON]key");
    generate(&app, json!({"algorithm": 256, "name": "k"})).has_code("[invalid]key.algorithm");
    assert_eq!(app.get("/api/key").ok()["keys"], json!([]));
});

both!(retrieve_and_delete, |app| {
    let missing = uuid::Uuid::new_v4();
    assert_eq!(app.get(&format!("/api/key/{missing}")).status, 404);
    assert_eq!(app.delete(&format!("/api/key/{missing}")).status, 404);
    app.get("/api/key/x").has_code("[invalid]keyId");
    let res = generate(&app, json!({"algorithm": "HS512", "name": "gone"}));
    let id = res.ok()["key"]["id"].as_str().unwrap().to_string();
    let deleted = app.delete(&format!("/api/key/{id}"));
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.text, "");
    assert_eq!(app.get(&format!("/api/key/{id}")).status, 404);
    // The name is free again.
    generate(&app, json!({"algorithm": "HS256", "name": "gone"})).ok();
});

both!(a_key_a_webhook_signs_with_is_in_use, |app| {
    let res = generate(&app, json!({"algorithm": "HS256", "name": "signing"}));
    let key = res.ok()["key"]["id"].as_str().unwrap().to_string();
    let res = app.post(
        "/api/webhook",
        json!({"webhook": {"url": "https://example.com/h", "connectTimeout": 1000, "readTimeout": 1000,
            "signatureConfiguration": {"enabled": true, "signingKeyId": key}}}),
    );
    let hook = res.ok()["webhook"]["id"].as_str().unwrap().to_string();
    let refused = app.delete(&format!("/api/key/{key}"));
    refused.has_code("[inUse]keyId");
    assert!(refused.body["fieldErrors"]["keyId"].is_array());
    app.get(&format!("/api/key/{key}")).ok();
    app.delete(&format!("/api/webhook/{hook}")).ok();
    app.delete(&format!("/api/key/{key}")).ok();
});

both!(tenant_scoped_keys_get_401, |app| {
    let tenant = app.default_tenant();
    let res = app.post("/api/api-key", json!({"apiKey": {"tenantId": tenant}}));
    let scoped = res.ok()["apiKey"]["key"].as_str().unwrap().to_string();
    let res = generate(&app, json!({"algorithm": "HS256", "name": "k"}));
    let id = res.ok()["key"]["id"].as_str().unwrap().to_string();
    let mut app = app;
    app.key = scoped;
    assert_eq!(
        generate(&app, json!({"algorithm": "HS256", "name": "k2"})).status,
        401
    );
    assert_eq!(app.get("/api/key").status, 401);
    assert_eq!(app.get(&format!("/api/key/{id}")).status, 401);
    assert_eq!(app.delete(&format!("/api/key/{id}")).status, 401);
    app.key = "not-a-key".into();
    assert_eq!(app.get("/api/key").status, 401);
});
