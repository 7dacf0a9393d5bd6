//! Staff sign-in throttling: per email address (known or not) and per client address, counted
//! in the database, timed by the app's clock.

use diesel::prelude::*;

use actioneer::client_address::TrustedProxies;
use actioneer::db::schema::signin_attempts;
use actioneer::domain::signin::{KEEP_MS, PER_CLIENT, PER_EMAIL};
use actioneer::store::signin_attempts as attempts;

use crate::both;
use crate::support::{Backend, TestApp};
use crate::web_support::*;

const THROTTLED: &str = "Too many failed sign-in attempts";

/// The form's error message (the text of the alert box).
fn alert(page: &Page) -> String {
    let start = page.body.find("role=\"alert\"").expect("an error box");
    let rest = &page.body[start..];
    rest[..rest.find("</div>").unwrap()].to_string()
}

fn wrong(browser: &Browser, email: &str, times: usize) {
    for i in 0..times {
        let page = browser.sign_in(email, "not the password");
        assert_eq!(page.status, 401, "wrong password #{}: {}", i + 1, page.body);
    }
}

fn stored_attempts(app: &TestApp) -> i64 {
    let mut conn = app.state.db.write().unwrap();
    signin_attempts::table
        .count()
        .get_result(&mut *conn)
        .unwrap()
}

/// The distinct client addresses that failures are counted under.
fn counted_clients(app: &TestApp) -> Vec<Option<String>> {
    let mut conn = app.state.db.write().unwrap();
    signin_attempts::table
        .select(signin_attempts::client_ip)
        .distinct()
        .load(&mut *conn)
        .unwrap()
}

/// As many failures from this browser as the client limit allows, each for another address.
fn guess_until_the_client_limit(browser: &Browser) {
    for i in 0..PER_CLIENT.failures {
        let page = browser.sign_in(&format!("guess-{i}@staff.test"), "123456");
        assert_eq!(page.status, 401, "guess #{i}: {}", page.body);
    }
}

