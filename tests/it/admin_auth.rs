//! The admin app's door: sign-in, sessions, CSRF, roles, setup link, escaping.

use crate::both;
use crate::web_support::*;

both!(
    sign_in_reaches_the_dashboard_and_sign_out_ends_the_session,
    |app| {
        app.staff("ada@staff.test", "admin");
        let browser = app.browser();

        let page = browser.get("/admin/reasons");
        let location = page.redirects_to("/admin/login?next=");
        assert!(location.ends_with("next=/admin/reasons"), "{location}");

        let wrong = browser.sign_in("ada@staff.test", "not the password");
        assert_eq!(wrong.status, 401);
        wrong.assert_has("The email or password is wrong");
        assert_eq!(
            wrong.input_value("email").as_deref(),
            Some("ada@staff.test")
        );

        browser
            .sign_in("ada@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");
        let home = browser.get("/admin/");
        assert_eq!(home.status, 200);
        home.assert_has("Welcome, admin ada@staff.test.");

        browser
            .post("/admin/logout", &[])
            .redirects_to("/admin/login");
        browser.get("/admin/").redirects_to("/admin/login");
    }
);

both!(forms_without_the_csrf_token_are_refused, |app| {
    let browser = app.signed_in("admin");
    let forged = browser.post_exactly("/admin/reasons/new", &[("text", "Forged"), ("code", "F")]);
    assert_eq!(forged.status, 403);
    forged.assert_has("The form could not be sent");
    let wrong = browser.post_exactly(
        "/admin/reasons/new",
        &[("text", "Forged"), ("code", "F"), ("_csrf", "0000")],
    );
    assert_eq!(wrong.status, 403);
    // Nothing was created.
    assert!(app.get("/api/user-action-reason").ok()["userActionReasons"]
        .as_array()
        .unwrap()
        .is_empty());
    // Signing in needs the token too.
    let visitor = app.browser();
    let forged = visitor.post_exactly("/admin/login", &[("email", "x@y.z"), ("password", "p")]);
    assert_eq!(forged.status, 403);
});

both!(roles_reach_only_their_pages, |app| {
    let admin = app.signed_in("admin");
    let support = app.signed_in("support");
    let translator = app.signed_in("translator");
    for (path, admin_ok, support_ok, translator_ok) in [
        ("/admin/", true, true, true),
        ("/admin/account", true, true, true),
        ("/admin/reasons", true, false, false),
        ("/admin/reasons/new", true, false, false),
    ] {
        for (browser, allowed, who) in [
            (&admin, admin_ok, "admin"),
            (&support, support_ok, "support"),
            (&translator, translator_ok, "translator"),
        ] {
            let page = browser.get(path);
            let expected = if allowed { 200 } else { 403 };
            assert_eq!(page.status, expected, "{who} on {path}");
        }
    }
    // Posting is refused the same way, and creates nothing.
    support.get("/admin/");
    let page = support.post("/admin/reasons/new", &[("text", "Sneaky"), ("code", "S")]);
    assert_eq!(page.status, 403);
    assert!(app.get("/api/user-action-reason").ok()["userActionReasons"]
        .as_array()
        .unwrap()
        .is_empty());
});

