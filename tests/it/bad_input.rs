//! Requests a client gets wrong: every one answers 4xx, never 500.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

/// Every 400 body has both properties and one-sentence messages (checklist 30).
#[track_caller]
fn well_formed(res: &Res) {
    assert_eq!(res.status, 400, "{}", res.text);
    assert!(res.body["fieldErrors"].is_object(), "{}", res.text);
    assert!(res.body["generalErrors"].is_array(), "{}", res.text);
    let field = res.body["fieldErrors"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| v.as_array().unwrap().clone());
    let general = res.body["generalErrors"].as_array().unwrap().clone();
    for error in field.chain(general) {
        let message = error["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{error}");
        assert!(message.ends_with('.'), "{error}");
        assert!(error["code"].as_str().unwrap().starts_with('['), "{error}");
    }
}

both!(malformed_json_names_the_wrapper, |app| {
    for (path, wrapper) in [
        ("/api/user-action", "userAction"),
        ("/api/user-action-reason", "userActionReason"),
        ("/api/user/action", "action"),
        ("/api/user", "user"),
        ("/api/tenant", "tenant"),
        ("/api/application", "application"),
        ("/api/api-key", "apiKey"),
        ("/api/login", "login"),
        ("/api/user/action/search", "search"),
    ] {
        for body in ["{", "{\"x\": }", "[1,", "nul"] {
            let res = app.raw("POST", path, "application/json", body);
            well_formed(&res);
            res.has_code(&format!("[invalidJSON]{wrapper}"));
        }
        // Whatever the Content-Type.
        app.raw("POST", path, "text/plain", "{")
            .has_code(&format!("[invalidJSON]{wrapper}"));
    }
    let res = app.raw(
        "POST",
        "/api/user-action",
        "application/json",
        "{\n  \"userAction\": {\n    \"name\" \"x\"}}",
    );
    let message = res.body["fieldErrors"]["userAction"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("line 3"), "{message}");
});

both!(missing_wrappers, |app| {
    for (path, wrapper) in [
        ("/api/user-action", "userAction"),
        ("/api/user-action-reason", "userActionReason"),
        ("/api/user/action", "action"),
        ("/api/user", "user"),
        ("/api/tenant", "tenant"),
        ("/api/application", "application"),
        ("/api/api-key", "apiKey"),
    ] {
        for body in [
            json!({}),
            json!({ wrapper: null }),
            json!([]),
            json!("x"),
            json!({"other": {}}),
        ] {
            let res = app.post(path, body.clone());
            well_formed(&res);
            res.has_code(&format!("[missing]{wrapper}"));
        }
        let res = app.raw("POST", path, "application/json", "");
        res.has_code(&format!("[missing]{wrapper}"));
    }
});

