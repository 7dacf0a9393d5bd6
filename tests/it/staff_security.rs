//! Staff credentials are out of reach of API keys: a tenant-scoped key cannot change, deactivate
//! or delete the user a staff member is linked to, no key can change or guess the admin password,
//! and a changed password ends the member's other sessions.

use serde_json::{json, Value};

use crate::both;
use crate::support::TestApp;
use crate::web_support::*;

const BOSS: &str = "boss@staff.test";

/// The app, now calling with a new API key scoped to the Default tenant.
fn with_default_tenant_key(mut app: TestApp) -> TestApp {
    let tenant = app.default_tenant();
    let created = app.post("/api/api-key", json!({"apiKey": {"tenantId": tenant}}));
    app.key = created.ok()["apiKey"]["key"]
        .as_str()
        .expect("key")
        .to_string();
    app
}

fn user_id(app: &TestApp, email: &str) -> String {
    app.get(&format!("/api/user?email={email}")).ok()["user"]["id"]
        .as_str()
        .expect("user id")
        .to_string()
}

fn api_login(app: &TestApp, login_id: &str, password: &str) -> u16 {
    app.post(
        "/api/login",
        json!({"loginId": login_id, "password": password}),
    )
    .status
}

fn admin_sign_in(app: &TestApp, email: &str, password: &str) -> u16 {
    app.browser().sign_in(email, password).status
}

both!(a_tenant_key_cannot_take_over_an_administrator, |app| {
    app.staff(BOSS, "admin");
    let app = with_default_tenant_key(app);
    // The attack: find the administrator's user, give it a new password, sign in with it.
    let id = user_id(&app, BOSS);
    let patched = app.patch(
        &format!("/api/user/{id}"),
        json!({"user": {"password": "taken over!"}}),
    );
    assert_eq!(patched.status, 401, "{}", patched.text);
    let put = app.put(
        &format!("/api/user/{id}"),
        json!({"user": {"email": BOSS, "password": "taken over!"}}),
    );
    assert_eq!(put.status, 401, "{}", put.text);
    let re_emailed = app.patch(
        &format!("/api/user/{id}"),
        json!({"user": {"email": "attacker@evil.test"}}),
    );
    assert_eq!(re_emailed.status, 401, "{}", re_emailed.text);
    assert_eq!(admin_sign_in(&app, BOSS, "taken over!"), 401);
    assert_eq!(
        admin_sign_in(&app, "attacker@evil.test", "taken over!"),
        401
    );
    assert_eq!(admin_sign_in(&app, BOSS, STAFF_PASSWORD), 303);
    // Reading the user stays allowed: actions name staff as their actioner.
    app.get(&format!("/api/user/{id}")).ok();
});

both!(a_tenant_key_cannot_deactivate_or_delete_staff, |app| {
    app.staff(BOSS, "admin");
    let app = with_default_tenant_key(app);
    let id = user_id(&app, BOSS);
    assert_eq!(app.delete(&format!("/api/user/{id}")).status, 401);
    assert_eq!(
        app.delete(&format!("/api/user/{id}?hardDelete=true"))
            .status,
        401
    );
    assert_eq!(
        app.request("PUT", &format!("/api/user/{id}?reactivate=true"), None)
            .status,
        401
    );
    let user = app.get(&format!("/api/user/{id}")).ok()["user"].clone();
    assert_eq!(user["active"], true);
    assert_eq!(admin_sign_in(&app, BOSS, STAFF_PASSWORD), 303);

    // Users who are not staff are the key's to manage as before.
    let other = app.user("customer@example.com", &[]);
    app.patch(
        &format!("/api/user/{other}"),
        json!({"user": {"firstName": "Cus"}}),
    )
    .ok();
    app.delete(&format!("/api/user/{other}")).ok();
    app.delete(&format!("/api/user/{other}?hardDelete=true"))
        .ok();
    assert_eq!(app.get(&format!("/api/user/{other}")).status, 404);
});

both!(
    a_global_key_changes_the_user_but_never_the_staff_password,
    |app| {
        app.staff(BOSS, "admin");
        let id = user_id(&app, BOSS);
        app.patch(
            &format!("/api/user/{id}"),
            json!({"user": {"password": "the API's password", "firstName": "Boss"}}),
        )
        .ok();
        // The user record changed, and its API password works on the API…
        assert_eq!(
            app.get(&format!("/api/user/{id}")).ok()["user"]["firstName"],
            "Boss"
        );
        assert_eq!(api_login(&app, BOSS, "the API's password"), 200);
        // …but the admin app still wants the staff password.
        assert_eq!(admin_sign_in(&app, BOSS, "the API's password"), 401);
        assert_eq!(admin_sign_in(&app, BOSS, STAFF_PASSWORD), 303);
    }
);

