//! `/api/email/template` and its preview; templates on definitions.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn template() -> Value {
    json!({
        "name": "Ban notice",
        "defaultSubject": "Your account: { $action }",
        "defaultHtmlTemplate": "<p>Hello { $firstName },</p>\n<p>{ $reason }</p>",
        "defaultTextTemplate": "Hello { $firstName },\n\n{ $action } until { $expiry } ({ $duration }).",
    })
}

fn create(app: &TestApp, body: Value) -> Res {
    app.post("/api/email/template", json!({ "emailTemplate": body }))
}

fn created_id(res: &Res) -> String {
    res.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The message of the first error on `field`.
fn message(res: &Res, field: &str) -> String {
    res.body["fieldErrors"][field][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

both!(create_retrieve_list_update_patch_delete, |app| {
    let mut body = template();
    body["name"] = " Ban notice ".into();
    body["defaultFromName"] = "Support".into();
    body["fromEmail"] = "help@example.com".into();
    body["localizedSubjects"] = json!({"de": "Ihr Konto: { $action }"});
    body["localizedFromNames"] = json!({"de": "Kundendienst"});
    let res = create(&app, body);
    let created = res.ok()["emailTemplate"].clone();
    assert_eq!(created["name"], "Ban notice");
    assert_eq!(created["defaultSubject"], "Your account: { $action }");
    assert_eq!(created["defaultFromName"], "Support");
    assert_eq!(created["fromEmail"], "help@example.com");
    assert_eq!(
        created["localizedSubjects"],
        json!({"de": "Ihr Konto: { $action }"})
    );
    assert_eq!(created["localizedFromNames"], json!({"de": "Kundendienst"}));
    assert!(created.get("localizedHtmlTemplates").is_none());
    assert_eq!(created["insertInstant"], START);
    assert_eq!(created["lastUpdateInstant"], START);
    let first = created_id(&res);

    app.clock.advance(10);
    let second = uuid::Uuid::new_v4().to_string();
    let res = app.post(
        &format!("/api/email/template/{}", second.to_uppercase()),
        json!({ "emailTemplate": template() }),
    );
    assert_eq!(res.ok()["emailTemplate"]["id"], second.as_str());
    app.post(
        &format!("/api/email/template/{second}"),
        json!({ "emailTemplate": template() }),
    )
    .has_code("[duplicate]emailTemplateId");

    assert_eq!(
        app.get(&format!("/api/email/template/{first}")).ok()["emailTemplate"],
        created
    );
    let ids: Vec<_> = app.get("/api/email/template").ok()["emailTemplates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, [first.clone(), second.clone()]);

    // PUT replaces the whole object.
    app.clock.advance(10);
    let mut changed = template();
    changed["name"] = "Renamed".into();
    let res = app.put(
        &format!("/api/email/template/{first}"),
        json!({ "emailTemplate": changed }),
    );
    let updated = &res.ok()["emailTemplate"];
    assert_eq!(updated["name"], "Renamed");
    assert!(updated.get("localizedSubjects").is_none());
    assert!(updated.get("fromEmail").is_none());
    assert_eq!(updated["insertInstant"], START);
    assert_eq!(updated["lastUpdateInstant"], START + 20);

    // PATCH merges and validates the result.
    let res = app.patch(
        &format!("/api/email/template/{first}"),
        json!({"emailTemplate": {"defaultSubject": "Notice for { $fullName }",
                                  "localizedTextTemplates": {"fr": "Bonjour { $firstName }"}}}),
    );
    let patched = &res.ok()["emailTemplate"];
    assert_eq!(patched["name"], "Renamed");
    assert_eq!(patched["defaultSubject"], "Notice for { $fullName }");
    assert_eq!(
        patched["localizedTextTemplates"],
        json!({"fr": "Bonjour { $firstName }"})
    );
    app.patch(
        &format!("/api/email/template/{first}"),
        json!({"emailTemplate": {"defaultSubject": "{ $nope }"}}),
    )
    .has_code("[invalid]emailTemplate.defaultSubject");
    let res = app.raw(
        "PATCH",
        &format!("/api/email/template/{first}"),
        "application/json-patch+json",
        r#"[{"op": "replace", "path": "/emailTemplate/name", "value": "Patched"}]"#,
    );
    assert_eq!(res.ok()["emailTemplate"]["name"], "Patched");

    assert_eq!(
        app.delete(&format!("/api/email/template/{first}")).status,
        200
    );
    assert_eq!(app.get(&format!("/api/email/template/{first}")).status, 404);
    assert_eq!(
        app.delete(&format!("/api/email/template/{first}")).status,
        404
    );
    let missing = uuid::Uuid::new_v4();
    assert_eq!(
        app.put(
            &format!("/api/email/template/{missing}"),
            json!({ "emailTemplate": template() })
        )
        .status,
        404
    );
    app.get("/api/email/template/not-a-uuid")
        .has_code("[invalid]emailTemplateId");
    app.put(
        "/api/email/template",
        json!({ "emailTemplate": template() }),
    )
    .has_code("[missing]emailTemplateId");
    app.post("/api/email/template", json!({"other": {}}))
        .has_code("[missing]emailTemplate");
});

both!(validation_codes, |app| {
    let codes = create(&app, json!({})).codes();
    for field in [
        "name",
        "defaultSubject",
        "defaultHtmlTemplate",
        "defaultTextTemplate",
    ] {
        let code = format!("[blank]emailTemplate.{field}");
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
    let with = |field: &str, value: Value| {
        let mut body = template();
        body[field] = value;
        create(&app, body)
    };
    with("name", "n".repeat(192).into()).has_code("[tooLong]emailTemplate.name");
    with("defaultSubject", "s".repeat(999).into())
        .has_code("[tooLong]emailTemplate.defaultSubject");
    with("defaultSubject", "s".repeat(998).into()).ok();
    with("fromEmail", "not an address".into()).has_code("[invalid]emailTemplate.fromEmail");

    let res = with("defaultSubject", "Hi { $secret }".into());
    res.has_code("[invalid]emailTemplate.defaultSubject");
    assert!(message(&res, "emailTemplate.defaultSubject").contains("$secret"));
    let res = with("defaultTextTemplate", "Hello\n{ $firstName".into());
    res.has_code("[invalid]emailTemplate.defaultTextTemplate");
    with("defaultHtmlTemplate", "{ -brand }".into())
        .has_code("[invalid]emailTemplate.defaultHtmlTemplate");
    with("defaultHtmlTemplate", "{ NUMBER($phase) }".into())
        .has_code("[invalid]emailTemplate.defaultHtmlTemplate");

    let res = with(
        "localizedHtmlTemplates",
        json!({"fr": "<p>{ $prenom }</p>", "de": "<p>{ $firstName }</p>"}),
    );
    res.has_code("[invalid]emailTemplate.localizedHtmlTemplates");
    let text = message(&res, "emailTemplate.localizedHtmlTemplates");
    assert!(text.contains("[fr]") && text.contains("$prenom"), "{text}");
    with("localizedSubjects", json!({"xx-!!": "Hi"}))
        .has_code("[invalid]emailTemplate.localizedSubjects");
    with("localizedSubjects", json!({"pt-BR": "Oi", "pt_br": "Olá"}))
        .has_code("[duplicate]emailTemplate.localizedSubjects");
    with("localizedTextTemplates", json!({"de": "  "}))
        .has_code("[blank]emailTemplate.localizedTextTemplates");
    with("localizedSubjects", json!({"de": "s".repeat(999)}))
        .has_code("[tooLong]emailTemplate.localizedSubjects");
    with("localizedFromNames", json!({"de": " "}))
        .has_code("[blank]emailTemplate.localizedFromNames");
    // Select expressions, literals and every template variable are fine.
    with(
        "defaultTextTemplate",
        json!("{ $phase ->\n  [cancel] lifted\n *[other] in place\n} {\"{\"}{ $action }{ $actionName }\
               { $option }{ $reason }{ $reasonCode }{ $comment }{ $expiry }{ $duration }\
               { $firstName }{ $lastName }{ $fullName }{ $email }{ $username }{ $tenant }{ $baseUrl }"),
    )
    .ok();
    assert_eq!(
        app.get("/api/email/template").ok()["emailTemplates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
});

both!(a_template_in_use_cannot_be_deleted, |app| {
    let id = created_id(&create(&app, template()));
    let ban = app.action(
        json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
                                "startEmailTemplateId": id}),
    );
    let res = app.delete(&format!("/api/email/template/{id}"));
    res.has_code("[inUse]emailTemplateId");
    assert!(res.body["fieldErrors"].get("emailTemplateId").is_some());
    app.get(&format!("/api/email/template/{id}")).ok();
    app.delete(&format!("/api/user-action/{ban}?hardDelete=true"))
        .ok();
    assert_eq!(app.delete(&format!("/api/email/template/{id}")).status, 200);
});

both!(preview_renders_sample_values_in_two_languages, |app| {
    let mut body = template();
    body["defaultFromName"] = "Support".into();
    body["fromEmail"] = "help@example.com".into();
    body["localizedSubjects"] = json!({"de": "Ihr Konto: { $action }"});
    body["localizedTextTemplates"] =
        json!({"de": "Hallo { $firstName },\n\n{ $action } bis { $expiry } ({ $duration })."});
    body["localizedFromNames"] = json!({"de": "Kundendienst"});
    let preview = |locale: Option<&str>| {
        let mut request = json!({ "emailTemplate": body });
        if let Some(locale) = locale {
            request["locale"] = locale.into();
        }
        app.post("/api/email/template/preview", request)
    };

    let res = preview(None);
    let email = &res.ok()["email"];
    assert_eq!(
        res.body["errors"],
        json!({"fieldErrors": {}, "generalErrors": []})
    );
    assert_eq!(email["subject"], "Your account: Example action");
    assert_eq!(
        email["text"],
        "Hello Jane,\n\nExample action until January 2, 2030, 12:00 AM UTC (1 day)."
    );
    assert_eq!(email["html"], "<p>Hello Jane,</p>\n<p>Example reason</p>");
    assert_eq!(
        email["from"],
        json!({"address": "help@example.com", "display": "Support"})
    );
    assert_eq!(email["attachments"], json!([]));
    assert_eq!(email["cc"], json!([]));
    assert_eq!(email["bcc"], json!([]));
    assert_eq!(email["to"][0]["address"], "jane.doe@example.com");

    let res = preview(Some("de_DE"));
    let email = &res.ok()["email"];
    assert_eq!(email["subject"], "Ihr Konto: Example action");
    assert_eq!(
        email["text"],
        "Hallo Jane,\n\nExample action bis 2. Januar 2030, 00:00 UTC (1 Tag)."
    );
    assert_eq!(email["from"]["display"], "Kundendienst");

    // Nothing was saved.
    assert_eq!(
        app.get("/api/email/template").ok()["emailTemplates"],
        json!([])
    );
});

both!(preview_reports_problems_and_renders_what_it_can, |app| {
    let res = app.post(
        "/api/email/template/preview",
        json!({"emailTemplate": {"defaultSubject": "Hi { $nope }",
                                 "defaultHtmlTemplate": "<p>{ $firstName",
                                 "defaultTextTemplate": "Dear { $fullName } <{ $email }>"},
               "locale": "not a locale"}),
    );
    let body = res.ok();
    assert_eq!(body["email"]["subject"], "Hi {$nope}");
    assert_eq!(
        body["email"]["text"],
        "Dear Jane Doe <jane.doe@example.com>"
    );
    assert_eq!(body["email"]["html"], "");
    let errors = body["errors"]["fieldErrors"].as_object().unwrap();
    for field in [
        "emailTemplate.name",
        "emailTemplate.defaultSubject",
        "emailTemplate.defaultHtmlTemplate",
        "locale",
    ] {
        assert!(errors.contains_key(field), "{field}: {errors:?}");
    }
    assert_eq!(
        errors["emailTemplate.defaultSubject"][0]["code"],
        "[invalid]emailTemplate.defaultSubject"
    );
    assert!(body["errors"]["generalErrors"].is_array());
    // A body that does not parse is still a 400.
    app.raw(
        "POST",
        "/api/email/template/preview",
        "application/json",
        "{",
    )
    .has_code("[invalidJSON]emailTemplate");
});

both!(global_keys_only, |app| {
    let mut app = app;
    let id = created_id(&create(&app, template()));
    let tenant = app.default_tenant();
    let res = app.post("/api/api-key", json!({"apiKey": {"tenantId": tenant}}));
    app.key = res.ok()["apiKey"]["key"].as_str().unwrap().to_string();
    assert_eq!(app.get("/api/email/template").status, 401);
    assert_eq!(app.get(&format!("/api/email/template/{id}")).status, 401);
    assert_eq!(create(&app, template()).status, 401);
    assert_eq!(
        app.post(
            "/api/email/template/preview",
            json!({ "emailTemplate": template() })
        )
        .status,
        401
    );
    assert_eq!(app.delete(&format!("/api/email/template/{id}")).status, 401);
});

both!(definitions_use_templates_for_emailing, |app| {
    let start = created_id(&create(&app, template()));
    let admin = app.user("admin@example.com", &[]);
    let user = app.user("user@example.com", &["de"]);
    app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Ban", "temporal": true, "userEmailingEnabled": true,
                              "startEmailTemplateId": uuid::Uuid::new_v4()}}),
    )
    .has_code("[invalid]userAction.startEmailTemplateId");
    let ban = app.action(
        json!({"name": "Ban", "temporal": true, "userEmailingEnabled": true,
                                "startEmailTemplateId": start}),
    );
    let got = app.get(&format!("/api/user-action/{ban}"));
    assert_eq!(
        got.ok()["userAction"]["startEmailTemplateId"],
        start.as_str()
    );

    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": admin,
                          "expiry": START + 3_600_000, "emailUser": true}}),
    );
    let action = &res.ok()["action"];
    assert_eq!(action["emailUserOnEnd"], true);
    let id = action["id"].as_str().unwrap().to_string();

    // No modify template: emailing on modify is refused, without it modify works.
    app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": admin, "expiry": START + 7_200_000, "emailUser": true}}),
    )
    .has_code("[actionIsMissingTemplateDefinition]action.emailUser");
    app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": admin, "expiry": START + 7_200_000}}),
    )
    .ok();
});
