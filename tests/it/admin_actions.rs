//! Admin pages for action definitions: list, create, edit, deactivate, reactivate, delete.

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

/// The definition named `name` among the active (or inactive) ones of the API.
fn by_name(app: &TestApp, name: &str, inactive: bool) -> Option<Value> {
    let path = if inactive {
        "/api/user-action?inactive=true"
    } else {
        "/api/user-action"
    };
    app.get(path).ok()["userActions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .cloned()
}

/// The fields every definition form sends, including its always-present empty rows.
fn base_form(name: &str) -> Vec<(&str, &str)> {
    vec![
        ("name", name),
        ("transaction_type", "None"),
        ("tenant_scope", "all"),
        ("start_email_template_id", ""),
        ("modify_email_template_id", ""),
        ("cancel_email_template_id", ""),
        ("end_email_template_id", ""),
        ("option_name", ""),
        ("option_localized", ""),
        ("locale", ""),
        ("localized", ""),
    ]
}

both!(creating_through_the_form_stores_every_field, |app| {
    let admin = app.signed_in("admin");
    let page = admin.get("/admin/actions/new");
    assert_eq!(page.status, 200);
    page.assert_has("New action");

    // A temporal action with a German name.
    let mut fields = vec![
        ("temporal", "true"),
        ("prevent_login", "true"),
        ("send_end_event", "true"),
        ("user_notifications_enabled", "true"),
        ("locale", "de"),
        ("localized", "Sperre"),
    ];
    fields.extend(base_form("Ban"));
    admin
        .post("/admin/actions/new", &fields)
        .redirects_to("/admin/actions?done=created");
    let ban = by_name(&app, "Ban", false).expect("Ban is listed by the API");
    let ban = app.get(&format!("/api/user-action/{}", ban["id"].as_str().unwrap()));
    let ban = &ban.ok()["userAction"];
    assert_eq!(ban["temporal"], true);
    assert_eq!(ban["preventLogin"], true);
    assert_eq!(ban["sendEndEvent"], true);
    assert_eq!(ban["userNotificationsEnabled"], true);
    assert_eq!(ban["userEmailingEnabled"], false);
    assert_eq!(ban["localizedNames"], json!({"de": "Sperre"}));
    assert_eq!(ban["tenantIds"], json!([]));

    // Options belong to instantaneous actions: two, with localized names, and a German name.
    let mut fields = vec![
        ("option_name", "Happy"),
        ("option_localized", "de = Glücklich\r\nfr = Heureux"),
        ("option_name", "Sad"),
        ("option_localized", "de = Traurig"),
        ("locale", "de"),
        ("localized", "Stimmung"),
    ];
    fields.extend(base_form("Mood"));
    admin
        .post("/admin/actions/new", &fields)
        .redirects_to("/admin/actions?done=created");
    let mood = by_name(&app, "Mood", false).expect("Mood is listed by the API");
    let id = mood["id"].as_str().unwrap().to_string();
    let mood = app.get(&format!("/api/user-action/{id}"));
    let mood = &mood.ok()["userAction"];
    assert_eq!(mood["temporal"], false);
    assert_eq!(mood["localizedNames"], json!({"de": "Stimmung"}));
    assert_eq!(
        mood["options"],
        json!([
            {"name": "Happy", "localizedNames": {"de": "Glücklich", "fr": "Heureux"}},
            {"name": "Sad", "localizedNames": {"de": "Traurig"}},
        ])
    );

    // Both are in the list, with their kind and option count; the form shows the options.
    let list = admin.get("/admin/actions?done=created");
    list.assert_has("Created.");
    list.assert_has("Temporal");
    list.assert_has("Instantaneous");
    list.assert_has("2 options");
    let edit = admin.get(&format!("/admin/actions/{id}"));
    assert_eq!(edit.input_value("option_name").as_deref(), Some("Happy"));
    edit.assert_has("de = Glücklich\nfr = Heureux");

    // A temporal action with options is refused, the options error next to the options.
    let mut fields = vec![
        ("temporal", "true"),
        ("option_name", "Loud"),
        ("option_localized", ""),
    ];
    fields.extend(base_form("Noise"));
    let refused = admin.post("/admin/actions/new", &fields);
    assert_eq!(refused.status, 422);
    refused.assert_has("id=\"options-error\">A temporal action cannot have options.");
    assert_eq!(refused.input_value("option_name").as_deref(), Some("Loud"));
    assert!(by_name(&app, "Noise", false).is_none());
});

both!(
    errors_are_shown_next_to_their_fields_with_what_was_typed,
    |app| {
        let admin = app.signed_in("admin");
        admin.get("/admin/actions/new");

        let mut fields = vec![("locale", "de"), ("localized", "Verwarnung")];
        fields.extend(base_form("   "));
        let blank = admin.post("/admin/actions/new", &fields);
        assert_eq!(blank.status, 422);
        blank.assert_has("id=\"name-error\">This field is required.");
        assert_eq!(
            blank.input_value("localized").as_deref(),
            Some("Verwarnung")
        );

        // preventLogin on an instantaneous action: the error is at the preventLogin checkbox.
        let mut fields = vec![
            ("prevent_login", "true"),
            ("user_notifications_enabled", "true"),
            ("locale", "de"),
            ("localized", "Verwarnung"),
        ];
        fields.extend(base_form("Warning"));
        let page = admin.post("/admin/actions/new", &fields);
        assert_eq!(page.status, 422);
        page.assert_has("id=\"prevent_login-error\">Only a temporal action can prevent sign-in.");
        assert_eq!(page.input_value("name").as_deref(), Some("Warning"));
        assert_eq!(page.input_value("locale").as_deref(), Some("de"));
        assert_eq!(page.input_value("localized").as_deref(), Some("Verwarnung"));
        page.assert_has("name=\"prevent_login\" type=\"checkbox\" value=\"true\" checked");
        page.assert_has(
            "name=\"user_notifications_enabled\" type=\"checkbox\" value=\"true\" checked",
        );
        assert!(!page.contains("name=\"temporal\" type=\"checkbox\" value=\"true\" checked"));

        // Chosen tenants with none checked, and a template id no select offers.
        let mut fields = base_form("Warning");
        fields.retain(|(k, _)| *k != "tenant_scope" && *k != "start_email_template_id");
        fields.push(("tenant_scope", "chosen"));
        let none = admin.post("/admin/actions/new", &fields);
        assert_eq!(none.status, 422);
        none.assert_has("id=\"tenants-error\">Check at least one tenant, or choose all tenants.");
        fields.retain(|(k, _)| *k != "tenant_scope");
        fields.push(("tenant_scope", "all"));
        fields.push(("start_email_template_id", "not-an-id"));
        let tampered = admin.post("/admin/actions/new", &fields);
        assert_eq!(tampered.status, 422);
        tampered.assert_has(
            "id=\"start_email_template_id-error\">This email template no longer exists.",
        );

        assert!(by_name(&app, "Warning", false).is_none());
    }
);

both!(names_are_escaped_in_the_list, |app| {
    app.action(json!({"name": "<script>alert(1)</script>"}));
    let admin = app.signed_in("admin");
    let list = admin.get("/admin/actions");
    assert_eq!(list.status, 200);
    list.assert_has("&#60;script&#62;alert(1)&#60;/script&#62;");
    assert!(!list.contains("<script>alert(1)"));
});

both!(editing_changes_the_definition, |app| {
    let tenant = app.default_tenant();
    let id = app.action(json!({"name": "Mute", "temporal": true,
        "localizedNames": {"de": "Stumm"}}));
    let admin = app.signed_in("admin");
    let page = admin.get(&format!("/admin/actions/{id}"));
    assert_eq!(page.status, 200);
    assert_eq!(page.input_value("name").as_deref(), Some("Mute"));
    assert_eq!(page.input_value("locale").as_deref(), Some("de"));

    let mut fields = vec![
        ("temporal", "true"),
        ("prevent_login", "true"),
        ("locale", "de"),
        ("localized", "Stummschalten"),
        ("locale", "fr"),
        ("localized", "Muet"),
        ("tenant", &tenant),
    ];
    let mut base = base_form("Silence");
    base.retain(|(k, _)| *k != "tenant_scope");
    fields.extend(base);
    fields.push(("tenant_scope", "chosen"));
    admin
        .post(&format!("/admin/actions/{id}"), &fields)
        .redirects_to("/admin/actions?done=saved");
    let got = app.get(&format!("/api/user-action/{id}"));
    let got = &got.ok()["userAction"];
    assert_eq!(got["name"], "Silence");
    assert_eq!(got["preventLogin"], true);
    // Unchecked on the form, so no longer sent.
    assert_eq!(got["sendEndEvent"], false);
    assert_eq!(
        got["localizedNames"],
        json!({"de": "Stummschalten", "fr": "Muet"})
    );
    assert_eq!(got["tenantIds"], json!([tenant]));
    let list = admin.get("/admin/actions");
    list.assert_has("Silence");
    assert!(!list.contains("All tenants"));

    // An edit that breaks a rule is refused and changes nothing.
    let refused = admin.post(&format!("/admin/actions/{id}"), &base_form(""));
    assert_eq!(refused.status, 422);
    refused.assert_has("id=\"name-error\"");
    assert_eq!(
        app.get(&format!("/api/user-action/{id}")).ok()["userAction"]["name"],
        "Silence"
    );
});

both!(deactivate_and_reactivate, |app| {
    let id = app.action(json!({"name": "Kick"}));
    let admin = app.signed_in("admin");
    let list = admin.get("/admin/actions");
    list.assert_has("Kick");
    list.assert_has(&format!("action=\"/admin/actions/{id}/deactivate\""));
    let empty = admin.get("/admin/actions?inactive=1");
    empty.assert_has("No inactive actions.");

    admin
        .post(&format!("/admin/actions/{id}/deactivate"), &[])
        .redirects_to("/admin/actions?inactive=1&done=deactivated");
    let inactive = admin.get("/admin/actions?inactive=1");
    inactive.assert_has("Kick");
    inactive.assert_has(&format!("action=\"/admin/actions/{id}/reactivate\""));
    let active = admin.get("/admin/actions");
    assert!(!active.contains("Kick"));
    active.assert_has("No actions yet.");
    let api = app.get(&format!("/api/user-action/{id}"));
    assert_eq!(api.ok()["userAction"]["active"], false);
    // The edit page of an inactive action offers reactivation instead of saving.
    let edit = admin.get(&format!("/admin/actions/{id}"));
    edit.assert_has("This action is inactive");
    assert!(!edit.contains(">Save</button>"));
    let refused = admin.post(&format!("/admin/actions/{id}"), &base_form("Kick out"));
    assert_eq!(refused.status, 422);
    refused.assert_has("This action is inactive; reactivate it before changing it.");
    assert!(!refused.contains(">Save</button>"));

    admin
        .post(&format!("/admin/actions/{id}/reactivate"), &[])
        .redirects_to("/admin/actions?done=reactivated");
    let api = app.get(&format!("/api/user-action/{id}"));
    assert_eq!(api.ok()["userAction"]["active"], true);
    admin.get("/admin/actions").assert_has("Kick");
    assert!(!admin.get("/admin/actions?inactive=1").contains("Kick"));
});

both!(delete_states_how_many_instances_it_removes, |app| {
    let actioner = app.user("agent@example.com", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let mut instances = Vec::new();
    for email in ["one@example.com", "two@example.com"] {
        let user = app.user(email, &[]);
        let res = app.post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user,
                "actionerUserId": actioner, "expiry": START + 60_000}}),
        );
        instances.push(res.ok()["action"]["id"].as_str().unwrap().to_string());
    }
    let other = app.action(json!({"name": "Note"}));

    let admin = app.signed_in("admin");
    let page = admin.get(&format!("/admin/actions/{ban}/delete"));
    assert_eq!(page.status, 200);
    page.assert_has("Delete the action “Ban” for good?");
    page.assert_has("This also deletes the 2 times it was applied to users.");
    admin
        .get(&format!("/admin/actions/{other}/delete"))
        .assert_has("It has never been applied to a user.");

    admin
        .post(&format!("/admin/actions/{ban}/delete"), &[])
        .redirects_to("/admin/actions?done=deleted");
    assert_eq!(app.get(&format!("/api/user-action/{ban}")).status, 404);
    for instance in instances {
        assert_eq!(app.get(&format!("/api/user/action/{instance}")).status, 404);
    }
    assert!(by_name(&app, "Note", false).is_some());
    assert_eq!(admin.get(&format!("/admin/actions/{ban}")).status, 404);
});

