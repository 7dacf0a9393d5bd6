//! Settings pages for administrators: tenants, applications, API keys, staff.

use serde_json::json;

use crate::both;
use crate::support::TestApp;
use crate::web_support::*;

/// Every message of these pages exists: a missing one would show its id.
#[track_caller]
fn all_messages_found(page: &Page) {
    for prefix in [
        "settings-",
        "tenants-",
        "applications-",
        "api-keys-",
        "staff-",
    ] {
        assert!(
            !page.contains(prefix),
            "a message id starting with {prefix} shows on the page:\n{}",
            page.body
        );
    }
}

fn tenant_id(app: &TestApp, name: &str) -> String {
    let tenants = app.get("/api/tenant").ok()["tenants"].clone();
    tenants
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no tenant {name} in {tenants}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn api_status_with_key(app: &TestApp, key: &str) -> u16 {
    reqwest::blocking::Client::new()
        .get(format!("{}/api/user-action", app.base))
        .header("Authorization", key)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

/// The tenant form's fields with `changes` applied.
fn tenant_fields<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("name", "Acme"),
        ("user_action_events", "true"),
        ("smtp_host", "smtp.acme.test"),
        ("smtp_port", "587"),
        ("smtp_security", "TLS"),
        ("smtp_username", "mailer"),
        ("smtp_password", "s3cret-smtp"),
        ("from_email", "noreply@acme.test"),
        ("from_name", "Acme"),
        ("lockout_action", ""),
        ("too_many_attempts", "5"),
        ("reset_count_in_seconds", "60"),
        ("action_duration", "3"),
        ("action_duration_unit", "MINUTES"),
    ];
    for &(name, value) in changes {
        fields.retain(|(n, _)| *n != name);
        fields.push((name, value));
    }
    fields
}

