//! Input no client should send, and load no server should drown in: U+0000 in any text, a
//! `next` that is no path, an exhausted pool and a locked database. Never a 500.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::both;
use crate::support::*;

/// `[invalid]<field>` and nothing else.
#[track_caller]
fn invalid(res: &Res, field: &str) {
    assert_eq!(
        res.codes(),
        vec![format!("[invalid]{field}")],
        "{}",
        res.text
    );
    assert!(res.body["fieldErrors"][field].is_array(), "{}", res.text);
}

both!(nul_in_api_bodies_is_an_invalid_field, |app| {
    let user = app.user("user@example.com", &[]);
    let admin = app.user("admin@example.com", &[]);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));

    let res = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Ban\u{0}"}}),
    );
    invalid(&res, "userAction.name");
    let res = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Survey", "options": [{"name": "ok"}, {"name": "\u{0}"}]}}),
    );
    invalid(&res, "userAction.options.name");
    let res = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Ban 2", "localizedNames": {"de\u{0}": "Sperre"}}}),
    );
    invalid(&res, "userAction.localizedNames");
    let res = app.post(
        "/api/user-action-reason",
        json!({"userActionReason": {"code": "X", "text": "a\u{0}b"}}),
    );
    invalid(&res, "userActionReason.text");
    let res = app.post(
        "/api/user",
        json!({"user": {"email": "n@example.com", "username": "nul\u{0}", "password": "correct horse"}}),
    );
    invalid(&res, "user.username");
    let res = app.post(
        "/api/user",
        json!({"user": {"email": "n\u{0}@example.com", "password": "correct horse"}}),
    );
    invalid(&res, "user.email");
    let res = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": admin,
                          "expiry": START + 60_000, "comment": "spam\u{0}"}}),
    );
    invalid(&res, "action.comment");
    let res = app.post("/api/user/action/search", json!({"reasonCode": "\u{0}"}));
    invalid(&res, "reasonCode");
    let res = app.post(
        "/api/login",
        json!({"loginId": "user@example.com\u{0}", "password": "correct horse"}),
    );
    invalid(&res, "loginId");

    // Nothing was stored on the way.
    let actions = app.get("/api/user-action");
    assert_eq!(actions.ok()["userActions"].as_array().unwrap().len(), 1);
    app.get("/api/user?email=n@example.com").status_is(404);
});

both!(nul_through_every_patch_format_is_an_invalid_field, |app| {
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let path = format!("/api/user-action/{ban}");
    for (media, body) in [
        ("application/json", r#"{"userAction": {"name": "a\u0000"}}"#),
        (
            "application/merge-patch+json",
            r#"{"userAction": {"name": "a\u0000"}}"#,
        ),
        (
            "application/json-patch+json",
            r#"[{"op": "replace", "path": "/userAction/name", "value": "a\u0000"}]"#,
        ),
    ] {
        let res = app.raw("PATCH", &path, media, body);
        assert_eq!(res.status, 400, "{media}: {}", res.text);
        invalid(&res, "userAction.name");
    }
    assert_eq!(app.get(&path).ok()["userAction"]["name"], "Ban");
});

both!(nul_in_a_lookup_or_search_matches_nothing, |app| {
    app.user("a@example.com", &[]);
    app.get("/api/user?email=a%00@example.com").status_is(404);
    app.get("/api/user?username=a%00").status_is(404);
    app.get("/api/user?email=a@example.com").ok();

    let browser = app.signed_in("support");
    let page = browser.get("/admin/users?q=%00");
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("No user matches.");
    let page = browser.get("/admin/survey?q=a%00");
    assert_eq!(page.status, 200, "{}", page.body);
});

both!(nul_in_an_admin_form_is_a_bad_request, |app| {
    let admin = app.signed_in("admin");
    admin.get("/admin/actions/new");
    let page = admin.post(
        "/admin/actions/new",
        &[
            ("name", "Ban\u{0}"),
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
        ],
    );
    assert_eq!(page.status, 400, "{}", page.body);
    page.assert_has("Bad request");
    let actions = app.get("/api/user-action");
    assert_eq!(actions.ok()["userActions"], json!([]));
});

both!(
    a_next_that_is_no_clean_path_signs_in_to_the_dashboard,
    |app| {
        let email = "agent@staff.test";
        app.staff(email, "support");
        for next in [
            "/admin/users\r\nSet-Cookie: x=1",
            "/admin/users\n",
            "/admin/users foo",
            "/admin/users\tx",
        ] {
            let browser = app.browser();
            browser.get("/admin/login");
            let page = browser.post(
                "/admin/login",
                &[
                    ("email", email),
                    ("password", crate::web_support::STAFF_PASSWORD),
                    ("next", next),
                ],
            );
            assert_eq!(page.redirects_to("/admin/"), "/admin/", "{next:?}");
        }
        // A NUL never gets as far as the password check.
        let browser = app.browser();
        browser.get("/admin/login");
        let page = browser.post(
            "/admin/login",
            &[
                ("email", email),
                ("password", crate::web_support::STAFF_PASSWORD),
                ("next", "/admin/users\u{0}"),
            ],
        );
        assert_eq!(page.status, 400, "{}", page.body);
        // A clean path is still followed.
        let browser = app.browser();
        browser.get("/admin/login");
        let page = browser.post(
            "/admin/login",
            &[
                ("email", email),
                ("password", crate::web_support::STAFF_PASSWORD),
                ("next", "/admin/users?q=a%20b"),
            ],
        );
        assert_eq!(page.redirects_to("/admin/users"), "/admin/users?q=a%20b");
    }
);

impl Res {
    #[track_caller]
    fn status_is(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.text);
    }
}

