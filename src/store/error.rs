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
    /// Another table has this name.
    TableName,
}

/// Why the store cannot write just now. None of these is the fault of a
/// request; each passes when the operator fixes the disk, without a restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The disk holding the store is full.
    Full,
    /// The store's files or their file system refuse writes.
    ReadOnly,
    /// The disk failed to read or write (an I/O error).
    Unavailable,
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
    #[error("the store cannot write: {0:?}")]
    Fault(Fault),
    /// The write's closure panicked; nothing of it was written.
    #[error("the write panicked: {0}")]
    Panicked(String),
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

impl StoreError {
    /// The disk fault behind this error, if it is one.
    pub fn fault(&self) -> Option<Fault> {
        match self {
            StoreError::Fault(f) => Some(*f),
            StoreError::Sqlite(e) => fault_of(e),
            _ => None,
        }
    }
}

/// The disk fault SQLite reports with `e`, judged by its result code alone.
pub(super) fn fault_of(e: &rusqlite::Error) -> Option<Fault> {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code()? {
        C::DiskFull => Some(Fault::Full),
        C::ReadOnly => Some(Fault::ReadOnly),
        C::SystemIoFailure | C::CannotOpen => Some(Fault::Unavailable),
        _ => None,
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
