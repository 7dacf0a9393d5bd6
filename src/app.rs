//! The state shared by every request: database, clock, configuration, caches.

use std::sync::Arc;

use crate::api::auth::KeyCache;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub keys: Arc<KeyCache>,
}

impl AppState {
    pub fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> Self {
        AppState {
            db,
            clock,
            config: Arc::new(config),
            keys: Arc::new(KeyCache::default()),
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}