/// Twelve wrong-password sign-ins at once, each from its own browser (the `i`th for
/// `email(i)`); their statuses.
fn guess_at_once(app: &TestApp, email: impl Fn(usize) -> String + Sync) -> Vec<u16> {
    let browsers: Vec<Browser> = (0..12)
        .map(|_| {
            let browser = app.browser();
            browser.get("/admin/login");
            browser
        })
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = browsers
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                let email = &email;
                s.spawn(move || {
                    let email = email(i);
                    b.post("/admin/login", &[("email", &email), ("password", "guess")])
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// Tests on a server that believes `X-Forwarded-For` from 127.0.0.1, where the tests connect from.
macro_rules! behind_a_proxy {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            use super::*;
            fn run($app: TestApp) $body
            fn start(backend: Backend) -> Option<TestApp> {
                TestApp::start_with(backend, |c| {
                    c.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap()
                })
            }
            #[test]
            fn sqlite() {
                if let Some(app) = start(Backend::Sqlite) {
                    run(app);
                }
            }
            #[test]
            fn postgres() {
                if let Some(app) = start(Backend::Postgres) {
                    run(app);
                }
            }
        }
    };
}

both!(
    five_wrong_passwords_refuse_even_the_right_one_until_the_block_ends,
    |app| {
        app.staff("ada@staff.test", "admin");
        let browser = app.browser();
        // Case and spaces do not make another address.
        wrong(&browser, "ada@staff.test", 3);
        wrong(&browser, "  ADA@staff.test ", 2);

        let refused = browser.sign_in("ada@staff.test", STAFF_PASSWORD);
        assert_eq!(refused.status, 429, "{}", refused.body);
        refused.assert_has(THROTTLED);
        refused.assert_has("Try again in 15 minutes.");
        assert_eq!(
            refused.input_value("email").as_deref(),
            Some("ada@staff.test")
        );
        assert_eq!(browser.get("/admin/").status, 303, "not signed in");
        // Another browser on the same address is refused too: the state is in the database.
        let other = app.browser();
        assert_eq!(other.sign_in("ada@staff.test", STAFF_PASSWORD).status, 429);

        app.clock.advance(PER_EMAIL.block_ms - 60_000);
        let still = browser.sign_in("ada@staff.test", STAFF_PASSWORD);
        assert_eq!(still.status, 429);
        still.assert_has("Try again in 1 minute.");

        // Under a minute left: no "1 minute" for what ends in seconds.
        app.clock.advance(30_000);
        let nearly = browser.sign_in("ada@staff.test", STAFF_PASSWORD);
        assert_eq!(nearly.status, 429);
        nearly.assert_has("Try again in a moment.");

        app.clock.advance(30_000);
        browser
            .sign_in("ada@staff.test", STAFF_PASSWORD)
            .redirects_to("/admin/");
        assert_eq!(browser.get("/admin/").status, 200);
    }
);

both!(
    an_unknown_address_is_throttled_with_the_same_message,
    |app| {
        app.staff("ada@staff.test", "admin");
        let browser = app.browser();
        wrong(&browser, "ada@staff.test", 5);
        let known = browser.sign_in("ada@staff.test", "not the password");
        assert_eq!(known.status, 429);

        let first = browser.sign_in("nobody@staff.test", "not the password");
        assert_eq!(first.status, 401);
        first.assert_has("The email or password is wrong");
        wrong(&browser, "nobody@staff.test", 4);
        let unknown = browser.sign_in("nobody@staff.test", "not the password");
        assert_eq!(unknown.status, 429);
        assert_eq!(alert(&unknown), alert(&known));
        // Nothing was learnt about either address: one row per failure, none for refusals.
        assert_eq!(stored_attempts(&app), 10);
    }
);

both!(a_successful_sign_in_clears_the_count, |app| {
    app.staff("ada@staff.test", "admin");
    let browser = app.browser();
    wrong(&browser, "ada@staff.test", 4);
    browser
        .sign_in("ada@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    assert_eq!(browser.get("/admin/").status, 200);
    browser
        .post("/admin/logout", &[])
        .redirects_to("/admin/login");
    // Four more would make eight within the window, had the success not cleared them.
    wrong(&browser, "ada@staff.test", 4);
    browser
        .sign_in("ada@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    assert_eq!(stored_attempts(&app), 0);
});

both!(one_client_cannot_try_many_addresses, |app| {
    app.staff("ada@staff.test", "admin");
    let browser = app.browser();
    guess_until_the_client_limit(&browser);
    // A new address, even with the right password, from the same client.
    let refused = browser.sign_in("ada@staff.test", STAFF_PASSWORD);
    assert_eq!(refused.status, 429);
    refused.assert_has(THROTTLED);

    app.clock.advance(PER_CLIENT.block_ms);
    browser
        .sign_in("ada@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
});

both!(old_attempts_are_deleted_when_new_ones_are_written, |app| {
    let browser = app.browser();
    wrong(&browser, "nobody@staff.test", 3);
    assert_eq!(stored_attempts(&app), 3);
    app.clock.advance(KEEP_MS + 1);
    wrong(&browser, "someone@staff.test", 1);
    assert_eq!(stored_attempts(&app), 1);
});

both!(concurrent_guesses_stop_at_the_limit, |app| {
    let statuses = guess_at_once(&app, |_| "ada@staff.test".to_string());
    let failed = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    // Never more password checks than the limit; an attempt that races another for the same
    // address is refused rather than waiting, so there may be fewer.
    assert_eq!(failed + refused, 12, "{statuses:?}");
    assert!((1..=PER_EMAIL.failures).contains(&failed), "{statuses:?}");
});

behind_a_proxy!(clients_behind_a_trusted_proxy_are_throttled_apart, |app| {
    app.staff("ada@staff.test", "admin");
    let guesser = app.browser_forwarded_for("203.0.113.7");
    guess_until_the_client_limit(&guesser);
    assert_eq!(
        guesser.sign_in("ada@staff.test", STAFF_PASSWORD).status,
        429
    );
    // An address made up in front of the one the proxy appended does not get out of the block.
    let spoofer = app.browser_forwarded_for("198.51.100.1, 203.0.113.7");
    let refused = spoofer.sign_in("ada@staff.test", STAFF_PASSWORD);
    assert_eq!(refused.status, 429);
    refused.assert_has(THROTTLED);

    // Another client through the same proxy is not blocked.
    app.browser_forwarded_for("203.0.113.8")
        .sign_in("ada@staff.test", STAFF_PASSWORD)
        .redirects_to("/admin/");
    assert_eq!(counted_clients(&app), [Some("203.0.113.7".to_string())]);
});

both!(an_untrusted_peer_cannot_name_another_client, |app| {
    app.staff("ada@staff.test", "admin");
    let guesser = app.browser_forwarded_for("203.0.113.7");
    guess_until_the_client_limit(&guesser);
    // No proxy is trusted: the header is ignored and the peer stays blocked.
    let refused = app
        .browser_forwarded_for("203.0.113.8")
        .sign_in("ada@staff.test", STAFF_PASSWORD);
    assert_eq!(refused.status, 429);
    refused.assert_has(THROTTLED);
    assert_eq!(counted_clients(&app), [Some("127.0.0.1".to_string())]);
});

both!(
    concurrent_guesses_from_one_client_stop_at_its_limit,
    |app| {
        // Earlier failures from this client (the tests' peer), five short of its limit.
        let room = 5;
        {
            let mut conn = app.state.db.write().unwrap();
            for i in 0..PER_CLIENT.failures - room {
                attempts::insert(
                    &mut conn,
                    &format!("earlier-{i}"),
                    Some("127.0.0.1"),
                    app.now(),
                )
                .unwrap();
            }
        }
        // Each for its own address, so that only the client's count stops them.
        let statuses = guess_at_once(&app, |i| format!("guess-{i}@staff.test"));
        let failed = statuses.iter().filter(|s| **s == 401).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!(failed + refused, 12, "{statuses:?}");
        assert!((1..=room).contains(&failed), "{statuses:?}");
    }
);