both!(wrong_types_name_the_field, |app| {
    let user = app.user("u@example.com", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "/api/user-action",
            json!({"userAction": {"name": 5}}),
            "[invalid]userAction.name",
        ),
        (
            "/api/user-action",
            json!({"userAction": "Ban"}),
            "[invalid]userAction",
        ),
        (
            "/api/user-action",
            json!({"userAction": {"name": "X", "options": {"name": "a"}}}),
            "[invalid]userAction.options",
        ),
        (
            "/api/user-action-reason",
            json!({"userActionReason": {"code": ["a"], "text": "t"}}),
            "[invalid]userActionReason.code",
        ),
        (
            "/api/user",
            json!({"user": {"email": "a@example.com", "preferredLanguages": "en"}}),
            "[invalid]user.preferredLanguages",
        ),
        (
            "/api/user/action",
            json!({"action": {"userActionId": "not-a-uuid", "actioneeUserId": user, "actionerUserId": user}}),
            "[invalid]action.userActionId",
        ),
        (
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": user, "expiry": 1.5}}),
            "[invalid]action.expiry",
        ),
        (
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": user, "expiry": "tomorrow"}}),
            "[invalid]action.expiry",
        ),
        (
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": user, "emailUser": "yes"}}),
            "[invalid]action.emailUser",
        ),
        (
            "/api/user/action",
            json!({"broadcast": "yes", "action": {}}),
            "[invalid]broadcast",
        ),
        (
            "/api/tenant",
            json!({"tenant": {"name": "T", "failedAuthenticationConfiguration": {"tooManyAttempts": "many"}}}),
            "[invalid]tenant.failedAuthenticationConfiguration.tooManyAttempts",
        ),
        (
            "/api/login",
            json!({"loginId": 5, "password": "x"}),
            "[invalid]loginId",
        ),
        (
            "/api/api-key",
            json!({"apiKey": {"tenantId": "t"}}),
            "[invalid]apiKey.tenantId",
        ),
    ];
    for (path, body, code) in cases {
        let res = app.post(path, body);
        well_formed(&res);
        res.has_code(code);
    }
    // Nothing was created.
    assert_eq!(
        app.get("/api/user-action").ok()["userActions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let list = app.get(&format!("/api/user/action?userId={user}"));
    assert_eq!(list.ok()["actions"], json!([]));
});

both!(non_uuid_path_ids, |app| {
    for (method, path, code) in [
        ("GET", "/api/user-action/abc", "[invalid]userActionId"),
        ("PUT", "/api/user-action/abc", "[invalid]userActionId"),
        ("DELETE", "/api/user-action/abc", "[invalid]userActionId"),
        (
            "GET",
            "/api/user-action-reason/abc",
            "[invalid]userActionReasonId",
        ),
        ("GET", "/api/user/action/abc", "[invalid]actionId"),
        ("PUT", "/api/user/action/abc", "[invalid]actionId"),
        ("DELETE", "/api/user/action/abc", "[invalid]actionId"),
        ("GET", "/api/user/abc", "[invalid]userId"),
        ("GET", "/api/tenant/abc", "[invalid]tenantId"),
        ("GET", "/api/api-key/abc", "[invalid]apiKeyId"),
        ("GET", "/api/application/abc", "[invalid]applicationId"),
    ] {
        let res = app.request(method, path, None);
        well_formed(&res);
        res.has_code(code);
    }
    // Any letter case is accepted; ids come back lowercase.
    let id = app.action(json!({"name": "Ban"}));
    let res = app.get(&format!("/api/user-action/{}", id.to_uppercase()));
    assert_eq!(res.ok()["userAction"]["id"], id.as_str());
});

both!(bad_query_parameters, |app| {
    let user = app.user("u@example.com", &[]);
    for (query, code) in [
        (format!("userId={user}&active=maybe"), "[invalid]active"),
        (format!("userId={user}&active=TRUE"), "[invalid]active"),
        (
            format!("userId={user}&preventingLogin=1"),
            "[invalid]preventingLogin",
        ),
        ("userId=42".to_string(), "[invalid]userId"),
    ] {
        let res = app.get(&format!("/api/user/action?{query}"));
        well_formed(&res);
        res.has_code(code);
    }
    app.get("/api/user-action?inactive=yes")
        .has_code("[invalid]inactive");
    let id = app.action(json!({"name": "Ban"}));
    app.delete(&format!("/api/user-action/{id}?hardDelete=sure"))
        .has_code("[invalid]hardDelete");
    // Unknown parameters are ignored.
    app.get(&format!("/api/user/action?userId={user}&colour=blue"))
        .ok();
    // A userId wins nothing over an actionId in the path.
    let res = app.get(&format!(
        "/api/user/action/{}?userId=x",
        uuid::Uuid::new_v4()
    ));
    assert_eq!(res.status, 404);
});

both!(cancel_without_a_body, |app| {
    let admin = app.user("admin@example.com", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": admin, "actionerUserId": admin, "expiry": START + 1000}}),
    );
    let id = res.ok()["action"]["id"].as_str().unwrap().to_string();
    let res = app.delete(&format!("/api/user/action/{id}"));
    well_formed(&res);
    res.has_code("[missing]action");
    app.raw(
        "DELETE",
        &format!("/api/user/action/{id}"),
        "application/json",
        "{}",
    )
    .has_code("[missing]action");
    assert_eq!(
        app.get(&format!("/api/user/action/{id}")).ok()["action"]["state"],
        "active"
    );
});

both!(oversized_body_is_413, |app| {
    let big = format!(
        "{{\"userAction\": {{\"name\": \"{}\"}}}}",
        "x".repeat(1 << 20)
    );
    for path in [
        "/api/user-action",
        "/api/user/action",
        "/api/login",
        "/api/user/action/search",
    ] {
        let res = app.raw("POST", path, "application/json", &big);
        assert_eq!(res.status, 413, "{path}");
        assert_eq!(res.text, "");
    }
    // Just under the limit is parsed (and rejected for its content).
    let name_len = (1 << 20) - "{\"userAction\": {\"name\": \"\"}}".len();
    let fits = format!(
        "{{\"userAction\": {{\"name\": \"{}\"}}}}",
        "x".repeat(name_len)
    );
    app.raw("POST", "/api/user-action", "application/json", &fits)
        .has_code("[tooLong]userAction.name");
});

both!(unknown_paths_and_methods, |app| {
    for (method, path) in [
        ("GET", "/api/nothing"),
        ("GET", "/api/user-action/x/y"),
        ("POST", "/api/user/action/search/more"),
        ("GET", "/nothing"),
    ] {
        let res = app.request(method, path, None);
        assert_eq!(res.status, 404, "{method} {path}");
        assert_eq!(res.text, "");
    }
    let res = app.request("PATCH", "/api/user/action", Some(&json!({})));
    assert_eq!(res.status, 405);
    assert_eq!(res.text, "");
});

both!(python_client_length_header_is_tolerated, |app| {
    let body = json!({"userAction": {"name": "From Python"}}).to_string();
    let res = app
        .client
        .post(format!("{}/api/user-action", app.base))
        .header("Authorization", API_KEY)
        .header("Content-Type", "application/json")
        .header("Length", body.len().to_string())
        .body(body)
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let user = app.user("py@example.com", &[]);
    let res = app
        .client
        .get(format!("{}/api/user/action?userId={user}", app.base))
        .header("Authorization", API_KEY)
        .header("Length", "0")
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
});

both!(unknown_properties_are_ignored, |app| {
    let res = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Ban", "temporal": true, "somethingNew": {"x": 1}}, "extra": true}),
    );
    assert!(res.ok()["userAction"].get("somethingNew").is_none());
    let user = app.user("u@example.com", &[]);
    let ban = res.body["userAction"]["id"].as_str().unwrap().to_string();
    app.post(
        "/api/user/action",
        json!({"eventInfo": {"ipAddress": "127.0.0.1", "location": {"city": "X", "latitude": 1.5}},
               "action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": user,
                          "expiry": START + 1000, "futureField": 1}}),
    )
    .ok();
    app.post(
        "/api/login",
        json!({"loginId": "u@example.com", "password": "correct horse", "ipAddress": "1.2.3.4", "noJWT": true}),
    )
    .ok();
});

