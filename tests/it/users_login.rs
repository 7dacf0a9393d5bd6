//! `/api/user` and `/api/login`: users, preventLogin and the failed-login lockout
//! (checklist 11, 24, 25).

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

const PASSWORD: &str = "correct horse";

fn login(app: &TestApp, login_id: &str, password: &str) -> Res {
    app.post(
        "/api/login",
        json!({"loginId": login_id, "password": password}),
    )
}

fn assert_no_secret(user: &Value) {
    let text = user.to_string();
    assert!(user.get("password").is_none(), "{text}");
    assert!(!text.contains(PASSWORD), "{text}");
    assert!(!text.contains("argon2"), "{text}");
}

both!(user_crud_never_returns_the_password, |app| {
    let res = app.post(
        "/api/user",
        json!({"user": {"email": "Jane@Example.com", "username": "jane", "password": PASSWORD,
                        "firstName": "Jane", "preferredLanguages": ["fr_CA"], "timezone": "Europe/Berlin"},
               "sendSetPasswordEmail": false}),
    );
    let user = res.ok()["user"].clone();
    assert_no_secret(&user);
    assert_eq!(user["active"], true);
    assert_eq!(user["preferredLanguages"], json!(["fr_CA"]));
    assert_eq!(user["tenantId"], app.default_tenant().as_str());
    assert_eq!(user["insertInstant"], START);
    let id = user["id"].as_str().unwrap().to_string();

    let got = app.get(&format!("/api/user/{id}"));
    assert_no_secret(&got.ok()["user"]);
    assert_eq!(got.body["user"]["firstName"], "Jane");
    let by_email = app.get("/api/user?email=jane@example.com");
    assert_eq!(by_email.ok()["user"]["id"], id.as_str());
    assert_no_secret(&by_email.body["user"]);
    let by_name = app.get("/api/user?username=JANE");
    assert_eq!(by_name.ok()["user"]["id"], id.as_str());
    assert_eq!(app.get("/api/user?email=nobody@example.com").status, 404);
    assert_eq!(app.get("/api/user?username=nobody").status, 404);

    // An update without a password keeps it.
    app.clock.advance(10);
    let res = app.put(
        &format!("/api/user/{id}"),
        json!({"user": {"email": "jane@example.com", "lastName": "Doe"}}),
    );
    assert_no_secret(&res.ok()["user"]);
    assert_eq!(res.body["user"]["lastName"], "Doe");
    assert!(res.body["user"].get("firstName").is_none());
    assert_eq!(res.body["user"]["lastUpdateInstant"], START + 10);
    login(&app, "jane@example.com", PASSWORD).ok();
    let res = app.patch(
        &format!("/api/user/{id}"),
        json!({"user": {"firstName": "J"}}),
    );
    assert_eq!(res.ok()["user"]["lastName"], "Doe");
    assert_eq!(res.body["user"]["firstName"], "J");
    login(&app, "jane@example.com", PASSWORD).ok();
    // A new password replaces the old one.
    app.patch(
        &format!("/api/user/{id}"),
        json!({"user": {"password": "battery staple"}}),
    )
    .ok();
    assert_eq!(login(&app, "jane@example.com", PASSWORD).status, 404);
    login(&app, "jane@example.com", "battery staple").ok();

    assert_eq!(
        app.delete(&format!("/api/user/{id}?hardDelete=true"))
            .status,
        200
    );
    assert_eq!(app.get(&format!("/api/user/{id}")).status, 404);
    assert_eq!(app.delete(&format!("/api/user/{id}")).status, 404);
});

