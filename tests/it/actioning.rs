//! `/api/user/action`: applying, modifying, cancelling and listing instances (checklist 9–15, 23).

use serde_json::{json, Value};

use crate::both;
use crate::support::*;

fn apply(app: &TestApp, action: Value) -> Res {
    app.post("/api/user/action", json!({ "action": action }))
}

fn id_of(res: &Res) -> String {
    res.ok()["action"]["id"].as_str().unwrap().to_string()
}

fn ids(res: &Res) -> Vec<String> {
    res.ok()["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// An actioner, an actionee and a temporal definition.
struct Setup {
    admin: String,
    user: String,
    ban: String,
}

fn setup(app: &TestApp) -> Setup {
    Setup {
        admin: app.user("admin@example.com", &[]),
        user: app.user("user@example.com", &[]),
        ban: app.action(json!({"name": "Ban", "temporal": true, "preventLogin": true})),
    }
}

both!(temporal_apply_creates_an_active_instance, |app| {
    let s = setup(&app);
    let res = apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 60_000, "comment": "  spam  "}),
    );
    let action = &res.ok()["action"];
    assert_eq!(action["state"], "active");
    assert_eq!(action["endEventSent"], false);
    assert_eq!(action["applicationIds"], json!([]));
    assert!(action.get("history").is_none());
    assert_eq!(action["expiry"], START + 60_000);
    assert_eq!(action["insertInstant"], START);
    assert_eq!(action["comment"], "spam");
    assert_eq!(action["name"], "Ban");
    assert_eq!(action["localizedName"], "Ban");
    assert_eq!(action["userActionId"], s.ban.as_str());
    assert_eq!(action["actioneeUserId"], s.user.as_str());
    assert_eq!(action["actionerUserId"], s.admin.as_str());
    assert_eq!(action["emailUserOnEnd"], false);
    assert_eq!(action["notifyUserOnEnd"], false);
    let tenant = app.get(&format!("/api/user/{}", s.user)).ok()["user"]["tenantId"].clone();
    assert_eq!(action["tenantId"], tenant);
    let id = action["id"].as_str().unwrap();
    let got = app.get(&format!("/api/user/action/{id}"));
    assert_eq!(got.ok()["action"], *action);
});

both!(missing_and_unknown_ids, |app| {
    let s = setup(&app);
    let codes = apply(&app, json!({})).codes();
    for code in [
        "[missing]action.userActionId",
        "[missing]action.actionerUserId",
        "[missing]action.actioneeUserId",
    ] {
        assert!(codes.contains(&code.to_string()), "{code} in {codes:?}");
    }
    let nobody = uuid::Uuid::new_v4();
    let codes = apply(
        &app,
        json!({"userActionId": uuid::Uuid::new_v4(), "actioneeUserId": nobody, "actionerUserId": nobody,
               "reasonId": uuid::Uuid::new_v4()}),
    )
    .codes();
    for code in [
        "[invalid]action.userActionId",
        "[invalid]action.actionerUserId",
        "[invalid]action.actioneeUserId",
        "[invalid]action.reasonId",
    ] {
        assert!(codes.contains(&code.to_string()), "{code} in {codes:?}");
    }
    apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 1000, "applicationIds": [uuid::Uuid::new_v4()]}),
    )
    .has_code("[invalid]action.applicationIds");
    app.post("/api/user/action", json!({"broadcast": true}))
        .has_code("[missing]action");
    app.raw(
        "POST",
        "/api/user/action",
        "application/json",
        "{\"action\": [",
    )
    .has_code("[invalidJSON]action");
    // Nothing was stored.
    let list = app.get(&format!("/api/user/action?userId={}", s.user));
    assert_eq!(list.ok()["actions"], json!([]));
});

both!(temporal_validation_codes, |app| {
    let s = setup(&app);
    let base = |extra: Value| {
        let mut action =
            json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin});
        action
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        apply(&app, action)
    };
    base(json!({})).has_code("[missing]action.expiry");
    base(json!({"expiry": START})).has_code("[inPast]action.expiry");
    base(json!({"expiry": START - 1})).has_code("[inPast]action.expiry");
    base(json!({"expiry": START + 1000, "option": "x"})).has_code("[notAllowed]action.option");
    base(json!({"expiry": START + 1000, "notifyUser": true}))
        .has_code("[disabled]action.notifyUser");
    base(json!({"expiry": START + 1000, "emailUser": true}))
        .has_code("[emailingNotSupported]action.emailUser");
    base(json!({"expiry": START + 1000, "comment": "x".repeat(4001)}))
        .has_code("[tooLong]action.comment");
    // A blank option is no option, and 4 000 characters of comment are fine.
    base(json!({"expiry": START + 1000, "option": " ", "comment": "x".repeat(4000)})).ok();
});

