//! The write path at scale, continued (issue 12): one rule for "current" wherever instances are
//! listed, searched or counted; exact dashboard counts that cost the same at any size; many clients applying to
//! many users while others list, without a failed request.

use diesel::connection::SimpleConnection;
use serde_json::json;

use crate::both;
use crate::support::{TestApp, START};
use actioneer::service::insights::{self, COUNT_BOUND};

const DAY: i64 = 24 * 60 * 60 * 1000;

fn users(app: &TestApp, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| app.user(&format!("wps{i}@example.com"), &[]))
        .collect()
}

/// The tenant every user of the test app is in, read from an applied instance.
fn tenant_of(app: &TestApp, action: &str, actionee: &str) -> String {
    let applied = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": action, "actioneeUserId": actionee, "actionerUserId": actionee, "expiry": START + 60_000}}),
    );
    applied.ok()["action"]["tenantId"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Inserts `n` instances of `action` for `user` with SQL; `expiry` and `cancelled` are SQL text.
/// `tag` keeps ids of different calls apart (one hex digit).
#[allow(clippy::too_many_arguments)]
fn seed(
    app: &TestApp,
    tag: char,
    n: usize,
    tenant: &str,
    action: &str,
    user: &str,
    expiry: &str,
    cancelled: bool,
) {
    let columns = "INSERT INTO action_instances (id, tenant_id, user_action_id, \
                   actionee_user_id, application_ids, email_user_on_end, notify_user_on_end, \
                   expiry, cancelled, created_instant, insert_instant, name, history)";
    let row = |x: &str, id: &str| {
        format!(
            "SELECT {id}, '{tenant}', '{action}', '{user}', '[]', FALSE, FALSE, {expiry}, \
             {cancelled}, {START} - {x}, {START} - {x}, 'Seeded', '[]'"
        )
    };
    let sql = match app.state.db.backend() {
        actioneer::db::Backend::Sqlite => format!(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {n}) \
             {columns} {} FROM n",
            row(
                "x",
                &format!("printf('00000000-0000-4000-8{tag}00-%012d', x)")
            )
        ),
        actioneer::db::Backend::Postgres => format!(
            "{columns} {} FROM generate_series(1, {n}) AS x",
            row(
                "x",
                &format!("'00000000-0000-4000-8{tag}00-' || lpad(x::text, 12, '0')")
            )
        ),
    };
    app.state
        .db
        .write()
        .expect("connection")
        .batch_execute(&sql)
        .expect("seeded");
}

fn dashboard(app: &TestApp) -> insights::Dashboard {
    let mut conn = app.state.db.read().expect("connection");
    insights::dashboard(&mut conn, app.now(), None).expect("dashboard")
}

fn count_of(board: &insights::Dashboard, action: &str) -> i64 {
    board
        .current
        .iter()
        .find(|c| c.action.id.to_string() == action)
        .expect("definition on the dashboard")
        .count
}

