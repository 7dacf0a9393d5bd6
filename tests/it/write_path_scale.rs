//! The write path at scale, continued (issue 12): one rule for "current" wherever instances are
//! listed, searched or counted; dashboard counts that stop at a bound; many clients applying to
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

fn count_of(board: &insights::Dashboard, action: &str) -> (i64, bool) {
    let c = board
        .current
        .iter()
        .find(|c| c.action.id.to_string() == action)
        .expect("definition on the dashboard");
    (c.count, c.is_exact())
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
    assert_eq!(count_of(&board, &ban), (1, true));
    assert_eq!(count_of(&board, &mute), (1, true));
    assert_eq!(board.current_total(), 2);
    // Both current instances expire within the week: the one applied and the seeded one.
    assert_eq!(board.expiring_total, 2);
    assert_eq!(board.expiring[0].expiry, Some(now + 1));
});

// With more current instances than the bound, a definition's count and the expiring count stop
// at the bound (and say so), while a small count stays exact; ended and cancelled instances are
// not counted at all.
both!(dashboard_counts_stop_at_their_bound, |app| {
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
    assert_eq!(count_of(&board, &ban), (COUNT_BOUND, false));
    assert_eq!(count_of(&board, &mute), (1, true));
    assert_eq!(board.expiring_total, COUNT_BOUND);
    // The soonest first: the instance applied through the API expires in a minute.
    assert_eq!(board.expiring[0].user_action_id.to_string(), mute);
    assert_eq!(board.expiring.len(), 20);
    // The page says "at least": the bounded figure carries a "+", the exact one does not.
    let page = app.signed_in("admin").get("/admin/");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("<p class=\"stat\">{COUNT_BOUND}+</p>")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<p class=\"stat\">1</p>"),
        "{}",
        page.body
    );
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