both!(inactive_definition_cannot_be_applied, |app| {
    let s = setup(&app);
    assert_eq!(
        app.delete(&format!("/api/user-action/{}", s.ban)).status,
        200
    );
    apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 1000}),
    )
    .has_code("[invalid]action.userActionId");
});

both!(duplicate_current_instance_until_cancelled, |app| {
    let s = setup(&app);
    let body = json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 60_000});
    let first = id_of(&apply(&app, body.clone()));
    let again = apply(&app, body.clone());
    assert_eq!(again.codes(), ["[duplicate]action.userActionId"]);
    // Other errors are reported alone: the duplicate check comes last.
    let mut with_error = body.clone();
    with_error["notifyUser"] = json!(true);
    assert_eq!(
        apply(&app, with_error).codes(),
        ["[disabled]action.notifyUser"]
    );
    // Another user may get the same action.
    let other = app.user("other@example.com", &[]);
    let mut for_other = body.clone();
    for_other["actioneeUserId"] = json!(other);
    apply(&app, for_other).ok();
    app.delete_with(
        &format!("/api/user/action/{first}"),
        json!({"action": {"actionerUserId": s.admin}}),
    )
    .ok();
    apply(&app, body).ok();
});

both!(modify_records_history, |app| {
    let s = setup(&app);
    let id = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 60_000, "comment": "first"}),
    ));
    app.clock.advance(1000);
    let res = app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.user, "expiry": START + 120_000, "comment": "longer"}}),
    );
    let action = &res.ok()["action"];
    assert_eq!(action["expiry"], START + 120_000);
    assert_eq!(action["comment"], "longer");
    assert_eq!(action["actionerUserId"], s.user.as_str());
    assert_eq!(action["insertInstant"], START + 1000);
    assert_eq!(action["state"], "active");
    assert_eq!(action["endEventSent"], false);
    assert_eq!(
        action["history"]["historyItems"],
        json!([{"actionerUserId": s.admin, "comment": "first", "createInstant": START, "expiry": START + 60_000}])
    );
    // A modify without comment clears it; forever is a valid expiry.
    let res = app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.admin, "expiry": i64::MAX}}),
    );
    assert!(res.ok()["action"].get("comment").is_none());
    assert_eq!(res.body["action"]["expiry"], i64::MAX);
    assert_eq!(
        res.body["action"]["history"]["historyItems"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
});

both!(modify_validation, |app| {
    let s = setup(&app);
    let id = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 60_000}),
    ));
    let put = |action: Value| {
        app.put(
            &format!("/api/user/action/{id}"),
            json!({ "action": action }),
        )
    };
    let codes = put(json!({})).codes();
    assert!(
        codes.contains(&"[missing]action.actionerUserId".to_string()),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"[missing]action.expiry".to_string()),
        "{codes:?}"
    );
    put(json!({"actionerUserId": uuid::Uuid::new_v4(), "expiry": START + 1}))
        .has_code("[invalid]action.actionerUserId");
    put(json!({"actionerUserId": s.admin, "expiry": START})).has_code("[inPast]action.expiry");
    put(json!({"actionerUserId": s.admin, "expiry": START + 1, "notifyUser": true}))
        .has_code("[disabled]action.notifyUser");
    put(json!({"actionerUserId": s.admin, "expiry": START + 1, "emailUser": true}))
        .has_code("[emailingNotSupported]action.emailUser");
    put(json!({"actionerUserId": s.admin, "expiry": START + 1, "comment": "x".repeat(4001)}))
        .has_code("[tooLong]action.comment");
    app.put(&format!("/api/user/action/{id}"), json!({"other": {}}))
        .has_code("[missing]action");
    // Nothing changed.
    let got = app.get(&format!("/api/user/action/{id}"));
    assert!(got.ok()["action"].get("history").is_none());
    let unknown = uuid::Uuid::new_v4();
    let res = app.put(
        &format!("/api/user/action/{unknown}"),
        json!({"action": {"actionerUserId": s.admin, "expiry": START + 1}}),
    );
    assert_eq!(res.status, 404);
    assert_eq!(res.text, "");
});