// An instance expiring exactly now has ended; one expiring a millisecond later is current; a
// cancelled one and an instantaneous one never are. The user's list (both ways), the search,
// the wire `state` and the dashboard all say the same.
both!(current_is_one_rule_in_lists_search_and_dashboard, |app| {
    let users = users(&app, 2);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let mute = app.action(json!({"name": "Mute", "temporal": true}));
    let note = app.action(json!({"name": "Note", "temporal": false}));
    let tenant = tenant_of(&app, &mute, &users[0]);
    let now = app.now();
    let user = &users[1];
    seed(&app, '1', 1, &tenant, &ban, user, &now.to_string(), false);
    seed(
        &app,
        '2',
        1,
        &tenant,
        &ban,
        user,
        &(now + 1).to_string(),
        false,
    );
    seed(
        &app,
        '3',
        1,
        &tenant,
        &ban,
        user,
        &(now + DAY).to_string(),
        true,
    );
    seed(&app, '4', 1, &tenant, &note, user, "NULL", false);

    let active = app.get(&format!("/api/user/action?userId={user}&active=true"));
    let active = active.ok()["actions"].as_array().unwrap().clone();
    assert_eq!(active.len(), 1, "{active:?}");
    assert_eq!(active[0]["expiry"], now + 1);
    assert_eq!(active[0]["state"], "active");

    let rest = app.get(&format!("/api/user/action?userId={user}&active=false"));
    let rest = rest.ok()["actions"].as_array().unwrap().clone();
    assert_eq!(rest.len(), 3, "{rest:?}");
    let mut states: Vec<&str> = rest.iter().map(|a| a["state"].as_str().unwrap()).collect();
    states.sort();
    assert_eq!(states, ["cancelled", "ended", "instant"]);

    let found = app.post(
        "/api/user/action/search",
        json!({"state": "active", "actioneeUserId": user}),
    );
    assert_eq!(found.ok()["total"], 1, "{}", found.text);
    assert_eq!(found.ok()["actions"][0]["expiry"], now + 1);
    let by_expiry = app.post(
        "/api/user/action/search",
        json!({"state": "active", "actioneeUserId": user, "sortField": "expiry"}),
    );
    assert_eq!(by_expiry.ok()["total"], 1, "{}", by_expiry.text);

    let board = dashboard(&app);
    assert_eq!(count_of(&board, &ban), 1);
    assert_eq!(count_of(&board, &mute), 1);
    assert_eq!(board.current_total(), 2);
    // Both current instances expire within the week: the one applied and the seeded one.
    assert_eq!(board.expiring_total, 2);
    assert_eq!(board.expiring[0].expiry, Some(now + 1));
});

// A definition's current count is exact however many instances it has (it is read from counts
// the database keeps by expiry), while the expiring count stops at its bound and says so; ended
// and cancelled instances are not counted at all.
both!(
    current_counts_are_exact_and_expiring_stops_at_its_bound,
    |app| {
        let users = users(&app, 2);
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let mute = app.action(json!({"name": "Mute", "temporal": true}));
        let tenant = tenant_of(&app, &mute, &users[0]);
        let now = app.now();
        let over = COUNT_BOUND as usize + 50;
        let soon = (now + 3 * DAY).to_string();
        seed(&app, '1', over, &tenant, &ban, &users[1], &soon, false);
        seed(
            &app,
            '2',
            30,
            &tenant,
            &ban,
            &users[1],
            &(now - 1).to_string(),
            false,
        );
        seed(&app, '3', 30, &tenant, &mute, &users[1], &soon, true);

        let board = dashboard(&app);
        assert_eq!(count_of(&board, &ban), over as i64);
        assert_eq!(count_of(&board, &mute), 1);
        assert_eq!(board.current_total(), over as i64 + 1);
        assert_eq!(board.expiring_total, COUNT_BOUND);
        // The soonest first: the instance applied through the API expires in a minute.
        assert_eq!(board.expiring[0].user_action_id.to_string(), mute);
        assert_eq!(board.expiring.len(), 20);
        // The page says "at least" where a count stopped at its bound, and only there.
        let page = app.signed_in("admin").get("/admin/");
        assert_eq!(page.status, 200);
        for stat in [format!("{over}"), "1".to_string()] {
            assert!(
                page.body.contains(&format!("<p class=\"stat\">{stat}</p>")),
                "{stat}: {}",
                page.body
            );
        }
        assert!(!page.body.contains(&format!("{over}+")), "{}", page.body);
    }
);

/// What the search (which reads instances one by one) says is current, per definition.
fn searched_current(app: &TestApp, action: &str) -> i64 {
    let found = app.post(
        "/api/user/action/search",
        json!({"state": "active", "userActionId": action, "numberOfResults": 1}),
    );
    found.ok()["total"].as_i64().expect("total")
}

