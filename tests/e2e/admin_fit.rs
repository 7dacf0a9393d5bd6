//! Administrators' pages: a webhook that can hear nothing says so and leads to the switch, and
//! every page fits a phone (390 px) without scrolling sideways, with the navigation on one line
//! at 1280 px. Screenshots at both widths.

use serde_json::json;

use crate::browser::Session;
use crate::flow;
use crate::support::START;

const DAY: i64 = 86_400_000;

flow!(
    a_webhook_whose_events_are_off_says_so_until_switched_on,
    |s| {
        let tenant = s
            .app
            .post(
                "/api/tenant",
                json!({"tenant": {"name": "Quiet shop",
                "eventConfiguration": {"events": {"user.action": {"enabled": false}}}}}),
            )
            .ok()["tenant"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        s.app
            .post(
                "/api/webhook",
                json!({"webhook": {"url": "https://hooks.example.com/quiet", "global": false,
                "tenantIds": [tenant], "connectTimeout": 1000, "readTimeout": 2000,
                "eventsEnabled": {"user.action": true}}}),
            )
            .ok();
        s.sign_in_as("admin");
        s.click_link("Webhooks");
        s.assert_text("user.action is off on the tenant Quiet shop");
        s.screenshots("webhooks-silenced");

        s.click_link("Switch it on");
        assert!(s
            .path()
            .starts_with(&format!("/admin/settings/tenants/{tenant}")));
        s.assert_text("waits for user.action, which is off here");
        s.screenshots("tenant-silenced");
        assert!(!s.is_checked("Send user.action events to this tenant's webhooks"));
        s.choose("Send user.action events to this tenant's webhooks");
        s.click_button("Save");

        s.click_link("Webhooks");
        s.assert_no_text("is off on the tenant");
        s.goto(&format!("/admin/settings/tenants/{tenant}"));
        s.assert_no_text("which is off here");
    }
);

/// Whether the page scrolls sideways: its content is wider than the window.
fn scrolls_sideways(s: &Session) -> Option<String> {
    let found = s.execute(
        "const d = document.documentElement;
         if (d.scrollWidth <= window.innerWidth) return null;
         const wide = [...document.querySelectorAll('body *')]
           .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
           .filter(e => {
             for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
               if (getComputedStyle(a).overflowX !== 'visible') return false;
             }
             return true;
           })
           .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))
           .slice(0, 5);
         return d.scrollWidth + 'px: ' + wide.join(', ');",
    );
    found.as_str().map(str::to_string)
}

flow!(
    every_admin_page_fits_a_phone_and_the_nav_one_desktop_line,
    |s| {
        let user = s
            .app
            .user("a.very.long.address.for.a.phone@example.com", &["en"]);
        let agent = s.app.staff("agent@staff.test", "support");
        let ban = s
            .app
            .action(json!({"name": "Suspension", "temporal": true, "preventLogin": true}));
        let warn = s
            .app
            .action(json!({"name": "Warning", "options": [{"name": "Mild"}]}));
        for (action, expiry, option) in [
            (&ban, Some(START + 3 * DAY), None),
            (&warn, None, Some("Mild")),
        ] {
            let mut body = json!({"actioneeUserId": user, "actionerUserId": agent,
            "userActionId": action, "comment": "A comment long enough to need wrapping on a phone"});
            if let Some(expiry) = expiry {
                body["expiry"] = json!(expiry);
            }
            if let Some(option) = option {
                body["option"] = json!(option);
            }
            s.app.post("/api/user/action", json!({"action": body})).ok();
        }
        s.app
        .post(
            "/api/webhook",
            json!({"webhook": {"url": "https://hooks.example.com/a/rather/long/path/for/a/webhook",
                "global": true, "connectTimeout": 1000, "readTimeout": 2000,
                "eventsEnabled": {"user.action": true}}}),
        )
        .ok();
        s.app
            .post(
                "/api/key/generate",
                json!({"key": {"algorithm": "HS256", "name": "Signer"}}),
            )
            .ok();
        s.sign_in_as("admin");

        // The navigation fits one line for administrators at 1280 px.
        s.resize(1280, 900);
        s.goto("/admin/");
        let lines = s.execute(
        "return new Set([...document.querySelectorAll('header nav li')].map(l => l.offsetTop)).size;",
    );
        assert_eq!(lines.as_u64(), Some(1), "the navigation wraps at 1280 px");

        let mut wide = Vec::new();
        for (name, path) in [
            ("fit-dashboard", "/admin/"),
            ("fit-users", "/admin/users"),
            ("fit-user", &format!("/admin/users/{user}")),
            ("fit-instances", "/admin/instances"),
            ("fit-actions", "/admin/actions"),
            ("fit-action-new", "/admin/actions/new"),
            ("fit-reasons", "/admin/reasons"),
            ("fit-webhooks", "/admin/webhooks"),
            ("fit-webhook-new", "/admin/webhooks/new"),
            ("fit-deliveries", "/admin/webhooks/deliveries"),
            ("fit-email-templates", "/admin/email-templates"),
            ("fit-email-template-new", "/admin/email-templates/new"),
            ("fit-emails", "/admin/emails"),
            ("fit-settings", "/admin/settings"),
            ("fit-tenants", "/admin/settings/tenants"),
            ("fit-api-keys", "/admin/settings/api-keys"),
            ("fit-signing-keys", "/admin/settings/signing-keys"),
            ("fit-staff", "/admin/settings/staff"),
            ("fit-translations", "/admin/translations"),
            ("fit-survey", "/admin/survey"),
            ("fit-account", "/admin/account"),
        ] {
            s.goto(path);
            s.resize(390, 844);
            if let Some(why) = scrolls_sideways(s) {
                wide.push(format!("{path} is {why}"));
            }
            s.screenshot(&format!("{name}-390"));
            s.resize(1280, 900);
            s.screenshot(&format!("{name}-1280"));
        }
        assert!(
            wide.is_empty(),
            "pages scroll sideways at 390 px:\n{}",
            wide.join("\n")
        );
    }
);
