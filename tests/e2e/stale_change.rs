//! Two agents on one instance: the one whose page is older is told what changed, and their
//! save writes nothing.

use serde_json::json;

use crate::browser::Session;
use crate::flow;
use crate::support::START;

const DAY: i64 = 86_400_000;

fn expiry(s: &Session, id: &str) -> i64 {
    s.app.get(&format!("/api/user/action/{id}")).ok()["action"]["expiry"]
        .as_i64()
        .unwrap()
}

flow!(
    a_save_from_a_page_older_than_the_instance_is_refused_with_what_changed,
    |s| {
        let user = s.app.user("pat.doe@example.com", &["en"]);
        let other = s.app.staff("other.agent@staff.test", "support");
        let ban = s.app.action(json!({"name": "Forum ban", "temporal": true}));
        let applied = s.app.post(
            "/api/user/action",
            json!({"action": {"userActionId": ban, "actioneeUserId": user,
               "actionerUserId": other, "expiry": START + 7 * DAY, "comment": "Spam"}}),
        );
        let id = applied.ok()["action"]["id"].as_str().unwrap().to_string();
        s.sign_in_as("support");
        s.goto(&format!("/admin/users/{user}/actions/{id}"));
        s.choose("7 days later");
        s.fill("Comment", "Extended after review");

        // Meanwhile the other agent moves the end to 30 days and says why.
        s.app
            .put(
                &format!("/api/user/action/{id}"),
                json!({"action": {"actionerUserId": other, "expiry": START + 30 * DAY,
                   "comment": "Escalated"}}),
            )
            .ok();

        s.click_button("Save changes");
        s.assert_text("This action was changed after you opened this page. Nothing was saved.");
        s.assert_text("other.agent@staff.test");
        s.assert_text("set the comment to “Escalated”");
        assert_eq!(expiry(s, &id), START + 30 * DAY);
        // What was typed is kept, over the current state: saving now is a decision.
        assert_eq!(s.value("Comment"), "Extended after review");
        s.screenshots("user-action-stale");
        s.click_button("Save changes");
        assert_eq!(s.path(), format!("/admin/users/{user}?done=modified"));
        assert_eq!(expiry(s, &id), START + 37 * DAY);
    }
);
