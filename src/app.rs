//! The state shared by every request: database, clock, configuration, caches.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::writer::Writer;
use crate::db::Db;
use crate::delivery::health::Workers;
use crate::i18n::Locales;
use crate::service::api_keys::KeyCache;
use crate::service::events::Outbound;
use crate::service::search_totals::SaturatedTotals;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Group-committing writer; every write of a request goes through it.
    pub writer: Writer,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub keys: Arc<KeyCache>,
    /// Settings for recording events and emails.
    pub outbound: Outbound,
    /// Set to stop the background worker (tests stop theirs when done).
    pub shutdown: Arc<AtomicBool>,
    /// The locale files in use (reloaded when they change on disk).
    pub locales: Locales,
    /// Whether the last database check succeeded; `/api/status` reads it without a query.
    pub db_healthy: Arc<AtomicBool>,
    /// The background loops' health: `/api/status` and the operations pages report it.
    pub workers: Arc<Workers>,
    /// Instance searches whose total reached its bound a moment ago.
    pub search_totals: Arc<SaturatedTotals>,
}

impl AppState {
    pub fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> Self {
        let writer = Writer::start(db.clone(), config.pool_size);
        // One handle: a reload of `locales/` reaches pages, emails and events alike.
        let locales = Locales::embedded();
        AppState {
            writer,
            db,
            clock,
            keys: Arc::new(KeyCache::default()),
            outbound: Outbound {
                locales: locales.clone(),
                base_url: config.base_url.clone(),
                server_smtp: config.smtp_url.is_some(),
                default_from_email: config.smtp_from.clone(),
                default_from_name: Some("Actioneer".into()),
            },
            shutdown: Arc::new(AtomicBool::new(false)),
            db_healthy: Arc::new(AtomicBool::new(true)),
            workers: Arc::new(Workers::default()),
            search_totals: Arc::default(),
            locales,
            config: Arc::new(config),
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The client address of a request: the peer, or the client a trusted proxy names.
    pub fn client_ip(&self, req: &actix_web::HttpRequest) -> Option<String> {
        crate::client_address::client_ip(req, &self.config.trusted_proxies)
    }

    /// Checks the database once a second on a thread of its own, so that status requests
    /// measure the server, not a query.
    pub fn spawn_health_check(&self) {
        let db = self.db.clone();
        let healthy = self.db_healthy.clone();
        let shutdown = self.shutdown.clone();
        std::thread::spawn(move || {
            while !shutdown.load(Ordering::Relaxed) {
                healthy.store(db.ping(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_secs(1));
            }
        });
    }

    pub fn is_db_healthy(&self) -> bool {
        self.db_healthy.load(Ordering::Relaxed)
    }
}
