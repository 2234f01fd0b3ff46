//! The store's one error type: what happened, never what it means to a
//! client (the application layer decides that).

/// A write that would break a uniqueness or in-use rule of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// Another account has this username.
    Username,
    /// Another account has this PIN.
    Pin,
    /// Another customer has this e-mail address.
    Email,
    /// Another coupon has this code.
    CouponCode,
    /// A live pairing code with the same digits exists.
    PairingCode,
    /// The category still holds items.
    CategoryHasItems,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("database error")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed")]
    Migration(#[from] refinery::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// `PRAGMA quick_check` found the database file damaged.
    #[error("the database file is damaged: {0}")]
    Damaged(String),
    #[error("the commit failed: {0}")]
    Commit(String),
    #[error("the store is shut down")]
    Closed,
    #[error("file system error")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Maps SQLite's unique-constraint failure onto `Conflict`; `which`
    /// picks the conflict from the constraint SQLite names
    /// (`table.column`). Any other failure stays a database error.
    pub fn from_unique(e: rusqlite::Error, which: impl FnOnce(&str) -> Conflict) -> StoreError {
        match &e {
            rusqlite::Error::SqliteFailure(f, message)
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                StoreError::Conflict(which(message.as_deref().unwrap_or("")))
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