both!(user_validation, |app| {
    let create = |user: Value| app.post("/api/user", json!({ "user": user }));
    let codes = create(json!({"password": PASSWORD})).codes();
    assert!(
        codes.contains(&"[blank]user.email".to_string()),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"[blank]user.username".to_string()),
        "{codes:?}"
    );
    create(json!({"email": "not an email"})).has_code("[invalid]user.email");
    create(json!({"email": "a@example.com", "password": "short"}))
        .has_code("[tooShort]user.password");
    create(json!({"email": "a@example.com", "password": "x".repeat(257)}))
        .has_code("[tooLong]user.password");
    create(json!({"email": "a@example.com", "preferredLanguages": ["xx-!!"]}))
        .has_code("[invalid]user.preferredLanguages");
    create(json!({"email": "a@example.com", "timezone": "Mars/Base"}))
        .has_code("[invalid]user.timezone");
    create(json!({"email": "a@example.com", "firstName": "x".repeat(192)}))
        .has_code("[tooLong]user.firstName");
    let id = app.user("taken@example.com", &[]);
    create(json!({"email": "TAKEN@example.com"})).has_code("[duplicate]user.email");
    create(json!({"username": "bob"})).ok();
    create(json!({"username": "Bob"})).has_code("[duplicate]user.username");
    app.post(
        &format!("/api/user/{id}"),
        json!({"user": {"email": "new@example.com"}}),
    )
    .has_code("[duplicate]userId");
    let other = app.user("other@example.com", &[]);
    app.put(
        &format!("/api/user/{other}"),
        json!({"user": {"email": "taken@example.com"}}),
    )
    .has_code("[duplicate]user.email");
    // Its own email is no duplicate.
    app.put(
        &format!("/api/user/{other}"),
        json!({"user": {"email": "other@example.com"}}),
    )
    .ok();
    let unknown = uuid::Uuid::new_v4();
    assert_eq!(
        app.put(
            &format!("/api/user/{unknown}"),
            json!({"user": {"email": "z@example.com"}})
        )
        .status,
        404
    );
});

both!(login_outcomes, |app| {
    let id = app.user("jane@example.com", &[]);
    app.patch(
        &format!("/api/user/{id}"),
        json!({"user": {"username": "jane"}}),
    )
    .ok();
    app.clock.advance(1000);
    let res = login(&app, "JANE@example.com", PASSWORD);
    let body = res.ok();
    assert!(body["token"].as_str().unwrap().split('.').count() == 3);
    assert_eq!(body["tokenExpirationInstant"], START + 1000 + 3_600_000);
    assert_eq!(body["user"]["id"], id.as_str());
    assert_eq!(body["user"]["lastLoginInstant"], START + 1000);
    assert_no_secret(&body["user"]);
    assert_eq!(
        app.get(&format!("/api/user/{id}")).ok()["user"]["lastLoginInstant"],
        START + 1000
    );
    login(&app, "jane", PASSWORD).ok();

    let unknown = login(&app, "nobody@example.com", PASSWORD);
    let wrong = login(&app, "jane@example.com", "wrong password");
    assert_eq!(unknown.status, 404);
    assert_eq!(wrong.status, 404);
    assert_eq!(unknown.text, "");
    assert_eq!(wrong.text, "");

    let codes = app.post("/api/login", json!({})).codes();
    assert!(codes.contains(&"[blank]loginId".to_string()), "{codes:?}");
    assert!(codes.contains(&"[blank]password".to_string()), "{codes:?}");
    app.raw("POST", "/api/login", "application/json", "{")
        .has_code("[invalidJSON]login");
    app.post(
        "/api/login",
        json!({"loginId": "jane", "password": PASSWORD, "applicationId": uuid::Uuid::new_v4()}),
    )
    .has_code("[invalid]applicationId");

    // Deactivated: 423 with the right password, 404 with a wrong one.
    assert_eq!(app.delete(&format!("/api/user/{id}")).status, 200);
    assert_eq!(
        app.get(&format!("/api/user/{id}")).ok()["user"]["active"],
        false
    );
    let res = login(&app, "jane", PASSWORD);
    assert_eq!(res.status, 423);
    assert_eq!(res.text, "");
    assert_eq!(login(&app, "jane", "wrong password").status, 404);
    let back = app.request("PUT", &format!("/api/user/{id}?reactivate=true"), None);
    assert_eq!(back.ok()["user"]["active"], true);
    login(&app, "jane", PASSWORD).ok();
});

both!(user_without_password_cannot_log_in, |app| {
    app.post(
        "/api/user",
        json!({"user": {"email": "nopass@example.com"}}),
    )
    .ok();
    let res = login(&app, "nopass@example.com", "anything at all");
    assert_eq!(res.status, 404);
    assert_eq!(res.text, "");
});