// The dashboard's counts come from counts kept by expiry hour, day and 32-day block. Through
// applies, scheduled starts, modifies that move an expiry across spans, cancels, a deleted user
// and a deleted definition, and with the clock moving across an hour, a day, a block and a
// year (the rows of ended spans forgotten as it goes), every definition's count equals what
// the search finds current instance by instance.
both!(current_counts_follow_time_and_every_change, |app| {
    let users = users(&app, 8);
    let admin = &users[0];
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let trial = app.action(json!({"name": "Trial", "temporal": true}));
    let gone = app.action(json!({"name": "Gone", "temporal": true}));
    let tenant = tenant_of(&app, &gone, admin);
    // Not on an hour: the counts' spans start on whole hours.
    app.clock.advance(37 * 60_000 + 123);
    let now = app.now();
    let expiries = [
        now + 60_000,
        now + 3 * 3_600_000,
        now + 2 * DAY,
        now + 40 * DAY,
        now + 400 * DAY,
    ];
    for (k, expiry) in expiries.iter().enumerate() {
        let tag = char::from_digit(k as u32 + 1, 16).expect("digit");
        seed(
            &app,
            tag,
            5,
            &tenant,
            &ban,
            &users[1],
            &expiry.to_string(),
            false,
        );
    }
    seed(
        &app,
        'a',
        3,
        &tenant,
        &ban,
        &users[1],
        &(now + DAY).to_string(),
        true,
    );
    seed(
        &app,
        'b',
        4,
        &tenant,
        &gone,
        &users[1],
        &(now + DAY).to_string(),
        false,
    );
    let apply = |user: &str, body: serde_json::Value| -> String {
        let mut action =
            json!({"userActionId": trial, "actioneeUserId": user, "actionerUserId": admin});
        for (k, v) in body.as_object().expect("object") {
            action[k] = v.clone();
        }
        let res = app.post("/api/user/action", json!({ "action": action }));
        res.ok()["action"]["id"].as_str().expect("id").to_string()
    };
    let moved = apply(&users[2], json!({"expiry": now + 2 * 3_600_000}));
    let cancelled = apply(&users[3], json!({"expiry": now + 5 * DAY}));
    apply(
        &users[4],
        json!({"startInstant": now + 30 * 60_000, "expiry": now + 3 * DAY}),
    );
    apply(
        &users[5],
        json!({"startInstant": now + 10 * DAY, "expiry": now + 50 * DAY}),
    );
    apply(&users[6], json!({"expiry": now + 20 * 60_000}));
    apply(&users[7], json!({"expiry": i64::MAX}));
    app.put(
        &format!("/api/user/action/{moved}"),
        json!({"action": {"actionerUserId": admin, "expiry": now + 45 * DAY}}),
    )
    .ok();
    app.delete_with(
        &format!("/api/user/action/{cancelled}"),
        json!({"action": {"actionerUserId": admin}}),
    )
    .ok();
    app.delete(&format!("/api/user/{}?hardDelete=true", users[6]))
        .ok();

    // Before each look, the rows of spans that have ended are forgotten, as the lifecycle loop
    // does once an hour: nothing a count still needs goes with them.
    let forgotten = std::cell::Cell::new(0);
    let agree = |when: &str| {
        let mut conn = app.state.db.write().expect("connection");
        let n = insights::forget_past_expiry_counts(&mut conn, app.now()).expect("forgotten");
        forgotten.set(forgotten.get() + n);
        drop(conn);
        let board = dashboard(&app);
        for action in [&ban, &trial, &gone] {
            let on_board = board
                .current
                .iter()
                .find(|c| c.action.id.to_string() == *action)
                .map_or(0, |c| c.count);
            assert_eq!(on_board, searched_current(&app, action), "{when}: {action}");
        }
    };
    agree("at first");
    assert_eq!(count_of(&dashboard(&app), &ban), 25);
    // The moved one and the one that never expires; not the cancelled one, the one whose user
    // was deleted, nor the two whose start is still to come.
    assert_eq!(count_of(&dashboard(&app), &trial), 2);
    app.delete(&format!("/api/user-action/{gone}?hardDelete=true"))
        .ok();
    // Its counts went with it (and no negative row was written for its deleted instances).
    {
        use actioneer::db::schema::action_instance_expiry_counts as e;
        use diesel::prelude::*;
        let mut conn = app.state.db.read().expect("connection");
        let rows: i64 = e::table
            .filter(e::user_action_id.eq(&gone))
            .count()
            .get_result(&mut *conn)
            .expect("counted");
        assert_eq!(rows, 0, "the deleted definition's counts");
    }
    for (when, step) in [
        ("in 10 minutes", 10 * 60_000),
        ("past the hour", 30 * 60_000),
        ("in 4 hours", 4 * 3_600_000 - 40 * 60_000),
        ("tomorrow", DAY),
        ("past the scheduled start", 9 * DAY),
        ("next block", 30 * DAY),
        ("in 2 months", 20 * DAY),
        ("next year", 400 * DAY),
    ] {
        app.clock.advance(step);
        agree(when);
    }
    // Only the instance that never expires is left.
    assert_eq!(count_of(&dashboard(&app), &trial), 1);
    assert_eq!(count_of(&dashboard(&app), &ban), 0);
    assert!(forgotten.get() > 0, "past spans' rows were forgotten");
});