/// Asserts a quick 503 with `Retry-After`.
#[track_caller]
fn unavailable(status: u16, retry_after: Option<String>, took: Duration, what: &str) {
    assert_eq!(status, 503, "{what}");
    assert_eq!(retry_after.as_deref(), Some("2"), "{what}");
    assert!(took < Duration::from_secs(6), "{what} took {took:?}");
}

fn timed(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> (Res, Option<String>, Duration) {
    let started = Instant::now();
    let mut req = app
        .client
        .request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{}{}", app.base, path),
        )
        .header("Authorization", &app.key);
    if let Some(body) = body {
        req = req.json(body);
    }
    let res = req.send().unwrap();
    let retry = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (Res::from(res), retry, started.elapsed())
}

fn exhausted(backend: Backend) {
    let Some(app) = TestApp::start_with(backend, |c| c.pool_size = 1) else {
        return;
    };
    let browser = app.signed_in("support");
    // The API key is looked up once and cached: later requests need no connection for it.
    app.get("/api/user-action").ok();

    // A write waits behind the group-commit writer for the only write connection.
    let held = app.state.db.write().unwrap();
    let body = json!({"userAction": {"name": "Ban"}});
    let (res, retry, took) = timed(&app, "POST", "/api/user-action", Some(&body));
    unavailable(res.status, retry, took, "API write");
    assert_eq!(
        res.body["generalErrors"][0]["code"], "[ServiceUnavailable]",
        "{}",
        res.text
    );
    drop(held);

    // A read, and an admin page (its session is read first).
    let held = app.state.db.read().unwrap();
    let (res, retry, took) = timed(&app, "GET", "/api/user-action", None);
    unavailable(res.status, retry, took, "API read");
    assert_eq!(res.body["generalErrors"][0]["code"], "[ServiceUnavailable]");
    let started = Instant::now();
    let res = browser
        .client
        .get(format!("{}/admin/users", app.base))
        .send()
        .unwrap();
    let retry = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let status = res.status().as_u16();
    let text = res.text().unwrap();
    unavailable(status, retry, started.elapsed(), "admin page");
    assert!(text.contains("The server is busy"), "{text}");
    drop(held);

    // Once the connection is back, so is the service.
    app.post("/api/user-action", body).ok();
    assert_eq!(browser.get("/admin/users").status, 200);
}

#[test]
fn an_exhausted_pool_is_a_quick_503_sqlite() {
    exhausted(Backend::Sqlite);
}

#[test]
fn an_exhausted_pool_is_a_quick_503_postgres() {
    exhausted(Backend::Postgres);
}

/// Another process holds SQLite's write lock: the write gives up after the busy timeout.
#[test]
fn a_locked_sqlite_database_is_a_503() {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let Some(app) = TestApp::start(Backend::Sqlite) else {
        return;
    };
    app.get("/api/user-action").ok();
    let path = app
        .state
        .config
        .database_url
        .strip_prefix("sqlite://")
        .unwrap()
        .to_string();
    let mut other = diesel::SqliteConnection::establish(&path).unwrap();
    other.batch_execute("BEGIN IMMEDIATE").unwrap();
    let body = json!({"userAction": {"name": "Ban"}});
    let (res, retry, took) = timed(&app, "POST", "/api/user-action", Some(&body));
    assert_eq!(res.status, 503, "{}", res.text);
    assert_eq!(retry.as_deref(), Some("2"));
    assert!(took < Duration::from_secs(8), "took {took:?}");
    other.batch_execute("ROLLBACK").unwrap();
    app.post("/api/user-action", body).ok();
}

/// A statement that runs too long on PostgreSQL is cancelled, and counts as unavailability.
#[test]
fn a_long_postgres_statement_times_out() {
    use diesel::RunQueryDsl;
    let Some(app) = TestApp::start(Backend::Postgres) else {
        return;
    };
    let mut conn = app.state.db.read().unwrap();
    let started = Instant::now();
    let err = diesel::sql_query("SELECT pg_sleep(30)")
        .execute(&mut *conn)
        .unwrap_err();
    assert!(actioneer::db::is_unavailable(&err), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// A header with U+0000 (`X-FusionAuth-TenantId`, `Authorization`) is refused by the HTTP
/// parser before any handler runs: 400, never a query.
#[test]
fn nul_in_a_header_is_a_bad_request() {
    use std::io::{Read, Write};
    let Some(app) = TestApp::start(Backend::Sqlite) else {
        return;
    };
    let addr = app.base.strip_prefix("http://").unwrap();
    for header in [
        format!("Authorization: {API_KEY}\r\nX-FusionAuth-TenantId: a\0b"),
        "Authorization: key\0key".to_string(),
    ] {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        let request = format!(
            "GET /api/user-action HTTP/1.1\r\nHost: {addr}\r\n{header}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        assert!(
            response.starts_with("HTTP/1.1 400"),
            "{header:?}: {response}"
        );
    }
}
