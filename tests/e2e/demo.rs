//! The demo data seeded, then the admin app opened by a demo member.

use actioneer::demo::{self, Seeded, DEMO_PASSWORD};

use crate::flow;

flow!(the_demo_staff_open_the_dashboard, |s| {
    assert!(matches!(
        demo::seed(&s.app.state).unwrap(),
        Seeded::Created(_)
    ));
    s.sign_in("admin@piedpiper.example", DEMO_PASSWORD);
    assert_eq!(s.path(), "/admin/");
    s.assert_text("Welcome, Morgan Reyes.");
    s.screenshot("dashboard-demo");
    s.click_link("Reasons");
    s.assert_text("Goodwill gesture");
    s.assert_text("GOODWILL");
    s.screenshot("reasons-demo");
});