// Many clients apply temporal and instantaneous actions to many users while others list them.
// On PostgreSQL several writer threads batch at once, each batch holding many users' locks:
// every request succeeds (no deadlock, no timeout), and each user ends with exactly one current
// ban however many clients tried.
both!(many_clients_apply_to_many_users_while_others_list, |app| {
    let users = users(&app, 40);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let survey = app.action(json!({"name": "Survey", "temporal": false}));
    let expiry = START + 3_600_000;
    let jobs: Vec<(usize, usize)> = (0..8)
        .flat_map(|round| (0..users.len()).map(move |u| (round, u)))
        .collect();
    let next = std::sync::Mutex::new(jobs.into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..32 {
            let (next, results, users) = (&next, &results, &users);
            let (app, ban, survey) = (&app, &ban, &survey);
            scope.spawn(move || {
                let client = reqwest::blocking::Client::new();
                loop {
                    let Some((round, u)) = next.lock().unwrap().next() else {
                        return;
                    };
                    // Actioners in another order than actionees, so batches mix users.
                    let actioner = &users[(u * 7 + round) % users.len()];
                    let user = &users[u];
                    // One job in four is a list, whatever thread runs it.
                    let (method, url, body) = if (round + u) % 4 == 3 {
                        (
                            "GET",
                            format!("/api/user/action?userId={user}&active=true"),
                            None,
                        )
                    } else {
                        let action = if round % 2 == 0 {
                            json!({"userActionId": ban, "expiry": expiry})
                        } else {
                            json!({"userActionId": survey})
                        };
                        let mut action = action.as_object().unwrap().clone();
                        action.insert("actioneeUserId".into(), json!(user));
                        action.insert("actionerUserId".into(), json!(actioner));
                        let body = json!({"broadcast": true, "action": action});
                        ("POST", "/api/user/action".to_string(), Some(body))
                    };
                    let mut req = client
                        .request(method.parse().unwrap(), format!("{}{url}", app.base))
                        .header("Authorization", &app.key);
                    if let Some(body) = &body {
                        req = req.json(body);
                    }
                    let res = req.send().expect("sent");
                    let status = res.status().as_u16();
                    let text = res.text().unwrap_or_default();
                    let ban_apply = body.is_some() && round % 2 == 0;
                    results.lock().unwrap().push((u, ban_apply, status, text));
                }
            });
        }
    });
    let mut tried = vec![0; users.len()];
    let mut banned = vec![0; users.len()];
    for (u, ban_apply, status, text) in results.into_inner().unwrap() {
        let duplicate_ban = ban_apply && text.contains("[duplicate]action.userActionId");
        assert!(status == 200 || duplicate_ban, "{status} {text}");
        tried[u] += usize::from(ban_apply);
        banned[u] += usize::from(ban_apply && status == 200);
    }
    assert!(tried.iter().sum::<usize>() >= 60, "{tried:?}");
    for (u, user) in users.iter().enumerate() {
        assert_eq!(
            banned[u],
            usize::from(tried[u] > 0),
            "{user}: {tried:?} {banned:?}"
        );
        let active = app.get(&format!("/api/user/action?userId={user}&active=true"));
        let bans = active.ok()["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["userActionId"] == ban.as_str())
            .count();
        assert_eq!(bans, banned[u], "{user}: current bans");
    }
});