both!(cancel_ends_the_instance_for_good, |app| {
    let s = setup(&app);
    let id = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 60_000, "comment": "first"}),
    ));
    app.clock.advance(1000);
    app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.admin, "expiry": START + 90_000, "comment": "second"}}),
    )
    .ok();
    app.clock.advance(1000);
    let res = app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.user, "comment": "sorry"}}),
    );
    let action = &res.ok()["action"];
    assert_eq!(action["state"], "cancelled");
    assert_eq!(action["expiry"], app.now());
    assert_eq!(action["insertInstant"], START + 2000);
    assert_eq!(action["comment"], "sorry");
    assert_eq!(action["actionerUserId"], s.user.as_str());
    assert_eq!(action["endEventSent"], false);
    let history = action["history"]["historyItems"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["comment"], "second");
    assert_eq!(history[1]["createInstant"], START + 1000);
    assert_eq!(history[1]["expiry"], START + 90_000);

    let again = app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.admin}}),
    );
    assert_eq!(again.status, 404);
    assert_eq!(again.text, "");
    let modify = app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.admin, "expiry": START + 90_000}}),
    );
    assert_eq!(modify.status, 404);
    assert_eq!(
        app.get(&format!("/api/user/action/{id}")).ok()["action"]["state"],
        "cancelled"
    );
    // It does not come back as ended after its old expiry, and no end event is sent for it.
    app.clock.advance(100_000);
    let action = app.get(&format!("/api/user/action/{id}")).ok()["action"].clone();
    assert_eq!(action["state"], "cancelled");
    assert_eq!(action["endEventSent"], false);
});

both!(cancel_with_broadcast_marks_end_event_sent, |app| {
    let s = setup(&app);
    let id = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 60_000}),
    ));
    let res = app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"broadcast": true, "action": {"actionerUserId": s.admin}}),
    );
    assert_eq!(res.ok()["action"]["endEventSent"], true);
});

both!(cancel_validation, |app| {
    let s = setup(&app);
    let id = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 60_000}),
    ));
    let path = format!("/api/user/action/{id}");
    app.delete_with(&path, json!({"action": {}}))
        .has_code("[missing]action.actionerUserId");
    app.delete_with(
        &path,
        json!({"action": {"actionerUserId": uuid::Uuid::new_v4()}}),
    )
    .has_code("[invalid]action.actionerUserId");
    app.delete_with(
        &path,
        json!({"action": {"actionerUserId": s.admin, "emailUser": true}}),
    )
    .has_code("[emailingNotSupported]action.emailUser");
    app.delete_with(&path, json!({"other": {}}))
        .has_code("[missing]action");
    // Still active: the failed cancels changed nothing.
    assert_eq!(app.get(&path).ok()["action"]["state"], "active");
});

both!(instantaneous_with_options, |app| {
    let s = setup(&app);
    let survey =
        app.action(json!({"name": "Survey", "options": [{"name": "happy"}, {"name": "sad"}]}));
    let base = |extra: Value| {
        let mut action =
            json!({"userActionId": survey, "actioneeUserId": s.user, "actionerUserId": s.admin});
        action
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        apply(&app, action)
    };
    base(json!({})).has_code("[blank]action.option");
    base(json!({"option": "  "})).has_code("[blank]action.option");
    base(json!({"option": "angry"})).has_code("[invalid]action.option");
    base(json!({"option": "HAPPY"})).has_code("[invalid]action.option");
    base(json!({"option": "happy", "expiry": START + 1000})).has_code("[notAllowed]action.expiry");
    let res = base(json!({"option": "happy"}));
    let action = &res.ok()["action"];
    assert_eq!(action["state"], "instant");
    assert_eq!(action["option"], "happy");
    assert_eq!(action["localizedOption"], "happy");
    assert!(action.get("expiry").is_none());
    assert!(action.get("endEventSent").is_none());
    let id = action["id"].as_str().unwrap().to_string();
    let second = id_of(&base(json!({"option": "sad"})));
    assert_ne!(id, second);

    let put = app.put(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.admin, "expiry": START + 1000}}),
    );
    assert_eq!(put.status, 404);
    assert_eq!(put.text, "");
    let delete = app.delete_with(
        &format!("/api/user/action/{id}"),
        json!({"action": {"actionerUserId": s.admin}}),
    );
    assert_eq!(delete.status, 404);
    assert_eq!(delete.text, "");
});