both!(the_api_login_does_not_check_staff_passwords, |app| {
    app.staff(BOSS, "admin");
    // Guessing through the API would sidestep the admin sign-in throttle.
    assert_eq!(api_login(&app, BOSS, STAFF_PASSWORD), 404);
    let with_tenant_key = with_default_tenant_key(app);
    assert_eq!(api_login(&with_tenant_key, BOSS, STAFF_PASSWORD), 404);
    assert_eq!(admin_sign_in(&with_tenant_key, BOSS, STAFF_PASSWORD), 303);
});

/// Two browsers signed in as `email`.
fn two_sessions(app: &TestApp, email: &str, password: &str) -> (Browser, Browser) {
    let one = app.browser();
    one.sign_in(email, password).redirects_to("/admin/");
    let two = app.browser();
    two.sign_in(email, password).redirects_to("/admin/");
    assert_eq!(one.get("/admin/").status, 200);
    assert_eq!(two.get("/admin/").status, 200);
    (one, two)
}

fn staff_form(password: &str, role: &str) -> Vec<(&'static str, String)> {
    vec![
        ("role", role.to_string()),
        ("language", String::new()),
        ("time_zone", String::new()),
        ("password", password.to_string()),
    ]
}

fn post_owned(browser: &Browser, path: &str, fields: &[(&'static str, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post(path, &fields)
}

both!(
    a_new_password_on_the_staff_page_ends_other_sessions,
    |app| {
        let boss = app.staff(BOSS, "admin");
        let sam = app.staff("sam@staff.test", "support");
        let (here, elsewhere) = two_sessions(&app, BOSS, STAFF_PASSWORD);
        let (sam_one, sam_two) = two_sessions(&app, "sam@staff.test", STAFF_PASSWORD);

        // An administrator resets Sam's password: every session of Sam's ends.
        here.get(&format!("/admin/settings/staff/{sam}"));
        post_owned(
            &here,
            &format!("/admin/settings/staff/{sam}"),
            &staff_form("sam's new password", "support"),
        )
        .redirects_to("/admin/settings/staff?done=saved");
        sam_one.get("/admin/").redirects_to("/admin/login");
        sam_two.get("/admin/").redirects_to("/admin/login");
        assert_eq!(elsewhere.get("/admin/").status, 200);

        // Saving without a new password ends nothing.
        here.get(&format!("/admin/settings/staff/{boss}"));
        post_owned(
            &here,
            &format!("/admin/settings/staff/{boss}"),
            &staff_form("", "admin"),
        )
        .redirects_to("/admin/settings/staff?done=saved");
        assert_eq!(elsewhere.get("/admin/").status, 200);

        // The administrator's own new password: this session stays, the other one ends.
        here.get(&format!("/admin/settings/staff/{boss}"));
        post_owned(
            &here,
            &format!("/admin/settings/staff/{boss}"),
            &staff_form("boss's new password", "admin"),
        )
        .redirects_to("/admin/settings/staff?done=saved");
        assert_eq!(here.get("/admin/").status, 200);
        elsewhere.get("/admin/").redirects_to("/admin/login");
        assert_eq!(admin_sign_in(&app, BOSS, STAFF_PASSWORD), 401);
        assert_eq!(admin_sign_in(&app, BOSS, "boss's new password"), 303);
    }
);

both!(
    a_new_password_on_the_account_page_ends_other_sessions,
    |app| {
        app.staff("tess@staff.test", "translator");
        let (here, elsewhere) = two_sessions(&app, "tess@staff.test", STAFF_PASSWORD);

        let form = here.get("/admin/account");
        form.assert_has("name=\"current_password\"");
        form.assert_has("name=\"new_password\"");
        let wrong = here.post(
            "/admin/account/password",
            &[
                ("current_password", "not my password"),
                ("new_password", "tess's new password"),
            ],
        );
        assert_eq!(wrong.status, 422);
        wrong.assert_has("id=\"currentPassword-error\"");
        let short = here.post(
            "/admin/account/password",
            &[
                ("current_password", STAFF_PASSWORD),
                ("new_password", "short"),
            ],
        );
        assert_eq!(short.status, 422);
        short.assert_has("id=\"newPassword-error\">This is too short.");
        assert_eq!(elsewhere.get("/admin/").status, 200);

        here.post(
            "/admin/account/password",
            &[
                ("current_password", STAFF_PASSWORD),
                ("new_password", "tess's new password"),
            ],
        )
        .redirects_to("/admin/account?done=saved");
        assert_eq!(here.get("/admin/account").status, 200);
        elsewhere.get("/admin/").redirects_to("/admin/login");
        assert_eq!(admin_sign_in(&app, "tess@staff.test", STAFF_PASSWORD), 401);
        assert_eq!(
            admin_sign_in(&app, "tess@staff.test", "tess's new password"),
            303
        );
        // The API login knows nothing of it.
        assert_eq!(
            api_login(&app, "tess@staff.test", "tess's new password"),
            404
        );
    }
);

both!(
    making_an_existing_user_staff_keeps_the_passwords_apart,
    |app| {
        let id = app.user("ursula@example.com", &[]);
        let admin = app.signed_in("admin");
        admin.get("/admin/settings/staff/new");
        admin
            .post(
                "/admin/settings/staff/new",
                &[
                    ("email", "ursula@example.com"),
                    ("name", "Ursula"),
                    ("password", "ursula's admin password"),
                    ("role", "support"),
                ],
            )
            .redirects_to("/admin/settings/staff?done=created");
        assert_eq!(user_id(&app, "ursula@example.com"), id);
        // Her API password (set by `TestApp::user`) stays hers; the admin app has its own.
        assert_eq!(api_login(&app, "ursula@example.com", "correct horse"), 200);
        assert_eq!(
            api_login(&app, "ursula@example.com", "ursula's admin password"),
            404
        );
        assert_eq!(
            admin_sign_in(&app, "ursula@example.com", "correct horse"),
            401
        );
        assert_eq!(
            admin_sign_in(&app, "ursula@example.com", "ursula's admin password"),
            303
        );
    }
);

/// Reads one text column of one row with plain SQL (no API offers staff password hashes).
fn staff_hashes(app: &TestApp) -> Vec<Value> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        password_hash: Option<String>,
    }
    let mut conn = app.state.db.read().expect("connection");
    diesel::sql_query("SELECT password_hash FROM staff ORDER BY user_id")
        .load::<Row>(&mut *conn)
        .expect("staff hashes")
        .into_iter()
        .map(|r| json!(r.password_hash))
        .collect()
}

