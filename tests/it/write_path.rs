//! The write path at scale (issue 12): applies lock without touching the user's row, batches
//! lock in one order, one failing apply never fails its batch, and a search's total stops at
//! its bound.

use std::sync::{Arc, Mutex};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::Connection;
use serde_json::json;

use crate::both;
use crate::support::{TestApp, START};
use actioneer::domain::instance::ActionInput;
use actioneer::domain::instance::State;
use actioneer::domain::instance_search::{Criteria, InstanceSearch, SearchOrder, SearchPage};
use actioneer::service::actioning::{self, Publish};
use actioneer::service::instance_search;
use actioneer::service::search_totals::SaturatedTotals;

/// Runs `bodies` as applies from `threads` client threads; returns (status, text) in order.
fn apply_all(app: &TestApp, bodies: Vec<serde_json::Value>, threads: usize) -> Vec<(u16, String)> {
    let next = Mutex::new(bodies.into_iter().enumerate());
    let out = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let client = reqwest::blocking::Client::new();
                loop {
                    let Some((n, body)) = next.lock().unwrap().next() else {
                        return;
                    };
                    let res = client
                        .post(format!("{}/api/user/action", app.base))
                        .header("Authorization", &app.key)
                        .json(&json!({"broadcast": true, "action": body}))
                        .send()
                        .expect("sent");
                    let status = res.status().as_u16();
                    let text = res.text().unwrap_or_default();
                    out.lock().unwrap().push((n, status, text));
                }
            });
        }
    });
    let mut out = out.into_inner().unwrap();
    out.sort_by_key(|(n, _, _)| *n);
    out.into_iter().map(|(_, s, t)| (s, t)).collect()
}

fn users(app: &TestApp, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| app.user(&format!("wp{i}@example.com"), &[]))
        .collect()
}

/// What a hand-made survey answer names: an actionee and an actioner (emails from `prefix`), a
/// survey with the option "Good", and the users' tenant.
struct Answering {
    actionee: uuid::Uuid,
    actioner: uuid::Uuid,
    survey: uuid::Uuid,
    tenant: uuid::Uuid,
}

