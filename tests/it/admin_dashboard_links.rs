//! The dashboard's counters lead to the list they count; a reversed expiry range says so.

use serde_json::json;

use crate::both;
use crate::support::START;
use crate::web_support::*;

const DAY: i64 = 86_400_000;

both!(dashboard_counters_link_to_the_filtered_list, |app| {
    let user = app.user("tara@example.test", &[]);
    let agent = app.staff("agent@staff.test", "support");
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": user,
               "actionerUserId": agent, "expiry": START + 2 * DAY}}),
    )
    .ok();
    let browser = app.browser();
    browser
        .sign_in("agent@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    let home = browser.get("/admin/");
    home.assert_has("href=\"/admin/instances?state=active\"");
    // Askama writes `&` in an attribute as `&#38;`, which a browser reads back as `&`.
    home.assert_has(&format!(
        "href=\"/admin/instances?state=active&#38;action={ban}\""
    ));
    home.assert_has("href=\"/admin/instances?state=active&#38;expires_before=");

    // Following the per-action counter lists the ban.
    let list = browser.get(&format!("/admin/instances?state=active&action={ban}"));
    assert_eq!(list.status, 200);
    list.assert_has("tara@example.test");
    // So does the expiring link, whose end is a week from now in the member's zone.
    let at = home.body.find("expires_before=").unwrap() + "expires_before=".len();
    let end = home.body[at..].find('"').unwrap() + at;
    let expiring = format!(
        "/admin/instances?state=active&expires_before={}",
        &home.body[at..end]
    );
    let list = browser.get(&expiring);
    assert_eq!(list.status, 200, "{expiring}");
    list.assert_has("tara@example.test");
});

both!(a_reversed_expiry_range_says_which_way_round, |app| {
    let support = app.signed_in("support");
    let reversed = support
        .get("/admin/instances?expires_after=2031-01-02T00%3A00&expires_before=2031-01-01T00%3A00");
    assert_eq!(reversed.status, 422);
    reversed.assert_has("must be later than");
    let unreadable =
        support.get("/admin/instances?expires_after=2031-01-02T00%3A00&expires_before=soon");
    assert_eq!(unreadable.status, 422);
    assert!(!unreadable.contains("must be later than"));
});
