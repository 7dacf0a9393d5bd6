//! A happiness-survey answer recorded by a support agent, then seen on the dashboard.

use serde_json::json;

use crate::flow;

flow!(a_survey_answer_is_recorded_and_charted, |s| {
    let user = s.app.user("sam.lee@example.com", &["en"]);
    let survey = s.app.action(json!({"name": "Happiness", "options": [
        {"name": "Happy", "localizedNames": {"de": "Glücklich"}},
        {"name": "Indifferent"},
        {"name": "Frustrated"},
    ]}));
    s.sign_in_as("support");

    s.click_link("Survey");
    assert_eq!(s.path(), "/admin/survey");
    s.fill("Find the user", "sam.lee");
    s.click_button("Search");
    s.assert_text("sam.lee@example.com");
    s.click_link("Record answer");
    assert_eq!(
        s.path(),
        format!("/admin/survey?user={user}&survey={survey}")
    );
    s.assert_text("Answer of sam.lee@example.com");
    s.assert_text("Happiness: how does the user feel?");
    s.choose("Happy");
    s.fill("Comment (optional)", "Loved the quick refund");
    s.screenshot("survey");
    s.click_button("Save");
    assert_eq!(
        s.path(),
        format!("/admin/survey?done=recorded&survey={survey}&recorded={user}")
    );
    // Ready for the next user.
    assert_eq!(s.value("Find the user"), "");

    let answers = s.app.get(&format!("/api/user/action?userId={user}")).ok()["actions"].clone();
    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers[0]["userActionId"], survey.as_str());
    assert_eq!(answers[0]["option"], "Happy");
    assert_eq!(answers[0]["comment"], "Loved the quick refund");

    s.click_link("Dashboard");
    assert_eq!(s.path(), "/admin/");
    let charts = s.execute("return document.querySelectorAll('main svg.chart').length;");
    assert_eq!(charts, 1);
    let title = s.execute("return document.querySelector('main svg.chart title').textContent;");
    assert_eq!(title, "Answers to Happiness per week");
    s.assert_text("Loved the quick refund");
    s.execute("document.getElementById('survey-heading').scrollIntoView(); return null;");
    s.screenshot("dashboard-survey");
});

flow!(the_survey_chart_shows_every_week_label_whole, |s| {
    let user = s.app.user("sam.lee@example.com", &["en"]);
    let agent = s.app.staff("agent@staff.test", "support");
    let survey = s.app.action(json!({"name": "Happiness", "options": [
        {"name": "Happy"}, {"name": "Frustrated"},
    ]}));
    s.app
        .post(
            "/api/user/action",
            json!({"action": {"actioneeUserId": user, "actionerUserId": agent,
                "userActionId": survey, "option": "Happy"}}),
        )
        .ok();
    s.sign_in_as("support");
    s.goto("/admin/");
    // Each week's label, in the chart's own units: it must lie inside the viewBox, not be cut.
    let cut = s.execute(
        "const svg = document.querySelector('main svg.chart');\
         const box = svg.viewBox.baseVal;\
         return [...svg.querySelectorAll('text[text-anchor=middle]')]\
           .map(t => [t.textContent, t.getBBox()])\
           .filter(([, b]) => b.x < box.x || b.x + b.width > box.x + box.width)\
           .map(([label, b]) => `${label}: ${Math.round(b.x)}..${Math.round(b.x + b.width)}`);",
    );
    s.execute("document.getElementById('survey-heading').scrollIntoView(); return null;");
    s.screenshot("dashboard-survey-chart");
    assert_eq!(
        cut,
        json!([]),
        "week labels run past the chart's 0..640 viewBox and are cut off"
    );
});
