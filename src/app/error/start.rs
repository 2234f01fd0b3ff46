//! Why the application could not start.

use super::AppError;
use crate::store::StoreError;

/// Why the application could not start: reported to the operator (the
/// console or the counter window) with its whole cause chain.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot create the data directory {}", .0.display())]
    DataDir(std::path::PathBuf, #[source] std::io::Error),
    #[error("cannot open the store")]
    Store(#[from] StoreError),
    /// The check at start found the store damaged: it is not served.
    #[error(
        "the store {} is damaged ({detail}), so Crema will not serve it. Restore the newest good \
         backup with `crema --data-dir {} restore FILE` (scheduled backups are in {}); the \
         damaged store is kept beside it",
        path.display(), data_dir.display(), backups.display()
    )]
    Damaged {
        path: std::path::PathBuf,
        detail: String,
        data_dir: std::path::PathBuf,
        backups: std::path::PathBuf,
    },
    /// A restore holds the data directory.
    #[error(transparent)]
    Lock(crate::store::backup::BackupError),
    #[error("the stored settings are not valid")]
    Settings(#[source] AppError),
    #[error("{} is shorter than 32 bytes; delete it to generate a new one", .0.display())]
    ShortSecret(std::path::PathBuf),
    #[error("cannot read or write the signing key {}", .0.display())]
    Secret(std::path::PathBuf, #[source] std::io::Error),
}

impl StartError {
    /// The message with every cause, for a person to act on.
    pub fn report(&self) -> String {
        crate::with_causes(self)
    }
}
