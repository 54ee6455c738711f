//! Runtime settings: `Leptos.toml` (or `$CRM_CONFIG`), each key overridable by environment.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub address: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub demo_data: bool,
    pub secure_cookies: bool,
    pub allowed_origins: String,
    pub session_days: i64,
    pub max_body_kb: usize,
    /// Largest file a file field accepts.
    pub max_file_mb: u64,
    /// Days a deleted item stays in the recycle bin before the server purges it.
    pub recycle_days: i64,
    /// Minutes without a request after which a session ends (besides `session_days`).
    pub idle_minutes: i64,
    /// The host names (with port, when not 80/443) browsers use to reach this server, comma
    /// separated. Requests naming another `Host` are refused (DNS rebinding). Empty: the
    /// listen address, `localhost` and `127.0.0.1` on its port, and the hosts of
    /// `allowed_origins`.
    pub public_hosts: String,
    /// Behind a reverse proxy: take the client's address from the last `X-Forwarded-For` entry
    /// (the one the proxy added) for sign-in throttling.
    pub trust_forwarded_for: bool,
    /// Files a user may have uploaded but not yet saved into an item.
    pub max_pending_uploads: i64,
    /// Sections a personal card view may have.
    pub max_personal_sections: usize,
    /// Earlier versions of a personal card view kept for "undo"; older ones are pruned.
    pub personal_versions_kept: i64,
    /// The installation's language (`en`, `ru`, `pt`, `it`): what a new installation seeds its
    /// catalogue and demo data in, and what people see before their browser or profile says
    /// otherwise.
    pub language: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            address: "127.0.0.1:3000".into(),
            data_dir: "data".into(),
            database_url: String::new(),
            demo_data: true,
            secure_cookies: false,
            allowed_origins: String::new(),
            session_days: 14,
            max_body_kb: 1024,
            max_file_mb: 10,
            recycle_days: 30,
            idle_minutes: 480,
            public_hosts: String::new(),
            trust_forwarded_for: false,
            max_pending_uploads: 50,
            max_personal_sections: 40,
            personal_versions_kept: 50,
            language: "en".into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0} is not valid: {1}")]
    Parse(PathBuf, toml::de::Error),
    #[error("{0} must be {1}, got {2:?}")]
    Env(&'static str, &'static str, String),
}

