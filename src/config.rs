//! Typed configuration, layered: defaults < `crema.toml` in the data dir <
//! `CREMA_*` environment variables < command-line flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// A secret string whose `Debug` never shows it.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address the LAN server listens on.
    pub bind: SocketAddr,
    /// Requests per minute per client IP, all routes.
    pub rate_limit_per_minute: u32,
    /// Requests per minute per client IP on `/api/auth/*` and registration.
    pub auth_rate_limit_per_minute: u32,
    /// HS256 signing key for access tokens; generated into the data dir when unset.
    pub jwt_secret: Option<Secret>,
    pub access_token_minutes: u32,
    pub refresh_token_days: u32,
    /// Failed PIN logins from one device before PIN login locks.
    pub pin_max_failures: u32,
    pub pin_lockout_seconds: u32,
    /// Unpaid orders one customer account may have open at once.
    pub customer_open_orders_max: u32,
    /// Unpaid orders one paired kiosk may have open at once.
    pub kiosk_open_orders_max: u32,
    /// Unpaid orders guests may have open at one table at once (more: 429).
    pub table_open_orders_max: u32,
    /// How long a guest's session from a table's QR code lasts.
    pub guest_session_minutes: u32,
    /// Commit queued writes together (each still answered after its commit).
    pub group_commit: bool,
    /// IANA time zone of the shop: business days and report hours.
    pub timezone: String,
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// Longest a request may take before it is answered 408: a read (GET,
    /// HEAD) from start to answer; any request's body after its headers (a
    /// body trickled slower is cut off). Headers taking longer close the
    /// connection.
    pub request_timeout_seconds: u64,
    /// Open connections at once from one client IP (IPv6: one /64); more
    /// are closed at once.
    pub max_connections_per_ip: u32,
    /// Open connections at once in all; more are closed at once.
    pub max_connections: u32,
    /// Live event streams (`/api/events`) one account or device may hold
    /// open at once; one more is answered 429 `too_many_streams`.
    pub max_event_streams_per_user: u32,
    /// Start `crema serve` on a network address although accounts still
    /// have the published demo logins (a loud warning is printed).
    pub allow_demo_on_lan: bool,
    /// Desktop app: where to look for updates (a Tauri updater manifest URL);
    /// updates are off unless this and `update_pubkey` are set.
    pub update_endpoint: Option<String>,
    /// Desktop app: the minisign public key (base64, as printed by
    /// `tauri signer generate`) that update packages must be signed with.
    pub update_pubkey: Option<String>,
    /// Where scheduled backups go; relative paths are inside the data
    /// directory. Default: `<data dir>/backups`.
    pub backup_dir: Option<PathBuf>,
    /// Minutes between scheduled backups while Crema runs; 0 turns them off.
    pub backup_interval_minutes: u32,
    /// Scheduled backups kept; the oldest beyond this are deleted.
    pub backup_keep: u32,
    /// Seconds between pushes to head office while events wait (an enrolled
    /// shop only); failures back off from here up to five minutes.
    pub sync_interval_seconds: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            rate_limit_per_minute: 1200,
            auth_rate_limit_per_minute: 20,
            jwt_secret: None,
            access_token_minutes: 15,
            refresh_token_days: 30,
            pin_max_failures: 5,
            pin_lockout_seconds: 300,
            customer_open_orders_max: 3,
            kiosk_open_orders_max: 30,
            table_open_orders_max: 3,
            guest_session_minutes: 180,
            group_commit: true,
            timezone: "UTC".into(),
            body_limit_bytes: 64 * 1024,
            request_timeout_seconds: 30,
            // A café has a few dozen devices; a tablet's browser opens ~6.
            max_connections_per_ip: 64,
            // Lowered at start to what the open-files limit leaves (see
            // `http::conn`), so the store and printer always get a file.
            max_connections: 1024,
            max_event_streams_per_user: 8,
            allow_demo_on_lan: false,
            update_endpoint: None,
            update_pubkey: None,
            backup_dir: None,
            // Hourly: a backup of a café's store takes well under a second
            // and never holds up a sale, and an hour is the most a dead disk
            // can take (the paper receipts and Z reports cover that hour).
            backup_interval_minutes: 60,
            // Two days of hourly copies, a few MB each.
            backup_keep: 48,
            sync_interval_seconds: 5,
        }
    }
}

/// Values given on the command line; `None` leaves the lower layers' value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_rate_limit_per_minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_commit: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_demo_on_lan: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Invalid(String),
}

pub const FILE_NAME: &str = "crema.toml";

impl Config {
    /// Loads the layered configuration for `data_dir`.
    pub fn load(data_dir: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        Self::load_from(Config::default(), data_dir, overrides)
    }

    /// As [`Config::load`], over other defaults (the desktop app listens on
    /// all interfaces unless told otherwise).
    pub fn load_from(
        defaults: Config,
        data_dir: &Path,
        overrides: &Overrides,
    ) -> Result<Config, ConfigError> {
        Self::from_figment(
            Figment::from(Serialized::defaults(defaults))
                .merge(Toml::file(data_dir.join(FILE_NAME)))
                .merge(
                    Env::prefixed("CREMA_")
                        .ignore(&["data_dir", "log"])
                        // Head office's own (`crema hq`) and the test
                        // suites' database URLs are not the shop's.
                        .filter(|k| !k.starts_with("hq_") && !k.starts_with("test_")),
                )
                .merge(Serialized::defaults(overrides)),
        )
    }