both!(
    tenants_are_created_and_edited_with_events_email_and_lockout,
    |app| {
        let admin = app.signed_in("admin");
        let index = admin.get("/admin/settings");
        assert_eq!(index.status, 200);
        index.assert_has("1 tenant");
        all_messages_found(&index);

        let form = admin.get("/admin/settings/tenants/new");
        assert_eq!(form.status, 200);
        all_messages_found(&form);
        admin
            .post("/admin/settings/tenants/new", &tenant_fields(&[]))
            .redirects_to("/admin/settings/tenants?done=created");
        let list = admin.get("/admin/settings/tenants?done=created");
        list.assert_has("Created.");
        list.assert_has("Acme");

        let id = tenant_id(&app, "Acme");
        let tenant = app.get(&format!("/api/tenant/{id}")).ok()["tenant"].clone();
        assert_eq!(
            tenant["eventConfiguration"]["events"]["user.action"]["enabled"],
            true
        );
        assert_eq!(tenant["emailConfiguration"]["host"], "smtp.acme.test");
        assert_eq!(tenant["emailConfiguration"]["port"], 587);
        assert_eq!(tenant["emailConfiguration"]["security"], "TLS");
        assert_eq!(
            tenant["failedAuthenticationConfiguration"]["tooManyAttempts"],
            5
        );

        // The stored SMTP password is never sent back.
        let edit = admin.get(&format!("/admin/settings/tenants/{id}"));
        assert_eq!(edit.status, 200);
        assert!(!edit.contains("s3cret-smtp"));
        edit.assert_has("A password is stored.");
        assert_eq!(
            edit.input_value("smtp_host").as_deref(),
            Some("smtp.acme.test")
        );
        edit.assert_has(r#"name="user_action_events" type="checkbox" value="true" checked"#);
        edit.assert_has(r#"<option value="TLS" selected>"#);
        all_messages_found(&edit);

        // Turning events off and leaving the password empty keeps the password.
        let lockout = app.action(json!({
            "name": "Locked out", "temporal": true, "preventLogin": true
        }));
        admin
            .post(
                &format!("/admin/settings/tenants/{id}"),
                &tenant_fields(&[
                    ("user_action_events", ""),
                    ("smtp_password", ""),
                    ("lockout_action", &lockout),
                    ("too_many_attempts", "3"),
                    ("action_duration", "2"),
                    ("action_duration_unit", "HOURS"),
                ]),
            )
            .redirects_to("/admin/settings/tenants?done=saved");
        let tenant = app.get(&format!("/api/tenant/{id}")).ok()["tenant"].clone();
        assert_eq!(
            tenant["eventConfiguration"]["events"]["user.action"]["enabled"],
            false
        );
        let failed = &tenant["failedAuthenticationConfiguration"];
        assert_eq!(failed["userActionId"], lockout.as_str());
        assert_eq!(failed["tooManyAttempts"], 3);
        assert_eq!(failed["actionDuration"], 2);
        assert_eq!(failed["actionDurationUnit"], "HOURS");
        let edit = admin.get(&format!("/admin/settings/tenants/{id}"));
        assert!(!edit.contains(r#"name="user_action_events" type="checkbox" value="true" checked"#));
        edit.assert_has(&format!(
            r#"<option value="{lockout}" selected>Locked out</option>"#
        ));
        edit.assert_has(r#"<option value="HOURS" selected>"#);
        let stored = {
            let mut conn = app.state.db.write().unwrap();
            actioneer::service::tenants::find(&mut conn, id.parse().unwrap()).unwrap()
        };
        assert_eq!(
            stored.email_configuration.password.as_deref(),
            Some("s3cret-smtp")
        );
    }
);

both!(
    tenant_errors_show_next_to_their_fields_with_input_kept,
    |app| {
        let admin = app.signed_in("admin");
        admin.get("/admin/settings/tenants/new");

        let blank = admin.post(
            "/admin/settings/tenants/new",
            &tenant_fields(&[("name", "  ")]),
        );
        assert_eq!(blank.status, 422);
        blank.assert_has("id=\"name-error\">This field is required.");
        assert_eq!(
            blank.input_value("smtp_host").as_deref(),
            Some("smtp.acme.test")
        );
        all_messages_found(&blank);

        let duplicate = admin.post(
            "/admin/settings/tenants/new",
            &tenant_fields(&[("name", "default")]),
        );
        assert_eq!(duplicate.status, 422);
        duplicate.assert_has("id=\"name-error\">This value is already in use.");
        assert_eq!(duplicate.input_value("name").as_deref(), Some("default"));

        let numbers = admin.post(
            "/admin/settings/tenants/new",
            &tenant_fields(&[("smtp_port", "lots"), ("too_many_attempts", "0")]),
        );
        assert_eq!(numbers.status, 422);
        numbers.assert_has("id=\"smtp-port-error\">This value is not valid.");
        assert_eq!(numbers.input_value("smtp_port").as_deref(), Some("lots"));

        let limits = admin.post(
            "/admin/settings/tenants/new",
            &tenant_fields(&[("too_many_attempts", "0"), ("from_email", "not an email")]),
        );
        assert_eq!(limits.status, 422);
        limits.assert_has("id=\"too-many-attempts-error\">This must be greater than zero.");
        limits.assert_has("id=\"from-email-error\">This value is not valid.");
        // Nothing was created.
        assert_eq!(
            app.get("/api/tenant").ok()["tenants"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
);

both!(
    deleting_a_tenant_says_what_goes_and_the_default_stays,
    |app| {
        let mut app = app;
        let admin = app.signed_in("admin");
        let res = app.post("/api/tenant", json!({"tenant": {"name": "Gone"}}));
        let gone = res.ok()["tenant"]["id"].as_str().unwrap().to_string();
        app.tenant = Some(gone.clone());
        app.user("one@gone.test", &[]);
        app.user("two@gone.test", &[]);
        app.post("/api/application", json!({"application": {"name": "Shop"}}))
            .ok();
        app.tenant = None;

        let confirm = admin.get(&format!("/admin/settings/tenants/{gone}/delete"));
        assert_eq!(confirm.status, 200);
        confirm.assert_has("Gone");
        confirm.assert_has("2 users");
        confirm.assert_has("1 application");
        confirm.assert_has("0 actions taken");
        all_messages_found(&confirm);
        admin
            .post(&format!("/admin/settings/tenants/{gone}/delete"), &[])
            .redirects_to("/admin/settings/tenants?done=deleted");
        assert_eq!(app.get(&format!("/api/tenant/{gone}")).status, 404);

        let default = tenant_id(&app, "Default");
        let refused = admin.get(&format!("/admin/settings/tenants/{default}/delete"));
        refused.assert_has("The default tenant cannot be deleted");
        assert!(!refused.contains("class=\"danger\""));
        let forced = admin.post(&format!("/admin/settings/tenants/{default}/delete"), &[]);
        assert_eq!(forced.status, 422);
        forced.assert_has("The default tenant cannot be deleted");
        app.get(&format!("/api/tenant/{default}")).ok();
    }
);

both!(applications_are_created_deactivated_and_deleted, |app| {
    let admin = app.signed_in("admin");
    let default = tenant_id(&app, "Default");
    let form = admin.get("/admin/settings/applications/new");
    assert_eq!(form.status, 200);
    all_messages_found(&form);

    let blank = admin.post(
        "/admin/settings/applications/new",
        &[("name", ""), ("tenant", &default), ("active", "true")],
    );
    assert_eq!(blank.status, 422);
    blank.assert_has("id=\"name-error\">This field is required.");

    admin
        .post(
            "/admin/settings/applications/new",
            &[("name", "Forum"), ("tenant", &default), ("active", "true")],
        )
        .redirects_to("/admin/settings/applications?done=created");
    let apps = app.get("/api/application").ok()["applications"].clone();
    assert_eq!(apps[0]["name"], "Forum");
    assert_eq!(apps[0]["tenantId"], default.as_str());
    assert_eq!(apps[0]["active"], true);
    let id = apps[0]["id"].as_str().unwrap().to_string();

    let duplicate = admin.post(
        "/admin/settings/applications/new",
        &[("name", "forum"), ("tenant", &default), ("active", "true")],
    );
    assert_eq!(duplicate.status, 422);
    duplicate.assert_has("id=\"name-error\">This value is already in use.");

    let list = admin.get("/admin/settings/applications");
    list.assert_has("Forum");
    list.assert_has("Default");
    admin
        .post(
            &format!("/admin/settings/applications/{id}/deactivate"),
            &[],
        )
        .redirects_to("/admin/settings/applications?done=deactivated");
    assert_eq!(
        app.get(&format!("/api/application/{id}")).ok()["application"]["active"],
        false
    );
    assert!(app.get("/api/application").ok()["applications"]
        .as_array()
        .unwrap()
        .is_empty());
    admin
        .get("/admin/settings/applications")
        .assert_has("Reactivate");
    admin
        .post(
            &format!("/admin/settings/applications/{id}/reactivate"),
            &[],
        )
        .redirects_to("/admin/settings/applications?done=reactivated");
    assert_eq!(
        app.get(&format!("/api/application/{id}")).ok()["application"]["active"],
        true
    );

    admin.get(&format!("/admin/settings/applications/{id}"));
    admin
        .post(
            &format!("/admin/settings/applications/{id}"),
            &[("name", "Community")],
        )
        .redirects_to("/admin/settings/applications?done=saved");
    let stored = app.get(&format!("/api/application/{id}")).ok()["application"].clone();
    assert_eq!(stored["name"], "Community");
    // The checkbox was left unticked.
    assert_eq!(stored["active"], false);

    admin
        .get(&format!("/admin/settings/applications/{id}/delete"))
        .assert_has("Community");
    admin
        .post(&format!("/admin/settings/applications/{id}/delete"), &[])
        .redirects_to("/admin/settings/applications?done=deleted");
    assert_eq!(app.get(&format!("/api/application/{id}")).status, 404);
});

both!(an_api_key_is_shown_once_and_works_until_deleted, |app| {
    let admin = app.signed_in("admin");
    let form = admin.get("/admin/settings/api-keys/new");
    assert_eq!(form.status, 200);
    all_messages_found(&form);

    let created = admin.get(
        &admin
            .post(
                "/admin/settings/api-keys/new",
                &[("description", "Nightly export"), ("tenant", "")],
            )
            .redirects_to("/admin/settings/api-keys/"),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    created.assert_has("will not be shown again");
    all_messages_found(&created);
    let key = created.input_value("key").expect("the new key");
    assert!(key.len() >= 32, "{key}");
    assert_eq!(api_status_with_key(&app, &key), 200);

    let list = admin.get("/admin/settings/api-keys");
    list.assert_has("Nightly export");
    list.assert_has("From ACTIONEER_API_KEY");
    assert!(!list.contains(&key));
    all_messages_found(&list);

    let keys = app.get("/api/api-key").ok()["apiKeys"].clone();
    let id = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["metaData"]["attributes"]["description"] == "Nightly export")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let confirm = admin.get(&format!("/admin/settings/api-keys/{id}/delete"));
    confirm.assert_has("Nightly export");
    assert!(!confirm.contains(&key));
    admin
        .post(&format!("/admin/settings/api-keys/{id}/delete"), &[])
        .redirects_to("/admin/settings/api-keys?done=deleted");
    assert_eq!(api_status_with_key(&app, &key), 401);

    // A key for one tenant; a description that is too long is refused next to its field.
    let default = tenant_id(&app, "Default");
    let long = "x".repeat(1025);
    let refused = admin.post(
        "/admin/settings/api-keys/new",
        &[("description", &long), ("tenant", &default)],
    );
    assert_eq!(refused.status, 422);
    refused.assert_has("id=\"description-error\">This is too long.");
    let scoped = admin.get(
        &admin
            .post(
                "/admin/settings/api-keys/new",
                &[("description", "Shop"), ("tenant", &default)],
            )
            .redirects_to("/admin/settings/api-keys/"),
    );
    assert_eq!(scoped.status, 200);
    scoped.assert_has("limited to the tenant “Default”");
});

both!(staff_members_are_managed_and_the_last_admin_stays, |app| {
    let boss_id = app.staff("boss@staff.test", "admin");
    let admin = app.browser();
    admin
        .sign_in("boss@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");

    let form = admin.get("/admin/settings/staff/new");
    assert_eq!(form.status, 200);
    all_messages_found(&form);
    let short = admin.post(
        "/admin/settings/staff/new",
        &[
            ("email", "sam@staff.test"),
            ("name", "Sam Support"),
            ("password", "short"),
            ("role", "support"),
        ],
    );
    assert_eq!(short.status, 422);
    short.assert_has("id=\"password-error\">This is too short.");
    assert_eq!(
        short.input_value("email").as_deref(),
        Some("sam@staff.test")
    );

    admin
        .post(
            "/admin/settings/staff/new",
            &[
                ("email", "sam@staff.test"),
                ("name", "Sam Support"),
                ("password", "sam's password"),
                ("role", "support"),
                ("language", "de"),
                ("time_zone", "Europe/Berlin"),
            ],
        )
        .redirects_to("/admin/settings/staff?done=created");
    let list = admin.get("/admin/settings/staff");
    list.assert_has("Sam Support");
    list.assert_has("Support agent");
    list.assert_has("Deutsch");
    all_messages_found(&list);

    let duplicate = admin.post(
        "/admin/settings/staff/new",
        &[
            ("email", "sam@staff.test"),
            ("name", "Sam again"),
            ("password", "another password"),
            ("role", "support"),
        ],
    );
    assert_eq!(duplicate.status, 422);
    duplicate.assert_has("id=\"email-error\">This value is already in use.");

    let sam = app.browser();
    sam.sign_in("sam@staff.test", "sam's password")
        .redirects_to("/admin/");
    assert_eq!(sam.get("/admin/").status, 200);

    // The only administrator cannot be demoted or removed.
    let edit = admin.get(&format!("/admin/settings/staff/{boss_id}"));
    assert_eq!(edit.status, 200);
    all_messages_found(&edit);
    let demoted = admin.post(
        &format!("/admin/settings/staff/{boss_id}"),
        &[("role", "support"), ("language", ""), ("time_zone", "")],
    );
    assert_eq!(demoted.status, 422);
    demoted.assert_has("This is the last administrator");
    admin.get(&format!("/admin/settings/staff/{boss_id}/delete"));
    let removed = admin.post(&format!("/admin/settings/staff/{boss_id}/delete"), &[]);
    assert_eq!(removed.status, 422);
    removed.assert_has("This is the last administrator");
    assert_eq!(admin.get("/admin/settings").status, 200);

    // A new password and role for Sam.
    let sam_id = app.get("/api/user?email=sam@staff.test").ok()["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    admin.get(&format!("/admin/settings/staff/{sam_id}"));
    admin
        .post(
            &format!("/admin/settings/staff/{sam_id}"),
            &[
                ("role", "translator"),
                ("language", "fr"),
                ("time_zone", "Europe/Paris"),
                ("password", "a new password"),
            ],
        )
        .redirects_to("/admin/settings/staff?done=saved");
    assert_eq!(
        app.browser()
            .sign_in("sam@staff.test", "a new password")
            .status,
        303
    );
    admin.get("/admin/settings/staff").assert_has("Translator");

    // Removing access ends Sam's sessions.
    admin
        .get(&format!("/admin/settings/staff/{sam_id}/delete"))
        .assert_has("sam@staff.test");
    admin
        .post(&format!("/admin/settings/staff/{sam_id}/delete"), &[])
        .redirects_to("/admin/settings/staff?done=deleted");
    sam.get("/admin/").redirects_to("/admin/login");
    assert_eq!(
        app.browser()
            .sign_in("sam@staff.test", "a new password")
            .status,
        401
    );

    // With a second administrator, the first may give up the role; the settings close.
    app.staff("ann@staff.test", "admin");
    admin.get(&format!("/admin/settings/staff/{boss_id}"));
    admin
        .post(
            &format!("/admin/settings/staff/{boss_id}"),
            &[("role", "support"), ("language", ""), ("time_zone", "")],
        )
        .redirects_to("/admin/?done=saved");
    assert_eq!(admin.get("/admin/settings").status, 403);
});

both!(user_typed_names_are_escaped, |app| {
    let admin = app.signed_in("admin");
    let res = app.post(
        "/api/tenant",
        json!({"tenant": {"name": "<script>alert(1)</script>"}}),
    );
    let id = res.ok()["tenant"]["id"].as_str().unwrap().to_string();
    app.post(
        "/api/application",
        json!({"application": {"name": "<b>App</b>", "tenantId": id}}),
    )
    .ok();
    for path in [
        "/admin/settings/tenants".to_string(),
        format!("/admin/settings/tenants/{id}"),
        format!("/admin/settings/tenants/{id}/delete"),
        "/admin/settings/applications".to_string(),
        "/admin/settings/applications/new".to_string(),
        "/admin/settings/api-keys/new".to_string(),
    ] {
        let page = admin.get(&path);
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.contains("<script>alert(1)"), "{path}");
        assert!(!page.contains("<b>App"), "{path}");
    }
    admin
        .get("/admin/settings/tenants")
        .assert_has("&#60;script&#62;alert(1)&#60;/script&#62;");
    admin
        .get("/admin/settings/applications")
        .assert_has("&#60;b&#62;App&#60;/b&#62;");
});

both!(
    support_and_translators_get_403_on_every_settings_page,
    |app| {
        let support = app.signed_in("support");
        let translator = app.signed_in("translator");
        let tenant = tenant_id(&app, "Default");
        let application = app
            .post(
                "/api/application",
                json!({"application": {"name": "Forum"}}),
            )
            .ok()["application"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let key = app.get("/api/api-key").ok()["apiKeys"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let member = app.staff("someone@staff.test", "admin");
        let pages = [
            "/admin/settings".to_string(),
            "/admin/settings/tenants".to_string(),
            "/admin/settings/tenants/new".to_string(),
            format!("/admin/settings/tenants/{tenant}"),
            format!("/admin/settings/tenants/{tenant}/delete"),
            "/admin/settings/applications".to_string(),
            "/admin/settings/applications/new".to_string(),
            format!("/admin/settings/applications/{application}"),
            format!("/admin/settings/applications/{application}/delete"),
            "/admin/settings/api-keys".to_string(),
            "/admin/settings/api-keys/new".to_string(),
            format!("/admin/settings/api-keys/{key}/delete"),
            "/admin/settings/staff".to_string(),
            "/admin/settings/staff/new".to_string(),
            format!("/admin/settings/staff/{member}"),
            format!("/admin/settings/staff/{member}/delete"),
        ];
        for browser in [&support, &translator] {
            for path in &pages {
                assert_eq!(browser.get(path).status, 403, "{path}");
            }
        }
        // Posting is refused too, and changes nothing.
        support.get("/admin/");
        for (path, fields) in [
            (
                "/admin/settings/tenants/new".to_string(),
                vec![("name", "Sneaky")],
            ),
            (
                format!("/admin/settings/applications/{application}/deactivate"),
                vec![],
            ),
            (format!("/admin/settings/api-keys/{key}/delete"), vec![]),
            (format!("/admin/settings/staff/{member}/delete"), vec![]),
            (
                "/admin/settings/api-keys/new".to_string(),
                vec![("description", "Sneaky")],
            ),
        ] {
            assert_eq!(support.post(&path, &fields).status, 403, "{path}");
        }
        assert_eq!(
            app.get("/api/tenant").ok()["tenants"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            app.get(&format!("/api/application/{application}")).ok()["application"]["active"],
            true
        );
        assert_eq!(
            app.get("/api/api-key").ok()["apiKeys"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        app.get(&format!("/api/api-key/{key}")).ok();
    }
);

both!(
    tenant_form_removes_the_smtp_password_only_when_asked,
    |app| {
        let admin = app.signed_in("admin");
        let form = admin.get("/admin/settings/tenants/new");
        assert!(!form.contains("name=\"remove_smtp_password\""));
        admin
            .post("/admin/settings/tenants/new", &tenant_fields(&[]))
            .redirects_to("/admin/settings/tenants?done=created");
        let id = tenant_id(&app, "Acme");
        let stored_password = || {
            let mut conn = app.state.db.write().unwrap();
            actioneer::service::tenants::find(&mut conn, id.parse().unwrap())
                .unwrap()
                .email_configuration
                .password
        };
        assert_eq!(stored_password().as_deref(), Some("s3cret-smtp"));

        let edit = admin.get(&format!("/admin/settings/tenants/{id}"));
        edit.assert_has("Remove the stored SMTP password");
        all_messages_found(&edit);

        // Unticked and empty keeps it.
        admin
            .post(
                &format!("/admin/settings/tenants/{id}"),
                &tenant_fields(&[("smtp_password", ""), ("remove_smtp_password", "")]),
            )
            .redirects_to("/admin/settings/tenants?done=saved");
        assert_eq!(stored_password().as_deref(), Some("s3cret-smtp"));

        // A form shown again with errors keeps the box as ticked.
        let bad = admin.post(
            &format!("/admin/settings/tenants/{id}"),
            &tenant_fields(&[
                ("name", ""),
                ("smtp_password", ""),
                ("remove_smtp_password", "true"),
            ]),
        );
        assert_eq!(bad.status, 422);
        bad.assert_has(r#"name="remove_smtp_password" type="checkbox" value="true" checked"#);
        assert_eq!(stored_password().as_deref(), Some("s3cret-smtp"));

        // Ticked removes it; the rest of the email settings stay.
        admin
            .post(
                &format!("/admin/settings/tenants/{id}"),
                &tenant_fields(&[("smtp_password", ""), ("remove_smtp_password", "true")]),
            )
            .redirects_to("/admin/settings/tenants?done=saved");
        assert_eq!(stored_password(), None);
        let tenant = app.get(&format!("/api/tenant/{id}")).ok()["tenant"].clone();
        assert_eq!(tenant["emailConfiguration"]["username"], "mailer");
        let edit = admin.get(&format!("/admin/settings/tenants/{id}"));
        edit.assert_has("No password is stored.");
        assert!(!edit.contains("name=\"remove_smtp_password\""));

        // The API still keeps a stored password it is not sent.
        admin
            .post(
                &format!("/admin/settings/tenants/{id}"),
                &tenant_fields(&[("smtp_password", "new-smtp")]),
            )
            .redirects_to("/admin/settings/tenants?done=saved");
        let tenant = app.get(&format!("/api/tenant/{id}")).ok()["tenant"].clone();
        app.put(&format!("/api/tenant/{id}"), json!({ "tenant": tenant }))
            .ok();
        assert_eq!(stored_password().as_deref(), Some("new-smtp"));
    }
);