// JSON Schema's `integer` (the OpenAPI document's) counts `1000.0` as an integer; so does the API.
both!(integers_may_be_written_with_a_zero_fraction, |app| {
    let user = app.user("z@example.com", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let expiry = app.now() + 3_600_000;
    let body = format!(
        r#"{{"action": {{"userActionId": "{ban}", "actioneeUserId": "{user}",
            "actionerUserId": "{user}", "expiry": {expiry}.0}}}}"#
    );
    let res = app.raw("POST", "/api/user/action", "application/json", &body);
    assert_eq!(res.ok()["action"]["expiry"], expiry);
    // An extension, read through the definition's flattened extension properties.
    let res = app.raw(
        "POST",
        "/api/user-action",
        "application/json",
        r#"{"userAction": {"name": "Mute", "temporal": true, "kind": "penalty",
            "escalation": {"window": 8.64e7, "durations": [6e4, 3600000.0]}}}"#,
    );
    assert_eq!(
        res.ok()["userAction"]["escalation"],
        json!({"window": 86_400_000, "durations": [60_000, 3_600_000]})
    );
    // Free-form data keeps its numbers as written.
    let res = app.raw(
        "POST",
        "/api/user",
        "application/json",
        r#"{"user": {"email": "free@example.com", "data": {"ratio": 2.0, "n": [1.0]}}}"#,
    );
    let data = &res.ok()["user"]["data"];
    assert!(data["ratio"].is_f64() && data["n"][0].is_f64(), "{data}");
});
