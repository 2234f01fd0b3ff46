//! Head office's use cases: owners and their sessions ([`auth`]), shops and
//! enrolment ([`shops`]), ingest of the shops' events ([`ingest`]), and the
//! owners' reports ([`reports`]). `Hq` is the one cheap-to-clone handle;
//! it keeps nothing another replica needs (all state is in the database).

pub mod analytics;
pub mod auth;
pub mod error;
pub mod ingest;
pub mod menu;
pub mod reports;
pub mod shops;

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use rand::RngCore;

pub use error::{HqCode, HqError, HqResult};

use super::config::HqConfig;
use super::store::Db;

/// Where the time comes from (a test may set its own).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct Hq {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    config: HqConfig,
    keys: auth::Keys,
    clock: Clock,
}

impl Hq {
    /// Opens (and migrates) the database the configuration names.
    pub async fn open(config: HqConfig) -> HqResult<Hq> {
        let url = config.database_url().map_err(HqError::invalid)?.to_string();
        let db = Db::open(&url, config.database_max_connections).await?;
        Hq::with_db(db, config, Arc::new(Utc::now)).await
    }

    pub async fn with_db(db: Db, config: HqConfig, clock: Clock) -> HqResult<Hq> {
        let keys = auth::Keys::load(&db, &config).await?;
        Ok(Hq {
            inner: Arc::new(Inner {
                db,
                config,
                keys,
                clock,
            }),
        })
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn config(&self) -> &HqConfig {
        &self.inner.config
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.inner.clock)()
    }

    /// Now, in the database's unit (unix microseconds).
    pub(crate) fn now_micros(&self) -> i64 {
        self.now().timestamp_micros()
    }

    pub async fn close(&self) {
        self.inner.db.close().await;
    }
}

/// `n` random bytes, base64url without padding.
pub(crate) fn random_token(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A time from the database (unix microseconds) as RFC 3339.
pub(crate) fn time(micros: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros)
}