both!(bad_ids_are_not_found, |app| {
    let admin = app.signed_in("admin");
    let nobody = uuid::Uuid::new_v4();
    for path in [
        "/admin/actions/not-an-id".to_string(),
        format!("/admin/actions/{nobody}"),
        format!("/admin/actions/{nobody}/delete"),
    ] {
        let page = admin.get(&path);
        assert_eq!(page.status, 404, "{path}");
        page.assert_has("Not found");
    }
    admin.get("/admin/actions");
    for path in [
        format!("/admin/actions/{nobody}/deactivate"),
        format!("/admin/actions/{nobody}/reactivate"),
        format!("/admin/actions/{nobody}/delete"),
        "/admin/actions/x/deactivate".to_string(),
    ] {
        assert_eq!(admin.post(&path, &[]).status, 404, "{path}");
    }
    assert_eq!(
        admin
            .post(&format!("/admin/actions/{nobody}"), &base_form("Ghost"))
            .status,
        404
    );
});

both!(support_agents_may_not_define_actions, |app| {
    let id = app.action(json!({"name": "Ban", "temporal": true}));
    let support = app.signed_in("support");
    for path in [
        "/admin/actions".to_string(),
        "/admin/actions?inactive=1".to_string(),
        "/admin/actions/new".to_string(),
        format!("/admin/actions/{id}"),
        format!("/admin/actions/{id}/delete"),
    ] {
        assert_eq!(support.get(&path).status, 403, "{path}");
    }
    support.get("/admin/");
    for path in [
        format!("/admin/actions/{id}/deactivate"),
        format!("/admin/actions/{id}/delete"),
    ] {
        assert_eq!(support.post(&path, &[]).status, 403, "{path}");
    }
    assert_eq!(
        support
            .post("/admin/actions/new", &base_form("Sneaky"))
            .status,
        403
    );
    let api = app.get(&format!("/api/user-action/{id}"));
    assert_eq!(api.ok()["userAction"]["active"], true);
    assert!(by_name(&app, "Sneaky", false).is_none());
});