fn answering(app: &TestApp, prefix: &str) -> Answering {
    let user = |who: &str| -> uuid::Uuid {
        app.user(&format!("{prefix}-{who}@example.com"), &[])
            .parse()
            .unwrap()
    };
    let (actionee, actioner) = (user("a"), user("b"));
    let survey = app
        .action(json!({"name": "Survey", "options": [{"name": "Good"}]}))
        .parse()
        .unwrap();
    let tenant = app.get(&format!("/api/user/{actionee}")).ok()["user"]["tenantId"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    Answering {
        actionee,
        actioner,
        survey,
        tenant,
    }
}

both!(
    many_concurrent_applies_to_one_user_make_one_current_instance,
    |app| {
        let users = users(&app, 2);
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let body = json!({"userActionId": ban, "actioneeUserId": users[0], "actionerUserId": users[1], "expiry": START + 60_000});
        let statuses = apply_all(&app, vec![body; 48], 16);
        let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!(ok, 1, "{statuses:?}");
        for (status, text) in &statuses {
            assert!(
                *status == 200 || text.contains("[duplicate]action.userActionId"),
                "{status} {text}"
            );
        }
        let current = app.get(&format!("/api/user/action?userId={}&active=true", users[0]));
        assert_eq!(current.ok()["actions"].as_array().unwrap().len(), 1);
    }
);

// Applies to a few users, in every order, from many clients: batches on PostgreSQL's several
// writer threads each hold several users. Refused applies (unknown actionee, a second current
// ban) are mixed in. Every valid apply succeeds and is stored; no batch deadlocks or fails.
both!(
    failing_applies_never_fail_or_lose_the_rest_of_their_batch,
    |app| {
        let users = users(&app, 4);
        let survey = app.action(json!({"name": "Survey", "temporal": false}));
        let ban = app.action(json!({"name": "Ban", "temporal": true}));
        let missing = uuid::Uuid::new_v4().to_string();
        let mut bodies = Vec::new();
        for round in 0..60 {
            for k in 0..users.len() {
                // Rotate the order of users from round to round.
                let user = &users[(k + round) % users.len()];
                let actioner = &users[(k + round + 1) % users.len()];
                bodies.push(json!({"userActionId": survey, "actioneeUserId": user, "actionerUserId": actioner}));
            }
            if round % 5 == 0 {
                bodies.push(json!({"userActionId": survey, "actioneeUserId": missing, "actionerUserId": users[0]}));
                bodies.push(json!({"userActionId": ban, "actioneeUserId": users[round % 4], "actionerUserId": users[0], "expiry": START + 3_600_000}));
            }
        }
        let statuses = apply_all(&app, bodies.clone(), 24);
        let mut stored = std::collections::HashMap::<String, usize>::new();
        let mut bans = 0;
        for (body, (status, text)) in bodies.iter().zip(&statuses) {
            let actionee = body["actioneeUserId"].as_str().unwrap();
            if actionee == missing {
                assert_eq!(*status, 400, "{text}");
                assert!(text.contains("actioneeUserId"), "{text}");
            } else if body["userActionId"] == ban.as_str() {
                assert!(
                    *status == 200 || text.contains("[duplicate]action.userActionId"),
                    "{status} {text}"
                );
                bans += usize::from(*status == 200);
            } else {
                assert_eq!(*status, 200, "{text}");
                *stored.entry(actionee.to_string()).or_default() += 1;
            }
        }
        assert_eq!(bans, 4, "one ban per user: {statuses:?}");
        for user in &users {
            let all = app.get(&format!("/api/user/action?userId={user}"));
            let n = all.ok()["actions"].as_array().unwrap().len();
            assert_eq!(n, stored[user] + 1, "survey answers and the ban of {user}");
        }
    }
);

/// The SQL text of every statement a connection runs.
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

impl Instrumentation for Statements {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            self.0.lock().unwrap().push(query.to_string());
        }
    }
}