#[derive(diesel::QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// SQLite's plan for `sql`, one line per step.
fn plan(app: &TestApp, sql: &str) -> Vec<String> {
    use diesel::RunQueryDsl;
    let mut conn = app.state.db.read().unwrap();
    diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
        .load::<PlanStep>(&mut *conn)
        .unwrap()
        .into_iter()
        .map(|s| s.detail)
        .collect()
}

/// The duplicate check of a temporal apply reads the actionee's instances of the definition,
/// not every current instance of the definition: its cost does not grow with other users'.
#[test]
fn duplicate_check_reads_one_users_instances_on_sqlite() {
    let Some(app) = TestApp::start(crate::support::Backend::Sqlite) else {
        return;
    };
    let plan = plan(&app, &actioneer::store::instances::has_current_sql_sqlite());
    assert!(
        plan.iter()
            .any(|s| s.contains("action_instances_by_action ") && s.contains("actionee_user_id=?")),
        "{plan:?}"
    );
}

/// A user's current instances are read along the actionee index in list order: no other index,
/// no sort of the user's rows on every list.
// Listing staff (the dashboard names its agents) starts at the staff rows, never at the users:
// its cost does not grow with the number of users.
#[test]
fn staff_list_starts_at_the_staff_on_sqlite() {
    let Some(app) = TestApp::start(crate::support::Backend::Sqlite) else {
        return;
    };
    let plan = plan(&app, &actioneer::store::staff::list_sql_sqlite());
    assert!(!plan.iter().any(|s| s.contains("SCAN")), "{plan:?}");
    assert!(
        plan.iter()
            .any(|s| s.starts_with("SEARCH users USING INDEX sqlite_autoindex_users_1")),
        "{plan:?}"
    );
}

// The dashboard's current counts read index ranges only (counts after now, instances expiring
// within this hour, scheduled instances from now on), never a whole index or table, whatever
// the planner would prefer for a grouping.
#[test]
fn current_counts_read_index_ranges_on_sqlite() {
    let Some(app) = TestApp::start(crate::support::Backend::Sqlite) else {
        return;
    };
    let expected = [
        "PRIMARY KEY",
        "action_instances_current ",
        "action_instances_scheduled ",
    ];
    for (sql, index) in actioneer::store::insights::current_by_action_sql_sqlite()
        .iter()
        .zip(expected)
    {
        let plan = plan(&app, sql);
        assert!(plan.iter().any(|s| s.contains(index)), "{sql}: {plan:?}");
        assert!(
            !plan
                .iter()
                .any(|s| s.contains("SCAN") || s.contains("TEMP B-TREE")),
            "{sql}: {plan:?}"
        );
    }
}

#[test]
fn user_list_reads_in_index_order_on_sqlite() {
    let Some(app) = TestApp::start(crate::support::Backend::Sqlite) else {
        return;
    };
    let plan = plan(
        &app,
        &actioneer::store::instances::list_current_sql_sqlite(),
    );
    assert!(
        plan.iter()
            .any(|s| s.contains("action_instances_by_actionee ")),
        "{plan:?}"
    );
    assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "{plan:?}");
}