    fn from_figment(f: Figment) -> Result<Config, ConfigError> {
        let c: Config = f
            .extract()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        c.validate()?;
        Ok(c)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |m: &str| Err(ConfigError::Invalid(m.to_string()));
        if self.rate_limit_per_minute == 0 || self.auth_rate_limit_per_minute == 0 {
            return bad("rate limits must be at least 1 per minute");
        }
        if self.access_token_minutes == 0 || self.refresh_token_days == 0 {
            return bad("token lifetimes must be positive");
        }
        if self.pin_max_failures == 0 {
            return bad("pin_max_failures must be at least 1");
        }
        if self.body_limit_bytes < 1024 {
            return bad("body_limit_bytes must be at least 1024");
        }
        if self.request_timeout_seconds == 0 {
            return bad("request_timeout_seconds must be positive");
        }
        if self.max_connections == 0 || self.max_connections_per_ip == 0 {
            return bad("max_connections and max_connections_per_ip must be at least 1");
        }
        if self.max_event_streams_per_user == 0 {
            return bad("max_event_streams_per_user must be at least 1");
        }
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(ConfigError::Invalid(format!(
                "timezone {:?} is not an IANA time zone such as Europe/Berlin",
                self.timezone
            )));
        }
        if let Some(u) = &self.update_endpoint {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                return bad("update_endpoint must be an http(s) URL");
            }
        }
        if !(1..=3600).contains(&self.sync_interval_seconds) {
            return bad("sync_interval_seconds must be 1 to 3600");
        }
        if self.backup_keep == 0 {
            return bad("backup_keep must be at least 1 (turn backups off with backup_interval_minutes = 0)");
        }
        if self
            .backup_dir
            .as_ref()
            .is_some_and(|d| d.as_os_str().is_empty())
        {
            return bad("backup_dir must not be empty");
        }
        if let Some(s) = &self.jwt_secret {
            if s.expose().len() < 32 {
                return bad("jwt_secret must be at least 32 characters");
            }
        }
        Ok(())
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// Where scheduled backups of the store in `data_dir` go.
    pub fn backup_dir(&self, data_dir: &Path) -> PathBuf {
        match &self.backup_dir {
            Some(d) => data_dir.join(d),
            None => data_dir.join("backups"),
        }
    }
}

/// The default data directory: `./data`.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)]
    fn layers_apply_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                FILE_NAME,
                "rate_limit_per_minute = 50\ntimezone = \"Europe/Berlin\"\n",
            )?;
            jail.set_env("CREMA_RATE_LIMIT_PER_MINUTE", "70");
            jail.set_env("CREMA_AUTH_RATE_LIMIT_PER_MINUTE", "7");
            let flags = Overrides {
                auth_rate_limit_per_minute: Some(3),
                ..Default::default()
            };
            let c = Config::load(jail.directory(), &flags).map_err(|e| e.to_string())?;
            assert_eq!(c.rate_limit_per_minute, 70);
            assert_eq!(c.auth_rate_limit_per_minute, 3);
            assert_eq!(c.timezone, "Europe/Berlin");
            assert_eq!(c.access_token_minutes, 15);
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn backup_settings_come_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            let c =
                Config::load(jail.directory(), &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!((c.backup_interval_minutes, c.backup_keep), (60, 48));
            assert_eq!(c.backup_dir(Path::new("/d")), Path::new("/d/backups"));
            jail.create_file(FILE_NAME, "backup_dir = \"copies\"\nbackup_keep = 5\n")?;
            jail.set_env("CREMA_BACKUP_INTERVAL_MINUTES", "0");
            let c =
                Config::load(jail.directory(), &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!((c.backup_interval_minutes, c.backup_keep), (0, 5));
            assert_eq!(c.backup_dir(Path::new("/d")), Path::new("/d/copies"));
            jail.set_env("CREMA_BACKUP_DIR", "/mnt/usb/crema");
            let c =
                Config::load(jail.directory(), &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.backup_dir(Path::new("/d")), Path::new("/mnt/usb/crema"));
            jail.set_env("CREMA_BACKUP_KEEP", "0");
            let e = Config::load(jail.directory(), &Overrides::default()).unwrap_err();
            assert!(e.to_string().contains("backup_keep"), "{e}");
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn bad_files_give_clear_errors() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(FILE_NAME, "rate_limit_per_minut = 50\n")?;
            let e = Config::load(jail.directory(), &Overrides::default()).unwrap_err();
            assert!(e.to_string().contains("rate_limit_per_minut"), "{e}");
            jail.create_file(FILE_NAME, "timezone = \"Mars/Olympus\"\n")?;
            let e = Config::load(jail.directory(), &Overrides::default()).unwrap_err();
            assert!(e.to_string().contains("Mars/Olympus"), "{e}");
            jail.create_file(FILE_NAME, "rate_limit_per_minute = \"many\"\n")?;
            assert!(Config::load(jail.directory(), &Overrides::default()).is_err());
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn head_office_and_test_variables_are_not_the_shops() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("CREMA_HQ_DATABASE_URL", "postgres://x/y");
            jail.set_env("CREMA_TEST_MYSQL_URL", "mysql://root@x/test");
            let c =
                Config::load(jail.directory(), &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.rate_limit_per_minute, 1200);
            jail.set_env("CREMA_NO_SUCH_SETTING", "1");
            assert!(Config::load(jail.directory(), &Overrides::default()).is_err());
            Ok(())
        });
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let c = Config {
            jwt_secret: Some(Secret::new("x".repeat(40))),
            ..Config::default()
        };
        assert!(!format!("{c:?}").contains("xxxx"));
    }
}
