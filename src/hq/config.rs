//! Head office's configuration: defaults < `CREMA_HQ_*` environment
//! variables < command-line flags. The shop's configuration skips every
//! `CREMA_HQ_*` variable, and this one reads only those.

use std::net::{IpAddr, SocketAddr};

use figment::providers::{Env, Serialized};
use figment::Figment;
use serde::{Deserialize, Serialize};

use crate::config::Secret;

/// The prefix of head office's environment variables.
pub const ENV_PREFIX: &str = "CREMA_HQ_";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct HqConfig {
    /// `postgres://…` or `mysql://…`.
    pub database_url: Option<Secret>,
    /// `redis://…`: rate limits shared by every replica using it.
    pub redis_url: Option<Secret>,
    /// Prefix of head office's keys in Redis (head offices sharing one
    /// Redis each take their own).
    pub redis_key_prefix: String,
    pub bind: SocketAddr,
    /// HS256 key for owners' access tokens; when unset, one is generated
    /// into the database once and shared by every replica.
    pub jwt_secret: Option<Secret>,
    pub access_token_minutes: u32,
    pub refresh_token_days: u32,
    /// Requests per minute per client IP, all routes.
    pub rate_limit_per_minute: u32,
    /// Requests per minute per client IP on `/api/auth/*` and enrolment.
    pub auth_rate_limit_per_minute: u32,
    /// Largest request body (JSON other than event batches), bytes.
    pub body_limit_bytes: usize,
    /// Largest event batch, bytes once decompressed.
    pub batch_limit_bytes: usize,
    /// Most events in one batch.
    pub batch_max_events: usize,
    /// Connections to the database, per replica.
    pub database_max_connections: u32,
    /// Peers (reverse proxies) whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for HqConfig {
    fn default() -> Self {
        HqConfig {
            database_url: None,
            redis_url: None,
            redis_key_prefix: "crema:hq".into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 8090)),
            jwt_secret: None,
            access_token_minutes: 15,
            refresh_token_days: 30,
            rate_limit_per_minute: 1200,
            auth_rate_limit_per_minute: 20,
            body_limit_bytes: 64 * 1024,
            batch_limit_bytes: 8 * 1024 * 1024,
            batch_max_events: 1000,
            database_max_connections: 10,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Values given on the command line; `None` keeps the lower layers' value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HqOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redis_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_rate_limit_per_minute: Option<u32>,
}

impl HqConfig {
    pub fn load(overrides: &HqOverrides) -> Result<HqConfig, String> {
        Self::from_figment(
            Figment::from(Serialized::defaults(HqConfig::default()))
                .merge(Env::prefixed(ENV_PREFIX))
                .merge(Serialized::defaults(overrides)),
        )
    }

    fn from_figment(f: Figment) -> Result<HqConfig, String> {
        let c: HqConfig = f
            .extract()
            .map_err(|e| format!("head office configuration: {e}"))?;
        c.validate()?;
        Ok(c)
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.rate_limit_per_minute == 0 || self.auth_rate_limit_per_minute == 0 {
            return Err("rate limits must be at least 1 per minute".into());
        }
        if self.access_token_minutes == 0 || self.refresh_token_days == 0 {
            return Err("token lifetimes must be positive".into());
        }
        if self.batch_max_events == 0 || self.batch_limit_bytes < 1024 {
            return Err("batch limits are too small".into());
        }
        if self.database_max_connections == 0 {
            return Err("database_max_connections must be at least 1".into());
        }
        if let Some(s) = &self.jwt_secret {
            if s.expose().len() < 32 {
                return Err("jwt_secret must be at least 32 characters".into());
            }
        }
        Ok(())
    }

    /// The database URL, or why there is none.
    pub fn database_url(&self) -> Result<&str, String> {
        self.database_url
            .as_ref()
            .map(Secret::expose)
            .ok_or_else(|| "give --database-url URL or set CREMA_HQ_DATABASE_URL".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)]
    fn flags_override_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("CREMA_HQ_DATABASE_URL", "postgres://env/db");
            jail.set_env("CREMA_HQ_AUTH_RATE_LIMIT_PER_MINUTE", "7");
            jail.set_env("CREMA_DATA_DIR", "/elsewhere");
            let c = HqConfig::load(&HqOverrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.database_url().unwrap(), "postgres://env/db");
            assert_eq!(c.auth_rate_limit_per_minute, 7);
            let flags = HqOverrides {
                database_url: Some("mysql://flag/db".into()),
                ..Default::default()
            };
            let c = HqConfig::load(&flags).map_err(|e| e.to_string())?;
            assert_eq!(c.database_url().unwrap(), "mysql://flag/db");
            jail.set_env("CREMA_HQ_NO_SUCH_THING", "1");
            assert!(HqConfig::load(&HqOverrides::default()).is_err());
            Ok(())
        });
    }
}
