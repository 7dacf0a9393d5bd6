//! Signing in through the real form, and signing out.

use crate::flow;
use crate::web_support::STAFF_PASSWORD;

flow!(sign_in_through_the_form_and_sign_out, |s| {
    s.app.staff("ada@staff.test", "admin");

    // A page behind the door leads to the sign-in form, and back after signing in.
    s.goto("/admin/reasons");
    assert!(s.path().starts_with("/admin/login"), "{}", s.path());
    s.screenshot("login");

    s.fill("Email", "ada@staff.test");
    s.fill("Password", "not the password");
    s.click_button("Sign in");
    s.assert_text("The email or password is wrong");
    assert_eq!(s.value("Email"), "ada@staff.test");
    assert_eq!(s.value("Password"), "");

    s.fill("Password", STAFF_PASSWORD);
    s.click_button("Sign in");
    assert_eq!(s.path(), "/admin/reasons");

    s.click_link("Dashboard");
    s.assert_text("Welcome, admin ada@staff.test.");
    s.screenshot("dashboard");

    s.click_button("Sign out");
    assert!(s.path().starts_with("/admin/login"), "{}", s.path());
    s.assert_text("You are signed out.");
    s.goto("/admin/");
    assert!(s.path().starts_with("/admin/login"), "{}", s.path());
    s.assert_no_text("Welcome");
});