both!(
    reasons_are_created_edited_and_deleted_with_errors_next_to_fields,
    |app| {
        let admin = app.signed_in("admin");
        admin.get("/admin/reasons/new");
        let page = admin.post(
            "/admin/reasons/new",
            &[
                ("text", "<script>alert(1)</script>"),
                ("code", ""),
                ("locale", "de"),
                ("localized", "Böse"),
            ],
        );
        assert_eq!(page.status, 422);
        page.assert_has("This field is required.");
        // What was typed is kept, escaped.
        page.assert_has("&#60;script&#62;alert(1)&#60;/script&#62;");
        assert!(!page.contains("<script>alert(1)"));
        assert_eq!(page.input_value("localized").as_deref(), Some("Böse"));

        admin
            .post(
                "/admin/reasons/new",
                &[
                    ("text", "<script>alert(1)</script>"),
                    ("code", "XSS"),
                    ("locale", "de"),
                    ("localized", "Böse"),
                ],
            )
            .redirects_to("/admin/reasons?done=created");
        let list = admin.get("/admin/reasons?done=created");
        list.assert_has("Created.");
        list.assert_has("&#60;script&#62;alert(1)&#60;/script&#62;");
        assert!(!list.contains("<script>alert(1)"));

        let reasons = app.get("/api/user-action-reason").ok()["userActionReasons"].clone();
        let id = reasons[0]["id"].as_str().unwrap().to_string();
        assert_eq!(reasons[0]["localizedTexts"]["de"], "Böse");

        admin.get(&format!("/admin/reasons/{id}"));
        admin
            .post(
                &format!("/admin/reasons/{id}"),
                &[("text", "Spam"), ("code", "SP")],
            )
            .redirects_to("/admin/reasons?done=saved");
        let reason = app.get(&format!("/api/user-action-reason/{id}"));
        assert_eq!(reason.ok()["userActionReason"]["text"], "Spam");
        assert!(reason.body["userActionReason"]
            .get("localizedTexts")
            .is_none());

        admin
            .get(&format!("/admin/reasons/{id}/delete"))
            .assert_has("Spam");
        admin
            .post(&format!("/admin/reasons/{id}/delete"), &[])
            .redirects_to("/admin/reasons?done=deleted");
        assert_eq!(
            app.get(&format!("/api/user-action-reason/{id}")).status,
            404
        );
        assert_eq!(admin.get(&format!("/admin/reasons/{id}")).status, 404);
        assert_eq!(admin.get("/admin/reasons/not-an-id").status, 404);
    }
);

both!(pages_follow_the_members_language, |app| {
    let browser = app.signed_in("support");
    let page = browser
        .client
        .get(format!("{}/admin/", browser.base))
        .header("Accept-Language", "fr-CH, de;q=0.5")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("Tableau de bord"), "{page}");
    browser.get("/admin/account");
    browser
        .post(
            "/admin/account",
            &[("language", "de"), ("time_zone", "Europe/Berlin")],
        )
        .redirects_to("/admin/account?done=saved");
    let page = browser.get("/admin/account?done=saved");
    page.assert_has("Gespeichert.");
    page.assert_has("<html lang=\"de\">");
    let bad = browser.post(
        "/admin/account",
        &[("language", "de"), ("time_zone", "Mars/Olympus")],
    );
    assert_eq!(bad.status, 422);
    bad.assert_has("Dieser Wert ist ungültig.");
    assert_eq!(
        bad.input_value("time_zone").as_deref(),
        Some("Mars/Olympus")
    );
});

both!(the_setup_link_creates_the_first_admin_once, |app| {
    // No admin was configured: `serve` would log a setup link made exactly like this.
    let token = {
        use actioneer::service::staff;
        let mut conn = app.state.db.write().unwrap();
        match staff::ensure_first_admin(&mut conn, app.now(), None).unwrap() {
            staff::FirstAdmin::SetupToken(token) => token,
            other => panic!("{other:?}"),
        }
    };
    let browser = app.browser();
    assert_eq!(browser.get("/admin/setup?token=wrong").status, 404);
    browser
        .get(&format!("/admin/setup?token={token}"))
        .assert_has("Create the first administrator");
    let short = browser.post(
        "/admin/setup",
        &[
            ("token", &token),
            ("email", "first@staff.test"),
            ("name", "First"),
            ("password", "short"),
        ],
    );
    assert_eq!(short.status, 422);
    short.assert_has("This is too short.");
    browser
        .post(
            "/admin/setup",
            &[
                ("token", &token),
                ("email", "first@staff.test"),
                ("name", "First"),
                ("password", "long enough 1"),
            ],
        )
        .redirects_to("/admin/");
    browser.get("/admin/reasons").assert_has("Reasons");
    // The link is used up.
    assert_eq!(
        app.browser()
            .get(&format!("/admin/setup?token={token}"))
            .status,
        404
    );
});

both!(
    staff_join_the_default_tenant_when_there_are_several,
    |app| {
        app.post(
            "/api/tenant",
            serde_json::json!({"tenant": {"name": "Other"}}),
        )
        .ok();
        app.staff("second@staff.test", "support");
        let browser = app.browser();
        browser
            .sign_in("second@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");
    }
);

both!(an_expired_session_does_not_block_signing_in_again, |app| {
    app.staff("ada@staff.test", "admin");
    let browser = app.browser();
    browser
        .sign_in("ada@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    // Thirteen hours later the session has ended, but its cookie is still in the browser.
    app.clock.advance(13 * 3_600_000);
    browser.get("/admin/").redirects_to("/admin/login");
    browser
        .sign_in("ada@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    assert_eq!(browser.get("/admin/").status, 200);
});
