//! Settings read once from the environment into a value that travels in the app state.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::client_address::TrustedProxies;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    pub api_key: Option<String>,
    pub base_url: String,
    pub smtp_url: Option<String>,
    /// The server-wide default sender of emails.
    pub smtp_from: String,
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    pub log_format: LogFormat,
    pub pool_size: u32,
    /// Translators' Fluent files, read at start and reloaded on change; they win over the copy
    /// built into the binary.
    pub locales_dir: PathBuf,
    /// Reverse proxies whose `X-Forwarded-For` names the client; none by default.
    pub trusted_proxies: TrustedProxies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/actioneer.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:9011";
pub const DEFAULT_LOCALES_DIR: &str = "locales";

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_vars(&std::env::vars().collect())
    }

    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Config, String> {
        let get = |name: &str| {
            vars.get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let bind = get("ACTIONEER_BIND").unwrap_or_else(|| DEFAULT_BIND.to_string());
        let log_format = match get("ACTIONEER_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(format!(
                    "ACTIONEER_LOG_FORMAT must be text or json, not {other:?}"
                ))
            }
        };
        let pool_size = match get("ACTIONEER_DB_POOL_SIZE") {
            None => 16,
            Some(v) => v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                format!("ACTIONEER_DB_POOL_SIZE must be a positive number, not {v:?}")
            })?,
        };
        let trusted_proxies =
            TrustedProxies::parse(&get("ACTIONEER_TRUSTED_PROXIES").unwrap_or_default())
                .map_err(|e| format!("ACTIONEER_TRUSTED_PROXIES: {e}"))?;
        Ok(Config {
            database_url: get("ACTIONEER_DATABASE_URL")
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            base_url: get("ACTIONEER_BASE_URL").unwrap_or_else(|| format!("http://{bind}")),
            bind,
            api_key: get("ACTIONEER_API_KEY"),
            smtp_url: get("ACTIONEER_SMTP_URL"),
            smtp_from: get("ACTIONEER_SMTP_FROM")
                .unwrap_or_else(|| "actioneer@localhost".to_string()),
            admin_email: get("ACTIONEER_ADMIN_EMAIL"),
            admin_password: get("ACTIONEER_ADMIN_PASSWORD"),
            log_format,
            pool_size,
            locales_dir: PathBuf::from(
                get("ACTIONEER_LOCALES_DIR").unwrap_or_else(|| DEFAULT_LOCALES_DIR.to_string()),
            ),
            trusted_proxies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors() {
        let config = Config::from_vars(&HashMap::new()).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.base_url, "http://127.0.0.1:9011");
        assert_eq!(config.locales_dir, PathBuf::from("locales"));
        let set: HashMap<String, String> = [(
            "ACTIONEER_LOCALES_DIR".to_string(),
            " /srv/actioneer/locales ".to_string(),
        )]
        .into();
        let config = Config::from_vars(&set).unwrap();
        assert_eq!(config.locales_dir, PathBuf::from("/srv/actioneer/locales"));
        let bad: HashMap<String, String> =
            [("ACTIONEER_LOG_FORMAT".to_string(), "xml".to_string())].into();
        assert!(Config::from_vars(&bad).is_err());
    }

    #[test]
    fn trusted_proxies() {
        let config = Config::from_vars(&HashMap::new()).unwrap();
        assert!(config.trusted_proxies.is_empty());
        let set: HashMap<String, String> = [(
            "ACTIONEER_TRUSTED_PROXIES".to_string(),
            "10.0.0.0/8, ::1".to_string(),
        )]
        .into();
        let config = Config::from_vars(&set).unwrap();
        assert!(config.trusted_proxies.contains("10.1.2.3".parse().unwrap()));
        assert!(config.trusted_proxies.contains("::1".parse().unwrap()));
        let bad: HashMap<String, String> = [(
            "ACTIONEER_TRUSTED_PROXIES".to_string(),
            "10.0.0.1, 10.0.0.0/40".to_string(),
        )]
        .into();
        let err = Config::from_vars(&bad).unwrap_err();
        assert!(err.starts_with("ACTIONEER_TRUSTED_PROXIES"), "{err}");
        assert!(err.contains("\"10.0.0.0/40\""), "{err}");
    }
}
