//! The main pages with data in them, for a look (screenshots), and who may open which.

use serde_json::json;

use crate::flow;
use crate::support::START;

const DAY: i64 = 86_400_000;

flow!(the_main_pages_show_their_data, |s| {
    let user = s.app.user("pat.doe@example.com", &["en"]);
    let agent = s.app.staff("agent@staff.test", "support");
    let suspension = s.app.action(json!({"name": "Suspension", "temporal": true,
        "preventLogin": true, "localizedNames": {"de": "Sperre"}}));
    let warning = s.app.action(json!({"name": "Warning"}));
    for (action, expiry, comment) in [
        (&suspension, Some(START + 3 * DAY), "Chargeback fraud"),
        (&warning, None, "Rude to support"),
    ] {
        let mut body = json!({"actioneeUserId": user, "actionerUserId": agent, "userActionId": action,
            "comment": comment});
        if let Some(expiry) = expiry {
            body["expiry"] = json!(expiry);
        }
        s.app.post("/api/user/action", json!({"action": body})).ok();
    }
    s.app
        .post(
            "/api/email/template",
            json!({"emailTemplate": {"name": "Suspension notice",
                "defaultSubject": "Your account is suspended",
                "defaultHtmlTemplate": "<p>Hello { $firstName }</p>",
                "defaultTextTemplate": "Hello { $firstName }"}}),
        )
        .ok();
    s.app
        .post(
            "/api/webhook",
            json!({"webhook": {"url": "https://hooks.example.com/actioneer",
                "description": "Moderation feed", "global": true, "connectTimeout": 1000, "readTimeout": 2000,
                "eventsEnabled": {"user.action": true}}}),
        )
        .ok();
    let admin = s.sign_in_as("admin");

    s.click_link("Actions taken");
    assert_eq!(s.path(), "/admin/instances");
    s.assert_text("Suspension");
    s.assert_text("Warning");
    s.assert_text("pat.doe@example.com");
    s.screenshot("instances");

    s.click_link("Webhooks");
    s.assert_text("https://hooks.example.com/actioneer");
    s.screenshot("webhooks");

    s.click_link("Email templates");
    s.assert_text("Suspension notice");
    s.screenshot("email-templates");
    s.click_link("Sent emails");
    assert_eq!(s.path(), "/admin/emails");
    s.assert_text("No emails.");
    s.screenshot("emails");

    s.click_link("Settings");
    assert_eq!(s.path(), "/admin/settings");
    s.screenshot("settings");
    s.click_link("Staff");
    assert_eq!(s.path(), "/admin/settings/staff");
    s.assert_text(&admin);
    s.assert_text("agent@staff.test");
    s.screenshot("settings-staff");

    s.click_link("Translations");
    assert_eq!(s.path(), "/admin/translations");
    s.screenshot("translations");

    s.goto("/admin/account");
    s.assert_text("Your settings");
    s.screenshot("account-settings");
});

flow!(a_translator_reaches_translations_but_not_actions, |s| {
    s.sign_in_as("translator");
    s.goto("/admin/translations");
    s.assert_text("Translations");
    s.assert_no_text("No access");
    s.screenshot("translations-translator");

    s.goto("/admin/actions");
    s.assert_text("No access");
    s.assert_text("Your role does not include this page.");
    s.assert_no_text("New action");
    s.screenshot("no-access");
});
