//! Bulk changes in the browser: apply to users ticked in the search; cancel actions ticked in
//! the actions-taken list, with one refused in the summary. The list fits 1280 px without
//! scrolling inside its box, and a phone without scrolling the page.

use serde_json::json;

use crate::browser::Session;
use crate::flow;
use crate::support::START;

const DAY: i64 = 86_400_000;

fn tick_all(s: &Session) {
    s.execute("document.querySelectorAll('input[type=checkbox][name=id]').forEach(c => { if (!c.checked) c.click(); }); return null;");
}

/// How many pixels the first table's box scrolls sideways (0: the table fits its box).
fn table_overflow(s: &Session) -> i64 {
    s.execute(
        "const w = document.querySelector('.table-wrap');
         return w ? w.scrollWidth - w.clientWidth : 0;",
    )
    .as_i64()
    .unwrap_or(0)
}

fn page_overflow(s: &Session) -> i64 {
    s.execute("return document.documentElement.scrollWidth - window.innerWidth;")
        .as_i64()
        .unwrap_or(0)
}

flow!(
    an_agent_applies_one_action_to_users_ticked_in_the_search,
    |s| {
        let ann = s.app.user("ann.bulk@example.com", &["en"]);
        let bob = s.app.user("bob.bulk@example.com", &["en"]);
        let ban = s
            .app
            .action(json!({"name": "Forum ban", "temporal": true, "preventLogin": true}));
        s.sign_in_as("support");
        s.goto("/admin/users?q=bulk");
        s.assert_text("ann.bulk@example.com");
        tick_all(s);
        s.screenshots("bulk-users-search");
        s.click_button("Apply an action to the selected users…");
        s.assert_text("2 users selected");
        s.fill("Action", &ban);
        s.choose("30 days");
        s.fill("Comment", "Spam wave of 5 December");
        s.screenshots("bulk-apply-choose");
        s.click_button("Review");
        s.assert_text("Forum ban will be applied to 2 users");
        s.screenshots("bulk-apply-confirm");
        s.click_button("Apply to 2 users");
        assert!(s.path().starts_with("/admin/bulk/reports/"), "{}", s.path());
        s.assert_text("Done: 2. Refused: 0.");
        s.screenshots("bulk-apply-summary");
        for user in [&ann, &bob] {
            let list =
                s.app.get(&format!("/api/user/action?userId={user}")).ok()["actions"].clone();
            assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
            assert_eq!(list[0]["comment"], "Spam wave of 5 December");
        }
        // Reloading the summary applies nothing again.
        s.reload();
        s.assert_text("Done: 2. Refused: 0.");
        let list = s.app.get(&format!("/api/user/action?userId={ann}")).ok()["actions"].clone();
        assert_eq!(list.as_array().unwrap().len(), 1);
    }
);

flow!(
    an_agent_cancels_actions_ticked_in_the_list_and_sees_what_was_refused,
    |s| {
        let agent = s.app.staff("other.agent@staff.test", "support");
        let ban = s
            .app
            .action(json!({"name": "Forum ban", "temporal": true, "preventLogin": true}));
        let mut ids = Vec::new();
        for name in ["ann", "bob", "a.very.long.address.for.the.list"] {
            let user = s.app.user(&format!("{name}@example.com"), &["en"]);
            let res = s.app.post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user, "actionerUserId": agent,
                "expiry": START + 7 * DAY,
                "comment": "Repeated posting of the same link in several threads after two warnings, reported by four members"}}),
        );
            ids.push(res.ok()["action"]["id"].as_str().unwrap().to_string());
        }
        s.sign_in_as("support");
        s.goto("/admin/instances");
        // At 1280 px every column fits the box (the comment wraps); on a phone nothing scrolls the
        // page sideways.
        s.resize(1280, 900);
        assert_eq!(
            table_overflow(s),
            0,
            "the table scrolls inside its box at 1280 px"
        );
        s.screenshots("instances-list");
        s.resize(390, 844);
        assert!(page_overflow(s) <= 0, "the page scrolls sideways at 390 px");
        s.execute("document.querySelector('.table-wrap').scrollIntoView(); return null;");
        s.screenshot("instances-list-table-390");
        s.resize(1280, 900);

        tick_all(s);
        s.click_button("Cancel them…");
        s.assert_text("3 actions will be cancelled now");
        s.screenshots("bulk-cancel-confirm");
        // Meanwhile another agent changes Bob's ban: that one is refused, the others go through.
        s.app
            .put(
                &format!("/api/user/action/{}", ids[1]),
                json!({"action": {"actionerUserId": agent, "expiry": START + 9 * DAY}}),
            )
            .ok();
        s.fill("Comment (optional)", "Appeal granted");
        s.click_button("Cancel 3 actions");
        s.assert_text("Done: 2. Refused: 1.");
        s.assert_text("Refused: it changed after the confirm page showed it.");
        s.screenshots("bulk-cancel-summary");
        let state = |id: &str| {
            s.app.get(&format!("/api/user/action/{id}")).ok()["action"]["state"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(state(&ids[0]), "cancelled");
        assert_eq!(state(&ids[1]), "active");
        assert_eq!(state(&ids[2]), "cancelled");
    }
);
