//! What the route declarations promise on the wire: the key is checked before anything else in
//! the request, the search refuses an empty expiry window, a missing row is 404, and a malformed
//! query string is the API's 400 under /api but the admin app's own page elsewhere.

use serde_json::json;

use crate::both;

both!(a_missing_key_is_401_even_with_a_bad_id_and_body, |app| {
    let client = reqwest::blocking::Client::new();
    for (method, path) in [
        ("GET", "/api/tenant/not-a-uuid"),
        ("PUT", "/api/webhook/not-a-uuid"),
        ("POST", "/api/user-action/not-a-uuid"),
        ("DELETE", "/api/user/action/not-a-uuid"),
    ] {
        let res = client
            .request(method.parse().unwrap(), format!("{}{path}", app.base))
            .header("Content-Type", "application/json")
            .body("{not json")
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 401, "{method} {path}");
        assert_eq!(res.text().unwrap(), "", "{method} {path}");
    }
    // With the key, the same request is the bad id's 400.
    app.get("/api/tenant/not-a-uuid")
        .has_code("[invalid]tenantId");
});

both!(an_empty_expiry_window_is_refused, |app| {
    let search = |after: i64, before: i64| {
        app.post(
            "/api/user/action/search",
            json!({"expiresAfter": after, "expiresBefore": before}),
        )
    };
    let now = app.now();
    search(now + 10, now + 10).has_code("[invalid]expiresBefore");
    search(now + 20, now + 10).has_code("[invalid]expiresBefore");
    assert_eq!(search(now + 10, now + 20).ok()["total"], 0);
});

both!(an_unknown_object_is_404_with_an_empty_body, |app| {
    for path in [
        "/api/tenant/3f0c8a4e-5b1d-4c2e-9f6a-7d8e9f0a1b2c",
        "/api/webhook/3f0c8a4e-5b1d-4c2e-9f6a-7d8e9f0a1b2c",
        "/api/email/template/3f0c8a4e-5b1d-4c2e-9f6a-7d8e9f0a1b2c",
        "/api/user-action-reason/3f0c8a4e-5b1d-4c2e-9f6a-7d8e9f0a1b2c",
        "/api/user/action/3f0c8a4e-5b1d-4c2e-9f6a-7d8e9f0a1b2c",
    ] {
        let res = app.get(path);
        assert_eq!((res.status, res.text.as_str()), (404, ""), "{path}");
    }
});

both!(
    a_malformed_query_is_json_under_api_and_a_page_elsewhere,
    |app| {
        // `active` must be a flag: a value that is not one is the API's field error.
        let user = app.user("q@example.com", &[]);
        app.get(&format!("/api/user/action?userId={user}&active=maybe"))
            .has_code("[invalid]active");
        // A query the admin app cannot read (`next` twice) is its own answer, not FusionAuth's JSON.
        let res =
            reqwest::blocking::get(format!("{}/admin/login?next=a&next=b", app.base)).unwrap();
        assert_eq!(res.status().as_u16(), 400);
        let text = res.text().unwrap();
        assert!(
            !text.contains("fieldErrors"),
            "the admin app answered with the API's error JSON: {text}"
        );
    }
);