impl Config {
    /// Reads the file (absent is fine when it was not named explicitly), then the environment.
    pub fn load() -> Result<Config, ConfigError> {
        let named = std::env::var_os("CRM_CONFIG").map(PathBuf::from);
        let path = named.clone().unwrap_or_else(|| "Leptos.toml".into());
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| ConfigError::Parse(path.clone(), e))?,
            Err(e) if named.is_none() && e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => return Err(ConfigError::Read(path, e)),
        };
        config.apply_env(|k| std::env::var(k).ok())?;
        Ok(config)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn flag(name: &'static str, v: String) -> Result<bool, ConfigError> {
            match v.to_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(true),
                "0" | "false" | "no" | "off" => Ok(false),
                _ => Err(ConfigError::Env(name, "true or false", v)),
            }
        }
        if let Some(v) = var("CRM_ADDRESS") {
            self.address = v;
        }
        if let Some(v) = var("CRM_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = var("DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = var("CRM_DEMO_DATA") {
            self.demo_data = flag("CRM_DEMO_DATA", v)?;
        }
        if let Some(v) = var("CRM_SECURE_COOKIES") {
            self.secure_cookies = flag("CRM_SECURE_COOKIES", v)?;
        }
        if let Some(v) = var("CRM_ALLOWED_ORIGINS") {
            self.allowed_origins = v;
        }
        if let Some(v) = var("CRM_SESSION_DAYS") {
            self.session_days = v.parse().map_err(|_| ConfigError::Env("CRM_SESSION_DAYS", "a number of days", v))?;
        }
        if let Some(v) = var("CRM_MAX_BODY_KB") {
            self.max_body_kb =
                v.parse().map_err(|_| ConfigError::Env("CRM_MAX_BODY_KB", "a number of kilobytes", v))?;
        }
        if let Some(v) = var("CRM_MAX_FILE_MB") {
            self.max_file_mb =
                v.parse().map_err(|_| ConfigError::Env("CRM_MAX_FILE_MB", "a number of megabytes", v))?;
        }
        if let Some(v) = var("CRM_RECYCLE_DAYS") {
            self.recycle_days = v.parse().map_err(|_| ConfigError::Env("CRM_RECYCLE_DAYS", "a number of days", v))?;
        }
        if let Some(v) = var("CRM_IDLE_MINUTES") {
            self.idle_minutes =
                v.parse().map_err(|_| ConfigError::Env("CRM_IDLE_MINUTES", "a number of minutes", v))?;
        }
        if let Some(v) = var("CRM_LANGUAGE") {
            self.language = v;
        }
        if crate::i18n::Lang::from_code(&self.language).is_none() {
            return Err(ConfigError::Env("language (CRM_LANGUAGE)", "one of en, ru, pt, it", self.language.clone()));
        }
        if let Some(v) = var("CRM_PUBLIC_HOSTS") {
            self.public_hosts = v;
        }
        if let Some(v) = var("CRM_TRUST_FORWARDED_FOR") {
            self.trust_forwarded_for = flag("CRM_TRUST_FORWARDED_FOR", v)?;
        }
        if let Some(v) = var("CRM_MAX_PENDING_UPLOADS") {
            self.max_pending_uploads =
                v.parse().map_err(|_| ConfigError::Env("CRM_MAX_PENDING_UPLOADS", "a number of files", v))?;
        }
        if let Some(v) = var("CRM_MAX_PERSONAL_SECTIONS") {
            self.max_personal_sections =
                v.parse().map_err(|_| ConfigError::Env("CRM_MAX_PERSONAL_SECTIONS", "a number of sections", v))?;
        }
        if let Some(v) = var("CRM_PERSONAL_VERSIONS_KEPT") {
            self.personal_versions_kept =
                v.parse().map_err(|_| ConfigError::Env("CRM_PERSONAL_VERSIONS_KEPT", "a number of versions", v))?;
        }
        Ok(())
    }

    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.max(1) * 1024 * 1024
    }

    pub fn socket_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.address
            .parse()
            .map_err(|_| ConfigError::Env("CRM_ADDRESS", "host:port, e.g. 127.0.0.1:3000", self.address.clone()))
    }

    /// `DATABASE_URL`, or the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!("sqlite://{}?mode=rwc", self.data_dir.join("crm.db").display())
        } else {
            self.database_url.trim().to_string()
        }
    }

    /// How long a session may go without a request, in milliseconds.
    pub fn idle_ms(&self) -> i64 {
        self.idle_minutes.max(1) * 60_000
    }

    /// The installation's language.
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_code(&self.language).unwrap_or_default()
    }

    /// The `Host` values requests may name, as [`normal_host`] writes them (see `public_hosts`).
    pub fn public_hosts(&self) -> Vec<String> {
        let named: Vec<String> = self.public_hosts.split(',').map(normal_host).filter(|s| !s.is_empty()).collect();
        if !named.is_empty() {
            return named;
        }
        let mut hosts = Vec::new();
        if let Ok(addr) = self.socket_addr() {
            let port = addr.port();
            if !addr.ip().is_unspecified() {
                hosts.push(addr.to_string());
            }
            hosts.extend([format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")]);
        }
        for origin in self.allowed_origins() {
            if let Some((_, authority)) = origin.split_once("://") {
                hosts.push(authority.to_string());
            }
        }
        hosts.iter().map(|h| normal_host(h)).collect()
    }

    pub fn allowed_origins(&self) -> Vec<String> {
        self.allowed_origins
            .split(',')
            .map(|s| s.trim().trim_end_matches('/').to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// A `Host` value as compared: lower case, without the default ports browsers leave out.
pub fn normal_host(host: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    match host.strip_suffix(":80").or_else(|| host.strip_suffix(":443")) {
        Some(bare) => bare.to_string(),
        None => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_file() {
        let mut c: Config = toml::from_str("address = \"0.0.0.0:80\"\ndemo_data = true").unwrap_or_default();
        c.apply_env(|k| match k {
            "CRM_ADDRESS" => Some("127.0.0.1:4000".into()),
            "CRM_DEMO_DATA" => Some("false".into()),
            _ => None,
        })
        .ok();
        assert_eq!(c.address, "127.0.0.1:4000");
        assert!(!c.demo_data);
    }

    #[test]
    fn a_bad_flag_is_refused_with_its_name() {
        let mut c = Config::default();
        let err = c.apply_env(|k| (k == "CRM_DEMO_DATA").then(|| "maybe".to_string()));
        assert!(err.is_err_and(|e| e.to_string().contains("CRM_DEMO_DATA")));
    }

    #[test]
    fn public_hosts_default_to_the_listen_address_and_localhost() {
        let c = Config { address: "0.0.0.0:8080".into(), ..Config::default() };
        assert_eq!(c.public_hosts(), vec!["localhost:8080", "127.0.0.1:8080", "[::1]:8080"]);
        let c = Config {
            address: "10.0.0.5:80".into(),
            allowed_origins: "https://CRM.example.com".into(),
            ..Config::default()
        };
        assert_eq!(c.public_hosts(), vec!["10.0.0.5", "localhost", "127.0.0.1", "[::1]", "crm.example.com"]);
        let c = Config { public_hosts: " CRM.example.com , crm.internal:3000".into(), ..c };
        assert_eq!(c.public_hosts(), vec!["crm.example.com", "crm.internal:3000"]);
    }

    #[test]
    fn an_unknown_key_in_the_file_is_an_error() {
        assert!(toml::from_str::<Config>("adress = \"x\"").is_err());
    }

    #[test]
    fn the_default_database_is_a_sqlite_file_in_the_data_dir() {
        let c = Config { data_dir: "/var/lib/crm".into(), ..Config::default() };
        assert_eq!(c.database_url(), "sqlite:///var/lib/crm/crm.db?mode=rwc");
        assert_eq!(
            Config { allowed_origins: " https://a.example/ ,".into(), ..c }.allowed_origins(),
            vec!["https://a.example"]
        );
    }
}
