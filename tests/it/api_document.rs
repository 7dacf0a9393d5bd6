//! The OpenAPI document states the rules the API enforces: a body the document allows is one the
//! API accepts, and a body it refuses is one the API refuses too.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

/// Whether `value` satisfies `schema`, for the keywords the document uses; `pattern` and `format`
/// are left out (unit tests in `openapi.rs` check the patterns against the services).
fn allows(doc: &Value, schema: &Value, value: &Value) -> bool {
    if let Some(name) = schema["$ref"].as_str() {
        let name = name.trim_start_matches("#/components/schemas/");
        return allows(doc, &doc["components"]["schemas"][name], value);
    }
    let each = |key: &str| schema[key].as_array().cloned().unwrap_or_default();
    if !each("allOf").iter().all(|s| allows(doc, s, value)) {
        return false;
    }
    if schema.get("anyOf").is_some() && !each("anyOf").iter().any(|s| allows(doc, s, value)) {
        return false;
    }
    if schema.get("oneOf").is_some()
        && each("oneOf")
            .iter()
            .filter(|s| allows(doc, s, value))
            .count()
            != 1
    {
        return false;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let is = |t: &str| match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => false,
    };
    if !types.is_empty() && !types.iter().any(|t| is(t)) {
        return false;
    }
    if let Some(values) = schema["enum"].as_array() {
        if !values.contains(value) {
            return false;
        }
    }
    let count = |key: &str| schema[key].as_u64().map(|n| n as usize);
    let number = |key: &str| schema[key].as_f64();
    match value {
        Value::String(s) => {
            let chars = s.chars().count();
            count("minLength").is_none_or(|n| chars >= n)
                && count("maxLength").is_none_or(|n| chars <= n)
        }
        Value::Number(n) => {
            let n = n.as_f64().unwrap();
            number("minimum").is_none_or(|m| n >= m) && number("maximum").is_none_or(|m| n <= m)
        }
        Value::Array(items) => {
            count("minItems").is_none_or(|n| items.len() >= n)
                && count("maxItems").is_none_or(|n| items.len() <= n)
                && (schema.get("items").is_none()
                    || items.iter().all(|i| allows(doc, &schema["items"], i)))
        }
        Value::Object(map) => {
            let required = each("required");
            required
                .iter()
                .all(|r| map.contains_key(r.as_str().unwrap()))
                && count("maxProperties").is_none_or(|n| map.len() <= n)
                && map.iter().all(|(k, v)| match schema["properties"].get(k) {
                    Some(property) => allows(doc, property, v),
                    None => match &schema["additionalProperties"] {
                        Value::Object(_) => allows(doc, &schema["additionalProperties"], v),
                        Value::Bool(b) => *b,
                        _ => true,
                    },
                })
        }
        _ => true,
    }
}

/// Each body, as the document judges it and as the API answers it (200 or 400).
#[track_caller]
fn agree(app: &TestApp, path: &str, schema: &str, bodies: &[Value]) {
    let doc = app.get("/api/openapi.json").ok().clone();
    let schema = json!({"$ref": format!("#/components/schemas/{schema}")});
    for body in bodies {
        let documented = allows(&doc, &schema, body);
        let res = app.post(path, body.clone());
        assert!(matches!(res.status, 200 | 400), "{body}: {}", res.text);
        assert_eq!(
            documented,
            res.status == 200,
            "{path} {body}: the document {} it, the API answered {}",
            if documented { "allows" } else { "refuses" },
            res.text
        );
    }
}

both!(definition_rules_across_properties, |app| {
    let template = app
        .post(
            "/api/email/template",
            json!({"emailTemplate": {"name": "Start", "defaultSubject": "S",
                "defaultHtmlTemplate": "H", "defaultTextTemplate": "T"}}),
        )
        .ok()["emailTemplate"]["id"]
        .clone();
    let mut n = 0;
    let mut named = |action: Value| {
        n += 1;
        let mut action = action;
        action["name"] = json!(format!("Definition {n}"));
        json!({ "userAction": action })
    };
    let ladder = json!({"window": 86_400_000, "durations": [60_000]});
    let bodies = [
        // Accepted.
        named(json!({})),
        named(json!({"temporal": false, "preventLogin": false, "reminders": [], "options": []})),
        named(json!({"options": [{"name": "happy"}, {"name": "sad"}]})),
        named(
            json!({"temporal": true, "preventLogin": true, "reminders": [{"beforeExpiry": 1000}]}),
        ),
        named(json!({"temporal": true, "kind": "penalty", "escalation": ladder})),
        named(json!({"userEmailingEnabled": true, "startEmailTemplateId": template})),
        named(json!({"includeEmailInEventJSON": true, "startEmailTemplateId": template})),
        named(json!({"temporal": null, "escalation": null, "userEmailingEnabled": null})),
        // Refused.
        named(json!({"preventLogin": true})),
        named(json!({"temporal": false, "preventLogin": true})),
        named(json!({"reminders": [{"beforeExpiry": 1000}]})),
        named(json!({"temporal": true, "reminders": [{"beforeExpiry": 0}]})),
        named(json!({"temporal": true, "options": [{"name": "happy"}]})),
        named(json!({"options": [{"localizedNames": {"de": "froh"}}]})),
        named(json!({"kind": "penalty", "escalation": ladder})),
        named(json!({"temporal": true, "kind": "entitlement", "escalation": ladder})),
        named(json!({"userEmailingEnabled": true})),
        named(json!({"includeEmailInEventJSON": true, "startEmailTemplateId": null})),
    ];
    agree(&app, "/api/user-action", "UserActionRequest", &bodies);
});

both!(lockout_rule_across_properties, |app| {
    let lockout = app.action(json!({"name": "Lockout", "temporal": true, "preventLogin": true}));
    let mut n = 0;
    let mut tenant = |failed: Value| {
        n += 1;
        json!({"tenant": {"name": format!("Tenant {n}"), "failedAuthenticationConfiguration": failed}})
    };
    let bodies = [
        tenant(json!({"userActionId": lockout})),
        tenant(json!({"userActionId": lockout, "actionDurationUnit": "MINUTES"})),
        tenant(json!({"userActionId": null, "actionDurationUnit": null})),
        tenant(json!({"actionDurationUnit": null})),
        tenant(json!({"userActionId": lockout, "actionDurationUnit": null})),
    ];
    agree(&app, "/api/tenant", "TenantRequest", &bodies);
});