both!(prevent_login_answers_409, |app| {
    let admin = app.user("admin@example.com", &[]);
    let user = app.user("user@example.com", &["de"]);
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true, "localizedNames": {"de": "Sperre"}}));
    let note = app.action(json!({"name": "Mute", "temporal": true}));
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": note, "actioneeUserId": user, "actionerUserId": admin, "expiry": START + 60_000}}),
    )
    .ok();
    login(&app, "user@example.com", PASSWORD).ok();
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": admin, "expiry": START + 60_000}}),
    );
    let instance = res.ok()["action"]["id"].as_str().unwrap().to_string();

    let res = login(&app, "user@example.com", PASSWORD);
    assert_eq!(res.status, 409, "{}", res.text);
    let actions = res.body["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["actionId"], ban.as_str());
    assert_eq!(actions[0]["actionerUserId"], admin.as_str());
    assert_eq!(actions[0]["expiry"], START + 60_000);
    assert_eq!(actions[0]["name"], "Ban");
    assert_eq!(actions[0]["localizedName"], "Sperre");
    assert!(actions[0].get("reason").is_none());
    // A wrong password during a ban is still 404.
    assert_eq!(
        login(&app, "user@example.com", "wrong password").status,
        404
    );

    // The ban expires: login works again.
    app.clock.advance(60_000);
    login(&app, "user@example.com", PASSWORD).ok();
    let _ = instance;
});

both!(prevent_login_respects_application_ids, |app| {
    let admin = app.user("admin@example.com", &[]);
    let user = app.user("user@example.com", &[]);
    let forum = app.post(
        "/api/application",
        json!({"application": {"name": "Forum"}}),
    );
    let forum = forum.ok()["application"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let shop = app.post("/api/application", json!({"application": {"name": "Shop"}}));
    let shop = shop.ok()["application"]["id"].as_str().unwrap().to_string();
    let ban = app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true}));
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": admin,
                          "expiry": START + 60_000, "applicationIds": [forum]}}),
    )
    .ok();
    let with_app = |app_id: Option<&str>| {
        let mut body = json!({"loginId": "user@example.com", "password": PASSWORD});
        if let Some(a) = app_id {
            body["applicationId"] = json!(a);
        }
        app.post("/api/login", body).status
    };
    assert_eq!(with_app(Some(&forum)), 409);
    assert_eq!(with_app(Some(&shop)), 200);
    assert_eq!(with_app(None), 200);
    // The list still shows it as preventing login, whatever the application.
    let list = app.get(&format!(
        "/api/user/action?userId={user}&preventingLogin=true"
    ));
    assert_eq!(list.ok()["actions"].as_array().unwrap().len(), 1);
});

/// Sets the Default tenant's lockout: 3 failures within 60 s lock for 3 minutes.
fn configure_lockout(app: &TestApp) -> String {
    let lock = app.action(json!({"name": "Locked", "temporal": true, "preventLogin": true}));
    let tenant = app.default_tenant();
    let res = app.patch(
        &format!("/api/tenant/{tenant}"),
        json!({"tenant": {"failedAuthenticationConfiguration": {
            "userActionId": lock, "tooManyAttempts": 3, "resetCountInSeconds": 60,
            "actionDuration": 3, "actionDurationUnit": "MINUTES"}}}),
    );
    assert_eq!(
        res.ok()["tenant"]["failedAuthenticationConfiguration"]["userActionId"],
        lock.as_str()
    );
    lock
}

fn instances(app: &TestApp, user: &str) -> Vec<Value> {
    app.get(&format!("/api/user/action?userId={user}")).ok()["actions"]
        .as_array()
        .unwrap()
        .clone()
}

both!(lockout_after_too_many_failures, |app| {
    let admin = app.user("admin@example.com", &[]);
    let user = app.user("user@example.com", &[]);
    let lock = configure_lockout(&app);
    assert_eq!(login(&app, "user@example.com", "wrong 1").status, 404);
    app.clock.advance(1000);
    assert_eq!(login(&app, "user@example.com", "wrong 2").status, 404);
    assert!(instances(&app, &user).is_empty());
    app.clock.advance(1000);
    let res = login(&app, "user@example.com", "wrong 3");
    assert_eq!(res.status, 409, "{}", res.text);
    assert_eq!(res.body["actions"][0]["actionId"], lock.as_str());
    assert!(res.body["actions"][0].get("actionerUserId").is_none());
    assert_eq!(res.body["actions"][0]["expiry"], START + 2000 + 180_000);

    let list = instances(&app, &user);
    assert_eq!(list.len(), 1);
    let instance = &list[0];
    assert_eq!(instance["userActionId"], lock.as_str());
    assert!(instance.get("actionerUserId").is_none(), "{instance}");
    assert_eq!(instance["comment"], "Failed Login Attempts Exceeded.");
    assert_eq!(instance["state"], "active");
    assert_eq!(instance["applicationIds"], json!([]));

    // More wrong passwords: 404, and no second instance, no longer lock.
    app.clock.advance(1000);
    let res = login(&app, "user@example.com", "wrong 4");
    assert_eq!(res.status, 404);
    assert_eq!(res.text, "");
    assert_eq!(instances(&app, &user).len(), 1);
    assert_eq!(instances(&app, &user)[0]["expiry"], START + 182_000);
    // The right password: still locked.
    assert_eq!(login(&app, "user@example.com", PASSWORD).status, 409);

    // Cancelling the lock lets the user in, and the count starts over.
    let id = instance["id"].as_str().unwrap();
    app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": admin}}),
    )
    .ok();
    login(&app, "user@example.com", PASSWORD).ok();
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert_eq!(instances(&app, &user).len(), 1);
});