both!(instantaneous_without_options_takes_no_option, |app| {
    let s = setup(&app);
    let note = app.action(json!({"name": "Note"}));
    apply(
        &app,
        json!({"userActionId": note, "actioneeUserId": s.user, "actionerUserId": s.admin, "option": "x"}),
    )
    .has_code("[invalid]action.option");
    let res = apply(
        &app,
        json!({"userActionId": note, "actioneeUserId": s.user, "actionerUserId": s.admin}),
    );
    assert!(res.ok()["action"].get("option").is_none());
});

both!(list_filters, |app| {
    let s = setup(&app);
    let note = app.action(json!({"name": "Note"}));
    let mute = app.action(json!({"name": "Mute", "temporal": true}));
    let ban = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 60_000}),
    ));
    app.clock.advance(1);
    let muted = id_of(&apply(
        &app,
        json!({"userActionId": mute, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 30_000}),
    ));
    app.clock.advance(1);
    let noted = id_of(&apply(
        &app,
        json!({"userActionId": note, "actioneeUserId": s.user, "actionerUserId": s.admin}),
    ));
    // Someone else's instance never shows.
    apply(
        &app,
        json!({"userActionId": note, "actioneeUserId": s.admin, "actionerUserId": s.admin}),
    )
    .ok();
    let user = &s.user;
    let list = |query: &str| ids(&app.get(&format!("/api/user/action?userId={user}{query}")));
    assert_eq!(list(""), [ban.as_str(), muted.as_str(), noted.as_str()]);
    assert_eq!(list("&active=true"), [ban.as_str(), muted.as_str()]);
    assert_eq!(list("&active=false"), [noted.as_str()]);
    assert_eq!(list("&preventingLogin=true"), [ban.as_str()]);
    assert_eq!(list("&preventingLogin=false"), list(""));
    // preventingLogin wins over active.
    assert_eq!(list("&preventingLogin=true&active=false"), [ban.as_str()]);

    // The mute expires: it moves from current to the others, as "ended".
    app.clock.advance(30_000);
    assert_eq!(list("&active=true"), [ban.as_str()]);
    assert_eq!(list("&active=false"), [muted.as_str(), noted.as_str()]);
    let got = app.get(&format!("/api/user/action/{muted}"));
    assert_eq!(got.ok()["action"]["state"], "ended");
    let put = app.put(
        &format!("/api/user/action/{muted}"),
        json!({"action": {"actionerUserId": s.admin, "expiry": START + 90_000}}),
    );
    assert_eq!(put.status, 404);
    // An ended action can be applied again.
    apply(
        &app,
        json!({"userActionId": mute, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 90_000}),
    )
    .ok();
    // The ban is cancelled: no longer preventing login.
    app.delete_with(
        &format!("/api/user/action/{ban}"),
        json!({"action": {"actionerUserId": s.admin}}),
    )
    .ok();
    assert_eq!(list("&preventingLogin=true"), Vec::<String>::new());
    assert_eq!(
        app.get(&format!("/api/user/action/{ban}")).ok()["action"]["state"],
        "cancelled"
    );
});

both!(retrieval_errors, |app| {
    app.get("/api/user/action").has_code("[missing]actionId");
    app.get(&format!("/api/user/action?userId={}", uuid::Uuid::new_v4()))
        .has_code("[invalid]userId");
    app.get("/api/user/action?userId=x")
        .has_code("[invalid]userId");
    let user = app.user("u@example.com", &[]);
    app.get(&format!("/api/user/action?userId={user}&active=maybe"))
        .has_code("[invalid]active");
    assert_eq!(
        app.get(&format!("/api/user/action?userId={user}")).ok()["actions"],
        json!([])
    );
    let res = app.get(&format!("/api/user/action/{}", uuid::Uuid::new_v4()));
    assert_eq!(res.status, 404);
    assert_eq!(res.text, "");
});

