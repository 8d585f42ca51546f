//! The store's one error type, in the terms a handler can act on. Each engine maps its driver's
//! errors into it; nothing outside an engine sees a driver error.

use crate::BoxError;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database does not answer: the connection is lost, the pool timed out or is closed,
    /// the file cannot be opened. The API answers 503 and the next request tries again.
    #[error("the database is unavailable: {0}")]
    Unavailable(BoxError),
    /// A uniqueness rule refused the change: someone else wrote the same key first.
    #[error("the change conflicts with a stored one: {0}")]
    Conflict(BoxError),
    /// A stored value does not read as its type (an unknown enum name, a count out of range,
    /// malformed JSON). Never read as a default.
    #[error("a stored value does not read: {0}")]
    Corrupt(BoxError),
    /// Anything else the engine reports.
    #[error("the store failed: {0}")]
    Other(BoxError),
}

impl StoreError {
    /// A stored value in `column` that does not read.
    pub fn corrupt(column: &str, problem: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(format!("{column}: {problem}").into())
    }

    /// An error with only a message.
    pub fn other(message: impl Into<String>) -> StoreError {
        StoreError::Other(message.into().into())
    }

    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