both!(demo_staff_have_separately_salted_hashes, |app| {
    use actioneer::demo::{self, DEMO_PASSWORD};
    use actioneer::service::users::verify_password;
    demo::seed(&app.state).expect("seed");
    let hashes = staff_hashes(&app);
    assert_eq!(hashes.len(), 4, "{hashes:?}");
    let mut distinct = hashes.clone();
    distinct.sort_by_key(|h| h.to_string());
    distinct.dedup();
    assert_eq!(distinct.len(), hashes.len(), "{hashes:?}");
    for hash in &hashes {
        assert!(verify_password(DEMO_PASSWORD, hash.as_str()));
    }
    assert_eq!(
        admin_sign_in(&app, "admin@piedpiper.example", DEMO_PASSWORD),
        303
    );
});

both!(the_migration_moves_staff_passwords_off_their_users, |app| {
    use actioneer::db::{Backend, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
    use diesel_migrations::MigrationHarness;
    app.staff(BOSS, "admin");
    let migrations = || match app.state.db.backend() {
        Backend::Sqlite => SQLITE_MIGRATIONS,
        Backend::Postgres => POSTGRES_MIGRATIONS,
    };
    {
        // As before the migration: the staff password is the user's.
        // Later migrations go first, down to this one.
        let mut conn = app.state.db.write().expect("connection");
        while !conn
            .revert_last_migration(migrations())
            .expect("revert")
            .to_string()
            .ends_with("000010")
        {}
        // Read the row itself: today's code cannot run on a schema without later columns.
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let query = diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM users WHERE email = '{BOSS}' AND password_hash IS NOT NULL"
        ));
        let on_user: N = match &mut *conn {
            actioneer::db::DbConnection::Sqlite(c) => diesel::RunQueryDsl::get_result(query, c),
            actioneer::db::DbConnection::Pg(c) => diesel::RunQueryDsl::get_result(query, c),
        }
        .expect("count");
        assert_eq!(
            on_user.n, 1,
            "before the migration the staff password is the user's"
        );
    }
    {
        let mut conn = app.state.db.write().expect("connection");
        conn.run_pending_migrations(migrations()).expect("migrate");
    }
    assert_eq!(api_login(&app, BOSS, STAFF_PASSWORD), 404);
    assert_eq!(admin_sign_in(&app, BOSS, STAFF_PASSWORD), 303);
});

both!(
    the_current_password_check_is_throttled_like_a_sign_in,
    |app| {
        let email = "tess@staff.test";
        app.staff(email, "translator");
        let browser = app.browser();
        browser
            .sign_in(email, STAFF_PASSWORD)
            .redirects_to("/admin/");
        browser.get("/admin/account");
        let guess = |password: &str| {
            browser.post(
                "/admin/account/password",
                &[
                    ("current_password", password),
                    ("new_password", "a password of mine"),
                ],
            )
        };
        for n in 0..5 {
            assert_eq!(guess(&format!("guess number {n}")).status, 422);
        }
        // Blocked now, even with the right password; the sign-in form says the same.
        let blocked = guess(STAFF_PASSWORD);
        assert_eq!(blocked.status, 429);
        blocked.assert_has("Too many failed sign-in attempts");
        assert_eq!(admin_sign_in(&app, email, STAFF_PASSWORD), 429);
    }
);