both!(lockout_expires_by_itself, |app| {
    app.user("user@example.com", &[]);
    configure_lockout(&app);
    for _ in 0..2 {
        assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    }
    assert_eq!(login(&app, "user@example.com", "wrong").status, 409);
    app.clock.advance(179_999);
    assert_eq!(login(&app, "user@example.com", PASSWORD).status, 409);
    app.clock.advance(1);
    login(&app, "user@example.com", PASSWORD).ok();
});

both!(failures_outside_the_window_start_over, |app| {
    let user = app.user("user@example.com", &[]);
    configure_lockout(&app);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    app.clock.advance(61_000);
    // The count restarts at 1 here, so two more failures are needed.
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert!(instances(&app, &user).is_empty());
    assert_eq!(login(&app, "user@example.com", "wrong").status, 409);
});

both!(successful_login_resets_the_count, |app| {
    let user = app.user("user@example.com", &[]);
    configure_lockout(&app);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    login(&app, "user@example.com", PASSWORD).ok();
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
    assert!(instances(&app, &user).is_empty());
});

both!(lockout_configuration_is_validated, |app| {
    let tenant = app.default_tenant();
    let note = app.action(json!({"name": "Note"}));
    let patch = |config: Value| {
        app.patch(
            &format!("/api/tenant/{tenant}"),
            json!({"tenant": {"failedAuthenticationConfiguration": config}}),
        )
    };
    patch(json!({"tooManyAttempts": 0}))
        .has_code("[tooSmall]tenant.failedAuthenticationConfiguration.tooManyAttempts");
    patch(json!({"resetCountInSeconds": -1}))
        .has_code("[tooSmall]tenant.failedAuthenticationConfiguration.resetCountInSeconds");
    patch(json!({"userActionId": note}))
        .has_code("[invalid]tenant.failedAuthenticationConfiguration.userActionId");
    patch(json!({"userActionId": uuid::Uuid::new_v4()}))
        .has_code("[invalid]tenant.failedAuthenticationConfiguration.userActionId");
});

both!(concurrent_creates_of_one_email, |app| {
    let statuses: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let app = &app;
                scope.spawn(move || {
                    let res = app.post(
                        "/api/user",
                        json!({"user": {"email": "same@example.com", "password": PASSWORD}}),
                    );
                    (res.status, res.text)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(ok, 1, "{statuses:?}");
    for (status, text) in &statuses {
        assert!(
            *status == 200 || text.contains("[duplicate]user.email"),
            "{status} {text}"
        );
    }
});

both!(concurrent_failures_lock_once, |app| {
    let user = app.user("user@example.com", &[]);
    configure_lockout(&app);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let app = &app;
                scope.spawn(move || login(app, "user@example.com", "wrong").status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        statuses.iter().all(|s| *s == 404 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(instances(&app, &user).len(), 1);
});

both!(
    lockout_needs_its_definition_available_in_the_tenant,
    |app| {
        let user = app.user("user@example.com", &[]);
        let lock = configure_lockout(&app);
        let other = app.post("/api/tenant", json!({"tenant": {"name": "Other"}}));
        let other = other.ok()["tenant"]["id"].as_str().unwrap().to_string();
        // The definition is narrowed to another tenant after the lockout was configured.
        app.patch(
            &format!("/api/user-action/{lock}"),
            json!({"userAction": {"tenantIds": [other]}}),
        )
        .ok();
        // With two tenants, logins name theirs.
        let mut app = app;
        let default = app.get("/api/tenant").ok()["tenants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "Default")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        app.tenant = Some(default);
        for _ in 0..4 {
            assert_eq!(login(&app, "user@example.com", "wrong").status, 404);
        }
        assert!(instances(&app, &user).is_empty());
        login(&app, "user@example.com", PASSWORD).ok();
    }
);