both!(localized_for_the_actionee, |app| {
    let admin = app.user("admin@example.com", &["de"]);
    let canadian = app.user("ca@example.com", &["fr_CA"]);
    let mixed = app.user("mixed@example.com", &["es", "de-AT", "fr"]);
    let plain = app.user("plain@example.com", &[]);
    let survey = app.action(json!({
        "name": "Survey",
        "localizedNames": {"fr": "Sondage", "de": "Umfrage"},
        "options": [{"name": "happy", "localizedNames": {"fr": "content", "de_AT": "froh"}}]
    }));
    let reason = app.post(
        "/api/user-action-reason",
        json!({"userActionReason": {"code": "R", "text": "Routine", "localizedTexts": {"fr": "Routinier", "de": "Routine-DE"}}}),
    );
    let reason = reason.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = |user: &str| {
        apply(
            &app,
            json!({"userActionId": survey, "actioneeUserId": user, "actionerUserId": admin,
                   "option": "happy", "reasonId": reason}),
        )
    };
    // fr_CA falls back to fr; the actioner's language plays no part.
    let fr = res(&canadian);
    let fr = &fr.ok()["action"];
    assert_eq!(fr["localizedName"], "Sondage");
    assert_eq!(fr["localizedOption"], "content");
    assert_eq!(fr["localizedReason"], "Routinier");
    assert_eq!(fr["name"], "Survey");
    assert_eq!(fr["option"], "happy");
    assert_eq!(fr["reason"], "Routine");
    // es matches nothing; de-AT matches de_AT exactly for the option and de for the rest.
    let de = res(&mixed);
    let de = &de.ok()["action"];
    assert_eq!(de["localizedName"], "Umfrage");
    assert_eq!(de["localizedOption"], "froh");
    assert_eq!(de["localizedReason"], "Routine-DE");
    let none = res(&plain);
    let none = &none.ok()["action"];
    assert_eq!(none["localizedName"], "Survey");
    assert_eq!(none["localizedOption"], "happy");
    assert_eq!(none["localizedReason"], "Routine");
});

both!(
    application_ids_must_name_applications_of_the_tenant,
    |app| {
        let s = setup(&app);
        let created = app.post(
            "/api/application",
            json!({"application": {"name": "Forum"}}),
        );
        let forum = created.ok()["application"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let res = apply(
            &app,
            json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 1000, "applicationIds": [forum, forum]}),
        );
        assert_eq!(res.ok()["action"]["applicationIds"], json!([forum, forum]));
        let other = app.action(json!({"name": "Mute", "temporal": true}));
        apply(
            &app,
            json!({"userActionId": other, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 1000, "applicationIds": [forum, uuid::Uuid::new_v4()]}),
        )
        .has_code("[invalid]action.applicationIds");
        apply(
            &app,
            json!({"userActionId": other, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 1000, "applicationIds": "nope"}),
        )
        .has_code("[invalid]action.applicationIds");
        let res = apply(
            &app,
            json!({"userActionId": other, "actioneeUserId": s.user, "actionerUserId": s.admin,
               "expiry": START + 1000, "applicationIds": null}),
        );
        assert_eq!(res.ok()["action"]["applicationIds"], json!([]));
    }
);

both!(hard_deleted_actionee_takes_instances_along, |app| {
    let s = setup(&app);
    let id = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 1000}),
    ));
    let kept = id_of(&apply(
        &app,
        json!({"userActionId": s.ban, "actioneeUserId": s.admin, "actionerUserId": s.user, "expiry": START + 1000}),
    ));
    assert_eq!(
        app.delete(&format!("/api/user/{}?hardDelete=true", s.user))
            .status,
        200
    );
    assert_eq!(app.get(&format!("/api/user/action/{id}")).status, 404);
    let got = app.get(&format!("/api/user/action/{kept}"));
    assert_eq!(got.ok()["action"]["actionerUserId"], s.user.as_str());
});

both!(concurrent_applies_make_one_current_instance, |app| {
    let s = setup(&app);
    let body = json!({"userActionId": s.ban, "actioneeUserId": s.user, "actionerUserId": s.admin, "expiry": START + 60_000});
    let statuses: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let body = body.clone();
                let app = &app;
                scope.spawn(move || {
                    let res = apply(app, body);
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
            *status == 200 || text.contains("[duplicate]action.userActionId"),
            "{status} {text}"
        );
    }
    let current = app.get(&format!("/api/user/action?userId={}&active=true", s.user));
    assert_eq!(current.ok()["actions"].as_array().unwrap().len(), 1);
});
