//! Use cases. Every public function takes the [`Actor`] who asks and returns
//! `Result<_, AppError>`; every permission is decided here, so the HTTP API
//! and the desktop commands can never disagree.

pub mod audit;
pub mod auth;
pub mod backups;
pub mod coupon_batches;
pub mod coupons;
pub mod customers;
pub mod demo;
pub mod demo_guard;
pub mod desktop;
pub mod devices;
pub mod error;
pub mod events;
pub mod feedback;
pub mod health;
pub mod images;
pub mod kitchen;
pub mod loyalty;
pub mod menu;
pub mod notifications;
pub mod orders;
pub mod printing;
pub mod reports;
pub mod settings;
pub mod setup;
pub mod shifts;
pub mod sync;
pub mod tables;
mod task;
pub mod users;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

pub use error::{AppError, AppResult, ErrorCode, NotFoundAs, StartError};
pub use events::Event;

use crate::config::Config;
use crate::domain::user::Role;
use crate::store::{Store, StoreError, StoreOptions};

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// No credentials.
    Anonymous,
    /// A signed-in user or paired device.
    User(Principal),
    /// The operator at the command line or the first-run setup.
    System,
    /// A guest at a table, from its QR code: may see the menu, order to
    /// that table and follow its own orders, nothing else.
    Guest(Guest),
}

/// A guest's session at a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub session_id: Uuid,
    pub table_id: Uuid,
    /// The table's name, as orders to it carry it.
    pub table: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: Uuid,
    pub role: Role,
    /// The login (refresh-token family) this access belongs to.
    pub family_id: Uuid,
}

impl Actor {
    pub fn role(&self) -> Option<Role> {
        match self {
            Actor::User(p) => Some(p.role),
            Actor::System => Some(Role::Admin),
            Actor::Anonymous | Actor::Guest(_) => None,
        }
    }

    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Actor::User(p) => Some(p.user_id),
            _ => None,
        }
    }

    /// Requires a signed-in actor with one of `roles` (the system may do anything).
    pub fn require(&self, roles: &[Role], what: &str) -> AppResult<Role> {
        if let Actor::Guest(_) = self {
            return Err(AppError::forbidden(format!("a guest may not {what}")));
        }
        match self.role() {
            None => Err(AppError::login_required()),
            Some(r) if matches!(self, Actor::System) || roles.contains(&r) => Ok(r),
            Some(r) => Err(AppError::forbidden(format!("a {r} may not {what}"))),
        }
    }
}

/// An id from a path or a command argument. Anything that is not a UUID
/// names nothing: 404 `no such {what}`.
pub fn parse_id(s: &str, what: &str) -> AppResult<Uuid> {
    Uuid::parse_str(s).map_err(|_| AppError::not_found(format!("no such {what}")))
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Lower-case hex of the SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// `#[serde(default = "crate::app::default_true")]`: a flag that is on
/// unless the request says otherwise.
pub(crate) fn default_true() -> bool {
    true
}

/// Source of time; tests may substitute a fixed clock.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;
impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Source of new ids (UUID v7, time-ordered).
pub trait IdGen: Send + Sync + 'static {
    fn new_id(&self) -> Uuid;
}

pub struct UuidV7;
impl IdGen for UuidV7 {
    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }
}

pub(crate) struct Inner {
    pub store: Store,
    pub config: Config,
    pub data_dir: PathBuf,
    pub clock: Box<dyn Clock>,
    pub ids: Box<dyn IdGen>,
    pub tz: chrono_tz::Tz,
    pub settings: RwLock<Arc<settings::ShopSettings>>,
    pub menu_cache: menu::MenuCache,
    pub events: events::EventBus,
    pub auth: auth::AuthState,
    pub printing: printing::Printing,
    pub backups: task::TaskSlot,
    pub pusher: task::TaskSlot,
    /// Turns events worth a look into notifications.
    pub notifier: task::TaskSlot,
    /// Uploaded pictures are decoded one at a time (memory, CPU).
    pub pictures: tokio::sync::Semaphore,
    /// Held while the app lives: `crema restore` waits for no one.
    _lock: crate::store::restore::DirLock,
}

/// The application: one cheap-to-clone handle built once at start.
#[derive(Clone)]
pub struct App {
    pub(crate) inner: Arc<Inner>,
}

impl App {
    /// Opens the store in `data_dir` (created if missing), runs migrations,
    /// and prepares keys and caches.
    pub fn open(data_dir: &Path, config: Config) -> Result<App, StartError> {
        Self::open_with(data_dir, config, Box::new(SystemClock), Box::new(UuidV7))
    }

    pub fn open_with(
        data_dir: &Path,
        config: Config,
        clock: Box<dyn Clock>,
        ids: Box<dyn IdGen>,
    ) -> Result<App, StartError> {
        config.validate()?;
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StartError::DataDir(data_dir.to_path_buf(), e))?;
        let lock = crate::store::restore::DirLock::shared(data_dir).map_err(StartError::Lock)?;
        let db = data_dir.join(crate::store::backup::DB_FILE);
        let store = Store::open(
            &db,
            StoreOptions {
                group_commit: config.group_commit,
                ..StoreOptions::default()
            },
        )
        .map_err(|e| match e {
            StoreError::Damaged(detail) => StartError::Damaged {
                path: db.clone(),
                detail,
                data_dir: data_dir.to_path_buf(),
                backups: config.backup_dir(data_dir),
            },
            other => other.into(),
        })?;
        let settings = store.read_blocking(crate::store::settings::all)?;
        let printer = printing::PrinterSettings::from_map(&settings);
        let station_printers = store.read_blocking(crate::store::printing::station_printers)?;
        let settings = settings::ShopSettings::from_map(&settings).map_err(StartError::Settings)?;
        let auth = auth::AuthState::new(data_dir, &config)?;
        Ok(App {
            inner: Arc::new(Inner {
                tz: config.tz(),
                store,
                data_dir: data_dir.to_path_buf(),
                clock,
                ids,
                settings: RwLock::new(Arc::new(settings)),
                menu_cache: menu::MenuCache::default(),
                events: events::EventBus::new(1024),
                auth,
                printing: printing::Printing::new(printer, station_printers),
                backups: task::TaskSlot::default(),
                pusher: task::TaskSlot::default(),
                notifier: task::TaskSlot::default(),
                pictures: tokio::sync::Semaphore::new(1),
                _lock: lock,
                config,
            }),
        })
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Now, to the microsecond: what the store keeps, so what a call
    /// answers is exactly what a later read returns.
    pub fn now(&self) -> DateTime<Utc> {
        use chrono::SubsecRound;
        self.inner.clock.now().trunc_subsecs(6)
    }

    pub fn new_id(&self) -> Uuid {
        self.inner.ids.new_id()
    }

    /// The shop's time zone: the one set in the shop settings, else the
    /// configuration's `timezone`.
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.settings().tz().unwrap_or(self.inner.tz)
    }

    /// The shop's calendar date at `t` (business days start at local midnight).
    pub fn business_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.time_zone()).date_naive()
    }

    pub fn settings(&self) -> Arc<settings::ShopSettings> {
        self.inner
            .settings
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Event> {
        self.inner.events.subscribe()
    }

    /// Stops the scheduled backups, finishes queued writes and closes the store.
    pub fn shutdown(&self) {
        self.inner.backups.stop();
        self.inner.pusher.stop();
        self.inner.notifier.stop();
        self.inner.store.close();
    }
}
