//! A real Actioneer HTTP server per test, on a fresh SQLite file or PostgreSQL database,
//! with a settable clock.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{middleware, App, HttpServer};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use serde_json::{json, Value};

use actioneer::clock::ManualClock;
use actioneer::config::Config;
use actioneer::server;

pub const API_KEY: &str = "test-api-key-0123456789abcdefghijklmnop";
/// 2030-01-01T00:00:00Z: tests start here and move the clock by hand.
pub const START: i64 = 1_893_456_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub clock: ManualClock,
    pub client: reqwest::blocking::Client,
    pub key: String,
    pub tenant: Option<String>,
    /// The server's state: tests use its database to arrange what no API offers (staff).
    pub state: actioneer::app::AppState,
    shutdown: Arc<std::sync::atomic::AtomicBool>,
    server: actix_web::dev::ServerHandle,
    _db: DbGuard,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop the worker before the database goes, and the server: a test process would keep
        // every finished test's server threads and connections until it exits. Sending the stop
        // is enough; the server's thread ends once it has.
        self.shutdown
            .store(true, std::sync::atomic::Ordering::Relaxed);
        drop(self.server.stop(false));
    }
}

pub enum DbGuard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self {
            if let Ok(mut conn) = diesel::PgConnection::establish(admin_url) {
                let _ =
                    conn.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

fn pg_admin_url() -> String {
    std::env::var("ACTIONEER_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh database; `None` when PostgreSQL is not reachable outside CI (the test is skipped).
pub fn fresh_database(backend: Backend) -> Option<(String, DbGuard)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/actioneer.db", dir.path().display());
            Some((url, DbGuard::Sqlite(dir)))
        }
        Backend::Postgres => {
            actioneer::db::prepare_tls();
            let admin_url = pg_admin_url();
            let mut conn = match diesel::PgConnection::establish(&admin_url) {
                Ok(conn) => conn,
                Err(e) => {
                    if std::env::var("CI").is_ok_and(|v| v == "true") {
                        panic!("PostgreSQL is required in CI but unreachable at {admin_url}: {e}");
                    }
                    eprintln!("SKIPPED: PostgreSQL unreachable at {admin_url}: {e}");
                    return None;
                }
            };
            let name = format!("actioneer_test_{}", uuid::Uuid::new_v4().simple());
            conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .expect("create database");
            let (prefix, _) = admin_url.rsplit_once('/').expect("database URL has a path");
            let url = format!("{prefix}/{name}");
            Some((url, DbGuard::Postgres { admin_url, name }))
        }
    }
}

impl TestApp {
    /// Starts a server; `None` when the backend is unavailable (skipped outside CI).
    pub fn start(backend: Backend) -> Option<TestApp> {
        Self::start_with(backend, |_| {})
    }