// The user's row is not written to serialise applies: on SQLite with foreign keys on, writing it
// checks every instance that references the user, so each apply would cost O(history).
both!(apply_writes_no_user_row_and_reads_little, |app| {
    let users = users(&app, 2);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let survey =
        app.action(json!({"name": "Survey", "temporal": false, "options": [{"name": "Good"}]}));
    let input = |action: &str, expiry: Option<i64>| ActionInput {
        user_action_id: Some(action.parse().unwrap()),
        actionee_user_id: Some(users[0].parse().unwrap()),
        actioner_user_id: Some(users[1].parse().unwrap()),
        expiry,
        option: expiry.is_none().then(|| "Good".to_string()),
        ..ActionInput::default()
    };
    let mut conn = app.state.db.read().expect("connection");
    let seen = Statements::default();
    conn.set_instrumentation(seen.clone());
    let out = app.state.outbound.clone();
    let publish = || Publish {
        out: &out,
        broadcast: true,
        info: None,
    };
    conn.transaction::<_, actioneer::service::ServiceError, _>(|conn| {
        actioning::apply(
            conn,
            START,
            None,
            input(&ban, Some(START + 60_000)),
            publish(),
        )?;
        Ok(())
    })
    .expect("applied");
    let statements = std::mem::take(&mut *seen.0.lock().unwrap());
    conn.set_instrumentation(Statements::default());
    drop(conn);
    let writes_user = |s: &String| s.to_lowercase().replace('"', "").contains("update users");
    assert!(
        !statements.iter().any(writes_user),
        "an apply wrote the user's row: {statements:#?}"
    );
    assert_eq!(
        app.get(&format!("/api/user/action?userId={}&active=true", users[0]))
            .ok()["actions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let _ = survey;
});

// `total` counts up to 10,000 matches and says whether it stopped there; the page itself
// is unaffected, and `accurateTotal` counts them all.
both!(search_total_stops_at_its_bound, |app| {
    use diesel::connection::SimpleConnection;
    let users = users(&app, 2);
    let ban = app.action(json!({"name": "Ban", "temporal": true}));
    let applied = app.post(
        "/api/user/action",
        json!({"action": {"userActionId": ban, "actioneeUserId": users[1], "actionerUserId": users[0], "expiry": START + 60_000}}),
    );
    let tenant = applied.ok()["action"]["tenantId"]
        .as_str()
        .unwrap()
        .to_string();
    let (user, expiry) = (&users[0], START + 3_600_000);
    let select = |n: &str, id: &str| {
        format!(
            "SELECT {id}, '{tenant}', '{ban}', '{user}', '[]', FALSE, FALSE, {expiry}, FALSE, \
             {START} - {n}, {START} - {n}, 'Ban', '[]'"
        )
    };
    let columns = "INSERT INTO action_instances (id, tenant_id, user_action_id, \
                   actionee_user_id, application_ids, email_user_on_end, notify_user_on_end, \
                   expiry, cancelled, created_instant, insert_instant, name, history)";
    let sql = match app.state.db.backend() {
        actioneer::db::Backend::Sqlite => format!(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10050) \
             {columns} {} FROM n",
            select("x", "printf('00000000-0000-4000-8000-%012d', x)")
        ),
        actioneer::db::Backend::Postgres => format!(
            "{columns} {} FROM generate_series(1, 10050) AS x",
            select("x", "'00000000-0000-4000-8000-' || lpad(x::text, 12, '0')")
        ),
    };
    app.state
        .db
        .write()
        .expect("connection")
        .batch_execute(&sql)
        .expect("seeded");

    let found = app.post("/api/user/action/search", json!({"state": "active"}));
    let body = found.ok();
    assert_eq!(body["total"], 10_000, "{}", found.text);
    assert_eq!(body["totalIsExact"], false);
    let page = body["actions"].as_array().unwrap();
    assert_eq!(page.len(), 25);
    // Newest first: the apply made through the API, then the seeded rows from the newest.
    assert_eq!(page[0]["actioneeUserId"], users[1].as_str());
    assert_eq!(page[1]["insertInstant"], START - 1);

    let exact = app.post(
        "/api/user/action/search",
        json!({"state": "active", "accurateTotal": true, "numberOfResults": 1}),
    );
    assert_eq!(exact.ok()["total"], 10_051, "{}", exact.text);
    assert_eq!(exact.ok()["totalIsExact"], true);

    let few = app.post(
        "/api/user/action/search",
        json!({"state": "active", "actioneeUserId": users[1]}),
    );
    assert_eq!(few.ok()["total"], 1, "{}", few.text);
    assert_eq!(few.ok()["totalIsExact"], true);

    // A total that just reached the bound is reused for the same search (the page is still
    // read); a total below it, and `accurateTotal`, are counted every time.
    let totals = SaturatedTotals::default();
    let search = |actionee: Option<&str>, accurate_total: bool| InstanceSearch {
        criteria: Criteria {
            actionee_user_id: actionee.map(|u| u.parse().unwrap()),
            state: Some(State::Active),
            ..Criteria::default()
        },
        page: SearchPage {
            order: SearchOrder::InsertInstant,
            descending: true,
            start_row: 0,
            number_of_results: 5,
        },
        accurate_total,
    };
    let mut conn = app.state.db.read().expect("connection");
    let seen = Statements::default();
    conn.set_instrumentation(seen.clone());
    let mut run = |s: InstanceSearch| {
        let found = instance_search::search(&mut conn, START, None, s, &totals).expect("found");
        let statements = std::mem::take(&mut *seen.0.lock().unwrap()).len();
        (found.total, found.exact, found.instances.len(), statements)
    };
    let (total, exact, page, first) = run(search(None, false));
    assert_eq!((total, exact, page), (10_000, false, 5));
    let (total, exact, page, again) = run(search(None, false));
    assert_eq!((total, exact, page), (10_000, false, 5));
    assert_eq!(again, first - 1, "the second search counted again");
    let (total, exact, _, _) = run(search(None, true));
    assert_eq!((total, exact), (10_051, true));
    let (_, _, _, one_user) = run(search(Some(&users[1]), false));
    let (total, exact, _, one_user_again) = run(search(Some(&users[1]), false));
    assert_eq!((total, exact), (1, true));
    assert_eq!(
        one_user_again, one_user,
        "an exact total is counted every time"
    );
});

// A definition changed between two applies is read afresh by the second (the cache is dropped
// when the version row moves), including a change made without this process's API.
both!(applies_see_definition_changes_at_once, |app| {
    use diesel::connection::SimpleConnection;
    let users = users(&app, 2);
    let survey = app.action(json!({"name": "Survey", "temporal": false}));
    let body =
        json!({"userActionId": survey, "actioneeUserId": users[0], "actionerUserId": users[1]});
    let first = app.post("/api/user/action", json!({"action": body}));
    assert_eq!(first.ok()["action"]["name"], "Survey");
    app.put(
        &format!("/api/user-action/{survey}"),
        json!({"userAction": {"name": "Poll", "temporal": false}}),
    )
    .ok();
    let second = app.post("/api/user/action", json!({"action": body}));
    assert_eq!(second.ok()["action"]["name"], "Poll");
    // As another process on the same database would: change the row and bump the version.
    app.state
        .db
        .write()
        .expect("connection")
        .batch_execute(&format!(
            "UPDATE user_actions SET name = 'Vote', name_ci = 'vote' WHERE id = '{survey}'; \
             UPDATE read_cache_version SET version = version + 1"
        ))
        .expect("changed");
    let third = app.post("/api/user/action", json!({"action": body}));
    assert_eq!(third.ok()["action"]["name"], "Vote");
    assert_eq!(
        app.delete(&format!("/api/user-action/{survey}")).status,
        200
    );
    let refused = app.post("/api/user/action", json!({"action": body}));
    assert_eq!(refused.status, 400, "{}", refused.text);
});

/// Why a test job failed: its own refusal, or the database's.
#[derive(Debug)]
enum JobError {
    Refused,
    Db,
}

impl From<diesel::result::Error> for JobError {
    fn from(_: diesel::result::Error) -> Self {
        JobError::Db
    }
}

// A repeatable job runs without a savepoint of its own. When one job of its batch fails after
// writing (or panics), the batch rolls back and runs again a job at a time: the failure's row
// is gone, every other job's row is there once, and a batch with no failure runs each job once.
both!(repeatable_jobs_roll_back_alone_and_commit_once, |app| {
    use diesel::connection::SimpleConnection;
    use diesel::RunQueryDsl;
    use std::sync::atomic::{AtomicUsize, Ordering};
    {
        let mut conn = app.state.db.write().expect("connection");
        conn.batch_execute("CREATE TABLE writer_probe (n INTEGER NOT NULL)")
            .expect("table");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let writer = app.state.writer.clone();
    let run = |n: usize, fail: Option<usize>, runs: Arc<Vec<AtomicUsize>>| {
        let writer = writer.clone();
        async move {
            writer
                .run_repeatable(Vec::new(), Vec::new(), move |conn, _| {
                    runs[n].fetch_add(1, Ordering::SeqCst);
                    diesel::sql_query(format!("INSERT INTO writer_probe (n) VALUES ({n})"))
                        .execute(conn)?;
                    match fail {
                        Some(k) if k == n && n.is_multiple_of(2) => Err(JobError::Refused),
                        Some(k) if k == n => panic!("job {n} panics after writing"),
                        _ => Ok(n),
                    }
                })
                .await
        }
    };
    let rows = |app: &TestApp| -> Vec<i32> {
        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            n: i32,
        }
        let mut conn = app.state.db.read().expect("connection");
        let mut rows: Vec<Row> = diesel::sql_query("SELECT n FROM writer_probe")
            .load(&mut conn)
            .expect("rows");
        rows.sort_by_key(|r| r.n);
        let out = rows.into_iter().map(|r| r.n).collect();
        conn.batch_execute("DELETE FROM writer_probe")
            .expect("cleared");
        out
    };
    const JOBS: usize = 24;
    for fail in [None, Some(10), Some(13)] {
        let runs: Arc<Vec<AtomicUsize>> =
            Arc::new((0..JOBS).map(|_| AtomicUsize::new(0)).collect());
        let results = runtime.block_on(async {
            let handles: Vec<_> = (0..JOBS)
                .map(|n| tokio::spawn(run(n, fail, runs.clone())))
                .collect();
            let mut results = Vec::new();
            for handle in handles {
                results.push(handle.await.expect("task"));
            }
            results
        });
        for (n, result) in results.iter().enumerate() {
            match (fail, result) {
                (Some(k), Ok(Err(JobError::Refused))) if k == n => {}
                (Some(k), Err(_)) if k == n && !n.is_multiple_of(2) => {}
                (_, Ok(Ok(got))) if Some(n) != fail => assert_eq!(*got, n),
                other => panic!("job {n}: unexpected {other:?}"),
            }
        }
        let expected: Vec<i32> = (0..JOBS as i32)
            .filter(|n| Some(*n as usize) != fail)
            .collect();
        assert_eq!(rows(&app), expected, "rows after a run failing {fail:?}");
        if fail.is_none() {
            for (n, count) in runs.iter().enumerate() {
                assert_eq!(
                    count.load(Ordering::SeqCst),
                    1,
                    "job {n} ran more than once"
                );
            }
        }
    }
});

// The instances repeatable jobs leave to their batch (surveys) go in as one statement once the
// jobs have run. When that insert fails (here one instance names no user), the batch runs again
// a job at a time: only that job fails, every other instance is stored once and counted once.
both!(a_failing_batch_insert_fails_only_its_own_job, |app| {
    use actioneer::domain::instance::Instance;
    use actioneer::store::write_batch::WriteBatch;
    use diesel::RunQueryDsl;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;
    use uuid::Uuid;

    let Answering {
        actionee,
        actioner,
        survey,
        tenant,
    } = answering(&app, "batch");
    let answer = |actionee: Uuid| Instance {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        user_action_id: survey,
        actionee_user_id: actionee,
        actioner_user_id: Some(actioner),
        application_ids: vec![],
        comment: None,
        email_user_on_end: false,
        notify_user_on_end: false,
        end_event_sent: None,
        expiry: None,
        cancelled: false,
        created_instant: START,
        insert_instant: START,
        name: "Survey".into(),
        localized_name: Some("Survey".into()),
        option: Some("Good".into()),
        localized_option: Some("Good".into()),
        reason: None,
        localized_reason: None,
        reason_code: None,
        history: vec![],
        start_instant: None,
        escalation_step: None,
    };
    const JOBS: usize = 16;
    const BAD: usize = 7;
    let one_writer = app.state.db.backend() == actioneer::db::Backend::Sqlite;
    let instances: Vec<Instance> = (0..JOBS)
        .map(|n| answer(if n == BAD { Uuid::now_v7() } else { actionee }))
        .collect();
    let runs: Arc<Vec<AtomicUsize>> = Arc::new((0..JOBS).map(|_| AtomicUsize::new(0)).collect());
    let writer = app.state.writer.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    let results = runtime.block_on(async {
        // Jobs that hold the writer threads, so that the jobs below queue up and share a batch.
        let holders: Vec<_> = (0..2)
            .map(|_| {
                let writer = writer.clone();
                tokio::spawn(async move {
                    writer
                        .run(|_| {
                            std::thread::sleep(Duration::from_millis(300));
                            Ok::<_, JobError>(())
                        })
                        .await
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let jobs: Vec<_> = instances
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, instance)| {
                let (writer, runs) = (writer.clone(), runs.clone());
                tokio::spawn(async move {
                    writer
                        .run_repeatable(Vec::new(), Vec::new(), move |_, batch: &mut WriteBatch| {
                            runs[n].fetch_add(1, Ordering::SeqCst);
                            batch.inserts.insert_later(&instance);
                            Ok::<_, JobError>(n)
                        })
                        .await
                })
            })
            .collect();
        for holder in holders {
            holder.await.expect("task").expect("written").expect("held");
        }
        let mut results = Vec::new();
        for job in jobs {
            results.push(job.await.expect("task"));
        }
        results
    });
    for (n, result) in results.iter().enumerate() {
        match result {
            Ok(Err(JobError::Db)) if n == BAD => {}
            Ok(Ok(got)) if n != BAD => assert_eq!(*got, n),
            other => panic!("job {n}: unexpected {other:?}"),
        }
        // The failing job runs in a batch, whose insert fails, and then alone. SQLite's one
        // writer thread was held while the jobs queued, so they all shared that batch; on
        // PostgreSQL the second writer thread may have taken some of them into batches of
        // their own, which committed at once.
        let ran = runs[n].load(Ordering::SeqCst);
        if n == BAD || one_writer {
            assert_eq!(ran, 2, "job {n}");
        } else {
            assert!(ran == 1 || ran == 2, "job {n} ran {ran} times");
        }
    }
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        id: String,
    }
    let mut conn = app.state.db.read().expect("connection");
    let mut stored: Vec<String> = diesel::sql_query(format!(
        "SELECT id FROM action_instances WHERE user_action_id = '{survey}'"
    ))
    .load::<Row>(&mut conn)
    .expect("rows")
    .into_iter()
    .map(|r| r.id)
    .collect();
    stored.sort();
    let mut expected: Vec<String> = instances
        .iter()
        .enumerate()
        .filter(|(n, _)| *n != BAD)
        .map(|(_, i)| i.id.to_string())
        .collect();
    expected.sort();
    assert_eq!(stored, expected);
    // The answer counts (kept by triggers) saw each stored row once.
    #[derive(diesel::QueryableByName)]
    struct Total {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let counted = diesel::sql_query(format!(
        "SELECT CAST(COALESCE(SUM(answers), 0) AS BIGINT) AS n FROM action_instance_days \
         WHERE user_action_id = '{survey}'"
    ))
    .get_result::<Total>(&mut conn)
    .expect("counted");
    assert_eq!(counted.n, (JOBS - 1) as i64);
});

// A user's list is read on the request's thread up to a bound (`LIST_INLINE`, 100) and again on
// the pool past it: either way it comes back whole, in order, on both databases.
both!(a_list_past_the_inline_bound_comes_back_whole, |app| {
    use actioneer::store::instances::UserFilter;
    let users = users(&app, 2);
    let survey = app.action(json!({"name": "Survey"}));
    let body =
        json!({"userActionId": survey, "actioneeUserId": users[0], "actionerUserId": users[1]});
    let listed = |query: &str| -> Vec<String> {
        let res = app.get(&format!("/api/user/action?userId={}{query}", users[0]));
        let ids = res.ok()["actions"].as_array().unwrap().iter();
        ids.map(|a| a["id"].as_str().unwrap().to_string()).collect()
    };
    let within = |at_most: usize| {
        let mut conn = app.state.db.read().expect("connection");
        let user = users[0].parse().unwrap();
        actioning::list_for_user_within(&mut conn, START, None, user, UserFilter::All, at_most)
            .expect("listed")
            .map(|found| found.len())
    };
    for (status, text) in apply_all(&app, vec![body.clone(); 100], 8) {
        assert_eq!(status, 200, "{text}");
    }
    assert_eq!(within(100), Some(100));
    let first = listed("");
    assert_eq!(first.len(), 100);
    app.post("/api/user/action", json!({"action": body})).ok();
    assert_eq!(within(100), None, "past the bound nothing is listed");
    let all = listed("");
    assert_eq!(all.len(), 101);
    assert_eq!(
        all[..100],
        first[..],
        "the first hundred, in the same order"
    );
    assert_eq!(listed("&active=false"), all);
    assert!(listed("&active=true").is_empty());
});

// A write batch reads the users its applies name in one statement (`KnownUsers`); each apply
// then finds its pair there as `find_pair` would, within its tenant when it has one, and is sent
// to the database for a user the batch did not read.
both!(
    a_batch_answers_its_applies_users_as_the_database_would,
    |app| {
        use actioneer::store::read_cache;
        use actioneer::store::users::{self, KnownUsers, Pair};
        use uuid::Uuid;

        let Answering {
            actionee: a,
            actioner: b,
            tenant,
            ..
        } = answering(&app, "known");
        let (missing, unread, other_tenant) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut conn = app.state.db.read().expect("connection");
        let known = KnownUsers::read(&mut conn, &[a, b, missing, a]).expect("read");
        let ids = |pair: &Pair| {
            (
                pair.actionee.as_ref().map(|u| u.id),
                pair.actioner.as_ref().map(|u| u.id),
                pair.cache_version,
            )
        };
        let cases = [
            (Some(a), Some(b), None),
            (Some(a), Some(b), Some(tenant)),
            (Some(a), Some(b), Some(other_tenant)),
            (Some(missing), Some(b), None),
            (Some(b), None, Some(tenant)),
            (None, Some(a), None),
        ];
        for (actionee, actioner, scope) in cases {
            let from_batch = known
                .pair(actionee, actioner, scope)
                .expect("every id was read");
            let from_db = users::find_pair(&mut conn, actionee, actioner, scope).expect("find");
            assert_eq!(
                ids(&from_batch),
                ids(&from_db),
                "{actionee:?} {actioner:?} {scope:?}"
            );
        }
        let version = read_cache::version(&mut conn).expect("version");
        assert_eq!(
            known.pair(Some(a), None, None).map(|p| p.cache_version),
            Some(version)
        );
        assert_eq!(
            ids(&known.pair(Some(a), Some(b), Some(other_tenant)).unwrap()),
            (None, None, version)
        );
        // Not read: the apply asks the database.
        assert!(known.pair(Some(unread), Some(b), None).is_none());
        assert!(known.pair(Some(a), Some(unread), None).is_none());
        assert!(KnownUsers::default().pair(Some(a), None, None).is_none());
        // Nobody was found: the version is read on its own.
        let nobody = KnownUsers::read(&mut conn, &[missing]).expect("read");
        assert_eq!(
            ids(&nobody.pair(Some(missing), None, None).unwrap()),
            (None, None, version)
        );
    }
);

// The surveys of one write batch cost one look-up of their users between them, not one each:
// the batch reads them all before the first runs, and each apply answers from what it read.
both!(a_batchs_applies_look_up_their_users_once, |app| {
    use actioneer::store::read_cache::ReadCache;
    use actioneer::store::write_batch::WriteBatch;

    let users = users(&app, 4);
    let survey =
        app.action(json!({"name": "Survey", "temporal": false, "options": [{"name": "Good"}]}));
    let inputs: Vec<ActionInput> = (0..8)
        .map(|n| ActionInput {
            user_action_id: Some(survey.parse().unwrap()),
            actionee_user_id: Some(users[n % 4].parse().unwrap()),
            actioner_user_id: Some(users[(n + 1) % 4].parse().unwrap()),
            option: Some("Good".to_string()),
            ..ActionInput::default()
        })
        .collect();
    let reads: Vec<_> = inputs.iter().flat_map(actioning::apply_reads).collect();
    let out = app.state.outbound.clone();
    let cache = ReadCache::default();
    let mut conn = app.state.db.write().expect("connection");
    let seen = Statements::default();
    conn.set_instrumentation(seen.clone());
    conn.transaction::<_, actioneer::service::ServiceError, _>(|conn| {
        let mut batch = WriteBatch::reading(conn, &reads)?;
        for input in &inputs {
            let publish = Publish {
                out: &out,
                broadcast: false,
                info: None,
            };
            actioning::apply_with(
                conn,
                &cache,
                Some(&mut batch),
                START,
                None,
                input.clone(),
                publish,
            )?;
        }
        batch.inserts.write(conn)?;
        Ok(())
    })
    .expect("applied");
    let statements = std::mem::take(&mut *seen.0.lock().unwrap());
    conn.set_instrumentation(Statements::default());
    drop(conn);
    let reads_users = |s: &&String| s.contains("FROM \"users\"") || s.contains("FROM `users`");
    assert_eq!(
        statements.iter().filter(reads_users).count(),
        1,
        "{statements:#?}"
    );
    for (n, user) in users.iter().enumerate() {
        let listed = app.get(&format!("/api/user/action?userId={user}"));
        let listed = listed.ok();
        assert_eq!(listed["actions"].as_array().unwrap().len(), 2, "user {n}");
        for action in listed["actions"].as_array().unwrap() {
            assert_eq!(action["actionerUserId"], json!(users[(n + 1) % 4]));
        }
    }
});

// A batch's instances go in as one statement (on PostgreSQL one array a column): every column
// reads back as an instance inserted alone writes it, set or empty.
both!(
    a_batch_insert_stores_every_column_as_a_single_insert_does,
    |app| {
        use actioneer::domain::instance::{HistoryItem, Instance};
        use actioneer::store::instances::{self, BatchInserts};
        use uuid::Uuid;

        let Answering {
            actionee,
            actioner,
            survey,
            tenant,
        } = answering(&app, "columns");
        let full = Instance {
            id: Uuid::now_v7(),
            tenant_id: tenant,
            user_action_id: survey,
            actionee_user_id: actionee,
            actioner_user_id: Some(actioner),
            application_ids: vec![Uuid::now_v7(), Uuid::now_v7()],
            comment: Some("a 'quoted', {braced} \"comment\"".into()),
            email_user_on_end: true,
            notify_user_on_end: true,
            end_event_sent: Some(true),
            expiry: Some(START + 1),
            cancelled: true,
            created_instant: START - 5,
            insert_instant: START,
            name: "Survey".into(),
            localized_name: Some("Umfrage".into()),
            option: Some("Good".into()),
            localized_option: Some("Gut".into()),
            reason: Some("Why".into()),
            localized_reason: Some("Warum".into()),
            reason_code: Some("W".into()),
            history: vec![HistoryItem {
                actioner_user_id: Some(actioner),
                comment: Some("before".into()),
                create_instant: START - 5,
                expiry: Some(START + 1),
            }],
            start_instant: Some(START - 1),
            escalation_step: Some(2),
        };
        let empty = Instance {
            id: Uuid::now_v7(),
            actioner_user_id: None,
            application_ids: vec![],
            comment: None,
            email_user_on_end: false,
            notify_user_on_end: false,
            end_event_sent: None,
            expiry: None,
            cancelled: false,
            localized_name: None,
            option: None,
            localized_option: None,
            reason: None,
            localized_reason: None,
            reason_code: None,
            history: vec![],
            start_instant: None,
            escalation_step: None,
            ..full.clone()
        };
        let mut conn = app.state.db.write().expect("connection");
        for model in [full, empty] {
            let alone = Instance {
                id: Uuid::now_v7(),
                ..model.clone()
            };
            instances::insert(&mut conn, &alone).expect("inserted alone");
            let mut batch = BatchInserts::default();
            batch.insert_later(&model);
            batch.insert_later(&Instance {
                id: Uuid::now_v7(),
                ..model.clone()
            });
            batch.write(&mut conn).expect("inserted together");
            let read = |id: Uuid, conn: &mut _| {
                instances::find(conn, id, None)
                    .expect("read")
                    .expect("stored")
            };
            let (together, alone) = (read(model.id, &mut conn), read(alone.id, &mut conn));
            assert_eq!(
                together,
                Instance {
                    id: model.id,
                    ..alone
                }
            );
        }
    }
);
