//! Administrators see what quietly stops working: webhooks waiting for events a tenant has off
//! (on the webhook pages and the tenant page), and signing keys have their own page with the
//! secret shown once.

use serde_json::json;

use crate::both;
use crate::support::TestApp;

fn tenant(app: &TestApp, name: &str, events_on: bool) -> String {
    app.post(
        "/api/tenant",
        json!({"tenant": {
            "name": name,
            "eventConfiguration": {"events": {"user.action": {"enabled": events_on}}}
        }}),
    )
    .ok()["tenant"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn webhook(app: &TestApp, tenants: &[&str]) -> String {
    app.post(
        "/api/webhook",
        json!({"webhook": {
            "url": "https://example.com/quiet",
            "connectTimeout": 1000, "readTimeout": 2000,
            "eventsEnabled": {"user.action": true},
            "global": false,
            "tenantIds": tenants,
        }}),
    )
    .ok()["webhook"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

both!(
    webhook_pages_warn_when_a_served_tenant_has_the_event_off,
    |app| {
        let quiet = tenant(&app, "Quiet", false);
        let loud = tenant(&app, "Loud", true);
        let hook = webhook(&app, &[&quiet, &loud]);
        let admin = app.signed_in("admin");

        let list = admin.get("/admin/webhooks");
        assert_eq!(list.status, 200);
        list.assert_has("user.action is off on the tenant Quiet");
        assert!(!list.contains("off on the tenant Loud"), "{}", list.body);
        list.assert_has(&format!(
            r#"href="/admin/settings/tenants/{quiet}#user-action-events""#
        ));
        let edit = admin.get(&format!("/admin/webhooks/{hook}"));
        edit.assert_has("user.action is off on the tenant Quiet");

        let page = admin.get(&format!("/admin/settings/tenants/{quiet}"));
        page.assert_has("The webhook https://example.com/quiet waits for user.action");
        page.assert_has(&format!(r#"href="/admin/webhooks/{hook}""#));
        let other = admin.get(&format!("/admin/settings/tenants/{loud}"));
        assert!(!other.contains("waits for user.action"), "{}", other.body);

        // Switched on, the warnings go.
        app.put(
            &format!("/api/tenant/{quiet}"),
            json!({"tenant": {"name": "Quiet",
            "eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
        )
        .ok();
        let list = admin.get("/admin/webhooks");
        assert!(!list.contains("is off on the tenant"), "{}", list.body);
        let page = admin.get(&format!("/admin/settings/tenants/{quiet}"));
        assert!(!page.contains("waits for user.action"), "{}", page.body);
    }
);

both!(signing_keys_are_listed_generated_once_and_deleted, |app| {
    let admin = app.signed_in("admin");
    let empty = admin.get("/admin/settings/signing-keys");
    assert_eq!(empty.status, 200);
    empty.assert_has("There are no signing keys.");
    admin
        .get("/admin/settings")
        .assert_has(r#"href="/admin/settings/signing-keys""#);

    // A mistake shows the form again.
    let refused = admin.post(
        "/admin/settings/signing-keys/new",
        &[("name", " "), ("algorithm", "HS384")],
    );
    assert_eq!(refused.status, 422);
    refused.assert_has(r#"<option value="HS384" selected>"#);

    let created = admin
        .post(
            "/admin/settings/signing-keys/new",
            &[("name", "Billing signer"), ("algorithm", "HS512")],
        )
        .redirects_to("/admin/settings/signing-keys/");
    let shown = admin.get(&created);
    assert_eq!(shown.status, 200);
    let secret = shown.input_value("secret").expect("the secret, once");
    assert!(secret.len() >= 64, "{secret}");
    // Reloading the page does not show it again, nor make a second key.
    let again = admin.get(&created);
    assert_eq!(again.status, 200);
    assert!(!again.contains(&secret));
    again.assert_has("was shown once");
    let keys = app.get("/api/key").ok()["keys"].clone();
    assert_eq!(keys.as_array().unwrap().len(), 1, "{keys}");
    let id = keys[0]["id"].as_str().unwrap().to_string();

    let list = admin.get("/admin/settings/signing-keys");
    list.assert_has("Billing signer");
    list.assert_has("HS512");
    assert!(!list.contains(&secret));

    // A key a webhook signs with is not deleted.
    let hook = app
        .post(
            "/api/webhook",
            json!({"webhook": {"url": "https://example.com/signed",
                "connectTimeout": 1000, "readTimeout": 2000, "global": true,
                "signatureConfiguration": {"enabled": true, "signingKeyId": id}}}),
        )
        .ok()["webhook"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    admin
        .get(&format!("/admin/webhooks/{hook}"))
        .assert_has(r#"href="/admin/settings/signing-keys""#);
    let kept = admin.post(&format!("/admin/settings/signing-keys/{id}/delete"), &[]);
    assert_eq!(kept.status, 422);
    kept.assert_has("A webhook still signs with this key");
    app.delete(&format!("/api/webhook/{hook}")).ok();
    admin
        .post(&format!("/admin/settings/signing-keys/{id}/delete"), &[])
        .redirects_to("/admin/settings/signing-keys?done=deleted");
    assert!(app.get("/api/key").ok()["keys"]
        .as_array()
        .unwrap()
        .is_empty());
});