    /// Starts a server with a changed configuration, and its background worker.
    pub fn start_with(backend: Backend, change: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let (url, guard) = fresh_database(backend)?;
        let mut config = Config::from_vars(&Default::default()).expect("config");
        config.database_url = url;
        config.api_key = Some(API_KEY.into());
        config.pool_size = 4;
        change(&mut config);
        let clock = ManualClock::new(START);
        let state = server::prepare(config, Arc::new(clock.clone())).expect("prepare app");
        actioneer::delivery::worker::spawn(state.clone());
        let shutdown = state.shutdown.clone();
        let app_state = state.clone();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || {
                    App::new()
                        .wrap(middleware::from_fn(server::empty_error_bodies))
                        .configure(server::configure(state.clone()))
                })
                .workers(2)
                .listen(listener)
                .expect("listen")
                .run();
                let _ = handle_tx.send(server.handle());
                server.await
            })
        });
        let server = handle_rx.recv().expect("the server started");
        Some(TestApp {
            base,
            clock,
            client: reqwest::blocking::Client::new(),
            key: API_KEY.into(),
            tenant: None,
            state: app_state,
            shutdown,
            server,
            _db: guard,
        })
    }

    pub fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Res {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .client
            .request(method, format!("{}{}", self.base, path))
            .header("Authorization", &self.key);
        if let Some(tenant) = &self.tenant {
            req = req.header("X-FusionAuth-TenantId", tenant);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        Res::from(req.send().expect("request sent"))
    }

    pub fn raw(&self, method: &str, path: &str, content_type: &str, body: &str) -> Res {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let req = self
            .client
            .request(method, format!("{}{}", self.base, path))
            .header("Authorization", &self.key)
            .header("Content-Type", content_type)
            .body(body.to_string());
        Res::from(req.send().expect("request sent"))
    }

    /// The id of the tenant every server starts with ("Default").
    pub fn default_tenant(&self) -> String {
        let tenants = self.get("/api/tenant").ok()["tenants"].clone();
        let default = tenants
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["name"] == "Default")
            .expect("the Default tenant");
        default["id"].as_str().unwrap().to_string()
    }

    pub fn get(&self, path: &str) -> Res {
        self.request("GET", path, None)
    }
    pub fn post(&self, path: &str, body: Value) -> Res {
        self.request("POST", path, Some(&body))
    }
    pub fn put(&self, path: &str, body: Value) -> Res {
        self.request("PUT", path, Some(&body))
    }
    pub fn patch(&self, path: &str, body: Value) -> Res {
        self.request("PATCH", path, Some(&body))
    }
    pub fn delete(&self, path: &str) -> Res {
        self.request("DELETE", path, None)
    }
    pub fn delete_with(&self, path: &str, body: Value) -> Res {
        self.request("DELETE", path, Some(&body))
    }

    /// A user in the only tenant; returns its id.
    pub fn user(&self, email: &str, languages: &[&str]) -> String {
        let res = self.post(
            "/api/user",
            json!({"user": {"email": email, "password": "correct horse", "preferredLanguages": languages}}),
        );
        res.ok();
        res.body["user"]["id"]
            .as_str()
            .expect("user id")
            .to_string()
    }

    /// A definition; returns its id.
    pub fn action(&self, body: Value) -> String {
        let res = self.post("/api/user-action", json!({ "userAction": body }));
        res.ok();
        res.body["userAction"]["id"]
            .as_str()
            .expect("action id")
            .to_string()
    }

    pub fn now(&self) -> i64 {
        use actioneer::clock::Clock;
        self.clock.now()
    }
}

pub struct Res {
    pub status: u16,
    pub text: String,
    pub body: Value,
}

impl From<reqwest::blocking::Response> for Res {
    fn from(res: reqwest::blocking::Response) -> Self {
        let status = res.status().as_u16();
        let text = res.text().unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Res { status, text, body }
    }
}

impl Res {
    #[track_caller]
    pub fn ok(&self) -> &Value {
        assert_eq!(
            self.status, 200,
            "expected 200, got {}: {}",
            self.status, self.text
        );
        &self.body
    }

    /// Every error code of a 400 answer.
    #[track_caller]
    pub fn codes(&self) -> Vec<String> {
        assert_eq!(
            self.status, 400,
            "expected 400, got {}: {}",
            self.status, self.text
        );
        assert!(
            self.body["generalErrors"].is_array(),
            "generalErrors missing: {}",
            self.text
        );
        let mut codes: Vec<String> = self.body["fieldErrors"]
            .as_object()
            .expect("fieldErrors is an object")
            .values()
            .flat_map(|list| list.as_array().into_iter().flatten())
            .map(|e| e["code"].as_str().unwrap_or_default().to_string())
            .collect();
        codes.extend(
            self.body["generalErrors"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| e["code"].as_str().unwrap_or_default().to_string()),
        );
        codes
    }

    #[track_caller]
    pub fn has_code(&self, code: &str) {
        let codes = self.codes();
        assert!(
            codes.iter().any(|c| c == code),
            "expected {code} in {codes:?}"
        );
    }
}

/// Defines a test that runs once on SQLite and once on PostgreSQL.
/// `both!` for a module whose tests share a set-up: the module's own `world(Backend)` builds its
/// `World` (or `None` to skip), and the body runs on it once per database.
#[macro_export]
macro_rules! both_world {
    ($name:ident, |$w:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            fn run($w: World) $body
            #[test]
            fn sqlite() {
                if let Some(w) = world($crate::support::Backend::Sqlite) {
                    run(w);
                }
            }
            #[test]
            fn postgres() {
                if let Some(w) = world($crate::support::Backend::Postgres) {
                    run(w);
                }
            }
        }
    };
}

#[macro_export]
macro_rules! both {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            fn run($app: $crate::support::TestApp) $body
            #[test]
            fn sqlite() {
                if let Some(app) = $crate::support::TestApp::start($crate::support::Backend::Sqlite) {
                    run(app);
                }
            }
            #[test]
            fn postgres() {
                if let Some(app) = $crate::support::TestApp::start($crate::support::Backend::Postgres) {
                    run(app);
                }
            }
        }
    };
}
