//! Unique names, keys and ids under concurrency: a request that loses a race for a value (another
//! request took it between its check and its write) gets the 400 its check would have given,
//! never a 500.

use diesel::{Connection, RunQueryDsl};
use serde_json::{json, Value};
use uuid::Uuid;

use actioneer::domain::staff::Role;
use actioneer::service::{self, ServiceError, UniqueField};
use actioneer::store;

use crate::both;
use crate::support::*;
use crate::web_support::Page;

const KEY: &str = "same-key-value-0123456789abcdefghijklmnopqrstuvwxyz";

/// Sends `n` requests at once; the status and body of each.
fn at_once(n: usize, request: impl Fn(usize) -> Res + Sync) -> Vec<(u16, String)> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let request = &request;
                scope.spawn(move || {
                    let res = request(i);
                    (res.status, res.text)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// Exactly one request succeeded and every other one was told `code`.
#[track_caller]
fn one_wins(results: &[(u16, String)], code: &str) {
    let ok = results.iter().filter(|(status, _)| *status == 200).count();
    assert_eq!(ok, 1, "{results:?}");
    for (status, text) in results {
        assert!(
            *status == 200 || (*status == 400 && text.contains(code)),
            "expected 200 or 400 {code}: {status} {text}"
        );
    }
}

/// Creates through the API; the new object's id.
fn create(app: &TestApp, path: &str, wrapper: &str, body: Value) -> Uuid {
    let res = app.post(path, json!({ wrapper: body }));
    res.ok()[wrapper]["id"].as_str().unwrap().parse().unwrap()
}

/// The field codes `fields` makes of a write's failure; `None` when it stays a database error.
fn mapped(result: diesel::QueryResult<()>, fields: &'static [UniqueField]) -> Option<Vec<String>> {
    let e = result.expect_err("the write should violate a unique key");
    match service::as_duplicate(fields)(e) {
        ServiceError::Invalid(errors) => Some(
            errors
                .field_errors
                .values()
                .flatten()
                .map(|e| e.code.clone())
                .collect(),
        ),
        ServiceError::Db(_) => None,
        other => panic!("unexpected {other:?}"),
    }
}

fn codes(code: &str) -> Option<Vec<String>> {
    Some(vec![code.to_string()])
}

// Many requests at once: on PostgreSQL writers run in parallel and the losers meet the unique
// index; on SQLite the one writer serializes them and the check answers.

both!(concurrent_creates_of_one_definition_name, |app| {
    let results = at_once(8, |_| {
        app.post("/api/user-action", json!({"userAction": {"name": "Same"}}))
    });
    one_wins(&results, "[duplicate]userAction.name");
});

both!(concurrent_creates_of_one_tenant_name, |app| {
    let results = at_once(8, |_| {
        app.post("/api/tenant", json!({"tenant": {"name": "Same"}}))
    });
    one_wins(&results, "[duplicate]tenant.name");
});

both!(concurrent_creates_of_one_application_name, |app| {
    let results = at_once(8, |_| {
        app.post("/api/application", json!({"application": {"name": "Same"}}))
    });
    one_wins(&results, "[duplicate]application.name");
});

both!(concurrent_creates_of_one_api_key_value, |app| {
    let results = at_once(8, |_| {
        app.post("/api/api-key", json!({"apiKey": {"key": KEY}}))
    });
    one_wins(&results, "[duplicate]apiKey.key");
});

both!(concurrent_creates_with_one_id, |app| {
    for (path, body, code) in [
        (
            "user-action",
            json!({"userAction": {"name": "Name {i}"}}),
            "[duplicate]userActionId",
        ),
        (
            "application",
            json!({"application": {"name": "Name {i}"}}),
            "[duplicate]applicationId",
        ),
        ("api-key", json!({"apiKey": {}}), "[duplicate]apiKeyId"),
        (
            "user-action-reason",
            json!({"userActionReason": {"code": "C{i}", "text": "Text {i}"}}),
            "[duplicate]userActionReasonId",
        ),
        (
            "user",
            json!({"user": {"email": "u{i}@example.com"}}),
            "[duplicate]userId",
        ),
        (
            "webhook",
            json!({"webhook": {"url": "https://example.com/{i}", "connectTimeout": 1000,
                               "readTimeout": 2000}}),
            "[duplicate]webhookId",
        ),
        (
            "email/template",
            json!({"emailTemplate": {"name": "T{i}", "defaultSubject": "S",
                                     "defaultHtmlTemplate": "<p>Hello</p>",
                                     "defaultTextTemplate": "Hello"}}),
            "[duplicate]emailTemplateId",
        ),
        (
            "key/generate",
            json!({"key": {"name": "K{i}", "algorithm": "HS256"}}),
            "[duplicate]keyId",
        ),
        // Last: a second tenant makes the requests above name their tenant.
        (
            "tenant",
            json!({"tenant": {"name": "Name {i}"}}),
            "[duplicate]tenantId",
        ),
    ] {
        let id = Uuid::new_v4();
        let results = at_once(6, |i| {
            let body: Value =
                serde_json::from_str(&body.to_string().replace("{i}", &i.to_string())).unwrap();
            app.post(&format!("/api/{path}/{id}"), body)
        });
        one_wins(&results, code);
    }
});

// A lost race made certain (PostgreSQL): a transaction writes the value and stays open until the
// request, past its check, waits on the index; the commit then makes the request's write fail.

/// Runs `request` while `hold` has written, uncommitted, what `request` will collide on.
fn lost_race<R: Send>(
    app: &TestApp,
    hold: impl FnOnce(&mut actioneer::db::DbConnection),
    request: impl FnOnce() -> R + Send,
) -> Option<R> {
    if app.state.db.backend() != actioneer::db::Backend::Postgres {
        return None;
    }
    let mut holder = app.state.db.write().unwrap();
    let mut watcher = app.state.db.read().unwrap();
    Some(std::thread::scope(|scope| {
        holder
            .transaction::<_, diesel::result::Error, _>(|conn| {
                hold(conn);
                let sent = scope.spawn(request);
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
                while waiting_on_locks(&mut watcher) == 0 {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "the request never waited on the held row"
                    );
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Ok(sent)
            })
            .unwrap()
            .join()
            .unwrap()
    }))
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn waiting_on_locks(conn: &mut actioneer::db::DbConnection) -> i64 {
    diesel::sql_query(
        "SELECT count(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )
    .get_result::<Count>(conn)
    .unwrap()
    .n
}

both!(a_lost_race_for_a_definition_name_is_a_field_error, |app| {
    let now = app.now();
    let res = lost_race(
        &app,
        |conn| {
            let input = serde_json::from_value(json!({"name": "Same"})).unwrap();
            service::user_actions::create(conn, now, None, input).unwrap();
        },
        || app.post("/api/user-action", json!({"userAction": {"name": "same"}})),
    );
    if let Some(res) = res {
        assert_eq!(res.codes(), ["[duplicate]userAction.name"]);
    }
});

both!(a_lost_race_for_a_tenant_name_is_a_field_error, |app| {
    let now = app.now();
    let res = lost_race(
        &app,
        |conn| {
            let input = serde_json::from_value(json!({"name": "Same"})).unwrap();
            service::tenants::create(conn, now, None, input).unwrap();
        },
        || app.post("/api/tenant", json!({"tenant": {"name": "SAME"}})),
    );
    if let Some(res) = res {
        assert_eq!(res.codes(), ["[duplicate]tenant.name"]);
    }
});

both!(
    a_lost_race_for_an_application_name_is_a_field_error,
    |app| {
        let now = app.now();
        let res = lost_race(
            &app,
            |conn| {
                let input = serde_json::from_value(json!({"name": "Same"})).unwrap();
                service::applications::create(conn, now, None, None, input).unwrap();
            },
            || app.post("/api/application", json!({"application": {"name": "Same"}})),
        );
        if let Some(res) = res {
            assert_eq!(res.codes(), ["[duplicate]application.name"]);
        }
    }
);

both!(a_lost_race_for_an_api_key_value_is_a_field_error, |app| {
    let now = app.now();
    let res = lost_race(
        &app,
        |conn| {
            let new = service::api_keys::NewKey {
                key: Some(KEY.into()),
                ..Default::default()
            };
            service::api_keys::create(conn, now, new).unwrap();
        },
        || app.post("/api/api-key", json!({"apiKey": {"key": KEY}})),
    );
    if let Some(res) = res {
        assert_eq!(res.codes(), ["[duplicate]apiKey.key"]);
    }
});

both!(a_lost_race_for_an_id_is_a_field_error, |app| {
    let now = app.now();
    let id = Uuid::new_v4();
    let res = lost_race(
        &app,
        |conn| {
            let input = serde_json::from_value(json!({"name": "First"})).unwrap();
            service::tenants::create(conn, now, Some(id), input).unwrap();
        },
        || {
            app.post(
                &format!("/api/tenant/{id}"),
                json!({"tenant": {"name": "Second"}}),
            )
        },
    );
    if let Some(res) = res {
        assert_eq!(res.codes(), ["[duplicate]tenantId"]);
    }
});

both!(
    a_lost_race_for_a_renamed_definition_is_a_field_error,
    |app| {
        let other = app.action(json!({"name": "Other"}));
        let now = app.now();
        let res = lost_race(
            &app,
            |conn| {
                let input = serde_json::from_value(json!({"name": "Same"})).unwrap();
                service::user_actions::create(conn, now, None, input).unwrap();
            },
            || {
                app.put(
                    &format!("/api/user-action/{other}"),
                    json!({"userAction": {"name": "Same"}}),
                )
            },
        );
        if let Some(res) = res {
            assert_eq!(res.codes(), ["[duplicate]userAction.name"]);
        }
    }
);

both!(an_admin_form_shows_a_lost_race_next_to_its_field, |app| {
    let admin = app.signed_in("admin");
    admin.get("/admin/settings/tenants/new");
    let now = app.now();
    let page: Option<Page> = lost_race(
        &app,
        |conn| {
            let input = serde_json::from_value(json!({"name": "Acme"})).unwrap();
            service::tenants::create(conn, now, None, input).unwrap();
        },
        move || {
            admin.post(
                "/admin/settings/tenants/new",
                &[
                    ("name", "Acme"),
                    ("smtp_port", "587"),
                    ("smtp_security", "NONE"),
                    ("too_many_attempts", "5"),
                    ("reset_count_in_seconds", "60"),
                    ("action_duration", "3"),
                    ("action_duration_unit", "MINUTES"),
                ],
            )
        },
    );
    if let Some(page) = page {
        assert_eq!(page.status, 422, "{}", page.body);
        page.assert_has("id=\"name-error\">This value is already in use.");
    }
});

// Each unique key, violated through the store (no check before), on both backends' own error
// texts: the key is recognised and named as the field its check reports.

both!(definition_keys_name_their_fields, |app| {
    let id = create(
        &app,
        "/api/user-action",
        "userAction",
        json!({"name": "Taken"}),
    );
    let mut conn = app.state.db.write().unwrap();
    let stored = store::user_actions::find(&mut conn, id).unwrap().unwrap();
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    let unique = service::user_actions::UNIQUE;
    assert_eq!(
        mapped(store::user_actions::insert(&mut conn, &twin), unique),
        codes("[duplicate]userAction.name")
    );
    let mut twin = stored;
    twin.spec.name = "Other".into();
    assert_eq!(
        mapped(store::user_actions::insert(&mut conn, &twin), unique),
        codes("[duplicate]userActionId")
    );
});

both!(tenant_keys_name_their_fields, |app| {
    let id = create(&app, "/api/tenant", "tenant", json!({"name": "Taken"}));
    let mut conn = app.state.db.write().unwrap();
    let stored = store::tenants::find(&mut conn, id).unwrap().unwrap();
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    let unique = service::tenants::UNIQUE;
    assert_eq!(
        mapped(store::tenants::insert(&mut conn, &twin), unique),
        codes("[duplicate]tenant.name")
    );
    let mut twin = stored;
    twin.name = "Other".into();
    assert_eq!(
        mapped(store::tenants::insert(&mut conn, &twin), unique),
        codes("[duplicate]tenantId")
    );
});

both!(application_keys_name_their_fields, |app| {
    let id = create(
        &app,
        "/api/application",
        "application",
        json!({"name": "Taken"}),
    );
    let mut conn = app.state.db.write().unwrap();
    let stored = store::applications::find(&mut conn, id, None)
        .unwrap()
        .unwrap();
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    let unique = service::applications::UNIQUE;
    assert_eq!(
        mapped(store::applications::insert(&mut conn, &twin), unique),
        codes("[duplicate]application.name")
    );
    let mut twin = stored;
    twin.name = "Other".into();
    assert_eq!(
        mapped(store::applications::insert(&mut conn, &twin), unique),
        codes("[duplicate]applicationId")
    );
});

both!(api_key_keys_name_their_fields, |app| {
    let id = create(&app, "/api/api-key", "apiKey", json!({"key": KEY}));
    let mut conn = app.state.db.write().unwrap();
    let stored = store::api_keys::find(&mut conn, id).unwrap().unwrap();
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    let unique = service::api_keys::UNIQUE;
    assert_eq!(
        mapped(store::api_keys::insert(&mut conn, &twin, KEY), unique),
        codes("[duplicate]apiKey.key")
    );
    let other = format!("{KEY}-other");
    assert_eq!(
        mapped(store::api_keys::insert(&mut conn, &stored, &other), unique),
        codes("[duplicate]apiKeyId")
    );
});

both!(reason_keys_name_their_fields, |app| {
    let id = create(
        &app,
        "/api/user-action-reason",
        "userActionReason",
        json!({"code": "TC", "text": "Taken"}),
    );
    let mut conn = app.state.db.write().unwrap();
    let stored = store::reasons::find(&mut conn, id).unwrap().unwrap();
    let unique = service::reasons::UNIQUE;
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    twin.spec.text = "Other".into();
    assert_eq!(
        mapped(store::reasons::insert(&mut conn, &twin), unique),
        codes("[duplicate]userActionReason.code")
    );
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    twin.spec.code = "OC".into();
    assert_eq!(
        mapped(store::reasons::insert(&mut conn, &twin), unique),
        codes("[duplicate]userActionReason.text")
    );
    let mut twin = stored;
    twin.spec.code = "OC".into();
    twin.spec.text = "Other".into();
    assert_eq!(
        mapped(store::reasons::insert(&mut conn, &twin), unique),
        codes("[duplicate]userActionReasonId")
    );
});

both!(user_keys_name_their_fields, |app| {
    let id = create(
        &app,
        "/api/user",
        "user",
        json!({"email": "taken@example.com", "username": "taken"}),
    );
    let mut conn = app.state.db.write().unwrap();
    let stored = store::users::find(&mut conn, id, None).unwrap().unwrap();
    let unique = service::users::UNIQUE;
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    twin.username = None;
    assert_eq!(
        mapped(store::users::insert(&mut conn, &twin, None), unique),
        codes("[duplicate]user.email")
    );
    let mut twin = stored.clone();
    twin.id = Uuid::new_v4();
    twin.email = None;
    assert_eq!(
        mapped(store::users::insert(&mut conn, &twin, None), unique),
        codes("[duplicate]user.username")
    );
    let mut twin = stored;
    twin.email = None;
    twin.username = None;
    assert_eq!(
        mapped(store::users::insert(&mut conn, &twin, None), unique),
        codes("[duplicate]userId")
    );
});

both!(
    signing_key_keys_name_their_fields_but_not_the_random_kid,
    |app| {
        let id = create(
            &app,
            "/api/key/generate",
            "key",
            json!({"name": "Taken", "algorithm": "HS256"}),
        );
        let mut conn = app.state.db.write().unwrap();
        let stored = store::signing_keys::find(&mut conn, id).unwrap().unwrap();
        let unique = service::signing_keys::UNIQUE;
        let mut twin = stored.clone();
        twin.id = Uuid::new_v4();
        twin.kid = "other-kid".into();
        assert_eq!(
            mapped(store::signing_keys::insert(&mut conn, &twin), unique),
            codes("[duplicate]key.name")
        );
        let mut twin = stored.clone();
        twin.name = "Other".into();
        twin.kid = "other-kid".into();
        assert_eq!(
            mapped(store::signing_keys::insert(&mut conn, &twin), unique),
            codes("[duplicate]keyId")
        );
        // The kid is generated, never a client's: a collision on it stays a server error.
        let mut twin = stored;
        twin.id = Uuid::new_v4();
        twin.name = "Other".into();
        assert_eq!(
            mapped(store::signing_keys::insert(&mut conn, &twin), unique),
            None
        );
    }
);

both!(webhook_and_template_ids_name_their_fields, |app| {
    let hook = create(
        &app,
        "/api/webhook",
        "webhook",
        json!({"url": "https://example.com/h", "connectTimeout": 1000, "readTimeout": 2000}),
    );
    let template = create(
        &app,
        "/api/email/template",
        "emailTemplate",
        json!({"name": "T", "defaultSubject": "S", "defaultHtmlTemplate": "<p>Hello</p>",
                                     "defaultTextTemplate": "Hello"}),
    );
    let mut conn = app.state.db.write().unwrap();
    let stored = store::webhooks::find(&mut conn, hook).unwrap().unwrap();
    assert_eq!(
        mapped(
            store::webhooks::insert(&mut conn, &stored),
            service::webhooks::UNIQUE
        ),
        codes("[duplicate]webhookId")
    );
    let stored = store::email_templates::find(&mut conn, template)
        .unwrap()
        .unwrap();
    assert_eq!(
        mapped(
            store::email_templates::insert(&mut conn, &stored),
            service::email_templates::UNIQUE
        ),
        codes("[duplicate]emailTemplateId")
    );
});

both!(a_staff_member_twice_names_the_email_field, |app| {
    let user: Uuid = app.user("staff@example.com", &[]).parse().unwrap();
    let mut conn = app.state.db.write().unwrap();
    store::staff::insert(&mut conn, user, Role::Support, app.now()).unwrap();
    assert_eq!(
        mapped(
            store::staff::insert(&mut conn, user, Role::Admin, app.now()),
            service::staff::UNIQUE
        ),
        codes("[duplicate]email")
    );
});
